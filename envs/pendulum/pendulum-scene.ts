/**
 * Pendulum as a Scene: one agent per area swinging up gym's Pendulum-v1, stepped the way a Unity agent is.
 * Observation [cos θ, sin θ, θ̇]; one continuous action, the torque divided by max_torque (2 by default): trainers
 * emit actions in [-1, 1] as ML-Agents does, so the scene scales by max_torque, and anything beyond ±1 is clipped
 * the way gym clips torque. Reward −(θ² + 0.1 θ̇² + 0.001 u²) every step, from the state before the step. The task
 * never terminates; the episode is interrupted (done, max step reached) after `max_steps` steps. An agent restarts
 * at once: its terminal record goes out in the next collect, before its first decision of the new episode, under
 * the same id.
 *
 * Environment parameters read at each episode start: g, m, l, max_torque, max_steps.
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { AreaAgents } from '../kit/area-agents.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import {
  INITIAL_THETA_BOUND,
  INITIAL_THETA_DOT_BOUND,
  PENDULUM_V1,
  PENDULUM_V1_MAX_STEPS,
  observePendulum,
  stepPendulum,
  type PendulumParameters,
} from './pendulum-dynamics.js';

export const PENDULUM_BEHAVIOR = behaviorKey('Pendulum', 0);

export const PENDULUM_SPEC: BehaviorSpec = {
  name: PENDULUM_BEHAVIOR,
  observationSpecs: [vectorObservation(3)], // [cos θ, sin θ, θ̇]
  actionSpec: { continuousSize: 1, discreteBranches: [] },
};

export const PENDULUM_RETURN_STAT = 'Pendulum/Episode Return';

/** Floats of physical state per area: [θ, θ̇]. */
const STATE = 2;

export class PendulumScene implements Scene {
  readonly behaviorSpecs: readonly BehaviorSpec[] = [PENDULUM_SPEC];
  private readonly numAreas: number;
  private readonly rngs: Rng[];
  /** numAreas × [θ, θ̇], kept in float64 as gym does; observed as float32. */
  private readonly state: Float64Array;
  /** Per area, overwritten at each episode start (parameters may be sampled anew). */
  private readonly params: PendulumParameters[];
  private readonly maxSteps: Int32Array;
  private readonly stepCount: Int32Array;
  private readonly episodeReturn: Float64Array;
  /** The torque held between decisions (already scaled by max_torque; clipped when applied). */
  private readonly heldTorque: Float64Array;
  /** Rewards since the last record, terminal slots, and the batches collect() returns. */
  private readonly agents: AreaAgents;

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    this.agents = new AreaAgents('pendulum', PENDULUM_SPEC, options.numAreas);
    const n = (this.numAreas = options.numAreas);
    // One stream per area, so that an area's episodes do not depend on how the other areas' episodes go.
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: n }, () => root.fork());
    this.state = new Float64Array(n * STATE);
    this.params = Array.from({ length: n }, () => ({ ...PENDULUM_V1 }));
    this.maxSteps = new Int32Array(n);
    this.stepCount = new Int32Array(n);
    this.episodeReturn = new Float64Array(n);
    this.heldTorque = new Float64Array(n);
    for (let a = 0; a < n; a++) this.beginEpisode(a);
  }

  reset(): void {
    this.agents.reset();
    for (let a = 0; a < this.numAreas; a++) this.beginEpisode(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    return this.agents.collect(requestDecisions, this.observe);
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    this.agents.checkActions(behavior, actions);
    // Decision rows are areas 0..decisionCount-1 in order, so row i is area i.
    for (let a = 0; a < this.agents.decisionCount; a++) this.heldTorque[a] = actions.continuous[a]! * this.params[a]!.maxTorque;
  }

  private readonly observe = (area: number, out: Float32Array, offset: number): void => observePendulum(this.state, area * STATE, out, offset);

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) {
      const r = stepPendulum(this.state, a * STATE, this.heldTorque[a]!, this.params[a]!);
      this.agents.reward[a]! += r;
      this.episodeReturn[a]! += r;
      this.stepCount[a]!++;
      if (this.stepCount[a]! >= this.maxSteps[a]!) this.endEpisode(a);
    }
  }

  private endEpisode(area: number): void {
    // Pendulum never fails: every ending is the step limit.
    this.agents.end(area, 1, this.observe);
    this.context.recordStat(PENDULUM_RETURN_STAT, this.episodeReturn[area]!);
    this.beginEpisode(area);
  }

  private beginEpisode(area: number): void {
    const p = this.params[area]!;
    p.gravity = this.readParameter('g', PENDULUM_V1.gravity, false);
    p.mass = this.readParameter('m', PENDULUM_V1.mass, true);
    p.length = this.readParameter('l', PENDULUM_V1.length, true);
    p.maxTorque = this.readParameter('max_torque', PENDULUM_V1.maxTorque, true);
    // A sampler may draw a fraction; the step count is its nearest whole number.
    const rawMaxSteps = this.readParameter('max_steps', PENDULUM_V1_MAX_STEPS, true);
    const maxSteps = Math.round(rawMaxSteps);
    if (maxSteps < 1) throw new ShivaError('SHIVA_ERR_ENV', `pendulum: environment parameter "max_steps": expected a number that rounds to ≥ 1, got ${rawMaxSteps}`);
    this.maxSteps[area] = maxSteps;
    const rng = this.rngs[area]!;
    this.state[area * STATE] = rng.uniform(-INITIAL_THETA_BOUND, INITIAL_THETA_BOUND);
    this.state[area * STATE + 1] = rng.uniform(-INITIAL_THETA_DOT_BOUND, INITIAL_THETA_DOT_BOUND);
    this.stepCount[area] = 0;
    this.episodeReturn[area] = 0;
    this.agents.reward[area] = 0;
    // Unity clears an agent's stored action when its episode begins.
    this.heldTorque[area] = 0;
  }

  private readParameter(key: string, fallback: number, positive: boolean): number {
    const value = this.context.parameter(key, fallback);
    if (!Number.isFinite(value) || (positive && value <= 0)) {
      throw new ShivaError('SHIVA_ERR_ENV', `pendulum: environment parameter "${key}": expected a finite number${positive ? ' > 0' : ''}, got ${value}`);
    }
    return value;
  }
}

export const createPendulumScene: SceneFactory = (context, options) => new PendulumScene(context, options);
