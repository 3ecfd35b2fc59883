/**
 * loadRunConfig / parseRunConfig: a run-configuration YAML file (an ML-Agents trainer config as it is, or one
 * with Shiva's keys beside ML-Agents') plus `shiva train` flags → a fully defaulted, validated, frozen RunConfig.
 *
 * Precedence: command-line flags, then the file, then defaults. default_settings is laid under every behavior's
 * entry (ML-Agents' deep merge) and stands for behaviors that have none. Every error is a ShivaError
 * (SHIVA_ERR_CONFIG for the file, SHIVA_ERR_USAGE for a flag) naming file, line, key path, expected and got.
 */
import { readFileSync } from 'node:fs';
import { ShivaError } from '../core/errors.js';
import { BEHAVIOR_KEYS, parseBehavior } from './behavior-settings.js';
import { applyOverrides } from './cli-overrides.js';
import { ConfigContext } from './config-context.js';
import { parseEnvironmentParameters } from './environment-parameters.js';
import { deepFreeze, frozenMap } from './freeze.js';
import { parseLearnerMap, resolveLearners } from './learners.js';
import { SHIVA_BACKENDS, type BehaviorConfig, type CliOverrides, type EnvSettingsConfig, type RunConfig } from './run-config.js';
import { CHECKPOINT_KEYS, ENGINE_KEYS, ENV_KEYS, parseCheckpointSettings, parseEngineSettings, parseEnvSettings, parseTorchSettings, TORCH_KEYS } from './run-settings.js';
import { parseCognitive } from './cognitive-settings.js';
import { parsePopulation } from './population-settings.js';
import { CHECKPOINT_DEFAULTS, CLUSTER_DEFAULTS, DECISION_ROUTING_DEFAULTS } from './defaults.js';
import { LIMITS } from './limits.js';
import { parseMemoryBudget } from './memory-budget-setting.js';
import { parseStreamLimits } from './stream-limits-setting.js';
import { parseFinalEvaluation, parseProgressStats } from './run-report-settings.js';
import { Section } from './section.js';
import { deepMerge, describeNode, parseSourceTree, type MapNode, type SourceNode } from './source-tree.js';

export const TOP_LEVEL_KEYS = [
  'behaviors',
  'default_settings',
  'env_settings',
  'engine_settings',
  'environment_parameters',
  'checkpoint_settings',
  'torch_settings',
  'debug',
  // Shiva's own:
  'shiva',
  'cognitive',
  'population',
] as const;
export const SHIVA_KEYS = ['backend', 'learners', 'decisions', 'final_evaluation', 'progress_stats', 'memory_budget', 'cluster', 'env_workers'] as const;
export const CLUSTER_KEYS = ['max_policy_lag', 'actor_timeout_s', 'stream_max_bytes', 'stream_max_age_s', 'stream_max_msgs'] as const;
export const DECISIONS_KEYS = ['window_ms', 'max_batch'] as const;

/** Keys of the run-wide sections, with where they belong, for hints when one is written in the wrong section. */
const RUN_HINTS: Record<string, string> = {
  ...Object.fromEntries(ENV_KEYS.map((k) => [k, `env_settings.${k}`])),
  ...Object.fromEntries(ENGINE_KEYS.map((k) => [k, `engine_settings.${k}`])),
  ...Object.fromEntries(CHECKPOINT_KEYS.map((k) => [k, `checkpoint_settings.${k}`])),
  ...Object.fromEntries(TORCH_KEYS.map((k) => [k, `torch_settings.${k}`])),
  ...Object.fromEntries(SHIVA_KEYS.map((k) => [k, `shiva.${k}`])),
};

/** Reads and parses the file at `path` (relative paths inside it stay relative to the working directory, as in ML-Agents). */
export function loadRunConfig(path: string, overrides: CliOverrides = {}): RunConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShivaError('SHIVA_ERR_CONFIG', `${path}: expected a readable run-configuration file, got ${reason}`, { cause: error });
  }
  return parseRunConfig(text, path, overrides);
}

/** Parses YAML `text`; `file` names it in messages. */
export function parseRunConfig(text: string, file: string, overrides: CliOverrides = {}): RunConfig {
  const ctx = new ConfigContext(file);
  const root = parseSourceTree(text, file);
  refuseOldFormat(ctx, root);
  // An empty file (nothing, comments only, or {}) runs on defaults alone: say which.
  const empty = root.entries.size === 0;
  applyOverrides(root, overrides);
  const top = new Section(ctx, root, '', TOP_LEVEL_KEYS, root.origin, { elsewhere: RUN_HINTS });

  const defaultNode = nonNull(top.node('default_settings'));
  const defaultSettings = defaultNode || empty ? parseBehavior(ctx, defaultNode, 'default_settings', 'default_settings', top.keyOriginOf('default_settings')) : null;
  if (empty) ctx.warn(root.origin, '', emptyFileWarning(defaultSettings!));
  const behaviors = new Map<string, BehaviorConfig>();
  const behaviorsNode = nonNull(top.node('behaviors'));
  if (behaviorsNode && behaviorsNode.kind !== 'map') ctx.expected(behaviorsNode.origin, 'behaviors', 'a mapping of behavior names to their settings', describeNode(behaviorsNode));
  for (const [name, entry] of behaviorsNode?.kind === 'map' ? behaviorsNode.entries : []) {
    const path = `behaviors.${name}`;
    ctx.record(path, entry.keyOrigin);
    behaviors.set(name, parseBehavior(ctx, deepMerge(defaultNode, nonNull(entry.value)), path, name, entry.keyOrigin));
  }

  const shiva = top.section('shiva', SHIVA_KEYS, { elsewhere: RUN_HINTS });
  const backend = shiva.oneOf('backend', SHIVA_BACKENDS, 'auto');
  const learners = resolveLearners(ctx, behaviors, defaultSettings, parseLearnerMap(ctx, shiva));
  const decisionsSection = shiva.section('decisions', DECISIONS_KEYS);
  const decisions = {
    windowMs: decisionsSection.number('window_ms', DECISION_ROUTING_DEFAULTS.windowMs, { min: 0, max: 10_000 }),
    maxBatch: decisionsSection.int('max_batch', DECISION_ROUTING_DEFAULTS.maxBatch, 1, LIMITS.maxBatch.max, LIMITS.maxBatch.bounds),
  };
  const finalEvaluation = parseFinalEvaluation(shiva);
  const progressStats = parseProgressStats(ctx, shiva);
  const memoryBudget = parseMemoryBudget(shiva);
  const clusterSection = shiva.section('cluster', CLUSTER_KEYS);
  const cluster = {
    maxPolicyLag: clusterSection.int('max_policy_lag', CLUSTER_DEFAULTS.maxPolicyLag, 0, 1_000_000),
    actorTimeoutS: clusterSection.number('actor_timeout_s', CLUSTER_DEFAULTS.actorTimeoutS, { min: 0.5, max: 3600 }),
    ...parseStreamLimits(clusterSection),
  };
  const envSettings = parseEnvSettings(top.section('env_settings', ENV_KEYS, { elsewhere: RUN_HINTS }));
  const envWorkers = parseEnvWorkers(shiva, envSettings);
  const cognitive = parseCognitive(ctx, top, behaviors, defaultSettings);
  const environmentParameters = parseEnvironmentParameters(ctx, top.node('environment_parameters'), 'environment_parameters');

  const config: RunConfig = {
    file,
    behaviors: frozenMap(behaviors),
    defaultSettings,
    envSettings,
    engineSettings: parseEngineSettings(top.section('engine_settings', ENGINE_KEYS, { elsewhere: RUN_HINTS })),
    environmentParameters: environmentParameters.parameters,
    curricula: environmentParameters.curricula,
    checkpointSettings: parseCheckpointSettings(top.section('checkpoint_settings', CHECKPOINT_KEYS, { elsewhere: RUN_HINTS })),
    torchSettings: parseTorchSettings(top.section('torch_settings', TORCH_KEYS, { elsewhere: RUN_HINTS })),
    debug: top.bool('debug', false),
    shiva: { backend, learners: frozenMap([...learners].map(([k, v]) => [k, Object.freeze(v)] as const)), decisions, finalEvaluation, progressStats, memoryBudget, cluster, envWorkers },
    cognitive: frozenMap(cognitive),
    population: parsePopulation(ctx, top, behaviors, defaultSettings),
    warnings: [...ctx.warnings],
    lines: frozenMap(ctx.lines),
  };
  return deepFreeze(config);
}

/** What an empty file trains with: default_settings' defaults for every behavior, and the run-wide defaults. */
function emptyFileWarning(defaults: BehaviorConfig): string {
  const h = defaults.hyperparameters;
  return (
    `the file is empty, so every default applies: each behavior the environment announces trains with default_settings' defaults ` +
    `(trainer_type ${defaults.trainerType}: batch_size ${String(h['batch_size'])}, buffer_size ${String(h['buffer_size'])}, learning_rate ${String(h['learning_rate'])}, ` +
    `max_steps ${defaults.maxSteps}, network_settings ${defaults.networkSettings.numLayers} × ${defaults.networkSettings.hiddenUnits}), ` +
    `the environment is the Unity Editor (no env_settings.env_path: press Play) unless --env says otherwise, ` +
    `and the run is "${CHECKPOINT_DEFAULTS.runId}" under ${CHECKPOINT_DEFAULTS.resultsDir}/ unless --run-id says otherwise; every key and its default: docs/CONFIGURATION.md`
  );
}

/**
 * `shiva.env_workers`: threads for a built-in environment's scenes. Each thread steps whole environments, so there
 * are at most num_envs of them; a Unity executable, a stand-in or the Editor already runs apart from Shiva.
 */
function parseEnvWorkers(shiva: Section, env: EnvSettingsConfig): number {
  const workers = shiva.int('env_workers', 0, 0, LIMITS.envWorkers.max, LIMITS.envWorkers.bounds);
  if (workers === 0) return 0;
  if (env.builtinEnv === null) {
    const where = env.envPath === null ? 'the Unity Editor' : JSON.stringify(env.envPath);
    shiva.fail('env_workers', `0 unless env_settings.env_path is builtin:NAME (a Unity executable, a stand-in or the Editor already runs in a process of its own)`, `${workers} with ${where}`);
  }
  if (workers > env.numEnvs) {
    shiva.fail('env_workers', `at most env_settings.num_envs (${env.numEnvs}): each worker thread steps whole environments`, String(workers));
  }
  return workers;
}

function nonNull(node: SourceNode | undefined): SourceNode | undefined {
  return node === undefined || (node.kind === 'scalar' && node.value === null) ? undefined : node;
}

/**
 * Trainer configs from before ML-Agents 0.18 put behaviors at the top level (`default:` and `3DBall: {trainer: ppo}`);
 * ML-Agents itself no longer reads them. Say so rather than "unknown key".
 */
function refuseOldFormat(ctx: ConfigContext, root: MapNode): void {
  for (const [key, entry] of root.entries) {
    if ((TOP_LEVEL_KEYS as readonly string[]).includes(key) || entry.value.kind !== 'map') continue;
    const inner = entry.value.entries;
    if (inner.has('trainer') || inner.has('trainer_type') || inner.has('hyperparameters') || inner.has('batch_size')) {
      ctx.expected(entry.keyOrigin, key, `one of ${TOP_LEVEL_KEYS.join(', ')}`, `"${key}" holding behavior settings; put them under behaviors: (the format since ML-Agents 0.18, whose config/upgrade_config.py converts old files)`);
    }
  }
}

export { BEHAVIOR_KEYS };
