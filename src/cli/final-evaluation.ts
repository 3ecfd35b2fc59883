/**
 * The evaluation `shiva train` runs when training ends (`shiva.final_evaluation` in the run configuration):
 * the final checkpoint plays through `shiva evaluate`'s code (src/cli/evaluate.ts), with the reasoning layer on
 * as in training, and, with `baseline: true`, freshly initialised policies play the same episodes by sampling
 * (an untrained policy's probabilities are near uniform: a random team that still obeys the rules). The result
 * goes into summary.json and, formatted, at the end of the run's output.
 */
import type { Logger } from 'pino';
import type { FinalEvaluationConfig, ProgressStatConfig, RunConfig } from '../config/index.js';
import { formatStatValue } from '../telemetry/progress.js';
import { evaluate, type EvaluatedStat, type EvaluationResult } from './evaluate.js';

export interface FinalEvaluation {
  readonly episodes: number;
  readonly episodeStat: string | null;
  readonly seed: number;
  readonly wallSeconds: number;
  /** The final checkpoint, played greedily or by sampling as configured. */
  readonly trained: EvaluationResult;
  /** Untrained policies, sampling (null unless `baseline: true`). */
  readonly baseline: EvaluationResult | null;
}

export async function runFinalEvaluation(config: RunConfig, settings: FinalEvaluationConfig, checkpoint: string, logger: Logger): Promise<FinalEvaluation> {
  const started = performance.now();
  const common = { episodes: settings.episodes, episodeStat: settings.episodeStat, seed: settings.seed, logger };
  const trained = await evaluate(config, { ...common, checkpoint, deterministic: settings.deterministic });
  const baseline = settings.baseline ? await evaluate(config, { ...common, checkpoint: null, deterministic: false }) : null;
  return { episodes: settings.episodes, episodeStat: settings.episodeStat, seed: settings.seed, wallSeconds: (performance.now() - started) / 1000, trained, baseline };
}

/**
 * The evaluation as text, in one count and plain words: how many episodes each side played (counted by the
 * episode stat's reports when there is one), how each side acted, then per behavior the mean return, then each
 * stat of `shown` (the run's progress stats; every stat when there are none): a percentage with its count, or
 * the mean per episode with the total.
 *
 *   Final evaluation: 204 episodes (counted by Scout/Red/Win), seed 12345, 14.2 s
 *     trained = final checkpoint, greedy; untrained = fresh policies, sampling
 *     Red?team=0 mean return: trained 3.12 | untrained 0.35
 *     win rate: trained 100.0% (204 of 204) | untrained 1.5% (3 of 204)
 *     ROE violations per episode: trained 0 (0 in all) | untrained 0 (0 in all)
 */
export function formatFinalEvaluation(e: FinalEvaluation, shown: readonly ProgressStatConfig[]): string {
  const runs: [string, EvaluationResult][] = [['trained', e.trained]];
  if (e.baseline) runs.push(['untrained', e.baseline]);
  const counts = runs.map(([, r]) => episodesPlayed(r));
  const unit = e.episodeStat === null ? ' per behavior' : '';
  const counted = e.episodeStat === null ? '' : ` (counted by ${e.episodeStat})`;
  const played = counts.every((c) => c === counts[0]) ? `${counts[0]} episodes${unit}` : runs.map(([name], i) => `${name} ${counts[i]} episodes${unit}`).join(', ');
  const lines = [`Final evaluation: ${played}${counted}, seed ${e.seed}, ${e.wallSeconds.toFixed(1)} s`];
  // How each side acted: greedy takes the most probable (combined) action, sampling draws from the distribution.
  const how = (r: EvaluationResult) => (r.mode === 'deterministic' ? 'greedy' : 'sampling');
  lines.push(`  ${runs.map(([name, r]) => `${name} = ${r.checkpoint === null ? 'fresh policies' : 'final checkpoint'}, ${how(r)}`).join('; ')}`);
  for (const behavior of Object.keys(e.trained.behaviors)) {
    const parts = runs.map(([name, r]) => `${name} ${r.behaviors[behavior]?.meanReturn.toFixed(2) ?? '-'}`);
    lines.push(`  ${behavior} mean return: ${parts.join(' | ')}`);
  }
  const stats = shown.length > 0 ? shown : Object.keys(e.trained.stats).map((stat) => ({ stat, label: stat, window: 0, percent: false }));
  for (const spec of stats) {
    // A stat reported once per counted episode reads "per episode"; any other, "per report" with its count.
    const perEpisode = e.episodeStat !== null && runs.every(([, r], i) => r.stats[spec.stat] === undefined || r.stats[spec.stat]!.count === counts[i]);
    const parts = runs.map(([name, r]) => `${name} ${describeStat(r.stats[spec.stat], spec.percent, perEpisode)}`);
    lines.push(`  ${spec.label}${!spec.percent && perEpisode ? ' per episode' : ''}: ${parts.join(' | ')}`);
  }
  return lines.join('\n');
}

/** The episodes a side played: the episode stat's reports, else the most any behavior played. */
export function episodesPlayed(r: EvaluationResult): number {
  if (r.environmentEpisodes !== null) return r.environmentEpisodes;
  return Math.max(0, ...Object.values(r.behaviors).map((b) => b.episodes));
}

function describeStat(s: EvaluatedStat | undefined, percent: boolean, perEpisode: boolean): string {
  if (s === undefined) return '- (not reported)';
  if (percent) return `${formatStatValue(s.mean, true)} (${Math.round(s.total)} of ${s.count})`;
  const total = `${formatStatValue(s.total, false)} in all`;
  return perEpisode ? `${formatStatValue(s.mean, false)} (${total})` : `${formatStatValue(s.mean, false)} on average over ${s.count} reports (${total})`;
}
