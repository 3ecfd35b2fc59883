/**
 * The inverse of the loader: a RunConfig as the YAML of a run configuration, every value the loader resolved
 * written out with ML-Agents' snake_case keys and forms (samplers, `builtin:NAME`, checkpoint_settings' flags), and
 * Shiva's own sections beside them. `shiva train` writes it to RUN_ID/configuration.yaml, as mlagents-learn writes
 * its resolved RunOptions there; loading that file gives back an equal configuration (test/config/write-run-config).
 *
 * Every behavior under `behaviors` is written whole (every default filled). `default_settings` is written as the
 * file set it (the keys its lines record, with their resolved values): the loader lays default_settings under every
 * listed behavior, so a fully filled default would add keys (a reward signal, another trainer's hyperparameters)
 * that the listed behaviors never had. The listed behaviors already hold what it gave them; behaviors the
 * environment announces later get it as the file had it.
 */
import { stringify } from 'yaml';
import { algorithmOf } from '../../agents/registry.js';
import { configurableKeys } from '../../agents/plugin/hyperparameter-table.js';
import type { EnvironmentParameter } from '../core/env/environment-parameters.js';
import { BUILTIN_PREFIX } from './run-settings.js';
import type { BehaviorConfig, IntrinsicRewardConfig, LessonConfig, NetworkSettingsConfig, RewardSignalsConfig, RunConfig } from './run-config.js';

type Yaml = null | boolean | number | string | readonly Yaml[] | { readonly [key: string]: Yaml };
type YamlMap = { [key: string]: Yaml };

/** The configuration as YAML text, with a header comment naming `what` (e.g. the run and its start time). */
export function runConfigToYaml(config: RunConfig, header?: string): string {
  const body = stringify(runConfigToObject(config), { lineWidth: 0, aliasDuplicateObjects: false });
  const comment = header === undefined ? '' : `${header.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n')}\n`;
  return `${comment}${body}`;
}

/** The configuration as the plain object the YAML holds (snake_case keys, ML-Agents' order of sections). */
export function runConfigToObject(config: RunConfig): YamlMap {
  const listed = new Set(config.behaviors.keys());
  // Behaviors named only by shiva.learners (trained with default_settings) keep their learner there; listed ones
  // carry theirs in their own `learner` key.
  const learners: YamlMap = {};
  for (const [learner, members] of config.shiva.learners) {
    const unlisted = members.filter((m) => !listed.has(m));
    if (unlisted.length > 0) learners[learner] = unlisted;
  }
  const e = config.envSettings;
  const g = config.engineSettings;
  const c = config.checkpointSettings;
  const evaluation = config.shiva.finalEvaluation;
  return {
    behaviors: Object.fromEntries([...config.behaviors].map(([name, b]) => [name, behaviorToObject(b)])),
    ...(config.defaultSettings ? { default_settings: asWritten(behaviorToObject(config.defaultSettings), 'default_settings', config.lines) } : {}),
    env_settings: {
      env_path: e.builtinEnv !== null ? `${BUILTIN_PREFIX}${e.builtinEnv}` : e.envPath,
      env_args: e.envArgs.length > 0 ? [...e.envArgs] : null,
      base_port: e.basePort,
      num_envs: e.numEnvs,
      num_areas: e.numAreas,
      timeout_wait: e.timeoutWait,
      seed: e.seed,
      max_lifetime_restarts: e.maxLifetimeRestarts,
      restarts_rate_limit_n: e.restartsRateLimitN,
      restarts_rate_limit_period_s: e.restartsRateLimitPeriodS,
    },
    engine_settings: {
      width: g.width,
      height: g.height,
      quality_level: g.qualityLevel,
      time_scale: g.timeScale,
      target_frame_rate: g.targetFrameRate,
      capture_frame_rate: g.captureFrameRate,
      no_graphics: g.noGraphics,
    },
    environment_parameters:
      Object.keys(config.environmentParameters).length > 0
        ? Object.fromEntries(Object.entries(config.environmentParameters).map(([k, v]) => [k, config.curricula[k] ? curriculumToObject(config.curricula[k]) : parameterToObject(v)]))
        : null,
    checkpoint_settings: {
      run_id: c.runId,
      initialize_from: c.initializeFrom,
      load_model: false,
      resume: c.resume,
      force: c.force,
      train_model: false,
      inference: c.inference,
      results_dir: c.resultsDir,
    },
    torch_settings: { device: config.torchSettings.device },
    debug: config.debug,
    shiva: {
      backend: config.shiva.backend,
      learners: Object.keys(learners).length > 0 ? learners : null,
      decisions: { window_ms: config.shiva.decisions.windowMs, max_batch: config.shiva.decisions.maxBatch },
      final_evaluation: evaluation
        ? { episodes: evaluation.episodes, episode_stat: evaluation.episodeStat, deterministic: evaluation.deterministic, seed: evaluation.seed, baseline: evaluation.baseline }
        : null,
      progress_stats: config.shiva.progressStats.map((s) => ({ stat: s.stat, label: s.label, window: s.window, percent: s.percent })),
      memory_budget: config.shiva.memoryBudget,
      cluster: {
        max_policy_lag: config.shiva.cluster.maxPolicyLag,
        actor_timeout_s: config.shiva.cluster.actorTimeoutS,
        stream_max_bytes: config.shiva.cluster.streamMaxBytes,
        stream_max_age_s: config.shiva.cluster.streamMaxAgeS,
        stream_max_msgs: config.shiva.cluster.streamMaxMsgs,
      },
      env_workers: config.shiva.envWorkers,
    },
    cognitive:
      config.cognitive.size > 0
        ? Object.fromEntries(
            [...config.cognitive].map(([key, entry]) => [
              key,
              { rules: entry.rules, enabled: entry.enabled, trace_sample_rate: entry.traceSampleRate, trace_max_bytes: entry.traceMaxBytes, trace_keep: entry.traceKeep },
            ]),
          )
        : null,
    population: config.population
      ? {
          size: config.population.size,
          explore: Object.fromEntries(Object.entries(config.population.explore).map(([key, r]) => [key, { min: r.min, max: r.max, log: r.log }])),
          fitness: config.population.fitness,
          interval: config.population.interval,
          truncation: config.population.truncation,
          perturb: [...config.population.perturb],
          seed: config.population.seed,
        }
      : null,
  };
}

/** One behavior's settings, whole: ML-Agents' TrainerSettings keys, then Shiva's. */
export function behaviorToObject(b: BehaviorConfig): YamlMap {
  const table = algorithmOf(b.trainerType)?.schema.table ?? {};
  // The keys read from `hyperparameters` (γ and time_horizon come from the behavior, fixed keys from nowhere).
  const hyperparameters = Object.fromEntries(configurableKeys(table).filter((k) => k in b.hyperparameters).map((k) => [k, b.hyperparameters[k]!]));
  const bc = b.behavioralCloning;
  const sp = b.selfPlay;
  return {
    trainer_type: b.trainerType,
    hyperparameters,
    network_settings: networkToObject(b.networkSettings),
    reward_signals: rewardSignalsToObject(b.rewardSignals),
    init_path: b.initPath,
    keep_checkpoints: b.keepCheckpoints,
    even_checkpoints: b.evenCheckpoints,
    checkpoint_interval: b.checkpointInterval,
    max_steps: b.maxSteps,
    time_horizon: b.timeHorizon,
    summary_freq: b.summaryFreq,
    threaded: b.threaded,
    self_play: sp
      ? { save_steps: sp.saveSteps, team_change: sp.teamChange, swap_steps: sp.swapSteps, window: sp.window, play_against_latest_model_ratio: sp.playAgainstLatestModelRatio, initial_elo: sp.initialElo }
      : null,
    behavioral_cloning: bc ? { demo_path: bc.demoPath, steps: bc.steps, strength: bc.strength, samples_per_update: bc.samplesPerUpdate, num_epoch: bc.numEpoch, batch_size: bc.batchSize } : null,
    // Shiva's own:
    learner: b.learner,
    policy_per_team: b.policyPerTeam,
  };
}

function networkToObject(n: NetworkSettingsConfig): YamlMap {
  return {
    normalize: n.normalize,
    hidden_units: n.hiddenUnits,
    num_layers: n.numLayers,
    vis_encode_type: n.visEncodeType,
    memory: n.memory ? { sequence_length: n.memory.sequenceLength, memory_size: n.memory.memorySize } : null,
    goal_conditioning_type: n.goalConditioningType,
    deterministic: n.deterministic,
    activation: n.activation,
  };
}

function rewardSignalsToObject(signals: RewardSignalsConfig): YamlMap {
  const out: YamlMap = {};
  if (signals.extrinsic) out['extrinsic'] = { gamma: signals.extrinsic.gamma, strength: signals.extrinsic.strength };
  const gail = signals.gail;
  if (gail) {
    out['gail'] = {
      gamma: gail.gamma,
      strength: gail.strength,
      network_settings: networkToObject(gail.networkSettings),
      learning_rate: gail.learningRate,
      use_actions: gail.useActions,
      use_vail: gail.useVail,
      demo_path: gail.demoPath,
    };
  }
  const intrinsic = (c: IntrinsicRewardConfig): YamlMap => ({ gamma: c.gamma, strength: c.strength, network_settings: networkToObject(c.networkSettings), learning_rate: c.learningRate });
  if (signals.curiosity) out['curiosity'] = intrinsic(signals.curiosity);
  if (signals.rnd) out['rnd'] = intrinsic(signals.rnd);
  return out;
}

/** ML-Agents' form of a curriculum: `{curriculum: [{name, value, completion_criteria}, ...]}`. */
function curriculumToObject(lessons: readonly LessonConfig[]): Yaml {
  return {
    curriculum: lessons.map((l) => {
      const c = l.completionCriteria;
      const criteria: Yaml = c
        ? { behavior: c.behavior, measure: c.measure, min_lesson_length: c.minLessonLength, signal_smoothing: c.signalSmoothing, threshold: c.threshold, require_reset: c.requireReset }
        : null;
      return { name: l.name, value: parameterToObject(l.value), completion_criteria: criteria };
    }),
  };
}

/** ML-Agents' forms: a number, or `{sampler_type, sampler_parameters}`. */
function parameterToObject(p: EnvironmentParameter): Yaml {
  if (typeof p === 'number') return p;
  const seed: YamlMap = p.seed === undefined ? {} : { seed: p.seed };
  switch (p.sampler) {
    case 'uniform':
      return { sampler_type: 'uniform', sampler_parameters: { min_value: p.min, max_value: p.max, ...seed } };
    case 'gaussian':
      return { sampler_type: 'gaussian', sampler_parameters: { mean: p.mean, st_dev: p.stddev, ...seed } };
    case 'multirange_uniform':
      return { sampler_type: 'multirangeuniform', sampler_parameters: { intervals: p.intervals.map(([a, b]) => [a, b]), ...seed } };
  }
}

/**
 * The parts of `value` (written at key path `path`) that the file set, by the lines the loader recorded: a key
 * stays when its own path was read from the file. A deprecated GAIL `encoding_size` stands for the network's
 * hidden_units, which is then kept instead.
 */
function asWritten(value: YamlMap, path: string, lines: ReadonlyMap<string, number>): YamlMap {
  const out: YamlMap = {};
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (!lines.has(at)) {
      if (key === 'network_settings' && lines.has(`${path}.encoding_size`) && isMap(child)) out[key] = { hidden_units: child['hidden_units']! };
      continue;
    }
    out[key] = isMap(child) ? asWritten(child, at, lines) : child;
  }
  return out;
}

function isMap(value: Yaml | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
