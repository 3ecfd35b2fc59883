/**
 * Drives a Scene the way Unity's Academy drives a scene: each environment step simulates once and asks for
 * decisions every `decisionPeriod` steps; a step that produces no record produces no exchange, so the academy
 * keeps simulating until some agent reports. Both LocalEnv and the Unity stand-in step scenes through this
 * class, which is why an episode is the same in-process and over the wire.
 */
import type { ActionTuple } from './action-tuple.js';
import type { AgentInfoBatch } from './agent-info-batch.js';
import type { EnvironmentParameter } from './environment-parameters.js';
import type { Scene, SceneContext, SceneFactory } from './scene.js';
import { StatAggregation, type StatRecord } from './stats.js';
import { ShivaError } from '../errors.js';
import { Rng } from '../runtime/rng.js';

export interface AcademyOptions {
  readonly numAreas?: number;
  readonly seed?: number;
  /** Unity's DecisionRequester.DecisionPeriod: agents ask for an action every this many steps. */
  readonly decisionPeriod?: number;
  /** Steps without any record before the scene is declared stuck. */
  readonly maxIdleSteps?: number;
}

export class Academy {
  readonly scene: Scene;
  private readonly parameters = new Map<string, EnvironmentParameter>();
  private readonly samplerRngs = new Map<string, Rng>();
  private readonly stats: StatRecord[] = [];
  private readonly decisionPeriod: number;
  private readonly maxIdleSteps: number;
  private stepCount = 0;

  constructor(factory: SceneFactory, options: AcademyOptions = {}) {
    this.decisionPeriod = options.decisionPeriod ?? 1;
    this.maxIdleSteps = options.maxIdleSteps ?? 100_000;
    if (!Number.isInteger(this.decisionPeriod) || this.decisionPeriod < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `academy: decisionPeriod: expected an integer ≥ 1, got ${this.decisionPeriod}`);
    }
    const context: SceneContext = {
      parameter: (key, fallback) => this.readParameter(key, fallback),
      recordStat: (key, value, aggregation = StatAggregation.AVERAGE) => this.stats.push({ key, value, aggregation }),
    };
    this.scene = factory(context, { numAreas: options.numAreas ?? 1, seed: options.seed ?? 0 });
  }

  /** Sets parameters the scene reads from now on (applied before the next reset or step, as Unity does). */
  setEnvironmentParameters(params: ReadonlyMap<string, EnvironmentParameter>): void {
    for (const [key, value] of params) {
      this.parameters.set(key, value);
      if (typeof value !== 'number') this.samplerRngs.set(key, new Rng(value.seed ?? 0));
    }
  }

  /** Stats recorded by the scene since the last call. */
  drainStats(): StatRecord[] {
    return this.stats.splice(0, this.stats.length);
  }

  /** ForcedFullReset, then simulate until the first records. */
  reset(): Map<string, AgentInfoBatch> {
    this.scene.reset();
    this.stepCount = 0;
    return this.collectUntilRecords(false);
  }

  /** Applies actions for the agents of the last output, then simulates until the next records. */
  step(actions: ReadonlyMap<string, ActionTuple>): Map<string, AgentInfoBatch> {
    for (const [behavior, tuple] of actions) this.scene.applyActions(behavior, tuple);
    return this.collectUntilRecords(true);
  }

  private collectUntilRecords(simulateFirst: boolean): Map<string, AgentInfoBatch> {
    for (let idle = 0; idle < this.maxIdleSteps; idle++) {
      if (simulateFirst || idle > 0) {
        this.scene.simulate();
        this.stepCount++;
      }
      const out = this.scene.collect(this.stepCount % this.decisionPeriod === 0);
      for (const batch of out.values()) if (batch.count > 0) return out;
    }
    throw new ShivaError('SHIVA_ERR_ENV', `academy: no agent reported for ${this.maxIdleSteps} steps; the scene has no active agents`);
  }

  private readParameter(key: string, fallback: number): number {
    const p = this.parameters.get(key);
    if (p === undefined) return fallback;
    if (typeof p === 'number') return p;
    const rng = this.samplerRngs.get(key)!;
    switch (p.sampler) {
      case 'uniform':
        return p.min + (p.max - p.min) * rng.next();
      case 'gaussian':
        return p.mean + p.stddev * rng.normal();
      case 'multirange_uniform': {
        // As Unity does: pick an interval with probability proportional to its width, then uniform in it.
        const widths = p.intervals.map(([a, b]) => b - a);
        let r = rng.next() * widths.reduce((a, b) => a + b, 0);
        for (let i = 0; i < widths.length; i++) {
          if (r < widths[i]! || i === widths.length - 1) return p.intervals[i]![0] + Math.min(r, widths[i]!);
          r -= widths[i]!;
        }
        return fallback;
      }
    }
  }
}
