/**
 * PPO (or SAC, or POCA on the scene's groups) on the T-maze (envs/tmaze) with and without memory (network_settings.memory): the driver that
 * test/agents/ppo/ppo-memory-learning.test.ts, test/agents/sac/sac-memory-learning.test.ts, test/agents/poca/poca-memory-learning.test.ts and bench/memory-task.ts share. One seed fixes the scene (its cues),
 * the learner's initial weights, its acting and its updates; the figures are the junction rewards (+1 or −1) of
 * the episodes in the order they ended.
 */
import { pocaHyperparameters } from '../../agents/poca/hyperparameters.js';
import type { PocaLearnerSettings } from '../../agents/poca/poca-learner.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import type { PpoLearnerSettings } from '../../agents/ppo/ppo-learner.js';
import { PPO_PLUGIN } from '../../agents/ppo/plugin.js';
import type { AlgorithmPlugin, LearnerSettings } from '../../agents/plugin/algorithm-plugin.js';
import type { Learner } from '../../agents/plugin/learner.js';
import { sacHyperparameters } from '../../agents/sac/hyperparameters.js';
import type { SacLearnerSettings } from '../../agents/sac/sac-learner.js';
import { TMAZE_BEHAVIOR, createTMazeScene } from '../../envs/tmaze/tmaze-scene.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { decide } from '../../src/decisions/decision-pipeline.js';

/** The memory the runs with memory use: an LSTM of hidden size 16 per side, sequences as long as an episode's 5 decisions plus padding. */
export const TMAZE_MEMORY = { sequenceLength: 8, memorySize: 32 } as const;

export function tmazeSettings(memory: boolean): PpoLearnerSettings {
  return {
    id: 'TMaze',
    hyperparameters: ppoHyperparameters({ batch_size: 64, buffer_size: 320, time_horizon: 64, num_epoch: 4, learning_rate: 3e-3, beta: 0.01, gamma: 0.99, lambd: 0.95, learning_rate_schedule: 'constant', beta_schedule: 'constant', epsilon_schedule: 'constant' }),
    network: { hiddenUnits: 32, numLayers: 1, ...(memory ? { memory: TMAZE_MEMORY } : {}) },
    maxSteps: 1_000_000,
    rewardStrength: 1,
  };
}

export interface TMazeRun {
  /** The junction reward of each episode (+1 the cue's way, −1 the other), in the order they ended. */
  readonly returns: number[];
  readonly steps: number;
  readonly updates: number;
  readonly seconds: number;
  /** The learner at the end (not disposed when `keep`). */
  readonly learner: Learner | null;
  /** What each update reported. */
  readonly stats: Record<string, number>[];
}

/**
 * SAC's settings for the T-maze (bench/memory-task.ts, test/agents/sac/sac-memory-learning.test.ts): discrete SAC
 * with the same network and memory as PPO's, a small replay and batch (8 sequences of 8), a gradient step every 4
 * agent steps after 200 uniform ones.
 */
export function tmazeSacSettings(memory: boolean): SacLearnerSettings {
  return {
    id: 'TMaze',
    hyperparameters: sacHyperparameters({ batch_size: 64, buffer_size: 20_000, buffer_init_steps: 200, steps_per_update: 4, learning_rate: 3e-3, gamma: 0.99, tau: 0.01, init_entcoef: 0.5, time_horizon: 64 }),
    network: { hiddenUnits: 32, numLayers: 1, ...(memory ? { memory: TMAZE_MEMORY } : {}) },
    maxSteps: 1_000_000,
    rewardStrength: 1,
  };
}

/**
 * MA-POCA's settings for the group T-maze (the scene's group_size parameter; test/agents/poca/poca-memory-learning.test.ts):
 * PPO's network, sequences of one whole episode (5 decisions, no padding), a larger learning rate and 2 epochs so
 * that a short seeded run shows the difference.
 */
export function tmazePocaSettings(memory: boolean): PocaLearnerSettings {
  return {
    id: 'TMaze',
    hyperparameters: pocaHyperparameters({ batch_size: 64, buffer_size: 320, time_horizon: 64, num_epoch: 2, learning_rate: 5e-3, beta: 0.01, gamma: 0.99, lambd: 0.95, learning_rate_schedule: 'constant', beta_schedule: 'constant', epsilon_schedule: 'constant' }),
    network: { hiddenUnits: 32, numLayers: 1, ...(memory ? { memory: { sequenceLength: 5, memorySize: 32 } } : {}) },
    maxSteps: 1_000_000,
    rewardStrength: 1,
  };
}

/** `steps` agent steps of PPO (or `plugin` with its `settings`), with or without memory, on a T-maze of `numAreas` areas (and environment `parameters`, such as group_size). */
export async function runTMaze(memory: boolean, seed: number, steps: number, options: { numAreas?: number; keep?: boolean; settings?: LearnerSettings; plugin?: AlgorithmPlugin; parameters?: Readonly<Record<string, number>> } = {}): Promise<TMazeRun> {
  const started = Date.now();
  const env = new LocalEnv('tmaze', createTMazeScene, { numAreas: options.numAreas ?? 8, seed });
  if (options.parameters) env.setEnvironmentParameters(options.parameters);
  await env.reset();
  const plugin = options.plugin ?? PPO_PLUGIN;
  const settings = options.settings ?? (plugin === PPO_PLUGIN ? tmazeSettings(memory) : null);
  if (!settings) throw new Error(`runTMaze: settings: expected the ${plugin.trainerType} learner's settings, got none`);
  const learner = plugin.createLearner!(env.behaviorSpecs.get(TMAZE_BEHAVIOR)!, settings, new RunSeeds(seed));
  const returns: number[] = [];
  let n = 0;
  let updates = 0;
  const stats: Record<string, number>[] = [];
  try {
    while (n < steps) {
      const { decisionSteps, terminalSteps } = env.getSteps(TMAZE_BEHAVIOR);
      for (let i = 0; i < terminalSteps.count; i++) returns.push(terminalSteps.rewards[i]!);
      const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
      env.setActions(TMAZE_BEHAVIOR, actions!);
      await env.step();
      n += decisionSteps.count;
      const s = learner.maybeUpdate();
      if (s) {
        updates++;
        stats.push(s);
      }
    }
  } finally {
    if (!options.keep) learner.dispose();
    await env.close();
  }
  return { returns, steps: n, updates, seconds: (Date.now() - started) / 1000, learner: options.keep ? learner : null, stats };
}

/** Mean return and success rate (the share of +1) of the last `last` episodes. */
export function tail(returns: readonly number[], last: number): { meanReturn: number; successRate: number } {
  const t = returns.slice(-last);
  if (t.length === 0) return { meanReturn: 0, successRate: 0 };
  const sum = t.reduce((a, b) => a + b, 0);
  return { meanReturn: sum / t.length, successRate: t.filter((r) => r > 0).length / t.length };
}
