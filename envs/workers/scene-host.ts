/**
 * The worker thread's side of environments in worker threads: each hosted environment is a built-in scene driven
 * by its own Academy, answered exactly as LocalEnv would step it (parameters applied first, behaviors announced
 * when their first agent reports, the academy's stats drained after each output), so that an episode is the same
 * in-process and in a worker (test/envs/workers/scene-workers.test.ts checks it step for step). Kept apart from the
 * thread's plumbing (scene-worker-entry.ts) so that it can be driven and tested without a thread.
 */
import { Academy } from '../../src/core/env/academy.js';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import { packAgentInfos } from '../../src/core/env/agent-info-pack.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { SceneFactory } from '../../src/core/env/scene.js';
import { ShivaError } from '../../src/core/errors.js';
import type { ExchangeRequest, FromSceneWorker, HostedEnvironment } from './worker-messages.js';

interface Hosted {
  readonly academy: Academy;
  readonly announced: Set<string>;
}

export class SceneHost {
  private readonly hosted = new Map<number, Hosted>();

  constructor(factory: SceneFactory, environments: readonly HostedEnvironment[]) {
    for (const e of environments) {
      this.hosted.set(e.index, { academy: new Academy(factory, { numAreas: e.numAreas, seed: e.seed, decisionPeriod: e.decisionPeriod }), announced: new Set() });
    }
  }

  /** The reply to one exchange, and the buffers to transfer with it; a failure is a reply too (the thread lives on). */
  exchange(request: ExchangeRequest): { reply: FromSceneWorker; transfer: ArrayBuffer[] } {
    try {
      const hosted = this.hosted.get(request.env);
      if (!hosted) throw new ShivaError('SHIVA_ERR_ENV', `scene worker: environment ${request.env}: expected one of [${[...this.hosted.keys()].join(', ')}], got one this worker does not host`);
      const { academy } = hosted;
      if (request.parameters.length > 0) academy.setEnvironmentParameters(new Map(request.parameters));
      const output = request.command === 'reset' ? academy.reset() : academy.step(new Map<string, ActionTuple>(request.actions));
      const newBehaviors = this.announce(hosted, output);
      const stats = academy.drainStats();
      const drawings = request.drawAreas.map((area) => [area, academy.scene.draw ? academy.scene.draw(area) : null] as const);
      const agentInfos = packAgentInfos(output);
      return { reply: { kind: 'output', env: request.env, agentInfos, newBehaviors, stats, drawings }, transfer: [agentInfos.buffer] };
    } catch (error) {
      const code = error instanceof ShivaError ? error.code : 'SHIVA_ERR_ENV';
      const message = error instanceof Error ? error.message : String(error);
      return { reply: { kind: 'error', env: request.env, code, message }, transfer: [] };
    }
  }

  /** Behaviors whose first agent reports in `output` (as LocalEnv and a Unity scene announce them). */
  private announce(hosted: Hosted, output: ReadonlyMap<string, AgentInfoBatch>): BehaviorSpec[] {
    const specs: BehaviorSpec[] = [];
    for (const [name, batch] of output) {
      if (batch.count === 0 || hosted.announced.has(name)) continue;
      const spec = hosted.academy.scene.behaviorSpecs.find((s) => s.name === name);
      if (spec) {
        hosted.announced.add(name);
        specs.push(spec);
      }
    }
    return specs;
  }
}
