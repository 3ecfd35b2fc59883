/**
 * Parsers for command-line values that fail with the option's name, what was expected and what came.
 */
import { InvalidArgumentError } from 'commander';

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer in ${min}..${max}, got "${value}"`);
    return n;
  };
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number ≥ 0, got "${value}"`);
  return n;
}

/** A number above `min` (exclusive) or at least `min` (inclusive). */
export function number(min: number, { exclusive = false } = {}) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || (exclusive && n === min)) throw new InvalidArgumentError(`expected a number ${exclusive ? '>' : '≥'} ${min}, got "${value}"`);
    return n;
  };
}

/**
 * mlagents-learn's `--env-args` takes the rest of the command line (argparse.REMAINDER), dashes and all, for the
 * executable. Cut it off before the flags are parsed, and Unity's player flags are stripped, and hand it back as one
 * JSON-encoded value of `--env-args` (read back with {@link envArgsValue}).
 */
export function splitEnvArgs(argv: readonly string[]): string[] {
  const at = argv.indexOf('--env-args');
  if (at < 0) return [...argv];
  return [...argv.slice(0, at), '--env-args', JSON.stringify(argv.slice(at + 1))];
}

export function envArgsValue(value: string): string[] {
  try {
    const list: unknown = JSON.parse(value);
    if (Array.isArray(list) && list.every((v) => typeof v === 'string')) return list;
  } catch {
    // fall through
  }
  throw new InvalidArgumentError(`expected the arguments after --env-args, got ${JSON.stringify(value)}`);
}

/** Seconds on the command line; 0 means "never time out". */
export function timeoutMs(seconds: number): number | null {
  return seconds === 0 ? null : Math.round(seconds * 1000);
}

/**
 * Unity players take single-dash flags (-batchmode, -nographics, -logFile PATH) that a launcher passes to any
 * executable; the stand-in accepts them so that it can be launched in a Unity build's place, and, like a
 * player, writes its log to the -logFile path.
 */
export function stripUnityPlayerFlags(argv: readonly string[]): { argv: string[]; logFile: string | null } {
  const out: string[] = [];
  let logFile: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-batchmode' || arg === '-nographics') continue;
    if (arg === '-logFile') {
      logFile = argv[++i] ?? null;
      continue;
    }
    out.push(arg);
  }
  return { argv: out, logFile };
}
