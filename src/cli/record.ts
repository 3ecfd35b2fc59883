/**
 * `shiva record`: an expert plays one environment (built-in, a stand-in over gRPC, or a Unity executable) and every
 * decision of the recorded behavior goes into a Unity ML-Agents `.demo` file.
 *
 * Who acts:
 * - the recorded behavior: the expert, a scripted policy (envs/experts.ts) or a checkpoint's learner (learn: false,
 *   greedy unless stochastic), as `shiva evaluate` restores it;
 * - every other behavior: the checkpoint's learner where the checkpoint has one for it, else the scripted expert
 *   written for it (scout's blue while red is recorded), else uniformly random actions within its masks.
 *
 * The recorded behavior is --behavior (its full name, or its name without the team when that is unique); without
 * it, the one a scripted expert is written for, or a checkpoint's scene's only behavior.
 *
 * What is recorded, per agent of the recorded behavior: one row per decision (what it observed, the reward since
 * its previous decision, its mask, the action the expert took) and one row when its episode ends (the final
 * observation and reward, done, interrupted, and the last action again, as Unity's recorder stores the action it
 * holds). Rows are held per agent and written one whole episode at a time, so the file holds exactly `episodes`
 * complete episodes, one after another; episodes still running when the count is reached are dropped. Group rewards
 * have no field in a `.demo` record and are not recorded. The file is written under a temporary name and renamed.
 *
 * The meta record follows Unity's writer: numberEpisodes counts one more episode than the done rows (closing the
 * recorder ends one), and meanReward is Σ rewards / that count. The JSON line printed gives the true figures:
 * `episodes` complete episodes and their mean return.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { loadRunConfig } from '../config/index.js';
import { parseBehaviorName } from '../core/env/behavior-spec.js';
import { DEFAULT_ENGINE_CONFIGURATION } from '../core/env/environment-parameters.js';
import type { Environment } from '../core/env/environment.js';
import { randomActions } from '../core/env/random-policy.js';
import { nearest } from '../core/did-you-mean.js';
import { ShivaError } from '../core/errors.js';
import { DemoRecorder } from '../protocol/demo-file/index.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { Rng } from '../core/runtime/rng.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { readTrainingCheckpoint } from '../training/checkpoint/index.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { decide } from '../decisions/decision-pipeline.js';
import { batchActor, RolloutLoop, type BatchActor } from '../training/rollout-loop.js';
import { MetaLearner } from '../training/meta-learner.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { getScriptedExpert, scriptedExpertFor } from '../../envs/experts.js';
import { EpisodeRows } from './episode-rows.js';
import { environmentSettings, openEnvironments, type EnvironmentSettings, type RunEnvironments } from './environments.js';
import { planResolver } from '../training/plan-resolver.js';
import { loadRuleSets, reasonerResolver } from './reasoners.js';
import { OnnxActors, onnxPathOf } from './onnx-actors.js';

export type ExpertChoice =
  | { readonly kind: 'scripted'; readonly name: string }
  | { readonly kind: 'checkpoint'; readonly path: string; readonly config: string; readonly deterministic: boolean }
  /** onnx:PATH: an ONNX model (ML-Agents' contract) run by onnxruntime; a folder holds BEHAVIOR.onnx per behavior. */
  | { readonly kind: 'onnx'; readonly path: string; readonly deterministic: boolean };

export interface RecordOptions {
  /** "builtin:NAME", "standin:NAME" or a Unity executable. */
  readonly env: string;
  /** The behavior to record ("Name?team=N" or "Name"); default: the scene's only one, or the one the expert is for. */
  readonly behavior?: string;
  readonly expert: ExpertChoice;
  /** Complete episodes of the recorded behavior to write. */
  readonly episodes: number;
  readonly out: string;
  readonly seed: number;
  /** Default: the built-in environment's own default, 1 for an executable (or the config's, with a checkpoint). */
  readonly numAreas?: number;
  /** For stand-ins and executables (default 5005, or the config's with a checkpoint). */
  readonly basePort?: number;
  /** Wait this long for a simulation over gRPC; null: for ever. */
  readonly timeoutMs: number | null;
  /** Give up when this many environment steps pass without the episodes completing (default 10,000,000). */
  readonly maxEnvSteps?: number;
  readonly logger: Logger;
}

export interface RecordResult {
  readonly file: string;
  readonly behavior: string;
  /** Rows written: decisions and episode ends. */
  readonly steps: number;
  readonly episodes: number;
  /** Mean over the recorded episodes of Σ rewards of the episode. */
  readonly meanReward: number;
}

/** "scripted:NAME" → the scripted choice, "onnx:PATH" → an ONNX model; anything else is a usage error. */
export function parseScriptedExpert(value: string, deterministic = true): ExpertChoice {
  const onnx = onnxPathOf(value);
  if (onnx !== null) return { kind: 'onnx', path: onnx, deterministic };
  if (!value.startsWith('scripted:')) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--expert: expected scripted:NAME or onnx:PATH (or --checkpoint PATH --config CONFIG for a trained expert), got "${value}"`);
  }
  return { kind: 'scripted', name: getScriptedExpert(value.slice('scripted:'.length)).name };
}

interface Experts {
  readonly environments: RunEnvironments;
  /** The expert for `behavior` when it is the recorded one; null: none for it. */
  recorded(behavior: string): BatchActor | null;
  /** Who acts for another behavior. */
  other(behavior: string): BatchActor;
  dispose(): void | Promise<void>;
}

export async function record(options: RecordOptions): Promise<RecordResult> {
  if (!Number.isInteger(options.episodes) || options.episodes < 1) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--episodes: expected an integer ≥ 1, got ${options.episodes}`);
  }
  const experts = await openExperts(options);
  const env = experts.environments.envs[0]!;
  let recorder: DemoRecorder | null = null;
  try {
    await env.reset();
    const behavior = chooseBehavior(env, options);
    const spec = env.behaviorSpecs.get(behavior)!;
    const expert = experts.recorded(behavior);
    if (!expert) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${describeExpert(options.expert)}: expected an expert for behavior "${behavior}", got none in it`);
    recorder = DemoRecorder.open(options.out, spec);
    const episodes = new EpisodeRows(recorder, spec, options.episodes);
    const limit = options.maxEnvSteps ?? 10_000_000;
    let step = 0;
    const loop = new RolloutLoop(
      [env],
      {
        actorFor: (name) => (name === behavior ? expert : experts.other(name)),
        onSteps: (_source, name, steps) => {
          if (name === behavior) episodes.end(steps.terminalSteps);
        },
        onActions: (_source, name, decisionSteps, actions) => {
          if (name === behavior) episodes.decide(decisionSteps, actions);
        },
        shouldStop: (_source, at) => {
          if (at !== 'observed') return false;
          if (episodes.finished) return true;
          if (step++ >= limit) throw new ShivaError('SHIVA_ERR_ENV', `${env.name}: expected ${options.episodes} complete episode(s) of "${behavior}" within ${limit} steps, got ${episodes.returns.length}`);
          return false;
        },
      },
      { reset: false },
    );
    await loop.run();
    recorder.close();
    recorder = null;
    const returns = episodes.returns;
    return { file: options.out, behavior, steps: episodes.written, episodes: returns.length, meanReward: returns.reduce((a, b) => a + b, 0) / returns.length };
  } finally {
    recorder?.abort();
    await experts.dispose();
    await experts.environments.close();
  }
}

/** The recorded behavior: --behavior (full name or unique base name), else the scripted expert's, else the only one. */
function chooseBehavior(env: Environment, options: RecordOptions): string {
  const names = [...env.behaviorSpecs.keys()];
  const byBase = (base: string) => names.filter((n) => parseBehaviorName(n).name === base);
  if (options.behavior !== undefined) {
    if (names.includes(options.behavior)) return options.behavior;
    const matches = byBase(options.behavior);
    if (matches.length === 1) return matches[0]!;
    const near = nearest(options.behavior, names);
    const hint = near ? `; did you mean "${near}"?` : '';
    throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `${env.name}: --behavior: expected one of [${names.join(', ')}], got "${options.behavior}"${hint}`);
  }
  if (options.expert.kind === 'scripted') {
    // A scripted expert reads its own behavior's observations: another behavior must be named on purpose.
    const expert = getScriptedExpert(options.expert.name);
    const matches = byBase(expert.behavior);
    if (matches.length === 1) return matches[0]!;
    throw new ShivaError('SHIVA_ERR_USAGE', `${env.name}: --behavior: scripted:${expert.name} is written for behavior "${expert.behavior}", which the scene does not have; expected --behavior naming one of [${names.join(', ')}] to use it anyway, got none`);
  }
  if (names.length === 1) return names[0]!;
  throw new ShivaError('SHIVA_ERR_USAGE', `${env.name}: --behavior: expected one of [${names.join(', ')}] (the scene has ${names.length} behaviors), got none`);
}

function describeExpert(expert: ExpertChoice): string {
  return expert.kind === 'scripted' ? `scripted:${expert.name}` : expert.kind === 'onnx' ? `onnx:${expert.path}` : expert.path;
}

/** Scripted expert of another behavior, else random within its masks. */
function fallbackActor(env: Environment, behavior: string, rng: Rng): BatchActor {
  const spec = env.behaviorSpecs.get(behavior)!;
  const scripted = scriptedExpertFor(behavior);
  if (scripted) return batchActor(spec, (s, steps) => scripted.act(s, steps, rng));
  return batchActor(spec, (s, steps) => randomActions(s.actionSpec, steps, rng));
}

async function openExperts(options: RecordOptions): Promise<Experts> {
  const root = new Rng(options.seed);
  const expertRng = root.fork();
  const otherRng = root.fork();
  const logDir = join(tmpdir(), 'shiva-record-logs');
  if (options.expert.kind === 'scripted' || options.expert.kind === 'onnx') {
    const choice = options.expert;
    const builtin = /^(builtin|standin):/.test(options.env) ? getBuiltinEnv(options.env.slice(options.env.indexOf(':') + 1)) : null;
    const settings: EnvironmentSettings = {
      env: options.env,
      envArgs: [],
      numEnvs: 1,
      numAreas: options.numAreas ?? builtin?.defaultNumAreas ?? 1,
      basePort: options.basePort ?? 5005,
      seed: options.seed,
      timeoutMs: options.timeoutMs,
      noGraphics: true,
      logDir,
      maxRestarts: 0,
      engine: DEFAULT_ENGINE_CONFIGURATION,
      parameters: {},
      logger: options.logger,
    };
    const environments = await openEnvironments(settings);
    const env = environments.envs[0]!;
    if (choice.kind === 'onnx') {
      const onnx = new OnnxActors(choice.path, { deterministic: choice.deterministic });
      return {
        environments,
        recorded: (behavior) => onnx.actorFor(behavior, env.behaviorSpecs.get(behavior)!),
        other: (behavior) => fallbackActor(env, behavior, otherRng),
        dispose: () => onnx.release(),
      };
    }
    const expert = getScriptedExpert(choice.name);
    return {
      environments,
      recorded: (behavior) => batchActor(env.behaviorSpecs.get(behavior)!, (spec, steps) => expert.act(spec, steps, expertRng)),
      other: (behavior) => fallbackActor(env, behavior, otherRng),
      dispose: () => undefined,
    };
  }

  const { path, config: configPath, deterministic } = options.expert;
  const { state } = readTrainingCheckpoint(path);
  const config = loadRunConfig(configPath, { env: options.env, ...(options.basePort !== undefined ? { basePort: options.basePort } : {}) });
  await chooseBackend(config.shiva.backend);
  const base = environmentSettings(config, { seed: options.seed, logDir, maxRestarts: 0, logger: options.logger });
  const environments = await openEnvironments({ ...base, numEnvs: 1, numAreas: options.numAreas ?? base.numAreas, timeoutMs: options.timeoutMs ?? base.timeoutMs });
  const restore = new Map<string, LearnerState>(Object.entries(state.learners));
  const seeds = new RunSeeds(options.seed);
  const meta = new MetaLearner(planResolver(config), seeds, restore, path);
  const reasonerFor = reasonerResolver(config, loadRuleSets(config), { runDir: null, seeds });
  const env = environments.envs[0]!;
  /** The checkpoint's learner for `behavior`, when the checkpoint holds its state. */
  const learned = (behavior: string): BatchActor | null => {
    const spec = env.behaviorSpecs.get(behavior);
    const learner = spec ? meta.learnerFor(spec) : null;
    if (!spec || !learner || !restore.has(learner.id)) return null;
    const reasoner = reasonerFor(behavior, spec);
    return (requests) => decide(learner, requests, { deterministic, learn: false, reasoner });
  };
  return {
    environments,
    recorded: learned,
    other: (behavior) => learned(behavior) ?? fallbackActor(env, behavior, otherRng),
    dispose: () => meta.dispose(),
  };
}
