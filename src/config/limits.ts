/**
 * Upper bounds of the run configuration's numeric keys outside `hyperparameters` (the algorithms' tables bound
 * theirs: agents/plugin/mlagents-keys.ts and agents/<algorithm>/hyperparameters.ts). Each is a value no sane run
 * exceeds and that keeps memory and time bounded; the reason goes into the error for a value past it and into
 * docs/CONFIGURATION.md. What the bounds leave (a large network on a large buffer, say) is caught by the memory
 * estimate before anything is allocated (src/training/memory-budget.ts).
 */

import { BOUNDS } from '../../agents/plugin/mlagents-keys.js';

/** A bound and why it is where it is. */
export interface Limit {
  readonly max: number;
  readonly bounds: string;
}

/** Steps: max_steps, and the step counts measured against it. */
export const MAX_STEPS: Limit = {
  max: BOUNDS.agentSteps.max,
  bounds: '10¹¹ agent steps is over 11 days at 10⁵ steps/s, and the schedules (learning rate, β, ε) decay over max_steps',
};

/** summary_freq, checkpoint_interval, self-play's save_steps, team_change and swap_steps, behavioral_cloning.steps. */
export const STEP_COUNT: Limit = BOUNDS.agentSteps;

export const LIMITS = {
  hiddenUnits: {
    max: 4096,
    bounds: "each hidden layer holds hidden_units² weights, ×3 with Adam's moments (4096: 200 MB per layer); ML-Agents suggests 32–512",
  },
  numLayers: {
    max: 64,
    bounds: 'every layer adds hidden_units² weights and its activations per sample; ML-Agents suggests 1–3, and plain MLPs much deeper do not train',
  },
  timeHorizon: BOUNDS.timeHorizon,
  keepCheckpoints: { max: 1000, bounds: 'each checkpoint is a whole copy of the learners on disk; ML-Agents keeps 5' },
  selfPlayWindow: { max: 1000, bounds: "every snapshot in the window is a copy of the policy's weights held in memory; ML-Agents suggests 10–50" },
  bcSamplesPerUpdate: { max: 10_000_000, bounds: "as buffer_size: the samples of one update are gathered in memory" },
  bcNumEpoch: { max: 1000, bounds: 'each epoch is one pass over the samples; beyond 1000 an update would stall training' },
  bcBatchSize: { max: 1_000_000, bounds: "as batch_size: one minibatch is one set of tensors" },
  numEnvs: { max: 256, bounds: 'each simulation is a process with its own port and connection (as --num-envs)' },
  envWorkers: { max: 64, bounds: 'each worker is a thread with a heap of its own (some MB); more threads than cores only adds switching' },
  numAreas: {
    max: 10_000,
    bounds: "each area's agents join every decision batch and hold their own trajectories; ML-Agents' example scenes use up to 32",
  },
  /** Seconds: Node's timers hold at most 2³¹ − 1 ms (24.8 days); a longer wait would fire at once. */
  timeoutWait: { max: 2_000_000, bounds: "Node's timers hold at most 2³¹ − 1 ms (24.8 days); 2·10⁶ s is 23 days" },
  restartsRateLimitPeriodS: { max: 2_000_000, bounds: "Node's timers hold at most 2³¹ − 1 ms (24.8 days)" },
  maxBatch: { max: 1_000_000, bounds: 'one batch is one forward pass, and its tensors grow with it' },
  engineSize: { max: 16_384, bounds: "Unity's largest texture size; a window larger than that cannot render" },
  timeScale: { max: 100, bounds: 'Unity caps Time.timeScale at 100' },
} as const satisfies Readonly<Record<string, Limit>>;
