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
 * The evaluation as text: per behavior the mean return, then each stat of `shown` (the run's progress stats;
 * every stat when there are none): its mean per report and, unless a percentage, its total.
 *
 *   Final evaluation: 200 episodes (counted by Scout/Red/Win), deterministic, seed 12345, 14.2 s
 *     Red?team=0 mean return: trained 3.12 | untrained 0.35
 *     win rate: trained 93.5% (187 of 200) | untrained 1.0% (2 of 200)
 *     ROE violations: trained 0 per episode (0 in all) | untrained 0 per episode (0 in all)
 */
export function formatFinalEvaluation(e: FinalEvaluation, shown: readonly ProgressStatConfig[]): string {
  const counted = e.episodeStat === null ? 'per behavior' : `(counted by ${e.episodeStat})`;
  const lines = [`Final evaluation: ${e.episodes} episodes ${counted}, ${e.trained.mode}, seed ${e.seed}, ${e.wallSeconds.toFixed(1)} s`];
  const runs: [string, EvaluationResult][] = [['trained', e.trained]];
  if (e.baseline) runs.push(['untrained', e.baseline]);
  for (const behavior of Object.keys(e.trained.behaviors)) {
    const parts = runs.map(([name, r]) => `${name} ${r.behaviors[behavior]?.meanReturn.toFixed(2) ?? '-'}`);
    lines.push(`  ${behavior} mean return: ${parts.join(' | ')}`);
  }
  const stats = shown.length > 0 ? shown : Object.keys(e.trained.stats).map((stat) => ({ stat, label: stat, window: 0, percent: false }));
  for (const spec of stats) {
    const parts = runs.map(([name, r]) => `${name} ${describeStat(r.stats[spec.stat], spec.percent)}`);
    lines.push(`  ${spec.label}: ${parts.join(' | ')}`);
  }
  return lines.join('\n');
}

function describeStat(s: EvaluatedStat | undefined, percent: boolean): string {
  if (s === undefined) return '- (not reported)';
  if (percent) return `${formatStatValue(s.mean, true)} (${Math.round(s.total)} of ${s.count})`;
  return `${formatStatValue(s.mean, false)} per report (${formatStatValue(s.total, false)} in all)`;
}
