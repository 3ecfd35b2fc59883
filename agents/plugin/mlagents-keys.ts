/**
 * ML-Agents' own hyperparameter keys, with its release-21 defaults (mlagents/trainers/settings.py), as the tables
 * of several algorithms share them: the on-policy keys of PPOSettings (PPO, POCA) and the off-policy keys of
 * SACSettings (SAC, and Shiva's DQN, TD3, DDPG and MADDPG, which answer to the same names). An algorithm's table
 * spreads these and adds its own, so a key means one thing and has one default wherever it appears.
 */
import type { HyperparameterTable, HyperparameterValues, TableCheck } from './hyperparameter-table.js';

const SCHEDULES = ['linear', 'constant'] as const;

/**
 * Upper bounds shared by several tables, each a value no sane run exceeds that keeps memory and time bounded (the
 * memory estimate, AlgorithmPlugin.estimateBytes, checks what is left before anything is allocated). `bounds` is
 * said in the docs and in the error for a value past `max`.
 */
export const BOUNDS = {
  minibatch: { max: 1_000_000, bounds: 'a minibatch is one set of tensors, batch_size × (observations + every hidden layer) floats several times over for the gradients; ML-Agents suggests 32–5120' },
  rolloutBuffer: {
    max: 10_000_000,
    bounds: 'an update runs only once buffer_size experiences are collected, and all of them are held in memory: past 10⁷ no update would ever run in a run of sane length, nor would the buffer fit; ML-Agents suggests 2048–409600',
  },
  replayBuffer: { max: 10_000_000, bounds: 'the replay buffer is allocated whole when the learner is made, buffer_size × (2 observations + action + reward) floats; ML-Agents defaults to 50000, SB3 to 10⁶' },
  epochs: { max: 1000, bounds: 'each epoch is buffer_size / batch_size gradient steps; ML-Agents suggests 3–10, and 1000 passes over one buffer would stall training' },
  gradientSteps: { max: 1000, bounds: 'gradient steps per update run one after the other while the simulations wait' },
  agentSteps: { max: 100_000_000_000, bounds: 'a count of agent steps, at most the largest max_steps (10¹¹)' },
  timeHorizon: { max: 100_000, bounds: "an agent's open trajectory (POCA: its group's segment) is held until it is cut; ML-Agents suggests 32–2048" },
  stepsPerUpdate: { max: 1_000_000, bounds: 'one update per 10⁶ agent steps would hardly ever update' },
} as const;

/** Discount: every algorithm's, from reward_signals.extrinsic.gamma (ML-Agents' RewardSignalSettings default). */
export const GAMMA = {
  gamma: { kind: 'number', default: 0.99, min: 0, max: 1, owner: 'ml-agents', source: 'gamma', doc: 'discount per step' },
} as const satisfies HyperparameterTable;

/** PPOSettings (POCASettings has the same keys and defaults). */
export const ON_POLICY_KEYS = {
  batch_size: { kind: 'int', default: 1024, min: 1, ...BOUNDS.minibatch, owner: 'ml-agents', doc: 'transitions per gradient step (the minibatch); at most `buffer_size` (an error otherwise)' },
  buffer_size: { kind: 'int', default: 10240, min: 1, ...BOUNDS.rolloutBuffer, owner: 'ml-agents', doc: 'an update runs once emitted trajectories hold more than this many steps, on all of them; a multiple of `batch_size` (a warning otherwise); more than `max_steps` is a warning (no update would run)' },
  learning_rate: { kind: 'number', default: 3e-4, min: 0, minExclusive: true, owner: 'ml-agents', doc: "Adam's step size at the start of training" },
  learning_rate_schedule: { kind: 'choice', values: SCHEDULES, default: 'linear', owner: 'ml-agents', doc: '`linear` decays the learning rate to ~0 over `max_steps`; `constant` keeps it' },
  beta: { kind: 'number', default: 5e-3, min: 0, owner: 'ml-agents', doc: 'entropy bonus coefficient' },
  epsilon: { kind: 'number', default: 0.2, min: 0, max: 1, minExclusive: true, maxExclusive: true, owner: 'ml-agents', doc: 'clip range of the probability ratio (and of the value change when `clip_value_loss` is true)' },
  lambd: { kind: 'number', default: 0.95, min: 0, max: 1, owner: 'ml-agents', doc: 'GAE λ' },
  num_epoch: { kind: 'int', default: 3, min: 1, ...BOUNDS.epochs, owner: 'ml-agents', doc: 'passes over the buffer per update' },
  beta_schedule: { kind: 'choice', values: SCHEDULES, default: 'linear', defaultFrom: 'learning_rate_schedule', owner: 'ml-agents', doc: '`linear` decays `beta` to 1e-5 over `max_steps`' },
  epsilon_schedule: { kind: 'choice', values: SCHEDULES, default: 'linear', defaultFrom: 'learning_rate_schedule', owner: 'ml-agents', doc: '`linear` decays `epsilon` to 0.1 over `max_steps`' },
  shared_critic: { kind: 'bool', default: false, owner: 'ml-agents', ignored: "Shiva's actor and critic always have separate encoders", warnUnless: false, doc: 'one trunk for actor and critic' },
  ...GAMMA,
  time_horizon: { kind: 'int', default: 64, min: 1, ...BOUNDS.timeHorizon, owner: 'ml-agents', source: 'time_horizon', doc: "steps after which an agent's trajectory is sent to the update buffer, bootstrapped from the value (at an episode end it is sent at once)" },
  // Shiva's own, CleanRL's names and values.
  max_grad_norm: { kind: 'number', default: 0.5, min: 0, owner: 'shiva', doc: 'gradients are scaled so their global L2 norm is at most this; 0 turns it off', why: "ML-Agents does not clip gradients; 0.5 is CleanRL's value" },
  clip_value_loss: {
    kind: 'bool',
    default: false,
    owner: 'shiva',
    doc: 'clip the value change to ±`epsilon` around the old value',
    why: "ML-Agents always clips (set true to match it); off by default because Shiva's example configurations and default job were tuned without it",
  },
  value_loss_coef: { kind: 'number', default: 0.5, min: 0, owner: 'shiva', doc: 'weight of the value loss in the total loss (ML-Agents fixes it at 0.5)' },
  normalize_advantages: { kind: 'bool', default: true, owner: 'shiva', doc: 'normalise advantages to zero mean, unit std over the whole update buffer before the epochs (as ML-Agents always does)', why: 'ML-Agents always normalises; false turns it off' },
  adam_epsilon: { kind: 'number', default: 1e-5, min: 0, minExclusive: true, owner: 'shiva', doc: "Adam's ε", why: "CleanRL's value; ML-Agents keeps PyTorch's default, 1e-8" },
} as const satisfies HyperparameterTable;

/** batch_size ≤ buffer_size, and a buffer_size that is a multiple of batch_size. */
export const ON_POLICY_CHECKS: readonly TableCheck[] = [
  {
    keys: ['batch_size', 'buffer_size'],
    check: (v) => (Number(v['batch_size']) > Number(v['buffer_size']) ? { ...batchFitsBuffer(v), reason: 'so that a buffer holds at least one minibatch' } : null),
  },
  {
    keys: ['buffer_size', 'batch_size'],
    check: (v) => {
      const rest = Number(v['buffer_size']) % Number(v['batch_size']);
      return rest === 0 ? null : { warning: `buffer_size (${v['buffer_size']}) is not a multiple of batch_size (${v['batch_size']}); ML-Agents recommends a multiple, and the last ${rest} experiences of each buffer make no full minibatch` };
    },
  },
];

/**
 * SACSettings' keys. `trainer` names the algorithm in the error for a learning_rate_schedule other than constant
 * (Shiva's off-policy learners keep their learning rate).
 */
export function offPolicyKeys(trainer: string) {
  return {
    batch_size: { kind: 'int', default: 128, min: 1, ...BOUNDS.minibatch, owner: 'ml-agents', doc: 'transitions per gradient step' },
    buffer_size: { kind: 'int', default: 50000, min: 1, ...BOUNDS.replayBuffer, owner: 'ml-agents', doc: 'replay capacity in transitions' },
    learning_rate: { kind: 'number', default: 3e-4, min: 0, minExclusive: true, owner: 'ml-agents', doc: "Adam's step size (constant)" },
    learning_rate_schedule: {
      kind: 'choice',
      values: ['constant'],
      default: 'constant',
      expected: `"constant" (${trainer} keeps its learning rate)`,
      owner: 'ml-agents',
      ignored: 'the learning rate is constant',
      doc: "Shiva's off-policy learners keep the learning rate constant (ML-Agents' SAC may also decay it linearly)",
    },
    buffer_init_steps: { kind: 'int', default: 0, min: 0, ...BOUNDS.agentSteps, owner: 'ml-agents', doc: 'agent steps collected before the first update (updates also wait for `batch_size` transitions)' },
    tau: { kind: 'number', default: 0.005, min: 0, max: 1, minExclusive: true, owner: 'ml-agents', doc: 'Polyak factor of the target networks: θ⁻ ← τθ + (1 − τ)θ⁻' },
    steps_per_update: { kind: 'number', default: 1, min: 0, minExclusive: true, ...BOUNDS.stepsPerUpdate, owner: 'ml-agents', doc: 'agent steps per update; may be below 1 (several updates per step)' },
    save_replay_buffer: { kind: 'bool', default: false, owner: 'ml-agents', doc: "save the replay buffer with the learner's checkpoint state" },
    ...GAMMA,
  } as const satisfies HyperparameterTable;
}

/** ML-Agents' SAC keys that the other off-policy learners accept and do not use. */
export const SAC_ONLY_KEYS_IGNORED = {
  init_entcoef: { kind: 'number', default: 1.0, min: 0, minExclusive: true, owner: 'ml-agents', ignored: 'SAC only', doc: "SAC's initial entropy coefficient" },
  reward_signal_steps_per_update: { kind: 'number', default: 1, defaultFrom: 'steps_per_update', min: 0, minExclusive: true, owner: 'ml-agents', ignored: 'no reward signal besides the extrinsic one trains with it', doc: 'reward-signal updates per step' },
} as const satisfies HyperparameterTable;

/** batch_size ≤ buffer_size. */
export const OFF_POLICY_CHECKS: readonly TableCheck[] = [{ keys: ['batch_size', 'buffer_size'], check: (v) => (Number(v['batch_size']) > Number(v['buffer_size']) ? batchFitsBuffer(v) : null) }];

function batchFitsBuffer(v: HyperparameterValues) {
  return { expected: { batch_size: `an integer ≤ buffer_size (${v['buffer_size']})`, buffer_size: `an integer ≥ batch_size (${v['batch_size']})` } };
}
