/**
 * A behavior's `hyperparameters` mapping, read by its algorithm's table (agents/registry.ts → the plugin's
 * schema): each key's type and range, ML-Agents' default where it is ML-Agents' key, relations between keys, and
 * for a key of another algorithm, which algorithm it belongs to. Keys the table fills from elsewhere (γ, the time
 * horizon) are added by the behavior once the rest of it is read (withBehaviorValues).
 */
import { algorithmOf, ALGORITHMS } from '../../agents/registry.js';
import type { AlgorithmPlugin } from '../../agents/plugin/algorithm-plugin.js';
import { configurableKeys, type HyperparameterEntry, type HyperparameterValue, type HyperparameterValues } from '../../agents/plugin/hyperparameter-table.js';
import type { ConfigContext } from './config-context.js';
import { Section } from './section.js';
import { describeNode, type Origin, type SourceNode } from './source-tree.js';

/** Every key some algorithm reads under `hyperparameters` (for "belongs under hyperparameters" hints elsewhere). */
export function allHyperparameterKeys(): string[] {
  return [...new Set(ALGORITHMS.flatMap((a) => configurableKeys(a.schema.table)))];
}

/** Keys of other algorithms, with whose they are and why they are refused under `plugin`. */
function foreignKeys(plugin: AlgorithmPlugin): Record<string, string> {
  const mine = new Set(configurableKeys(plugin.schema.table));
  const holders = new Map<string, AlgorithmPlugin[]>();
  for (const other of ALGORITHMS) {
    if (other === plugin) continue;
    for (const key of configurableKeys(other.schema.table)) if (!mine.has(key)) holders.set(key, [...(holders.get(key) ?? []), other]);
  }
  const out: Record<string, string> = {};
  for (const [key, owners] of holders) {
    const family = owners[0]!.family;
    const wholeFamily = owners.length > 1 && owners.every((o) => o.family === family) && ALGORITHMS.filter((a) => a.family === family && a !== plugin).every((a) => owners.includes(a));
    const whose = wholeFamily ? `${family} trainers (${owners.map((o) => o.trainerType).join(', ')})` : owners.map((o) => o.trainerType).join(', ');
    const why = plugin.refusedKeys?.[key];
    out[key] = `a hyperparameter of ${whose}${why ? ` (${why})` : ''}, but trainer_type is ${plugin.trainerType}`;
  }
  return out;
}

/**
 * The `hyperparameters` of a behavior whose trainer_type is `trainerType` (a registered one), every key the file
 * set checked, the rest from the table's defaults (ignored keys too: the configuration says what the file says;
 * the learner's plan keeps only the keys the algorithm uses); keys from elsewhere are left for withBehaviorValues.
 */
export function parseHyperparameters(ctx: ConfigContext, node: SourceNode | undefined, path: string, trainerType: string, parent: Origin, elsewhere: Record<string, string>): HyperparameterValues {
  const plugin = algorithmOf(trainerType)!;
  const { table } = plugin.schema;
  const keys = configurableKeys(table);
  const s = new Section(ctx, node, path, keys, parent, { elsewhere, foreign: foreignKeys(plugin) });
  const read: Record<string, HyperparameterValue> = {};
  for (const key of keys) read[key] = readKey(s, key, table[key]!, read);
  for (const relation of plugin.schema.checks ?? []) {
    const result = relation.check(read);
    if (result === null) continue;
    if ('warning' in result) {
      s.warn(relation.keys[0], result.warning);
      continue;
    }
    const key = relation.keys.find((k) => s.has(k)) ?? relation.keys[relation.keys.length - 1]!;
    s.fail(key, `${result.expected[key]}${result.reason ? `, ${result.reason}` : ''}`, String(read[key]));
  }
  for (const key of keys) {
    const entry = table[key]!;
    if (entry.ignored !== undefined && entry.warnUnless !== undefined && s.has(key) && read[key] !== entry.warnUnless) s.warn(key, `ignored: ${entry.ignored}`);
  }
  const out: Record<string, HyperparameterValue> = {};
  for (const key of Object.keys(table)) {
    const entry = table[key]!;
    out[key] = key in read ? read[key]! : (entry.default as HyperparameterValue);
  }
  return out;
}

/** The keys the table takes from the behavior rather than from `hyperparameters`: γ and the time horizon. */
export function withBehaviorValues(trainerType: string, hyperparameters: HyperparameterValues, values: { readonly gamma: number; readonly timeHorizon: number }): HyperparameterValues {
  const { table } = algorithmOf(trainerType)!.schema;
  const out: Record<string, HyperparameterValue> = { ...hyperparameters };
  for (const [key, entry] of Object.entries(table)) {
    if (entry.source === 'gamma') out[key] = values.gamma;
    if (entry.source === 'time_horizon') out[key] = values.timeHorizon;
  }
  return out;
}

function readKey(s: Section, key: string, entry: HyperparameterEntry, read: Readonly<Record<string, HyperparameterValue>>): HyperparameterValue {
  const fallback = entry.defaultFrom !== undefined ? read[entry.defaultFrom]! : entry.default;
  switch (entry.kind) {
    case 'int':
      return s.int(key, fallback as number, entry.min, entry.max, entry.bounds);
    case 'number':
      return s.number(key, fallback as number, entry);
    case 'bool':
      return s.bool(key, fallback as boolean);
    case 'choice':
      if (entry.expected !== undefined) {
        const node = s.node(key);
        if (node === undefined) return fallback;
        if (node.kind === 'scalar' && typeof node.value === 'string' && entry.values.includes(node.value)) return node.value;
        return s.fail(key, entry.expected, describeNode(node));
      }
      return s.oneOf(key, entry.values, fallback as string);
  }
}
