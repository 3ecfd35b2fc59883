/**
 * `shiva evaluate`: a trained checkpoint plays N episodes per behavior on the run configuration's
 * environments, greedily (deterministic) or by sampling, without learning; one JSON line of results.
 */
import type { Logger } from 'pino';
import type { RunConfig } from '../config/index.js';
import { ShivaError } from '../errors.js';
import { chooseBackend } from '../runtime/backend.js';
import { RunSeeds } from '../runtime/seeding.js';
import { readCheckpoint } from '../training/checkpoint/index.js';
import { EpisodeTracker } from '../training/episode-tracker.js';
import type { Learner, LearnerState, StepsFromSource } from '../training/learner.js';
import { MetaLearner } from '../training/meta-learner.js';
import type { TrainingState } from '../training/trainer.js';
import { environmentSettings, openEnvironments } from './environments.js';
import { planResolver } from './learner-plans.js';
import { loadRuleSets, reasonerResolver } from './reasoners.js';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export interface EvaluateOptions {
  readonly checkpoint: string;
  readonly episodes: number;
  readonly deterministic: boolean;
  readonly seed: number;
  readonly logger: Logger;
}

export interface EvaluationResult {
  readonly checkpoint: string;
  readonly mode: 'deterministic' | 'stochastic';
  readonly behaviors: Record<string, { learner: string; episodes: number; meanReturn: number; stdReturn: number; minReturn: number; maxReturn: number; meanLength: number }>;
}

export async function evaluate(config: RunConfig, options: EvaluateOptions): Promise<EvaluationResult> {
  const checkpoint = readCheckpoint(options.checkpoint);
  const state = (checkpoint.meta as unknown as { state?: TrainingState }).state;
  if (!state || typeof state !== 'object' || !state.learners) {
    throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${options.checkpoint}: meta.state: expected a Shiva training checkpoint with learner states, got none`);
  }
  await chooseBackend(config.shiva.backend);
  const environments = await openEnvironments(environmentSettings(config, { seed: options.seed, logDir: join(tmpdir(), 'shiva-evaluate-logs'), maxRestarts: 0, logger: options.logger }));
  const restore = new Map<string, LearnerState>(Object.entries(state.learners));
  const seeds = new RunSeeds(options.seed);
  const meta = new MetaLearner(planResolver(config), seeds, restore, options.checkpoint);
  // The rules act in evaluation as in training: greedy evaluation takes the best combined score.
  const reasonerFor = reasonerResolver(config, loadRuleSets(config), { runDir: null, seeds });
  const returns = new Map<string, { learner: string; returns: number[]; lengths: number[] }>();
  const tracker = new EpisodeTracker();
  const done = () => returns.size > 0 && [...returns.values()].every((r) => r.returns.length >= options.episodes);
  try {
    await Promise.all(environments.envs.map((e) => e.reset()));
    for (let guard = 0; guard < 10_000_000 && !done(); guard++) {
      const groups = new Map<Learner, Map<string, StepsFromSource[]>>();
      environments.envs.forEach((e, source) => {
        for (const [name, spec] of e.behaviorSpecs) {
          const learner = meta.learnerFor(spec);
          if (!learner) continue;
          if (!restore.has(learner.id)) {
            throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${options.checkpoint}: learner "${learner.id}" (behavior "${name}"): expected its state in the checkpoint, got learners [${[...restore.keys()].join(', ')}]`);
          }
          const steps = e.getSteps(name);
          tracker.observe(source, name, steps.decisionSteps, steps.terminalSteps);
          if (!returns.has(name)) returns.set(name, { learner: learner.id, returns: [], lengths: [] });
          if (!groups.has(learner)) groups.set(learner, new Map());
          const byBehavior = groups.get(learner)!;
          if (!byBehavior.has(name)) byBehavior.set(name, []);
          byBehavior.get(name)!.push({ source, ...steps });
        }
      });
      for (const episode of tracker.drain()) {
        const r = returns.get(episode.behavior)!;
        if (r.returns.length < options.episodes) {
          r.returns.push(episode.return);
          r.lengths.push(episode.length);
        }
      }
      if (done()) break;
      for (const [learner, byBehavior] of groups) {
        for (const [behavior, parts] of byBehavior) {
          const reasoner = reasonerFor(behavior, environments.envs[parts[0]!.source]!.behaviorSpecs.get(behavior)!);
          const actions = learner.decide(parts, { deterministic: options.deterministic, learn: false, ...(reasoner ? { reasoner } : {}) });
          parts.forEach((p, k) => p.decisionSteps.count > 0 && environments.envs[p.source]!.setActions(behavior, actions[k]!));
        }
      }
      await Promise.all(environments.envs.map((e) => e.step()));
    }
  } finally {
    meta.dispose();
    await environments.close();
  }
  return {
    checkpoint: options.checkpoint,
    mode: options.deterministic ? 'deterministic' : 'stochastic',
    behaviors: Object.fromEntries(
      [...returns].map(([name, r]) => {
        const mean = r.returns.reduce((a, b) => a + b, 0) / r.returns.length;
        const std = Math.sqrt(r.returns.reduce((a, b) => a + (b - mean) ** 2, 0) / r.returns.length);
        return [name, { learner: r.learner, episodes: r.returns.length, meanReturn: mean, stdReturn: std, minReturn: Math.min(...r.returns), maxReturn: Math.max(...r.returns), meanLength: r.lengths.reduce((a, b) => a + b, 0) / r.lengths.length }];
      }),
    ),
  };
}
