/**
 * An algorithm's hyperparameters, declared once: each key with its kind, default, range and one line of
 * documentation. Everything else comes from the table:
 *   - the TypeScript type (`HyperparametersOf<typeof TABLE>`),
 *   - the defaults (`defaultsOf`),
 *   - the checks, programmatic (`resolveHyperparameters`, for tests and benchmarks that build an algorithm
 *     directly) and in a run configuration (src/config reads a behavior's `hyperparameters` section by the table,
 *     with the file's line in every error),
 *   - the rows of docs/CONFIGURATION.md (`tableRows`; a test keeps the document equal to them).
 *
 * Keys that the configuration fills from elsewhere (γ from `reward_signals`, `time_horizon` from the behavior),
 * keys fixed for a trainer (DDPG's single critic), and keys accepted for ML-Agents' sake but unused are declared
 * here too, so the table is the whole truth about the key names an algorithm answers to.
 */
import { ShivaError } from '../../src/core/errors.js';

/** Whose key it is: ML-Agents' (its name and its default, release 21 settings.py) or Shiva's own. */
export type KeyOwner = 'ml-agents' | 'shiva';

/**
 * Where a key's value comes from in a run configuration:
 *   'hyperparameters'  the behavior's `hyperparameters` section (the usual case);
 *   'gamma'            reward_signals.extrinsic.gamma (GAIL's gamma when there is no extrinsic signal);
 *   'time_horizon'     the behavior's time_horizon;
 *   'fixed'            not configurable for this trainer: always the default (see `why`).
 */
export type KeySource = 'hyperparameters' | 'gamma' | 'time_horizon' | 'fixed';

interface EntryBase {
  /** One line: what the key does (the docs' "meaning" column). */
  readonly doc: string;
  readonly owner: KeyOwner;
  /** Default 'hyperparameters'. */
  readonly source?: KeySource;
  /** For a fixed key, or a Shiva key whose default departs from what ML-Agents does: why. */
  readonly why?: string;
  /**
   * Accepted under `hyperparameters` for ML-Agents' sake, checked, and not used by this algorithm (so it is not
   * in the resolved object): the text says why. With `warnUnless`, a value other than that one gets a warning.
   */
  readonly ignored?: string;
  readonly warnUnless?: boolean | number | string;
  /** The default is this other key's value (ML-Agents' beta_schedule follows learning_rate_schedule). */
  readonly defaultFrom?: string;
  /**
   * Why the range ends where it does (the memory or time a larger value would take, what no sane run exceeds):
   * a row of docs/CONFIGURATION.md says it, and so does the error for a value out of the range.
   */
  readonly bounds?: string;
}

export interface IntEntry extends EntryBase {
  readonly kind: 'int';
  readonly default: number;
  readonly min: number;
  readonly max?: number;
}

export interface NumberEntry extends EntryBase {
  readonly kind: 'number';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  /** Bounds are inclusive unless these say otherwise. */
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

export interface BoolEntry extends EntryBase {
  readonly kind: 'bool';
  readonly default: boolean;
}

export interface ChoiceEntry extends EntryBase {
  readonly kind: 'choice';
  readonly values: readonly string[];
  readonly default: string;
  /** What an error says was expected, when "one of …" is not the whole story. */
  readonly expected?: string;
}

export type HyperparameterEntry = IntEntry | NumberEntry | BoolEntry | ChoiceEntry;
export type HyperparameterTable = Readonly<Record<string, HyperparameterEntry>>;
export type HyperparameterValue = number | boolean | string;
export type HyperparameterValues = Readonly<Record<string, HyperparameterValue>>;

type ValueOf<E> = E extends { readonly kind: 'bool' } ? boolean : E extends { readonly kind: 'choice'; readonly values: readonly (infer V)[] } ? V : number;
/** Keys of the table the algorithm reads (those accepted but ignored are left out). */
type UsedKeys<T> = { [K in keyof T]: T[K] extends { readonly ignored: string } ? never : K }[keyof T];
/** The type of an algorithm's hyperparameters, from its table. */
export type HyperparametersOf<T extends HyperparameterTable> = { readonly [K in UsedKeys<T>]: ValueOf<T[K]> };

/**
 * A relation between keys, checked after each key's own check (batch_size ≤ buffer_size). A broken relation is
 * reported at one of `keys`: in a run configuration the first of them the file set (that is what the user
 * wrote), in code the last.
 */
export interface TableCheck {
  readonly keys: readonly [string, ...string[]];
  /** null when the values are fine; otherwise what each key was expected to be (an error), or a warning's text. */
  readonly check: (values: HyperparameterValues) => TableViolation | null;
}

export type TableViolation =
  | { readonly expected: Readonly<Record<string, string>>; /** Said after `expected` in a run configuration's error. */ readonly reason?: string }
  | { readonly warning: string };

/** An algorithm's table and the relations between its keys. */
export interface HyperparameterSchema<T extends HyperparameterTable = HyperparameterTable> {
  readonly table: T;
  readonly checks?: readonly TableCheck[];
}

export function sourceOf(entry: HyperparameterEntry): KeySource {
  return entry.source ?? 'hyperparameters';
}

/** The keys a run configuration may write under `hyperparameters` for this table. */
export function configurableKeys(table: HyperparameterTable): string[] {
  return Object.keys(table).filter((k) => sourceOf(table[k]!) === 'hyperparameters');
}

/** Every default, `defaultFrom` resolved, ignored keys left out. */
export function defaultsOf<T extends HyperparameterTable>(table: T): HyperparametersOf<T> {
  return resolveDefaults(table, {}) as HyperparametersOf<T>;
}

function resolveDefaults(table: HyperparameterTable, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(table)) {
    if (entry.ignored !== undefined) continue;
    if (Object.hasOwn(given, key) && given[key] !== undefined) out[key] = given[key];
    else if (entry.defaultFrom !== undefined) out[key] = given[entry.defaultFrom] ?? table[entry.defaultFrom]!.default;
    else out[key] = entry.default;
  }
  return out;
}

/** `values` without the keys the table accepts and ignores: what the algorithm itself reads. */
export function usedValues<T extends HyperparameterTable>(table: T, values: HyperparameterValues): HyperparametersOf<T> {
  const out: Record<string, HyperparameterValue> = {};
  for (const [key, value] of Object.entries(values)) if (table[key]?.ignored === undefined) out[key] = value;
  return out as HyperparametersOf<T>;
}

/** What `entry` accepts, in the words errors use ("an integer ≥ 1", "a number in (0, 1)", "one of linear, constant"). */
export function describeEntry(entry: HyperparameterEntry): string {
  switch (entry.kind) {
    case 'int':
      return entry.max === undefined ? `an integer ≥ ${entry.min}` : `an integer in ${entry.min}..${entry.max}`;
    case 'number':
      return describeRange(entry);
    case 'bool':
      return 'true or false';
    case 'choice':
      if (entry.expected !== undefined) return entry.expected;
      return entry.values.length === 2 ? `"${entry.values[0]}" or "${entry.values[1]}"` : `one of ${entry.values.join(', ')}`;
  }
}

export function describeRange(range: { readonly min?: number; readonly max?: number; readonly minExclusive?: boolean; readonly maxExclusive?: boolean }): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined) return `a number in ${range.minExclusive ? '(' : '['}${min}, ${max}${range.maxExclusive ? ')' : ']'}`;
  if (min !== undefined) return `a number ${range.minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `a number ${range.maxExclusive ? '<' : '≤'} ${max}`;
  return 'a finite number';
}

/**
 * What an error says `entry` expected of `value`: describeEntry, and the entry's `bounds` when `value` is a number
 * past its maximum (why the range ends there).
 */
export function expectedOf(entry: HyperparameterEntry, value: unknown): string {
  if (entry.bounds === undefined || (entry.kind !== 'int' && entry.kind !== 'number') || entry.max === undefined || typeof value !== 'number' || Number.isNaN(value)) return describeEntry(entry);
  const tooLarge = entry.kind === 'number' && entry.maxExclusive ? value >= entry.max : value > entry.max;
  return tooLarge ? `${describeEntry(entry)} (${entry.bounds})` : describeEntry(entry);
}

/** Whether `value` is one `entry` accepts. */
export function accepts(entry: HyperparameterEntry, value: unknown): boolean {
  switch (entry.kind) {
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= entry.min && value <= (entry.max ?? Number.MAX_SAFE_INTEGER);
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (entry.min === undefined || (entry.minExclusive ? value > entry.min : value >= entry.min)) &&
        (entry.max === undefined || (entry.maxExclusive ? value < entry.max : value <= entry.max))
      );
    case 'bool':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && entry.values.includes(value);
  }
}

/**
 * The defaults overlaid with `overrides`, every key checked by its entry and the schema's relations; `where`
 * names the source in errors (`where: key: expected …, got …`). Ignored keys may be given and are dropped.
 */
export function resolveHyperparameters<T extends HyperparameterTable>(schema: HyperparameterSchema<T>, overrides: Readonly<Record<string, unknown>>, where: string): HyperparametersOf<T> {
  const { table } = schema;
  const fail = (key: string, expected: string, got: unknown): never => {
    throw new ShivaError('SHIVA_ERR_USAGE', `${where}: ${key}: expected ${expected}, got ${JSON.stringify(got)}`);
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const entry = table[key];
    if (!entry) fail(key, `one of ${Object.keys(table).join(', ')}`, `unknown key "${key}"`);
    if (!accepts(entry!, value)) fail(key, expectedOf(entry!, value), value);
  }
  const values = resolveDefaults(table, overrides);
  for (const relation of schema.checks ?? []) {
    const result = relation.check(values as HyperparameterValues);
    if (result && 'expected' in result) {
      const key = relation.keys[relation.keys.length - 1]!;
      fail(key, result.expected[key]!, values[key]);
    }
  }
  return values as HyperparametersOf<T>;
}

/**
 * One row per key for docs/CONFIGURATION.md: `| key | default | whose | meaning |`. The meaning is the entry's
 * `doc`, then what it accepts, then its notes: where it is set when not under `hyperparameters` (the key is then
 * in parentheses), that it is accepted and unused, and `why` (a fixed key's reason, or why a Shiva key's default
 * departs from what ML-Agents does).
 */
export function tableRows(table: HyperparameterTable): string[] {
  /** `text` as a sentence: its first letter capitalised (when a plain a–z), a full stop at the end. */
  const sentence = (text: string): string => {
    const capitalised = /^[a-z]/.test(text) ? text[0]!.toUpperCase() + text.slice(1) : text;
    return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
  };
  /** What a configurable entry accepts ("an integer ≥ 1", "`linear` or `constant`", "only `constant`"). */
  const accepted = (entry: HyperparameterEntry): string => {
    if (entry.kind !== 'choice') return describeEntry(entry);
    const values = entry.values.map((v) => `\`${v}\``);
    if (values.length === 1) return `only ${values[0]}`;
    return values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;
  };
  const rows = ['| key | default | whose | meaning |', '|---|---|---|---|'];
  for (const [key, entry] of Object.entries(table)) {
    const source = sourceOf(entry);
    const name = source === 'hyperparameters' ? `\`${key}\`` : `(\`${key}\`)`;
    const dflt = entry.defaultFrom ? `as \`${entry.defaultFrom}\`` : `\`${formatDefault(entry.default)}\``;
    const notes = [sentence(entry.doc)];
    if (source === 'hyperparameters' && entry.kind !== 'bool') notes.push(sentence(accepted(entry)));
    if (source === 'hyperparameters' && entry.bounds !== undefined) notes.push(sentence(`bounded: ${entry.bounds}`));
    if (source === 'gamma') notes.push("Set by `reward_signals.extrinsic.gamma` (GAIL's `gamma` when there is no extrinsic signal).");
    if (source === 'time_horizon') notes.push("Set by the behavior's `time_horizon`.");
    if (source === 'fixed') notes.push(sentence(`fixed${entry.why !== undefined ? `: ${entry.why}` : ''}`));
    if (entry.ignored !== undefined) {
      const warned = entry.warnUnless === undefined ? '' : entry.kind === 'bool' ? ` (a warning when \`${!entry.warnUnless}\`)` : ` (a warning unless \`${formatDefault(entry.warnUnless)}\`)`;
      notes.push(sentence(`accepted and unused${warned}: ${entry.ignored}`));
    }
    if (entry.why !== undefined && source !== 'fixed') notes.push(sentence(entry.why));
    rows.push(`| ${name} | ${dflt} | ${entry.owner === 'ml-agents' ? 'ML-Agents' : 'Shiva'} | ${notes.join(' ').replaceAll('|', '\\|')} |`);
  }
  return rows;
}

function formatDefault(value: HyperparameterValue): string {
  if (typeof value !== 'number') return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) return value.toExponential().replace('e+', 'e');
  return String(value);
}
