/**
 * PPO on the sparse-reward corridor (envs/corridor) with the extrinsic reward alone, with curiosity, or with RND:
 * the driver that test/agents/curiosity.test.ts, rnd.test.ts and bench/sparse-reward.ts share. One seed fixes the
 * scene, the learner's initial weights, its acting and its updates; the figures are the goal flags of the episodes
 * in the order they ended.
 */
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { PpoLearner, type PpoLearnerSettings } from '../../agents/ppo/ppo-learner.js';
import type { IntrinsicSignalSettings } from '../../agents/reward-signals/intrinsic-settings.js';
import type { TransitionBatch } from '../../agents/reward-signals/reward-signal.js';
import { CORRIDOR_BEHAVIOR, CORRIDOR_KEY, CORRIDOR_LENGTH, createCorridorScene } from '../../envs/corridor/corridor-scene.js';
import type { Learner } from '../../agents/plugin/learner.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { decide } from '../../src/decisions/decision-pipeline.js';

export type CorridorSignal = 'extrinsic' | 'curiosity' | 'rnd';

/** The intrinsic signals' settings these runs use: a small encoder, strength so the goal's +1 still dominates. */
export const CORRIDOR_CURIOSITY: IntrinsicSignalSettings = { gamma: 0.99, strength: 0.1, learningRate: 1e-3, network: { hiddenUnits: 32, numLayers: 2, normalize: false, activation: 'swish' } };
export const CORRIDOR_RND: IntrinsicSignalSettings = { gamma: 0.99, strength: 1, learningRate: 1e-3, network: { hiddenUnits: 32, numLayers: 2, normalize: false, activation: 'swish' } };

export function corridorSettings(signal: CorridorSignal): PpoLearnerSettings {
  return {
    id: 'Corridor',
    hyperparameters: ppoHyperparameters({ batch_size: 128, buffer_size: 512, time_horizon: 64, num_epoch: 3, learning_rate: 1e-3, beta: 0.01, gamma: 0.99, learning_rate_schedule: 'constant', beta_schedule: 'constant', epsilon_schedule: 'constant' }),
    network: { hiddenUnits: 32, numLayers: 2 },
    maxSteps: 1_000_000,
    rewardStrength: 1,
    ...(signal === 'curiosity' ? { curiosity: CORRIDOR_CURIOSITY } : {}),
    ...(signal === 'rnd' ? { rnd: CORRIDOR_RND } : {}),
  };
}

export interface CorridorRun {
  /** 1 per episode that reached the goal, 0 per timed-out one, in the order they ended. */
  readonly goals: number[];
  readonly steps: number;
  readonly stats: Record<string, number>[];
  readonly seconds: number;
}

/** `steps` agent steps of PPO (with `signal`) on a corridor of `numAreas` areas. */
export async function runCorridor(signal: CorridorSignal, seed: number, steps: number, numAreas = 8): Promise<CorridorRun> {
  return runCorridorWith((spec, seeds) => new PpoLearner(spec, corridorSettings(signal), seeds), seed, steps, numAreas);
}

/** The same with any learner (test/agents/sac/sac-signals.test.ts: SAC with curiosity or RND). */
export async function runCorridorWith(makeLearner: (spec: BehaviorSpec, seeds: RunSeeds) => Learner, seed: number, steps: number, numAreas = 8): Promise<CorridorRun> {
  const started = Date.now();
  const env = new LocalEnv('corridor', createCorridorScene, { numAreas, seed });
  await env.reset();
  const learner = makeLearner(env.behaviorSpecs.get(CORRIDOR_BEHAVIOR)!, new RunSeeds(seed));
  const goals: number[] = [];
  const stats: Record<string, number>[] = [];
  let n = 0;
  try {
    while (n < steps) {
      const { decisionSteps, terminalSteps } = env.getSteps(CORRIDOR_BEHAVIOR);
      for (let i = 0; i < terminalSteps.count; i++) goals.push(terminalSteps.interrupted[i] ? 0 : 1);
      const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
      env.setActions(CORRIDOR_BEHAVIOR, actions!);
      await env.step();
      n += decisionSteps.count;
      const s = learner.maybeUpdate();
      if (s) stats.push(s);
    }
  } finally {
    learner.dispose();
    await env.close();
  }
  return { goals, steps: n, stats, seconds: (Date.now() - started) / 1000 };
}

/** The fraction of the last `last` episodes that reached the goal. */
export function goalRate(goals: readonly number[], last: number): number {
  const tail = goals.slice(-last);
  return tail.length === 0 ? 0 : tail.reduce((a, b) => a + b, 0) / tail.length;
}

/** `repeat` copies of the corridor's opening transitions (cell i, its key, cell i + 1) for cells `cells`. */
export function corridorBatch(cells: readonly number[], repeat: number): TransitionBatch {
  const n = cells.length * repeat;
  const obs = new Float32Array(n * CORRIDOR_LENGTH);
  const next = new Float32Array(n * CORRIDOR_LENGTH);
  const discrete = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const cell = cells[r % cells.length]!;
    obs[r * CORRIDOR_LENGTH + cell] = 1;
    next[r * CORRIDOR_LENGTH + cell + 1] = 1;
    discrete[r] = CORRIDOR_KEY[cell]!;
  }
  return { size: n, observations: [obs], nextObservations: [next], continuousActions: new Float32Array(0), discreteActions: discrete, dones: new Uint8Array(n) };
}

