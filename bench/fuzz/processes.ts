/**
 * Child processes of the fuzz bench and its tests: the compiled CLI and the hosts, with their peak memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const cliMain = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
export const trainerHost = fileURLToPath(new URL('./trainer-host.js', import.meta.url));
export const standInHost = fileURLToPath(new URL('./standin-host.js', import.meta.url));

/** Environment for a child that reports its peak RSS on exit (`shiva-peak-rss-kb N` on stderr). */
export function peakRssEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const hook = `--import=${pathToFileURL(fileURLToPath(new URL('./peak-rss.js', import.meta.url))).href}`;
  return { ...process.env, SHIVA_LOG_LEVEL: 'warn', ...extra, NODE_OPTIONS: [process.env.NODE_OPTIONS, hook].filter(Boolean).join(' ') };
}

/** The peak RSS a child reported on exit, in MB; null if it wrote none (it aborted or was killed). */
export function reportedPeakMb(stderr: string): number | null {
  const m = /shiva-peak-rss-kb (\d+)/.exec(stderr);
  return m ? Math.round(Number(m[1]) / 1024) : null;
}

/** The running peak RSS of a live process from /proc (Linux), in MB; null where /proc is not there. */
export function procPeakMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export interface Exited {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From its own report on exit, else the last /proc reading. */
  readonly peakRssMb: number | null;
}

export interface Child {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<Exited>;
}

/** `node SCRIPT ARGS` (or the CLI with `cli: true`) with its peak RSS reported; output collected. */
export function spawnNode(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: peakRssEnv(env) });
  let stdout = '';
  let stderr = '';
  let lastPeak: number | null = null;
  const poll = setInterval(() => (lastPeak = procPeakMb(child.pid) ?? lastPeak), 50);
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<Exited>((resolve) =>
    child.once('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, peakRssMb: reportedPeakMb(stderr) ?? lastPeak });
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves with the first match of `pattern` in what `read` returns, polling; rejects after `ms`. */
export async function waitFor(read: () => string, pattern: RegExp, ms: number, what: string): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(read());
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}; got: ${read().slice(-500)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
