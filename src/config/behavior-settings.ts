/**
 * One behavior's trainer settings (an entry under `behaviors`, or `default_settings`): ML-Agents' TrainerSettings
 * keys, and Shiva's `learner` and `policy_per_team`. The node given here is already laid over default_settings.
 */
import { memoryUnbuiltReason } from './memory-support.js';
import { threadedUnbuiltReason } from './threaded-support.js';
import type { ConfigContext } from './config-context.js';
import { BEHAVIORAL_CLONING_DEFAULTS, REWARD_SIGNAL_DEFAULTS, SELF_PLAY_DEFAULTS, TRAINER_DEFAULTS } from './defaults.js';
import { algorithmOf, TRAINER_TYPES } from '../../agents/registry.js';
import { allHyperparameterKeys, parseHyperparameters, withBehaviorValues } from './hyperparameters.js';
import { LIMITS, MAX_STEPS, STEP_COUNT } from './limits.js';
import { NETWORK_KEYS, parseNetworkSettings } from './network-settings.js';
import { parseRewardSignals } from './reward-signals.js';
import type { BehavioralCloningConfig, BehaviorConfig, NetworkSettingsConfig, RewardSignalsConfig, SelfPlayConfig } from './run-config.js';
import { Section } from './section.js';
import type { Origin, SourceNode } from './source-tree.js';

export const BEHAVIOR_KEYS = [
  'trainer_type',
  'hyperparameters',
  'network_settings',
  'reward_signals',
  'max_steps',
  'time_horizon',
  'summary_freq',
  'checkpoint_interval',
  'keep_checkpoints',
  'even_checkpoints',
  'threaded',
  'init_path',
  'behavioral_cloning',
  'self_play',
  'framework',
  // Shiva's own:
  'learner',
  'policy_per_team',
] as const;
const BC_KEYS = ['demo_path', 'steps', 'strength', 'samples_per_update', 'num_epoch', 'batch_size'] as const;
const SELF_PLAY_KEYS = ['save_steps', 'team_change', 'swap_steps', 'window', 'play_against_latest_model_ratio', 'initial_elo'] as const;
const TRAINER_LEVEL_KEYS = BEHAVIOR_KEYS.filter((k) => !['hyperparameters', 'network_settings', 'reward_signals', 'behavioral_cloning', 'self_play'].includes(k));

/** Where keys written one level off belong, for "did you mean" hints at each level of a behavior. */
function hints(path: string) {
  const at = (section: string, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, `${path}.${section}.${k}`]));
  const hyper = at('hyperparameters', allHyperparameterKeys());
  const network = at('network_settings', NETWORK_KEYS);
  const extrinsic = at('reward_signals.extrinsic', ['gamma', 'strength']);
  const top = Object.fromEntries(TRAINER_LEVEL_KEYS.map((k) => [k, `${path}.${k}`]));
  return {
    behavior: { ...network, ...extrinsic, ...hyper },
    hyperparameters: { ...network, ...extrinsic, ...top },
    network: { ...hyper, ...top },
  };
}

/**
 * A warning when no update could run before max_steps: an on-policy learner updates once buffer_size experiences
 * are collected, an off-policy one once it holds batch_size transitions and buffer_init_steps have passed.
 */
function warnNoUpdate(s: Section, trainerType: string, hyperparameters: Readonly<Record<string, unknown>>, maxSteps: number): void {
  const family = algorithmOf(trainerType)?.family;
  if (maxSteps === 0 || family === undefined) return;
  const buffer = Number(hyperparameters['buffer_size']);
  const batch = Number(hyperparameters['batch_size']);
  const initSteps = Number(hyperparameters['buffer_init_steps'] ?? 0);
  if (family === 'on-policy' && buffer > maxSteps) {
    s.warn('max_steps', `${maxSteps} is less than hyperparameters.buffer_size (${buffer}): ${trainerType} updates once buffer_size experiences are collected, so no update would run before max_steps`);
  } else if (family === 'off-policy' && Math.max(batch, initSteps) > maxSteps) {
    const which = initSteps > batch ? `hyperparameters.buffer_init_steps (${initSteps})` : `hyperparameters.batch_size (${batch})`;
    s.warn('max_steps', `${maxSteps} is less than ${which}: ${trainerType} updates once it holds batch_size transitions and buffer_init_steps have passed, so no update would run before max_steps`);
  }
}

/**
 * What this trainer cannot do yet with keys ML-Agents allows (issue 12), each said once: a reward signal (GAIL,
 * curiosity, RND) its plugin does not take (trained without it), time_horizon written for an off-policy trainer
 * whose table has no time_horizon (unused: SAC uses it, the others store every transition at once). And ML-Agents' own check of memory against batch_size.
 */
function warnUnbuilt(s: Section, trainerType: string, signals: RewardSignalsConfig, network: NetworkSettingsConfig, hyperparameters: Readonly<Record<string, unknown>>): void {
  const plugin = algorithmOf(trainerType);
  const names = { gail: 'GAIL', curiosity: 'curiosity (ICM)', rnd: 'random network distillation (RND)' } as const;
  for (const kind of ['gail', 'curiosity', 'rnd'] as const) {
    if (!signals[kind] || !plugin || plugin.rewardSignals?.includes(kind)) continue;
    const others = (['extrinsic', 'gail', 'curiosity', 'rnd'] as const).some((k) => k !== kind && signals[k] && (k === 'extrinsic' || plugin.rewardSignals?.includes(k)));
    const rewards = s.section('reward_signals', ['extrinsic', 'gail', 'curiosity', 'rnd']);
    rewards.warn(kind, `${names[kind]} is not wired to trainer_type ${trainerType} yet (issue 12); this behavior trains without the ${names[kind]} reward${others ? '' : ' (and, having no other signal, learns from no reward)'}`);
  }
  if (plugin?.family === 'off-policy' && s.has('time_horizon') && !('time_horizon' in plugin.schema.table)) {
    s.warn('time_horizon', `unused by ${trainerType} in Shiva: every transition is stored at once and bootstrapped from its next observation (ML-Agents has no ${trainerType} trainer; its SAC uses time_horizon, and so does Shiva's)`);
  }
  const batch = hyperparameters['batch_size'];
  if (network.memory && typeof batch === 'number' && network.memory.sequenceLength > batch) {
    s.fail('network_settings', `memory.sequence_length ≤ hyperparameters.batch_size (ML-Agents: "When using memory, sequence length must be less than or equal to batch size")`, `sequence_length ${network.memory.sequenceLength} and batch_size ${batch}`);
  }
}

/** `network_settings.memory` where it is not built (memory-support.ts): said once; the behavior trains without it. */
function checkMemory(s: Section, trainerType: string, network: NetworkSettingsConfig, signals: RewardSignalsConfig, behavioralCloning: boolean, selfPlay: boolean): void {
  const memory = network.memory;
  const reason = memory ? memoryUnbuiltReason(trainerType, signals, behavioralCloning, selfPlay) : null;
  if (!memory || !reason) return;
  s.section('network_settings', NETWORK_KEYS).warn('memory', `${reason} (issue 12); this behavior trains without memory (sequence_length ${memory.sequenceLength}, memory_size ${memory.memorySize} are kept in the configuration)`);
}

/** `name` is the key under `behaviors`, or "default_settings"; `path` is where the settings are read. */
export function parseBehavior(ctx: ConfigContext, node: SourceNode | undefined, path: string, name: string, parent: Origin): BehaviorConfig {
  const h = hints(path);
  const s = new Section(ctx, node, path, BEHAVIOR_KEYS, parent, { elsewhere: h.behavior });
  if (s.has('framework')) s.warn('framework', 'deprecated in ML-Agents and ignored');
  const trainerType = s.oneOf('trainer_type', TRAINER_TYPES, 'ppo');
  const fromFile = parseHyperparameters(ctx, s.node('hyperparameters'), s.child('hyperparameters'), trainerType, s.keyOriginOf('hyperparameters'), h.hyperparameters);

  const maxSteps = s.int('max_steps', TRAINER_DEFAULTS.maxSteps, 0, MAX_STEPS.max, MAX_STEPS.bounds);
  const keepCheckpoints = s.int('keep_checkpoints', TRAINER_DEFAULTS.keepCheckpoints, 1, LIMITS.keepCheckpoints.max, LIMITS.keepCheckpoints.bounds);
  const evenCheckpoints = s.bool('even_checkpoints', TRAINER_DEFAULTS.evenCheckpoints);
  const configuredInterval = s.int('checkpoint_interval', TRAINER_DEFAULTS.checkpointInterval, 1, STEP_COUNT.max, STEP_COUNT.bounds);
  const threaded = s.bool('threaded', TRAINER_DEFAULTS.threaded);

  const bcSection = s.section('behavioral_cloning', BC_KEYS);
  let behavioralCloning: BehavioralCloningConfig | null = null;
  if (bcSection.present) {
    behavioralCloning = {
      demoPath: bcSection.nullableString('demo_path') ?? bcSection.fail('demo_path', 'the path of a .demo file or a folder of them', bcSection.has('demo_path') ? 'null' : 'nothing (the key is missing)'),
      steps: bcSection.int('steps', BEHAVIORAL_CLONING_DEFAULTS.steps, 0, STEP_COUNT.max, STEP_COUNT.bounds),
      strength: bcSection.number('strength', BEHAVIORAL_CLONING_DEFAULTS.strength, { min: 0 }),
      samplesPerUpdate: bcSection.int('samples_per_update', BEHAVIORAL_CLONING_DEFAULTS.samplesPerUpdate, 0, LIMITS.bcSamplesPerUpdate.max, LIMITS.bcSamplesPerUpdate.bounds),
      // ML-Agents' BC module: the trainer's num_epoch for PPO, 1 for SAC; the trainer's batch_size.
      numEpoch: bcSection.optionalInt('num_epoch', 1, LIMITS.bcNumEpoch.max, LIMITS.bcNumEpoch.bounds) ?? (typeof fromFile['num_epoch'] === 'number' ? fromFile['num_epoch'] : 1),
      batchSize: bcSection.optionalInt('batch_size', 1, LIMITS.bcBatchSize.max, LIMITS.bcBatchSize.bounds) ?? (fromFile['batch_size'] as number),
    };
  }
  const spSection = s.section('self_play', SELF_PLAY_KEYS);
  let selfPlay: SelfPlayConfig | null = null;
  if (spSection.present) {
    const saveSteps = spSection.int('save_steps', SELF_PLAY_DEFAULTS.saveSteps, 1, STEP_COUNT.max, STEP_COUNT.bounds);
    selfPlay = {
      saveSteps,
      teamChange: spSection.int('team_change', 5 * saveSteps, 1, STEP_COUNT.max, STEP_COUNT.bounds),
      swapSteps: spSection.int('swap_steps', SELF_PLAY_DEFAULTS.swapSteps, 1, STEP_COUNT.max, STEP_COUNT.bounds),
      window: spSection.int('window', SELF_PLAY_DEFAULTS.window, 1, LIMITS.selfPlayWindow.max, LIMITS.selfPlayWindow.bounds),
      playAgainstLatestModelRatio: spSection.number('play_against_latest_model_ratio', SELF_PLAY_DEFAULTS.playAgainstLatestModelRatio, { min: 0, max: 1 }),
      initialElo: spSection.number('initial_elo', SELF_PLAY_DEFAULTS.initialElo),
    };
  }

  warnNoUpdate(s, trainerType, fromFile, maxSteps);
  const networkSettings = parseNetworkSettings(ctx, s.node('network_settings'), s.child('network_settings'), s.keyOriginOf('network_settings'), h.network);
  const rewardSignals = parseRewardSignals(ctx, s.node('reward_signals'), s.child('reward_signals'), s.keyOriginOf('reward_signals'));
  const timeHorizon = s.int('time_horizon', TRAINER_DEFAULTS.timeHorizon, 1, LIMITS.timeHorizon.max, LIMITS.timeHorizon.bounds);
  warnUnbuilt(s, trainerType, rewardSignals, networkSettings, fromFile);
  checkMemory(s, trainerType, networkSettings, rewardSignals, behavioralCloning !== null, selfPlay !== null);
  const unthreaded = threaded ? threadedUnbuiltReason(trainerType, networkSettings.memory !== null, behavioralCloning !== null, selfPlay !== null) : null;
  if (unthreaded) s.warn('threaded', `ignored: ${unthreaded}; this behavior updates between collection rounds`);
  return {
    name,
    trainerType,
    // γ of the extrinsic value head (with no extrinsic signal, GAIL's); every other signal has its own head and γ
    // (agents/ppo/value-heads.ts).
    hyperparameters: withBehaviorValues(trainerType, fromFile, { gamma: rewardSignals.extrinsic?.gamma ?? rewardSignals.gail?.gamma ?? REWARD_SIGNAL_DEFAULTS.gamma, timeHorizon }),
    networkSettings,
    rewardSignals,
    maxSteps,
    timeHorizon,
    summaryFreq: s.int('summary_freq', TRAINER_DEFAULTS.summaryFreq, 1, STEP_COUNT.max, STEP_COUNT.bounds),
    // ML-Agents' even_checkpoints spreads keep_checkpoints checkpoints evenly over max_steps.
    checkpointInterval: evenCheckpoints ? Math.max(1, Math.floor(maxSteps / keepCheckpoints)) : configuredInterval,
    keepCheckpoints,
    evenCheckpoints,
    threaded,
    initPath: initPathOf(s),
    behavioralCloning,
    selfPlay,
    learner: s.nullableString('learner', true),
    policyPerTeam: s.bool('policy_per_team', false),
  };
}

/**
 * init_path: a Shiva checkpoint. An ONNX model (onnx:PATH) holds only the actor's graph, not its weights in a form
 * Shiva's networks load, so a warm start from it is refused here (serve or evaluate it, or use it as a DAgger expert).
 */
function initPathOf(s: Section): string | null {
  const path = s.nullableString('init_path');
  if (path?.startsWith('onnx:')) s.fail('init_path', 'a Shiva checkpoint (an ONNX model cannot warm-start a learner yet: use it with shiva serve, shiva evaluate, or as shiva dagger --expert to imitate it)', `"${path}"`);
  return path;
}
