/**
 * Structured logs (pino) on stderr: human-readable on a TTY, JSON lines otherwise. Standard output is kept
 * for the one-line JSON results that commands print. SHIVA_LOG_LEVEL sets the level (default info);
 * SHIVA_LOG_FILE sends the logs to a file instead (what a Unity player's -logFile does).
 */
import { pino, destination, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

let root: Logger | null = null;

export function rootLogger(): Logger {
  if (root) return root;
  const level = process.env.SHIVA_LOG_LEVEL ?? 'info';
  const file = process.env.SHIVA_LOG_FILE;
  if (file) {
    root = pino({ level, base: undefined }, destination({ dest: file, sync: true, mkdir: true }));
    return root;
  }
  root = process.stderr.isTTY
    ? pino({ level }, pretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l' }))
    : pino({ level, base: undefined }, destination({ fd: 2, sync: true }));
  return root;
}

export function createLogger(component: string): Logger {
  return rootLogger().child({ component });
}

/** A logger that drops everything (tests, and library use without logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
