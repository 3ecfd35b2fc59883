/**
 * Shiva's `shiva.final_evaluation` and `shiva.progress_stats`: what a run reports besides its scalars.
 *
 *   shiva:
 *     progress_stats:                       # environment stats beside the progress bar, mean of the last reports
 *       - { stat: Scout/Red/Win, label: win rate, window: 200, percent: true }
 *       - Scout/Episode Length                # short form: label = the stat, window 100
 *     final_evaluation:                     # after training, the final policies play (through their rules)
 *       episodes: 200
 *       episode_stat: Scout/Red/Win         # count episodes by this stat's reports (one per scene episode)
 *       deterministic: true
 *       seed: 12345
 *       baseline: true                      # also untrained policies, sampling: what learning added
 */
import type { ConfigContext } from './config-context.js';
import type { FinalEvaluationConfig, ProgressStatConfig } from './run-config.js';
import { Section } from './section.js';
import { describeNode } from './source-tree.js';

export const FINAL_EVALUATION_KEYS = ['episodes', 'episode_stat', 'deterministic', 'seed', 'baseline'] as const;
export const PROGRESS_STAT_KEYS = ['stat', 'label', 'window', 'percent'] as const;

export const FINAL_EVALUATION_DEFAULTS = { episodes: 100, deterministic: true, seed: 12345, baseline: false } as const;
export const PROGRESS_STAT_DEFAULT_WINDOW = 100;

/** `shiva.final_evaluation`, or null when absent, null or `false`. */
export function parseFinalEvaluation(shiva: Section): FinalEvaluationConfig | null {
  if (shiva.isNull('final_evaluation')) return null;
  const node = shiva.node('final_evaluation');
  if (node?.kind === 'scalar' && node.value === false) return null;
  const s = shiva.section('final_evaluation', FINAL_EVALUATION_KEYS);
  const d = FINAL_EVALUATION_DEFAULTS;
  return {
    episodes: s.int('episodes', d.episodes, 1, 1_000_000),
    episodeStat: s.nullableString('episode_stat'),
    deterministic: s.bool('deterministic', d.deterministic),
    seed: s.int('seed', d.seed, 0, 2 ** 31 - 1),
    baseline: s.bool('baseline', d.baseline),
  };
}

/** `shiva.progress_stats`: a list of stat names or `{stat, label, window, percent}` mappings (empty when absent). */
export function parseProgressStats(ctx: ConfigContext, shiva: Section): ProgressStatConfig[] {
  if (shiva.isNull('progress_stats')) return [];
  const node = shiva.node('progress_stats')!;
  const path = shiva.child('progress_stats');
  const expected = 'a list of stat names, or of mappings with stat, label, window, percent';
  if (node.kind !== 'seq') return ctx.expected(node.origin, path, expected, describeNode(node));
  return node.items.map((item, i) => {
    const at = `${path}[${i}]`;
    if (item.kind === 'scalar') {
      if (typeof item.value !== 'string' || item.value.trim() === '') return ctx.expected(item.origin, at, 'a stat name', describeNode(item));
      return { stat: item.value, label: item.value, window: PROGRESS_STAT_DEFAULT_WINDOW, percent: false };
    }
    if (item.kind !== 'map') return ctx.expected(item.origin, at, expected, describeNode(item));
    const s = new Section(ctx, item, at, PROGRESS_STAT_KEYS, item.origin);
    if (!s.has('stat')) s.fail('stat', 'the name of a stat the environment reports (e.g. Scout/Red/Win)', describeNode(undefined));
    const stat = s.string('stat', '');
    return { stat, label: s.string('label', stat), window: s.int('window', PROGRESS_STAT_DEFAULT_WINDOW, 1, 1_000_000), percent: s.bool('percent', false) };
  });
}
