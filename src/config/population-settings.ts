/**
 * Shiva's top-level `population:` (ML-Agents has none): population-based training (src/training/population/).
 *
 *   population:
 *     size: 4                      # members, each its own learners and environments
 *     explore:                     # hyperparameter → range of the initial draw; perturbed values stay inside it
 *       learning_rate: { min: 1.0e-5, max: 1.0e-2, log: true }
 *       beta: { min: 1.0e-4, max: 1.0e-1, log: true }
 *     fitness: mean_return         # or a stat the environment reports (e.g. Scout/Red/Win)
 *     interval: 20000              # agent steps between rankings (exploit, then explore)
 *     truncation: 0.2              # the bottom fraction copies a member of the top fraction
 *     perturb: [0.8, 1.2]          # an explored value is multiplied by one of these
 *     seed: 7                      # draws and choices (default: the run's seed)
 *
 * Every behavior trained must run an algorithm whose learners take the explored keys after creation
 * (`tunableHyperparameters` of its plugin: PPO's learning_rate, beta, epsilon).
 */
import { accepts, describeEntry } from '../../agents/plugin/hyperparameter-table.js';
import { algorithmOf } from '../../agents/registry.js';
import type { ConfigContext } from './config-context.js';
import type { BehaviorConfig, ExploredRange, PopulationConfig } from './run-config.js';
import { Section } from './section.js';
import { describeNode } from './source-tree.js';

export const POPULATION_KEYS = ['size', 'explore', 'fitness', 'interval', 'truncation', 'perturb', 'seed'] as const;
export const EXPLORE_KEYS = ['min', 'max', 'log'] as const;
export const POPULATION_DEFAULTS = { truncation: 0.2, perturb: [0.8, 1.2], fitness: 'mean_return' } as const;
/** Members train round-robin in one process: each holds its networks, optimiser and environments. */
const MAX_SIZE = 64;

/** `population:`, or null when absent. */
export function parsePopulation(ctx: ConfigContext, top: Section, behaviors: ReadonlyMap<string, BehaviorConfig>, defaults: BehaviorConfig | null): PopulationConfig | null {
  if (top.isNull('population')) return null;
  const s = top.section('population', POPULATION_KEYS);
  if (!s.has('size')) s.fail('size', 'the number of members, an integer in 2..64', describeNode(undefined));
  const size = s.int('size', 2, 2, MAX_SIZE, 'every member holds its own networks, optimiser and environments in this process');
  if (!s.has('interval')) s.fail('interval', 'agent steps between exploit/explore rankings, an integer ≥ 1', describeNode(undefined));
  const interval = s.int('interval', 1, 1);
  const truncation = s.number('truncation', POPULATION_DEFAULTS.truncation, { min: 0, max: 0.5, minExclusive: true, bounds: 'the bottom fraction copies the top fraction, so neither may pass half' });
  const fitness = s.string('fitness', POPULATION_DEFAULTS.fitness);
  if (fitness.trim() === '') s.fail('fitness', '"mean_return" or the name of a stat the environment reports (e.g. Scout/Red/Win)', '""');
  const perturb = parsePerturb(ctx, s);
  const seed = s.optionalInt('seed', 0, 2 ** 31 - 1);
  const explore = parseExplore(ctx, s, [...behaviors.values(), ...(defaults ? [defaults] : [])]);
  return { size, explore, fitness, interval, truncation, perturb, seed };
}

function parsePerturb(ctx: ConfigContext, s: Section): readonly number[] {
  if (!s.has('perturb')) return POPULATION_DEFAULTS.perturb;
  const node = s.node('perturb')!;
  const expected = 'a list of positive factors, e.g. [0.8, 1.2]';
  if (node.kind !== 'seq' || node.items.length === 0) return ctx.expected(node.origin, s.child('perturb'), expected, describeNode(node));
  return node.items.map((item, i) => {
    if (item.kind !== 'scalar' || typeof item.value !== 'number' || !Number.isFinite(item.value) || item.value <= 0) return ctx.expected(item.origin, `${s.child('perturb')}[${i}]`, 'a positive number', describeNode(item));
    return item.value;
  });
}

/** Each explored key: a range the draws and perturbations stay in, accepted by every trained behavior's algorithm. */
function parseExplore(ctx: ConfigContext, s: Section, behaviors: readonly BehaviorConfig[]): Readonly<Record<string, ExploredRange>> {
  const node = s.required('explore', 'a mapping of hyperparameter names to { min, max, log }');
  if (node.kind !== 'map' || node.entries.size === 0) return ctx.expected(node.origin, s.child('explore'), 'a mapping of hyperparameter names to { min, max, log }', describeNode(node));
  const explore: Record<string, ExploredRange> = {};
  for (const [key, entry] of node.entries) {
    const path = `${s.child('explore')}.${key}`;
    for (const b of behaviors) {
      const plugin = algorithmOf(b.trainerType);
      const tunable = plugin?.tunableHyperparameters ?? [];
      if (!tunable.includes(key)) {
        const which = tunable.length > 0 ? `one of ${tunable.join(', ')}` : 'a hyperparameter the learner takes after creation (none for this trainer)';
        ctx.expected(entry.keyOrigin, path, `${which} (${b.name} trains with trainer_type ${b.trainerType})`, `"${key}"`);
      }
    }
    const range = new Section(ctx, entry.value, path, EXPLORE_KEYS, entry.keyOrigin);
    if (!range.has('min') || !range.has('max')) range.fail(range.has('min') ? 'max' : 'min', 'a number (the range of the initial draw and of perturbed values)', describeNode(undefined));
    const min = range.number('min', 0);
    const max = range.number('max', 0);
    const log = range.bool('log', false);
    if (max <= min) range.fail('max', `a number > min (${min})`, String(max));
    if (log && min <= 0) range.fail('min', 'a number > 0 with log: true (drawn uniformly in log space)', String(min));
    for (const b of behaviors) {
      const table = algorithmOf(b.trainerType)!.schema.table[key]!;
      for (const [bound, value] of [['min', min], ['max', max]] as const) {
        if (!accepts(table, value)) range.fail(bound, `${describeEntry(table)} (${key} of trainer_type ${b.trainerType})`, String(value));
      }
    }
    explore[key] = { min, max, log };
  }
  return explore;
}
