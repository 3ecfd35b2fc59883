/**
 * A behavior's `hyperparameters` mapping: PPO's keys for on-policy trainers, SAC's for off-policy ones, each with
 * ML-Agents' defaults and range checks, plus Shiva's own PPO keys (max_grad_norm, clip_value_loss, ...).
 */
import type { ConfigContext } from './config-context.js';
import { PPO_DEFAULTS, SAC_DEFAULTS } from './defaults.js';
import { DQN_KEYS, parseDqnHyperparameters } from './dqn-hyperparameters.js';
import { MADDPG_KEYS, parseMaddpgHyperparameters } from './maddpg-hyperparameters.js';
import { parseTd3Hyperparameters, TD3_KEYS, td3KeysOf } from './td3-hyperparameters.js';
import { OFF_POLICY_TRAINERS, ON_POLICY_TRAINERS, SCHEDULES, type OffPolicyHyperparameters, type OnPolicyHyperparameters, type TrainerType } from './run-config.js';
import { Section } from './section.js';
import type { Origin, SourceNode } from './source-tree.js';

const COMMON_KEYS = ['batch_size', 'buffer_size', 'learning_rate', 'learning_rate_schedule'] as const;
export const ON_POLICY_KEYS = [
  ...COMMON_KEYS,
  'beta',
  'epsilon',
  'lambd',
  'num_epoch',
  'beta_schedule',
  'epsilon_schedule',
  'shared_critic',
  // Shiva's own:
  'max_grad_norm',
  'clip_value_loss',
  'value_loss_coef',
  'normalize_advantages',
  'adam_epsilon',
] as const;
export const OFF_POLICY_KEYS = [...COMMON_KEYS, 'buffer_init_steps', 'tau', 'steps_per_update', 'save_replay_buffer', 'init_entcoef', 'reward_signal_steps_per_update'] as const;

export function isOnPolicyType(type: TrainerType): boolean {
  return (ON_POLICY_TRAINERS as readonly string[]).includes(type);
}

/** Keys of the other family, with why they are refused here. */
function foreignKeys(type: TrainerType): Record<string, string> {
  const onPolicy = isOnPolicyType(type);
  const [mine, theirs, family]: [readonly string[], readonly string[], string] = onPolicy
    ? [ON_POLICY_KEYS, OFF_POLICY_KEYS, `off-policy trainers (${OFF_POLICY_TRAINERS.join(', ')})`]
    : [OFF_POLICY_KEYS, ON_POLICY_KEYS, `on-policy trainers (${ON_POLICY_TRAINERS.join(', ')})`];
  const out: Record<string, string> = {};
  for (const key of theirs) if (!mine.includes(key)) out[key] = `a hyperparameter of ${family}, but trainer_type is ${type}`;
  if (type !== 'dqn') for (const key of DQN_KEYS) out[key] = `a hyperparameter of dqn, but trainer_type is ${type}`;
  if (type !== 'maddpg') for (const key of MADDPG_KEYS) out[key] ??= `a hyperparameter of maddpg, but trainer_type is ${type}`;
  const td3Own = td3KeysOf(type);
  for (const key of TD3_KEYS) if (!td3Own.includes(key)) out[key] = `a hyperparameter of td3${type === 'ddpg' ? ' (DDPG has no policy delay or target smoothing)' : ''}, but trainer_type is ${type}`;
  return out;
}

export function parseOnPolicyHyperparameters(ctx: ConfigContext, node: SourceNode | undefined, path: string, type: TrainerType, parent: Origin, elsewhere: Record<string, string>): OnPolicyHyperparameters {
  const s = new Section(ctx, node, path, ON_POLICY_KEYS, parent, { elsewhere, foreign: foreignKeys(type) });
  const d = PPO_DEFAULTS;
  const batchSize = s.int('batch_size', d.batchSize, 1);
  const bufferSize = s.int('buffer_size', d.bufferSize, 1);
  // ML-Agents' check_hyperparam_schedules: beta and epsilon follow an explicitly set learning_rate_schedule.
  const learningRateSchedule = s.oneOf('learning_rate_schedule', SCHEDULES, d.learningRateSchedule);
  const lrSet = s.has('learning_rate_schedule');
  const hp: OnPolicyHyperparameters = {
    batchSize,
    bufferSize,
    learningRate: s.number('learning_rate', d.learningRate, { min: 0, minExclusive: true }),
    learningRateSchedule,
    beta: s.number('beta', d.beta, { min: 0 }),
    epsilon: s.number('epsilon', d.epsilon, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
    lambd: s.number('lambd', d.lambd, { min: 0, max: 1 }),
    numEpoch: s.int('num_epoch', d.numEpoch, 1),
    betaSchedule: s.oneOf('beta_schedule', SCHEDULES, lrSet ? learningRateSchedule : d.betaSchedule),
    epsilonSchedule: s.oneOf('epsilon_schedule', SCHEDULES, lrSet ? learningRateSchedule : d.epsilonSchedule),
    sharedCritic: s.bool('shared_critic', d.sharedCritic),
    maxGradNorm: s.number('max_grad_norm', d.maxGradNorm, { min: 0 }),
    clipValueLoss: s.bool('clip_value_loss', d.clipValueLoss),
    valueLossCoef: s.number('value_loss_coef', d.valueLossCoef, { min: 0 }),
    normalizeAdvantages: s.bool('normalize_advantages', d.normalizeAdvantages),
    adamEpsilon: s.number('adam_epsilon', d.adamEpsilon, { min: 0, minExclusive: true }),
  };
  if (batchSize > bufferSize) {
    // Reported at whichever of the two the file set (the other may be a default).
    const key = s.has('batch_size') ? 'batch_size' : 'buffer_size';
    if (key === 'batch_size') s.fail(key, `an integer ≤ buffer_size (${bufferSize}), so that a buffer holds at least one minibatch`, String(batchSize));
    s.fail(key, `an integer ≥ batch_size (${batchSize}), so that a buffer holds at least one minibatch`, String(bufferSize));
  }
  if (bufferSize % batchSize !== 0) {
    s.warn('buffer_size', `buffer_size (${bufferSize}) is not a multiple of batch_size (${batchSize}); ML-Agents recommends a multiple, and the last ${bufferSize % batchSize} experiences of each buffer make no full minibatch`);
  }
  if (hp.sharedCritic) s.warn('shared_critic', 'ignored: Shiva\'s actor and critic always have separate encoders');
  return hp;
}

export function parseOffPolicyHyperparameters(ctx: ConfigContext, node: SourceNode | undefined, path: string, type: TrainerType, parent: Origin, elsewhere: Record<string, string>): OffPolicyHyperparameters {
  const keys = type === 'dqn' ? [...OFF_POLICY_KEYS, ...DQN_KEYS] : [...OFF_POLICY_KEYS, ...td3KeysOf(type), ...(type === 'maddpg' ? MADDPG_KEYS : [])];
  const s = new Section(ctx, node, path, keys, parent, { elsewhere, foreign: foreignKeys(type) });
  const d = SAC_DEFAULTS;
  const stepsPerUpdate = s.number('steps_per_update', d.stepsPerUpdate, { min: 0, minExclusive: true });
  return {
    batchSize: s.int('batch_size', d.batchSize, 1),
    bufferSize: s.int('buffer_size', d.bufferSize, 1),
    learningRate: s.number('learning_rate', d.learningRate, { min: 0, minExclusive: true }),
    learningRateSchedule: s.oneOf('learning_rate_schedule', SCHEDULES, d.learningRateSchedule),
    bufferInitSteps: s.int('buffer_init_steps', d.bufferInitSteps, 0),
    tau: s.number('tau', d.tau, { min: 0, max: 1, minExclusive: true }),
    stepsPerUpdate,
    saveReplayBuffer: s.bool('save_replay_buffer', d.saveReplayBuffer),
    initEntcoef: s.number('init_entcoef', d.initEntcoef, { min: 0, minExclusive: true }),
    rewardSignalStepsPerUpdate: s.number('reward_signal_steps_per_update', stepsPerUpdate, { min: 0, minExclusive: true }),
    ...(type === 'dqn' ? { dqn: parseDqnHyperparameters(s) } : {}),
    ...(type === 'maddpg' ? { maddpg: parseMaddpgHyperparameters(s) } : {}),
    ...(type === 'td3' || type === 'ddpg' ? { td3: parseTd3Hyperparameters(s, type) } : {}),
  };
}
