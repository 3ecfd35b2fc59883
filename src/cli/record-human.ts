/**
 * `shiva record --human`: a person plays the recorded behavior from a web page and every decision goes into a
 * Unity ML-Agents `.demo` file, as `shiva record` writes one for a scripted expert (record.ts).
 *
 * The recorder opens the environment (built-in, stand-in or executable; one copy of the task unless --num-areas
 * says otherwise), serves the page on loopback (record-human-server.ts) or uses a seat page already served (the
 * dashboard's, `page`), and at every decision of the recorded behavior sends the page what its agents observe and
 * waits for the human's action; the environment steps with that action. The map of area 0 goes with each decision
 * (Environment.drawing: a built-in scene draws itself, a connected Unity scene sends its drawings on the
 * scene-drawing side channel), and actions are named by the built-in scene (Scene.actionNames; for a stand-in, the
 * built-in scene it plays), so the person plays from the map and picks actions by name (the seat). Other behaviors
 * are played by their scripted expert (envs/experts.ts) or randomly within their masks. The file is written under a
 * temporary name and renamed once the episodes are complete; a recording stopped (`signal`) or failed leaves none.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ActionTuple } from '../core/env/action-tuple.js';
import { parseBehaviorName, type BehaviorSpec } from '../core/env/behavior-spec.js';
import { DEFAULT_ENGINE_CONFIGURATION, type EnvironmentParameter } from '../core/env/environment-parameters.js';
import type { Environment } from '../core/env/environment.js';
import { randomActions } from '../core/env/random-policy.js';
import type { DecisionSteps } from '../core/env/steps.js';
import type { ActionNames } from '../core/env/scene-drawing.js';
import { ShivaError } from '../core/errors.js';
import { DemoRecorder } from '../protocol/demo-file/index.js';
import { Rng } from '../core/runtime/rng.js';
import { scriptedExpertFor } from '../../envs/experts.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { openEnvironments } from './environments.js';
import type { RecordResult } from './record.js';
import { EpisodeRows } from './episode-rows.js';
import { HumanPage, type SeatPage } from './record-human-server.js';
import { batchActor, RolloutLoop } from '../training/rollout-loop.js';
import { sceneOf } from '../training/episode-frames.js';

export interface HumanRecordOptions {
  /** "builtin:NAME", "standin:NAME" or a Unity executable. */
  readonly env: string;
  /** Default: the scene's only behavior. */
  readonly behavior?: string;
  readonly episodes: number;
  readonly out: string;
  readonly seed: number;
  /** Default 1: one agent for the human to play. */
  readonly numAreas?: number;
  readonly basePort?: number;
  readonly timeoutMs: number | null;
  /** Loopback address of the page (default 127.0.0.1) and its port (0: any free port), when it serves its own. */
  readonly host?: string;
  readonly port?: number;
  /** A seat page already served (the dashboard's): greeted and asked here, left open for its owner. */
  readonly page?: SeatPage;
  /** Stops the recording (Ctrl-C): the decision waiting is dropped, the environment closed, no file left. */
  readonly signal?: AbortSignal;
  /** Called once the page is served, with its address. */
  readonly onListening?: (url: string) => void;
  readonly logger: Logger;
  /** Environment parameters sent before the first episode (a short duel for a test, a map for the scout). */
  readonly parameters?: Readonly<Record<string, EnvironmentParameter>>;
}

export async function recordHuman(options: HumanRecordOptions): Promise<RecordResult> {
  if (!Number.isInteger(options.episodes) || options.episodes < 1) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--episodes: expected an integer ≥ 1, got ${options.episodes}`);
  }
  const host = options.host ?? '127.0.0.1';
  if (options.page === undefined && host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new ShivaError('SHIVA_ERR_BIND', `--human: expected a loopback address for the recording page (127.0.0.1, localhost, ::1), got "${host}"`);
  }
  const environments = await openEnvironments({
    env: options.env,
    envArgs: [],
    numEnvs: 1,
    numAreas: options.numAreas ?? 1,
    basePort: options.basePort ?? 5005,
    seed: options.seed,
    timeoutMs: options.timeoutMs,
    noGraphics: true,
    logDir: join(tmpdir(), 'shiva-record-logs'),
    maxRestarts: 0,
    engine: DEFAULT_ENGINE_CONFIGURATION,
    parameters: options.parameters ?? {},
    logger: options.logger,
  });
  const env = environments.envs[0]!;
  const otherRng = new Rng(options.seed).fork();
  let recorder: DemoRecorder | null = null;
  // The page this call opened (and closes); a page given is its owner's.
  let ownPage: HumanPage | null = null;
  const stopped = stopSignal(options.signal);
  try {
    await env.reset();
    stopped.check();
    const behavior = chooseBehavior(env, options.behavior);
    const spec = env.behaviorSpecs.get(behavior)!;
    const names = actionNamer(env, options.env, options.seed);
    const drawing = () => env.drawing?.(0) ?? null;
    recorder = DemoRecorder.open(options.out, spec);
    const hello = {
      type: 'hello',
      behavior,
      observationShapes: spec.observationSpecs.map((o) => [...o.shape]),
      continuousSize: spec.actionSpec.continuousSize,
      discreteBranches: [...spec.actionSpec.discreteBranches],
      episodes: options.episodes,
      actionNames: names(behavior),
      map: drawing() !== null,
    };
    let human: SeatPage;
    if (options.page !== undefined) {
      human = options.page;
      human.greet(hello);
    } else {
      ownPage = await HumanPage.open(host, options.port ?? 0, hello);
      human = ownPage;
    }
    options.logger.info({ url: human.url }, `open ${human.url} in a browser to play ${behavior}`);
    options.onListening?.(human.url);
    const rows = new EpisodeRows(recorder, spec, options.episodes);
    let step = 0;
    const loop = new RolloutLoop(
      [env],
      {
        actorFor: (name, s) => {
          if (name !== behavior) {
            const scripted = scriptedExpertFor(name);
            return batchActor(s, (sp, d) => (scripted ? scripted.act(sp, d, otherRng) : randomActions(sp.actionSpec, d, otherRng)));
          }
          // The person's choice for the (single) request of this step; the page is asked only when agents decide.
          return async (requests) => {
            const d = requests[0]!.decisionSteps;
            if (d.count === 0) return [{ continuous: new Float32Array(0), discrete: new Int32Array(0) }];
            const decision = {
              type: 'decision',
              step,
              agents: Array.from(d.agentIds, (agentId, i) => ({ agentId, observations: agentObservations(spec, d, i), mask: agentMask(spec, d, i), actionNames: names(behavior, agentId) })),
              // The map of area 0: the seat plays one copy of the task unless --num-areas says otherwise.
              drawing: drawing(),
              episode: rows.returns.length + 1,
              episodeReturn: rows.runningReturn(d.agentIds[0]!) + d.rewards[0]!,
            };
            return [await stopped.race(human.ask(step, decision, (m) => parseAction(m, spec, d)))];
          };
        },
        onSteps: (_source, name, steps) => {
          if (name !== behavior) return;
          for (const lastReturn of rows.end(steps.terminalSteps)) human.notify({ type: 'episode', episodes: rows.returns.length, lastReturn });
        },
        onActions: (_source, name, decisionSteps, actions) => {
          if (name === behavior) rows.decide(decisionSteps, actions);
        },
        afterStep: () => {
          step++;
        },
        shouldStop: (_source, at) => at === 'observed' && rows.finished,
      },
      { reset: false },
    );
    await loop.run();
    recorder.close();
    recorder = null;
    const result: RecordResult = { file: options.out, behavior, steps: rows.written, episodes: rows.returns.length, meanReward: rows.returns.reduce((a, b) => a + b, 0) / rows.returns.length };
    human.finish({ type: 'done', ...result });
    return result;
  } finally {
    stopped.dispose();
    recorder?.abort();
    await ownPage?.close();
    await environments.close();
  }
}

/**
 * The names of a behavior's actions (per agent where the scene names them so): the in-process scene's; for a
 * stand-in, the built-in scene it plays (its fixed names: the per-agent ones depend on state only it has); else none.
 */
function actionNamer(env: Environment, spec: string, seed: number): (behavior: string, agentId?: number) => ActionNames | null {
  const scene = sceneOf(env);
  if (scene?.actionNames) return (behavior, agentId) => scene.actionNames!(behavior, agentId) ?? null;
  if (!spec.startsWith('standin:')) return () => null;
  const builtin = getBuiltinEnv(spec.slice('standin:'.length)).factory({ parameter: (_key, fallback) => fallback, recordStat: () => undefined }, { numAreas: 1, seed });
  if (!builtin.actionNames) return () => null;
  const fixed = new Map<string, ActionNames | null>();
  return (behavior) => {
    if (!fixed.has(behavior)) fixed.set(behavior, builtin.actionNames!(behavior) ?? null);
    return fixed.get(behavior)!;
  };
}

/** `signal` as a rejection: `race` ends a wait for the page when the recording is stopped. */
function stopSignal(signal: AbortSignal | undefined): { check(): void; race<T>(p: Promise<T>): Promise<T>; dispose(): void } {
  const error = () => new ShivaError('SHIVA_ERR_CLOSED', 'human recording: stopped before its episodes were complete; no .demo was written');
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(error());
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined); // observed through race; never an unhandled rejection
  return {
    check: () => {
      if (signal?.aborted) throw error();
    },
    race: (p) => Promise.race([p, aborted]),
    dispose: () => signal?.removeEventListener('abort', onAbort),
  };
}

/** The page's action for every deciding agent: agents × continuousSize numbers in [−1, 1], agents × branches options allowed by the masks. */
export function parseAction(message: Record<string, unknown>, spec: BehaviorSpec, steps: DecisionSteps): ActionTuple {
  const { continuousSize: C, discreteBranches } = spec.actionSpec;
  const nb = discreteBranches.length;
  const n = steps.count;
  const list = (field: 'continuous' | 'discrete', length: number): number[] => {
    const value = message[field] ?? [];
    if (!Array.isArray(value) || value.length !== length || value.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
      throw new ShivaError('SHIVA_ERR_ACTION_SHAPE', `page action: ${field}: expected ${length} finite numbers (${n} agent(s) × ${length / Math.max(1, n)}), got ${JSON.stringify(value).slice(0, 200)}`);
    }
    return value as number[];
  };
  const continuous = list('continuous', n * C);
  const discrete = list('discrete', n * nb);
  continuous.forEach((v, k) => {
    if (v < -1 || v > 1) throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `page action: continuous[${k}]: expected a number in [-1, 1], got ${v}`);
  });
  const maskWidth = discreteBranches.reduce((a, b) => a + b, 0);
  discrete.forEach((v, k) => {
    const agent = Math.floor(k / nb);
    const branch = k % nb;
    const size = discreteBranches[branch]!;
    if (!Number.isInteger(v) || v < 0 || v >= size) throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `page action: discrete[${k}] (agent ${steps.agentIds[agent]}, branch ${branch}): expected an integer in [0, ${size - 1}], got ${v}`);
    const offset = discreteBranches.slice(0, branch).reduce((a, b) => a + b, 0);
    if (steps.actionMasks && steps.actionMasks[agent * maskWidth + offset + v] === 1) {
      throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `page action: discrete[${k}] (agent ${steps.agentIds[agent]}, branch ${branch}): expected an option its mask allows, got ${v}, which is masked`);
    }
  });
  return { continuous: Float32Array.from(continuous), discrete: Int32Array.from(discrete) };
}

function agentObservations(spec: BehaviorSpec, steps: DecisionSteps, i: number): number[][] {
  return spec.observationSpecs.map((o, k) => {
    const size = o.shape.reduce((a, b) => a * b, 1);
    return Array.from(steps.observations[k]!.subarray(i * size, (i + 1) * size));
  });
}

function agentMask(spec: BehaviorSpec, steps: DecisionSteps, i: number): number[] | null {
  if (!steps.actionMasks) return null;
  const width = spec.actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  return Array.from(steps.actionMasks.subarray(i * width, (i + 1) * width));
}

function chooseBehavior(env: Environment, requested: string | undefined): string {
  const names = [...env.behaviorSpecs.keys()];
  if (requested !== undefined) {
    if (names.includes(requested)) return requested;
    const byBase = names.filter((n) => parseBehaviorName(n).name === requested);
    if (byBase.length === 1) return byBase[0]!;
    throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `${env.name}: --behavior: expected one of [${names.join(', ')}], got "${requested}"`);
  }
  if (names.length === 1) return names[0]!;
  throw new ShivaError('SHIVA_ERR_USAGE', `${env.name}: --behavior: expected one of [${names.join(', ')}] (the scene has ${names.length} behaviors and a human plays one), got none`);
}
