/**
 * `shiva serve`: inference serving. Scenes connect as for training (the Editor, launched executables, stand-ins,
 * built-in scenes: the same bridge listeners); every behavior the configuration names is played by a trained
 * policy, a Shiva checkpoint's (tfjs) or an ONNX model's (`onnx:PATH`, onnxruntime), through the decision pipeline
 * and the behavior's reasoning layer (rules apply; traces go to RESULTS/RUN_ID/traces when the rule file samples
 * them). Nothing learns and nothing is saved. It is a use of the one rollout loop; it ends on the abort signal
 * (Ctrl-C), after `durationS`, or when every simulation has left.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ListenOptions } from '../bridge/bridge-options.js';
import { behaviorConfigFor } from '../config/behavior-lookup.js';
import type { RunConfig } from '../config/index.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { decide } from '../decisions/decision-pipeline.js';
import type { Reasoner } from '../decisions/reasoning-layer.js';
import { MetaLearner } from '../training/meta-learner.js';
import { planResolver } from '../training/plan-resolver.js';
import { RolloutLoop, type BatchActor } from '../training/rollout-loop.js';
import { environmentSettings, openEnvironments } from './environments.js';
import { learnerStates } from './evaluate.js';
import { OnnxActors, onnxPathOf } from './onnx-actors.js';
import { loadRuleSets, reasonerResolver } from './reasoners.js';

export interface ServeOptions {
  /** A checkpoint file or `onnx:PATH`. */
  readonly policy: string;
  /** Greedy actions (default) or samples of the policy. */
  readonly deterministic: boolean;
  readonly seed: number;
  /** Ends serving after this many seconds of serving (null: until the signal). */
  readonly durationS: number | null;
  readonly signal?: AbortSignal;
  readonly listen?: ListenOptions;
  readonly explicit?: { readonly basePort?: boolean; readonly timeoutWait?: boolean };
  readonly logger: Logger;
  /** Called once every simulation is connected, before the first decision. */
  readonly onServing?: (environments: string) => void;
}

export interface ServeResult {
  readonly policy: string;
  readonly runtime: 'onnxruntime' | 'tfjs';
  readonly environments: string;
  readonly stopped: boolean;
  /** Seconds from the first decision to the end. */
  readonly seconds: number;
  readonly decisions: number;
  readonly decisionsPerSecond: number;
  readonly behaviors: Record<string, { decisions: number; episodes: number; meanReturn: number | null }>;
}

export async function serve(config: RunConfig, options: ServeOptions): Promise<ServeResult> {
  const onnxPath = onnxPathOf(options.policy);
  const restore = onnxPath === null ? learnerStates(options.policy) : null;
  if (onnxPath === null) await chooseBackend(config.shiva.backend);
  const runDir = join(config.checkpointSettings.resultsDir, config.checkpointSettings.runId);
  const environments = await openEnvironments(
    environmentSettings(config, { seed: options.seed, logDir: join(runDir, 'run_logs'), logger: options.logger, ...(options.listen ?? {}), ...(options.explicit ? { explicit: options.explicit } : {}) }),
  );
  const seeds = new RunSeeds(options.seed);
  const meta = new MetaLearner(planResolver(config), seeds, restore ?? new Map(), options.policy);
  const reasonerFor = reasonerResolver(config, loadRuleSets(config), { runDir, seeds });
  const reasoners: Reasoner[] = [];
  const onnx = onnxPath === null ? null : new OnnxActors(onnxPath, { deterministic: options.deterministic, reasonerFor: (b, s) => keep(reasonerFor(b, s)) });
  const counts = new Map<string, { decisions: number; returns: number; episodes: number }>();
  function keep(r: Reasoner | null): Reasoner | null {
    if (r) reasoners.push(r);
    return r;
  }
  let started = 0;
  let loop: RolloutLoop | null = null;
  try {
    await environments.connect(options.signal);
    options.onServing?.(environments.describe);
    started = performance.now();
    const deadline = options.durationS === null ? Infinity : started + options.durationS * 1000;
    loop = new RolloutLoop(
      environments.envs,
      {
        actorFor: (behavior, spec): BatchActor | null => {
          behaviorConfigFor(config, behavior);
          counts.set(behavior, { decisions: 0, returns: 0, episodes: 0 });
          if (onnx) return onnx.actorFor(behavior, spec);
          const learner = meta.learnerFor(spec);
          if (!learner) return null;
          if (!restore!.has(learner.id)) {
            throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${options.policy}: learner "${learner.id}" (behavior "${behavior}"): expected its state in the checkpoint, got learners [${[...restore!.keys()].join(', ')}]`);
          }
          const reasoner = keep(reasonerFor(behavior, spec));
          return (requests) => decide(learner, requests, { deterministic: options.deterministic, learn: false, reasoner });
        },
        onActions: (_source, behavior, steps) => {
          counts.get(behavior)!.decisions += steps.count;
        },
        onEpisodes: (_source, episodes) => {
          for (const e of episodes) {
            const c = counts.get(e.behavior);
            if (!c) continue;
            c.episodes++;
            c.returns += e.return;
          }
        },
        shouldStop: (_source, at) => at === 'decided' && performance.now() >= deadline,
      },
      { ...(options.signal ? { signal: options.signal } : {}) },
    );
    await loop.run();
  } finally {
    for (const r of reasoners) r.close?.();
    meta.dispose();
    await onnx?.release();
    await environments.close();
  }
  const seconds = started === 0 ? 0 : (performance.now() - started) / 1000;
  const decisions = [...counts.values()].reduce((n, c) => n + c.decisions, 0);
  return {
    policy: options.policy,
    runtime: onnx ? 'onnxruntime' : 'tfjs',
    environments: environments.describe,
    stopped: options.signal?.aborted ?? false,
    seconds,
    decisions,
    decisionsPerSecond: seconds > 0 ? decisions / seconds : 0,
    behaviors: Object.fromEntries([...counts].map(([name, c]) => [name, { decisions: c.decisions, episodes: c.episodes, meanReturn: c.episodes > 0 ? c.returns / c.episodes : null }])),
  };
}
