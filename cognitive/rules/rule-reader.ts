/**
 * Typed reads of a rule file's plain value, each failing with file, line, field, what was expected and what
 * came. Validators call these instead of checking types by hand.
 */
import { CognitiveError } from '../errors.js';
import { type Pattern, parsePattern } from './pattern.js';
import { type Path, RuleFileContext } from './rule-file-context.js';

export type PlainMap = Record<string, unknown>;

export class RuleReader {
  constructor(readonly ctx: RuleFileContext) {}

  isMap(v: unknown): v is PlainMap {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  /** A map whose keys are all in `known`; `required` keys must be present. */
  map(path: Path, v: unknown, known: readonly string[], required: readonly string[] = []): PlainMap {
    if (!this.isMap(v)) return this.ctx.expected(path, `a map with keys ${known.join(', ')}`, v);
    for (const k of Object.keys(v)) if (!known.includes(k)) this.ctx.unknownKey(path, k, known);
    for (const k of required) if (v[k] === undefined) this.ctx.fail('COG_RULES_INVALID', path, `missing required key "${k}"`);
    return v;
  }

  /** A map with arbitrary (name) keys. */
  namedMap(path: Path, v: unknown, what: string): PlainMap {
    if (!this.isMap(v)) return this.ctx.expected(path, `a map of ${what} by name`, v);
    return v;
  }

  list(path: Path, v: unknown, what: string): unknown[] {
    if (!Array.isArray(v)) return this.ctx.expected(path, `a list of ${what}`, v);
    return v;
  }

  /** A list, or a single item standing for a list of one. */
  listOrOne(v: unknown): unknown[] {
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  }

  string(path: Path, v: unknown, what = 'text'): string {
    if (typeof v !== 'string' || v === '') return this.ctx.expected(path, what, v);
    return v;
  }

  number(path: Path, v: unknown, opts: { min?: number; max?: number; integer?: boolean; below?: number; above?: number } = {}): number {
    const want = [
      opts.integer === true ? 'an integer' : 'a number',
      opts.min !== undefined ? `>= ${opts.min}` : '',
      opts.above !== undefined ? `> ${opts.above}` : '',
      opts.max !== undefined ? `<= ${opts.max}` : '',
      opts.below !== undefined ? `< ${opts.below}` : '',
    ].filter((s) => s !== '').join(' ');
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.ctx.expected(path, want, v);
    if (opts.integer === true && !Number.isInteger(v)) return this.ctx.expected(path, want, v);
    if (opts.min !== undefined && v < opts.min) return this.ctx.expected(path, want, v);
    if (opts.max !== undefined && v > opts.max) return this.ctx.expected(path, want, v);
    if (opts.above !== undefined && !(v > opts.above)) return this.ctx.expected(path, want, v);
    if (opts.below !== undefined && !(v < opts.below)) return this.ctx.expected(path, want, v);
    return v;
  }

  boolean(path: Path, v: unknown): boolean {
    if (typeof v !== 'boolean') return this.ctx.expected(path, 'true or false', v);
    return v;
  }

  oneOf<T extends string>(path: Path, v: unknown, options: readonly T[]): T {
    if (typeof v !== 'string') return this.ctx.expected(path, `one of ${options.join(', ')}`, v);
    if (!(options as readonly string[]).includes(v)) return this.ctx.unknownName(path, 'value', v, options);
    return v as T;
  }

  /** A predicate pattern such as selected(op=fire); syntax errors keep their column detail. */
  pattern(path: Path, v: unknown): Pattern {
    if (typeof v !== 'string') return this.ctx.expected(path, 'a pattern such as name or name(arg=label, arg2=?var)', v);
    try {
      return parsePattern(v);
    } catch (e) {
      if (e instanceof CognitiveError) return this.ctx.fail('COG_PATTERN_SYNTAX', path, e.message);
      throw e;
    }
  }
}
