/**
 * `shiva evaluate`: a trained checkpoint plays N episodes per behavior on the run configuration's
 * environments, greedily (deterministic) or by sampling, without learning; one JSON line of results.
 * Episodes are the behaviors' agent episodes, or, with `episodeStat`, the environment's own episodes as counted
 * by the reports of a stat it sends once per episode (the scout mission's Scout/Red/Win: one per area episode,
 * whatever the number of agents). The environment's stats over the evaluation come back too. With no
 * checkpoint, freshly initialised (untrained) policies play: the baseline a trained policy is compared with.
 */
import type { Logger } from 'pino';
import type { RunConfig } from '../config/index.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { readTrainingCheckpoint } from '../training/checkpoint/index.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { decide } from '../decisions/decision-pipeline.js';
import { RolloutLoop } from '../training/rollout-loop.js';
import { MetaLearner } from '../training/meta-learner.js';
import { environmentSettings, openEnvironments } from './environments.js';
import { planResolver } from '../training/plan-resolver.js';
import { loadRuleSets, reasonerResolver } from './reasoners.js';
import { OnnxActors, onnxPathOf } from './onnx-actors.js';
import { behaviorConfigFor } from '../config/behavior-lookup.js';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export interface EvaluateOptions {
  /** A checkpoint file, `onnx:PATH` (a model, or a folder of BEHAVIOR.onnx), or null for untrained policies (seeded by `seed`). */
  readonly checkpoint: string | null;
  readonly episodes: number;
  /** Count episodes by this stat's reports instead of each behavior's agent episodes. */
  readonly episodeStat?: string | null;
  readonly deterministic: boolean;
  readonly seed: number;
  readonly logger: Logger;
}

/** One environment stat over an evaluation: the mean of its reports, how many, and their sum. */
export interface EvaluatedStat {
  readonly mean: number;
  readonly count: number;
  readonly total: number;
}

export interface EvaluationResult {
  readonly checkpoint: string | null;
  readonly mode: 'deterministic' | 'stochastic';
  /** The stat episodes were counted by, and how many it reported (≥ the episodes asked for), or null. */
  readonly episodeStat: string | null;
  readonly environmentEpisodes: number | null;
  readonly behaviors: Record<string, { learner: string; episodes: number; meanReturn: number; stdReturn: number; minReturn: number; maxReturn: number; meanLength: number }>;
  /** The environment's stats (Stats side channel) over the evaluation, by key. */
  readonly stats: Record<string, EvaluatedStat>;
}

export async function evaluate(config: RunConfig, options: EvaluateOptions): Promise<EvaluationResult> {
  const onnxPath = onnxPathOf(options.checkpoint);
  const restore = options.checkpoint === null || onnxPath !== null ? null : learnerStates(options.checkpoint);
  await chooseBackend(config.shiva.backend);
  const environments = await openEnvironments(environmentSettings(config, { seed: options.seed, logDir: join(tmpdir(), 'shiva-evaluate-logs'), maxRestarts: 0, logger: options.logger }));
  const seeds = new RunSeeds(options.seed);
  const meta = new MetaLearner(planResolver(config), seeds, restore ?? new Map(), options.checkpoint ?? 'untrained');
  // The rules act in evaluation as in training: greedy evaluation takes the best combined score.
  const reasonerFor = reasonerResolver(config, loadRuleSets(config), { runDir: null, seeds });
  const onnx = onnxPath === null ? null : new OnnxActors(onnxPath, { deterministic: options.deterministic, reasonerFor });
  const returns = new Map<string, { learner: string; returns: number[]; lengths: number[] }>();
  const episodeStat = options.episodeStat ?? null;
  let loop: RolloutLoop | null = null;
  const statCount = () => (episodeStat === null ? 0 : (loop?.stats.get(episodeStat)?.count ?? 0));
  const done = () =>
    episodeStat !== null ? statCount() >= options.episodes : returns.size > 0 && [...returns.values()].every((r) => r.returns.length >= options.episodes);
  try {
    loop = new RolloutLoop(environments.envs, {
      actorFor: (behavior, spec) => {
        if (onnx) {
          behaviorConfigFor(config, behavior); // a behavior the configuration does not name is refused, as for a checkpoint
          returns.set(behavior, { learner: options.checkpoint!, returns: [], lengths: [] });
          return onnx.actorFor(behavior, spec);
        }
        const learner = meta.learnerFor(spec);
        if (!learner) return null;
        if (restore !== null && !restore.has(learner.id)) {
          throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${options.checkpoint}: learner "${learner.id}" (behavior "${behavior}"): expected its state in the checkpoint, got learners [${[...restore.keys()].join(', ')}]`);
        }
        returns.set(behavior, { learner: learner.id, returns: [], lengths: [] });
        const reasoner = reasonerFor(behavior, spec);
        return (requests) => decide(learner, requests, { deterministic: options.deterministic, learn: false, reasoner });
      },
      onEpisodes: (_source, episodes) => {
        // Counted by the stat: episodes that end after the last counted one are not the evaluation's.
        if (episodeStat !== null && statCount() >= options.episodes) return;
        for (const episode of episodes) {
          const r = returns.get(episode.behavior)!;
          if (episodeStat !== null || r.returns.length < options.episodes) {
            r.returns.push(episode.return);
            r.lengths.push(episode.length);
          }
        }
      },
      shouldStop: (_source, at) => at === 'decided' && done(),
    });
    await loop.run();
  } finally {
    meta.dispose();
    await onnx?.release();
    await environments.close();
  }
  const stats = loop.stats;
  return {
    checkpoint: options.checkpoint,
    mode: options.deterministic ? 'deterministic' : 'stochastic',
    episodeStat,
    environmentEpisodes: episodeStat === null ? null : statCount(),
    behaviors: Object.fromEntries(
      [...returns].map(([name, r]) => {
        const mean = r.returns.reduce((a, b) => a + b, 0) / r.returns.length;
        const std = Math.sqrt(r.returns.reduce((a, b) => a + (b - mean) ** 2, 0) / r.returns.length);
        return [name, { learner: r.learner, episodes: r.returns.length, meanReturn: mean, stdReturn: std, minReturn: Math.min(...r.returns), maxReturn: Math.max(...r.returns), meanLength: r.lengths.reduce((a, b) => a + b, 0) / r.lengths.length }];
      }),
    ),
    stats: Object.fromEntries([...stats].map(([key, { sum, count }]) => [key, { mean: sum / count, count, total: sum }])),
  };
}

/** The learner states of a training checkpoint. */
export function learnerStates(path: string): Map<string, LearnerState> {
  return new Map<string, LearnerState>(Object.entries(readTrainingCheckpoint(path).state.learners));
}
