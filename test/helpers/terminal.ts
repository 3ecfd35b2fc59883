/**
 * The compiled CLI under a real pseudo-terminal of a given size (util-linux `script`, as a person's terminal
 * would run it), and the screen its output leaves, read by a headless xterm.js (@xterm/headless) that interprets
 * every escape sequence: cursor movement, erasing, colours, wrapping at the width.
 */
import { spawn, spawnSync } from 'node:child_process';
import xterm from '@xterm/headless';
import { cliMain } from './paths.js';

/** Why a terminal test cannot run here (no `script`), or false. */
export function needsScript(): string | false {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0 ? false : 'needs util-linux script (Debian package bsdutils) for a pseudo-terminal';
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface TerminalRun {
  readonly code: number | null;
  /** Everything the terminal received (stdout and stderr: both are the terminal), escape sequences included. */
  readonly raw: string;
}

/** Runs `shiva ARGS` in a pseudo-terminal `cols` × `rows`, in `cwd`, with `env` added. */
export function runInTerminal(args: readonly string[], options: { cols: number; rows?: number; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<TerminalRun> {
  const rows = options.rows ?? 40;
  const command = `stty cols ${options.cols} rows ${rows}; exec ${[process.execPath, cliMain, ...args].map(shellWord).join(' ')}`;
  // -q quiet, -f flush at once, -e the command's exit status, -c the command; the typescript goes nowhere.
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, SHIVA_LOG_LEVEL: 'info', TERM: 'xterm-256color', ...options.env },
  });
  let raw = '';
  child.stdout.on('data', (c: Buffer) => (raw += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (raw += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, raw });
    }),
  );
}

export interface ScreenLine {
  readonly text: string;
  /** The line continues the one above it (the terminal wrapped a longer line). */
  readonly wrapped: boolean;
}

/** Every line the output leaves on a `cols`-wide terminal, scrollback included, trailing blank lines dropped. */
export function screenOf(raw: string, cols: number, rows = 40): Promise<ScreenLine[]> {
  // convertEol: a bare \n also returns the carriage, as a pseudo-terminal's line discipline (onlcr) makes it.
  const term = new xterm.Terminal({ cols, rows, scrollback: 10_000, allowProposedApi: true, convertEol: true });
  return new Promise((resolve) =>
    term.write(raw, () => {
      const buffer = term.buffer.active;
      const lines: ScreenLine[] = [];
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i)!;
        lines.push({ text: line.translateToString(true), wrapped: line.isWrapped });
      }
      while (lines.length > 0 && lines[lines.length - 1]!.text === '') lines.pop();
      term.dispose();
      resolve(lines);
    }),
  );
}

/** The screen as text, framed (for diagnostics and reports). */
export function drawScreen(lines: readonly ScreenLine[], cols: number): string {
  const edge = `+${'-'.repeat(cols)}+`;
  return [edge, ...lines.map((l) => `|${l.text.padEnd(cols)}|`), edge].join('\n');
}
