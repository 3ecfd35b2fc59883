/**
 * `shiva dagger`: DAgger (src/training/dagger.ts) on one behavior of an environment (built-in in-process, or a
 * stand-in over gRPC), with a scripted expert (envs/experts.ts) or a checkpoint's learner as the expert. The
 * learner is the PPO policy `shiva train` would create for the behavior (from --config, else default settings);
 * the result is written as a training checkpoint that `shiva train` starts from (init_path) and
 * `shiva evaluate` plays.
 *
 * Two environments are opened: the first is rolled out and labelled, the second (seed + 1) scores the learner.
 * Other behaviors of the scene are played by their scripted expert where envs/experts.ts has one, else randomly.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { loadRunConfig, learnerIdFor, type RunConfig } from '../config/index.js';
import { DEFAULT_ENGINE_CONFIGURATION } from '../core/env/environment-parameters.js';
import { emptyTerminalSteps } from '../core/env/steps.js';
import { parseBehaviorName } from '../core/env/behavior-spec.js';
import { decide } from '../decisions/decision-pipeline.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { Rng } from '../core/runtime/rng.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { readTrainingCheckpoint, writeCheckpoint } from '../training/checkpoint/index.js';
import { mean, playEpisodes, randomActors, type Actor, type OtherActors } from '../training/bc-rollout.js';
import { dagger, type BetaSchedule, type DaggerIteration, type DaggerResult } from '../training/dagger.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { MetaLearner } from '../training/meta-learner.js';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';
import type { TrainingState } from '../training/trainer.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { getScriptedExpert, scriptedExpertFor } from '../../envs/experts.js';
import { openEnvironments, type RunEnvironments } from './environments.js';
import { planResolver } from '../training/plan-resolver.js';
import { OnnxPolicy } from '../../agents/onnx/onnx-policy.js';
import { decideAsync } from '../decisions/decision-pipeline.js';
import type { AsyncActor } from '../training/rollout-loop.js';
import { modelFileFor } from './onnx-actors.js';

export type DaggerExpertChoice =
  | { readonly kind: 'scripted'; readonly name: string }
  | { readonly kind: 'checkpoint'; readonly path: string; readonly config: string }
  /** onnx:PATH: an ONNX model (or a folder of BEHAVIOR.onnx) run by onnxruntime, greedily. */
  | { readonly kind: 'onnx'; readonly path: string };

export interface DaggerCommandOptions {
  readonly env: string;
  readonly behavior?: string;
  readonly expert: DaggerExpertChoice;
  /** The learner's run configuration (network_settings, learning_rate); null: default PPO settings. */
  readonly config: string | null;
  readonly iterations: number;
  readonly labelsPerIteration: number;
  readonly beta: BetaSchedule;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly evalEpisodes: number;
  readonly targetReturn: number | null;
  readonly seed: number;
  readonly numAreas?: number;
  readonly basePort?: number;
  readonly timeoutMs: number | null;
  readonly out: string;
  readonly logger: Logger;
  readonly onIteration?: (report: DaggerIteration) => void;
}

export interface DaggerCommandResult extends DaggerResult {
  readonly behavior: string;
  readonly expertReturn: number;
  readonly checkpoint: string;
}

/** "first" → β_0 = 1 then 0; a number p in [0, 1] → β_i = p^i. */
export function parseBeta(value: string): BetaSchedule {
  if (value.trim().toLowerCase() === 'first') return { kind: 'first' };
  const p = Number(value);
  if (value.trim() === '' || !(p >= 0 && p <= 1)) throw new ShivaError('SHIVA_ERR_USAGE', `--beta: expected "first" or a number p in [0, 1] (β_i = p^i), got "${value}"`);
  return { kind: 'exponential', p };
}

export async function runDaggerCommand(options: DaggerCommandOptions): Promise<DaggerCommandResult> {
  if (!/^(builtin|standin):/.test(options.env)) throw new ShivaError('SHIVA_ERR_USAGE', `--env: expected builtin:NAME or standin:NAME, got "${options.env}"`);
  const config = options.config !== null ? loadRunConfig(options.config, { env: options.env }) : null;
  await chooseBackend(config?.shiva.backend ?? 'auto');
  const builtin = getBuiltinEnv(options.env.slice(options.env.indexOf(':') + 1));
  const environments = await openEnvironments({
    env: options.env,
    envArgs: [],
    numEnvs: 2,
    numAreas: options.numAreas ?? builtin.defaultNumAreas,
    basePort: options.basePort ?? 5005,
    seed: options.seed,
    timeoutMs: options.timeoutMs,
    noGraphics: true,
    logDir: join(tmpdir(), 'shiva-dagger-logs'),
    maxRestarts: 0,
    engine: DEFAULT_ENGINE_CONFIGURATION,
    parameters: config?.environmentParameters ?? {},
    logger: options.logger,
  });
  const root = new Rng(options.seed);
  const othersRng = root.fork();
  const others: OtherActors = (behavior) => {
    const scripted = scriptedExpertFor(behavior);
    return scripted ? (spec, steps) => scripted.act(spec, steps, othersRng) : randomActors(othersRng)(behavior);
  };
  const disposers: (() => void | Promise<void>)[] = [];
  try {
    const [env, evalEnv] = environments.envs as [RunEnvironments['envs'][0], RunEnvironments['envs'][0]];
    await env.reset();
    const behavior = chooseBehavior([...env.behaviorSpecs.keys()], options);
    const spec = env.behaviorSpecs.get(behavior)!;
    const expert = openExpert(options.expert, options, root.fork(), disposers);
    const learner = createLearner(config, spec, options.seed);
    disposers.push(() => learner.dispose());
    const expertReturn = mean(await playEpisodes(evalEnv, behavior, expert, options.evalEpisodes, others));
    options.logger.info({ behavior, expertReturn }, `expert's mean return on ${behavior}: ${expertReturn.toFixed(2)}`);
    const result = await dagger({
      env,
      evalEnv,
      behavior,
      policy: learner.policy,
      expert,
      others,
      rng: root.fork(),
      settings: {
        iterations: options.iterations,
        labelsPerIteration: options.labelsPerIteration,
        beta: options.beta,
        bc: { numEpoch: options.epochs, batchSize: options.batchSize, samplesPerUpdate: 0, learningRate: options.learningRate },
        evalEpisodes: options.evalEpisodes,
        targetReturn: options.targetReturn,
      },
      ...(options.onIteration ? { onIteration: options.onIteration } : {}),
    });
    writeCheckpoint(options.out, {
      meta: {
        behavior,
        step: 0,
        episodes: 0,
        format: 'shiva-training-state',
        seed: options.seed,
        config: options.config,
        dagger: JSON.parse(JSON.stringify({ ...result, expertReturn })),
        state: JSON.parse(JSON.stringify({ learners: { [learner.id]: learner.save() }, episodes: {}, wallSeconds: 0 } satisfies TrainingState)),
      },
      tensors: {},
    });
    return { ...result, behavior, expertReturn, checkpoint: options.out };
  } finally {
    for (const dispose of disposers) await dispose();
    await environments.close();
  }
}

function chooseBehavior(names: readonly string[], options: DaggerCommandOptions): string {
  const wanted = options.behavior ?? (options.expert.kind === 'scripted' ? getScriptedExpert(options.expert.name).behavior : names.length === 1 ? names[0]! : undefined);
  if (wanted === undefined) throw new ShivaError('SHIVA_ERR_USAGE', `--behavior: expected one of [${names.join(', ')}] (the scene has ${names.length} behaviors), got none`);
  if (names.includes(wanted)) return wanted;
  const byBase = names.filter((n) => parseBehaviorName(n).name === wanted);
  if (byBase.length === 1) return byBase[0]!;
  throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `${options.env}: --behavior: expected one of [${names.join(', ')}], got "${wanted}"`);
}

/** The learner `shiva train` would create for the behavior with --config, else PPO with default settings. */
function createLearner(config: RunConfig | null, spec: Parameters<MetaLearner['learnerFor']>[0], seed: number): PpoLearner {
  const seeds = new RunSeeds(seed);
  if (!config) {
    return new PpoLearner(spec, { id: parseBehaviorName(spec.name).name, hyperparameters: ppoHyperparameters(), network: {}, maxSteps: 500_000, rewardStrength: 1 }, seeds);
  }
  const learner = new MetaLearner(planResolver(config), seeds).learnerFor(spec);
  if (!(learner instanceof PpoLearner)) {
    throw new ShivaError('SHIVA_ERR_CONFIG', `${config.file}: behaviors: expected trainer_type ppo for the learner of "${spec.name}" (learner "${learnerIdFor(config, spec.name)}"), got ${learner ? `"${learner.trainerType}"` : 'no behavior entry'}`);
  }
  return learner;
}

function openExpert(choice: DaggerExpertChoice, options: DaggerCommandOptions, rng: Rng, disposers: (() => void | Promise<void>)[]): AsyncActor {
  if (choice.kind === 'scripted') {
    const expert = getScriptedExpert(choice.name);
    return (spec, steps) => expert.act(spec, steps, rng);
  }
  if (choice.kind === 'onnx') {
    // Loaded when the behavior's spec is known (its first decision), checked against it, released at the end.
    let loading: Promise<OnnxPolicy> | null = null;
    disposers.push(async () => {
      if (loading) await loading.then((p) => p.release(), () => undefined);
    });
    return async (spec, steps) => {
      loading ??= OnnxPolicy.load(modelFileFor(choice.path, spec.name), spec);
      const policy = await loading;
      return (await decideAsync(policy, [{ source: 0, decisionSteps: steps, terminalSteps: emptyTerminalSteps(spec) }], { deterministic: true }))[0]!;
    };
  }
  const { state } = readTrainingCheckpoint(choice.path);
  const config = loadRunConfig(choice.config, { env: options.env });
  const restore = new Map<string, LearnerState>(Object.entries(state.learners));
  const meta = new MetaLearner(planResolver(config), new RunSeeds(options.seed), restore, choice.path);
  disposers.push(() => meta.dispose());
  return (spec, steps) => {
    const learner = meta.learnerFor(spec);
    if (!learner || !restore.has(learner.id)) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${choice.path}: expected a learner for behavior "${spec.name}", got none in it`);
    return decide(learner, [{ source: 0, decisionSteps: steps, terminalSteps: emptyTerminalSteps(spec) }], { deterministic: true, learn: false })[0]!;
  };
}
