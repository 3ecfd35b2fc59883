/**
 * The state of one parse: the file name for messages, the warnings collected so far, and the line of every value
 * read from the file (kept in the RunConfig so later checks can point at the file too).
 *
 * Every message has one shape: `FILE:LINE: KEY.PATH: expected WHAT, got WHAT-CAME`. A value set on the command
 * line is named by its flag instead (`--num-envs (command line, env_settings.num_envs): ...`) and is a usage
 * error, not a config error.
 */
import { ShivaError } from '../core/errors.js';
import type { Origin } from './source-tree.js';

export class ConfigContext {
  readonly warnings: string[] = [];
  /** Key path (as read, e.g. `behaviors.CartPole.hyperparameters.batch_size`) → 1-based line in the file. */
  readonly lines = new Map<string, number>();

  constructor(readonly file: string) {}

  /** `FILE:LINE: PATH`, or the flag that set it; a value merged from elsewhere says where it was written. */
  where(origin: Origin, path: string): string {
    const shown = path === '' ? '(top level)' : path;
    switch (origin.kind) {
      case 'file':
        return `${this.file}:${origin.line}: ${shown}${mergedFrom(origin.path, path) ? ` (set at ${origin.path})` : ''}`;
      case 'cli':
        return `${origin.flag} (command line, ${shown})`;
      case 'none':
        return `${this.file}: ${shown}`;
    }
  }

  /** Throws the error for `path`: SHIVA_ERR_USAGE when the command line set it, SHIVA_ERR_CONFIG otherwise. */
  fail(origin: Origin, path: string, message: string): never {
    throw new ShivaError(origin.kind === 'cli' ? 'SHIVA_ERR_USAGE' : 'SHIVA_ERR_CONFIG', `${this.where(origin, path)}: ${message}`);
  }

  expected(origin: Origin, path: string, expected: string, got: string): never {
    return this.fail(origin, path, `expected ${expected}, got ${got}`);
  }

  warn(origin: Origin, path: string, message: string): void {
    this.warnings.push(`${this.where(origin, path)}: ${message}`);
  }

  record(path: string, origin: Origin): void {
    if (origin.kind === 'file') this.lines.set(path, origin.line);
  }
}

/**
 * True when a value read at `path` was written at `written`, elsewhere in the file (default_settings laid under a
 * behavior). A parent of `path` is not elsewhere: that is where a missing key is reported.
 */
function mergedFrom(written: string, path: string): boolean {
  return written !== '' && written !== path && !path.startsWith(`${written}.`) && !path.startsWith(`${written}[`);
}
