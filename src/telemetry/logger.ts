/**
 * Structured logs (pino) on stderr: human-readable on a TTY, JSON lines otherwise. Standard output is kept
 * for the one-line JSON results that commands print. SHIVA_LOG_LEVEL sets the level (default info);
 * SHIVA_LOG_FILE sends the logs to a file instead (what a Unity player's -logFile does).
 *
 * On a TTY each entry is one line printed above the progress lines (terminal.ts): info lines show their message
 * alone, warnings and errors their fields too, on the same line; at debug level every entry shows all its
 * fields. Colour unless NO_COLOR is set.
 */
import { pino, destination, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { stderrStatusArea, type StatusArea } from './terminal.js';

export type { Logger };

let root: Logger | null = null;

export function rootLogger(): Logger {
  if (root) return root;
  const level = process.env.SHIVA_LOG_LEVEL || 'info'; // unset or empty: info
  const file = process.env.SHIVA_LOG_FILE;
  if (file) {
    root = pino({ level, base: undefined }, destination({ dest: file, sync: true, mkdir: true }));
    return root;
  }
  const area = stderrStatusArea();
  root = area !== null ? pino({ level }, terminalDestination(area, () => root?.isLevelEnabled('debug') ?? false)) : pino({ level, base: undefined }, destination({ fd: 2, sync: true }));
  return root;
}

/** pino's destination on a terminal: each entry prettified and written above the status lines. */
function terminalDestination(area: StatusArea, debug: () => boolean): { write(line: string): void } {
  const common = { colorize: area.color, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,component' };
  const brief = prettyFactory({ ...common, hideObject: true });
  const oneLine = prettyFactory({ ...common, singleLine: true });
  const detailed = prettyFactory({ ...common, ignore: 'pid,hostname' });
  return {
    write(line: string) {
      let entry: { level?: number };
      try {
        entry = JSON.parse(line) as { level?: number };
      } catch {
        area.log(line.endsWith('\n') ? line : `${line}\n`);
        return;
      }
      const text = debug() ? detailed(entry) : (entry.level ?? 30) <= 30 ? brief(entry) : oneLine(entry);
      area.log(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}

export function createLogger(component: string): Logger {
  return rootLogger().child({ component });
}

/** A logger that drops everything (tests, and library use without logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
