/**
 * Reads one mapping of the configuration with typed getters. It refuses keys it does not know (with the nearest
 * known key as a hint), and every getter checks type and range, records the value's line, and fails with the
 * one message shape of ConfigContext. An absent key gives the default; `null` is a value like any other and only
 * the nullable getters accept it.
 */
import type { ConfigContext } from './config-context.js';
import { nearest } from '../core/did-you-mean.js';
import { describeNode, type Entry, type Origin, type SourceNode } from './source-tree.js';

export interface SectionHints {
  /** Known keys of other sections, with where they belong: `batch_size` → `hyperparameters.batch_size`. */
  readonly elsewhere?: Readonly<Record<string, string>>;
  /** Keys that exist but not here, with why: `tau` → `a hyperparameter of off-policy trainers; trainer_type is ppo`. */
  readonly foreign?: Readonly<Record<string, string>>;
}

export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  /** Bounds are inclusive unless these say otherwise. */
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** Why the range ends where it does; said after what was expected when a value is out of the range. */
  readonly bounds?: string;
}

const EMPTY = new Map<string, Entry>();

export class Section {
  private readonly entries: ReadonlyMap<string, Entry>;
  /** Where the mapping is (or, when it is absent, where its parent is), for errors about missing keys. */
  readonly origin: Origin;
  /** True when the file (or the command line) gave this section as a mapping. */
  readonly present: boolean;

  constructor(
    readonly ctx: ConfigContext,
    node: SourceNode | undefined,
    readonly path: string,
    readonly keys: readonly string[],
    fallbackOrigin: Origin,
    hints: SectionHints = {},
  ) {
    if (node === undefined || (node.kind === 'scalar' && node.value === null)) {
      this.entries = EMPTY;
      this.origin = node?.origin ?? fallbackOrigin;
      this.present = false;
    } else if (node.kind !== 'map') {
      ctx.expected(node.origin, path, `a mapping with keys such as ${keys.slice(0, 4).join(', ')}`, describeNode(node));
    } else {
      this.entries = node.entries;
      // Missing keys are reported at the section's own key (a block mapping starts on the line after it).
      this.origin = fallbackOrigin.kind === 'file' ? fallbackOrigin : node.origin;
      this.present = true;
    }
    for (const [key, entry] of this.entries) {
      if (!keys.includes(key)) this.unknownKey(key, entry, hints);
    }
  }

  private unknownKey(key: string, entry: Entry, hints: SectionHints): never {
    const path = this.child(key);
    const expected = `one of ${this.keys.join(', ')}`;
    const elsewhere = hints.elsewhere ?? {};
    const foreign = hints.foreign?.[key];
    if (foreign !== undefined) this.ctx.expected(entry.keyOrigin, path, expected, `"${key}", ${foreign}`);
    if (Object.hasOwn(elsewhere, key)) this.ctx.expected(entry.keyOrigin, path, expected, `"${key}", which belongs under ${elsewhere[key]}`);
    const local = nearest(key, this.keys);
    const remote = local === undefined ? nearest(key, Object.keys(elsewhere)) : undefined;
    const hint = local !== undefined ? `; did you mean "${local}"?` : remote !== undefined ? `; did you mean ${elsewhere[remote]}?` : '';
    return this.ctx.expected(entry.keyOrigin, path, expected, `unknown key "${key}"${hint}`);
  }

  child(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The raw node under `key` (its line is recorded). */
  node(key: string): SourceNode | undefined {
    const entry = this.entries.get(key);
    // The key's line: for a block mapping or list the value starts on the line after it.
    if (entry) this.ctx.record(this.child(key), entry.keyOrigin);
    return entry?.value;
  }

  /** Where `key`'s value is, or the section itself when the key is absent. */
  originOf(key: string): Origin {
    return this.entries.get(key)?.value.origin ?? this.origin;
  }

  /** Where `key` is written, for messages about the key rather than its value. */
  keyOriginOf(key: string): Origin {
    return this.entries.get(key)?.keyOrigin ?? this.origin;
  }

  fail(key: string, expected: string, got: string): never {
    return this.ctx.expected(this.originOf(key), this.child(key), expected, got);
  }

  warn(key: string, message: string): void {
    this.ctx.warn(this.keyOriginOf(key), this.child(key), message);
  }

  /** The node under `key`, which must be there. */
  required(key: string, expected: string): SourceNode {
    const node = this.node(key);
    if (node === undefined) this.fail(key, expected, describeNode(undefined));
    return node;
  }

  /**
   * An integer in min..max. `bounds` says why the range ends where it does (memory, time); an error for a value
   * out of the range says it after what was expected.
   */
  int(key: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER, bounds?: string): number {
    const node = this.node(key);
    if (node === undefined) return fallback;
    const expected = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in ${min}..${max}`;
    if (node.kind !== 'scalar' || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < min || node.value > max) {
      const tooLarge = node.kind === 'scalar' && typeof node.value === 'number' && node.value > max;
      this.fail(key, tooLarge && bounds !== undefined ? `${expected} (${bounds})` : expected, describeNode(node));
    }
    return node.value;
  }

  /** An integer, or null when the key is absent or null (ML-Agents' Optional[int]). */
  optionalInt(key: string, min: number, max?: number, bounds?: string): number | null {
    if (this.isNull(key)) return null;
    return this.int(key, 0, min, max, bounds);
  }

  /** True when `key` is absent or holds null. */
  isNull(key: string): boolean {
    const node = this.entries.get(key)?.value;
    return node === undefined || (node.kind === 'scalar' && node.value === null);
  }

  number(key: string, fallback: number, range: NumberRange = {}): number {
    const node = this.node(key);
    if (node === undefined) return fallback;
    const v = node.kind === 'scalar' ? node.value : undefined;
    const belowMax = (x: number) => range.max === undefined || (range.maxExclusive ? x < range.max : x <= range.max);
    const ok = typeof v === 'number' && Number.isFinite(v) && (range.min === undefined || (range.minExclusive ? v > range.min : v >= range.min)) && belowMax(v);
    if (!ok) {
      const tooLarge = typeof v === 'number' && !Number.isNaN(v) && !belowMax(v);
      this.fail(key, tooLarge && range.bounds !== undefined ? `${describeRange(range)} (${range.bounds})` : describeRange(range), describeNode(node));
    }
    return v as number;
  }

  bool(key: string, fallback: boolean): boolean {
    const node = this.node(key);
    if (node === undefined) return fallback;
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    const yamlOneOne = node.kind === 'scalar' && typeof node.value === 'string' && /^(yes|no|on|off|y|n)$/i.test(node.value);
    return this.fail(key, 'true or false', `${describeNode(node)}${yamlOneOne ? ' (YAML 1.2 reads yes/no/on/off as text; write true or false)' : ''}`);
  }

  /** A string; numbers are accepted and written in decimal when `numbersAsText` (a run id of `42`). */
  string(key: string, fallback: string, numbersAsText = false): string {
    const value = this.nullableString(key, numbersAsText);
    if (value === null) {
      if (!this.has(key)) return fallback;
      this.fail(key, 'a non-empty string', describeNode(this.node(key)));
    }
    return value;
  }

  /** A non-empty string, or null when the key is absent or null. */
  nullableString(key: string, numbersAsText = false): string | null {
    const node = this.node(key);
    if (node === undefined || (node.kind === 'scalar' && node.value === null)) return null;
    if (node.kind === 'scalar' && typeof node.value === 'number' && numbersAsText) return String(node.value);
    if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.value.trim() === '') {
      this.fail(key, 'a non-empty string', describeNode(node));
    }
    return node.value;
  }

  oneOf<T extends string>(key: string, values: readonly T[], fallback: T): T {
    const node = this.node(key);
    if (node === undefined) return fallback;
    if (node.kind === 'scalar' && typeof node.value === 'string' && (values as readonly string[]).includes(node.value)) return node.value as T;
    const guess = node.kind === 'scalar' && typeof node.value === 'string' ? nearest(node.value, values) : undefined;
    return this.fail(key, `one of ${values.join(', ')}`, `${describeNode(node)}${guess ? `; did you mean "${guess}"?` : ''}`);
  }

  /** The mapping under `key` as a Section (empty, `present` false, when absent or null). */
  section(key: string, keys: readonly string[], hints?: SectionHints): Section {
    return new Section(this.ctx, this.node(key), this.child(key), keys, this.keyOriginOf(key), hints);
  }

  /** Keys present, in file order. */
  presentKeys(): string[] {
    return [...this.entries.keys()];
  }
}

function describeRange(range: NumberRange): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined) return `a number in ${range.minExclusive ? '(' : '['}${min}, ${max}${range.maxExclusive ? ')' : ']'}`;
  if (min !== undefined) return `a number ${range.minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `a number ${range.maxExclusive ? '<' : '≤'} ${max}`;
  return 'a finite number';
}
