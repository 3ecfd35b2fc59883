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
import { validateActions, type ActionTuple } from '../../src/env/action-tuple.js';
import { allocateAgentInfoBatch, emptyAgentInfoBatch, type AgentInfoBatch } from '../../src/env/agent-info-batch.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/env/scene.js';
import { ShivaError } from '../../src/errors.js';
import { Rng } from '../../src/runtime/rng.js';
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
  observationSpecs: [vectorObservation(3)],
  actionSpec: { continuousSize: 1, discreteBranches: [] },
};

export const PENDULUM_RETURN_STAT = 'Pendulum/Episode Return';

/** Floats of physical state per area: [θ, θ̇]. */
const STATE = 2;
/** Floats observed per agent: [cos θ, sin θ, θ̇]. */
const OBS = 3;

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
  /** Reward accrued since the agent's last record. */
  private readonly reward: Float64Array;
  /** The torque held between decisions (already scaled by max_torque; clipped when applied). */
  private readonly heldTorque: Float64Array;
  /** One terminal slot per agent: an agent ends at most once per simulate, and collect follows every simulate. */
  private readonly pending: Uint8Array;
  private readonly pendingReward: Float64Array;
  private readonly pendingObs: Float32Array;
  private pendingCount = 0;
  /** Agents in the decision rows of the last collect (all of them, in id order, or none). */
  private decisionCount = 0;
  private readonly empty = emptyAgentInfoBatch(PENDULUM_SPEC);

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    if (!Number.isInteger(options.numAreas) || options.numAreas < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `pendulum: numAreas: expected an integer ≥ 1, got ${options.numAreas}`);
    }
    const n = (this.numAreas = options.numAreas);
    // One stream per area, so that an area's episodes do not depend on how the other areas' episodes go.
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: n }, () => root.fork());
    this.state = new Float64Array(n * STATE);
    this.params = Array.from({ length: n }, () => ({ ...PENDULUM_V1 }));
    this.maxSteps = new Int32Array(n);
    this.stepCount = new Int32Array(n);
    this.episodeReturn = new Float64Array(n);
    this.reward = new Float64Array(n);
    this.heldTorque = new Float64Array(n);
    this.pending = new Uint8Array(n);
    this.pendingReward = new Float64Array(n);
    this.pendingObs = new Float32Array(n * OBS);
    for (let a = 0; a < n; a++) this.beginEpisode(a);
  }

  reset(): void {
    this.pending.fill(0);
    this.pendingCount = 0;
    this.decisionCount = 0;
    for (let a = 0; a < this.numAreas; a++) this.beginEpisode(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    const decisions = requestDecisions ? this.numAreas : 0;
    this.decisionCount = decisions;
    const count = this.pendingCount + decisions;
    if (count === 0) return new Map([[PENDULUM_BEHAVIOR, this.empty]]);
    const batch = allocateAgentInfoBatch(PENDULUM_SPEC, count, false);
    const obs = batch.observations[0]!;
    let row = 0;
    if (this.pendingCount > 0) {
      for (let a = 0; a < this.numAreas; a++) {
        if (!this.pending[a]) continue;
        batch.agentIds[row] = a;
        batch.rewards[row] = this.pendingReward[a]!;
        batch.done[row] = 1;
        // Pendulum never fails: every ending is the step limit.
        batch.maxStepReached[row] = 1;
        obs.set(this.pendingObs.subarray(a * OBS, a * OBS + OBS), row * OBS);
        this.pending[a] = 0;
        row++;
      }
      this.pendingCount = 0;
    }
    for (let a = 0; a < decisions; a++, row++) {
      batch.agentIds[row] = a;
      batch.rewards[row] = this.reward[a]!;
      this.reward[a] = 0;
      observePendulum(this.state, a * STATE, obs, row * OBS);
    }
    return new Map([[PENDULUM_BEHAVIOR, batch]]);
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    if (behavior !== PENDULUM_BEHAVIOR) {
      throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `pendulum: applyActions: expected behavior "${PENDULUM_BEHAVIOR}", got "${behavior}"`);
    }
    validateActions(`pendulum: behavior "${behavior}"`, PENDULUM_SPEC.actionSpec, this.decisionCount, actions);
    // Decision rows are areas 0..decisionCount-1 in order, so row i is area i.
    for (let a = 0; a < this.decisionCount; a++) this.heldTorque[a] = actions.continuous[a]! * this.params[a]!.maxTorque;
  }

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) {
      const r = stepPendulum(this.state, a * STATE, this.heldTorque[a]!, this.params[a]!);
      this.reward[a]! += r;
      this.episodeReturn[a]! += r;
      this.stepCount[a]!++;
      if (this.stepCount[a]! >= this.maxSteps[a]!) this.endEpisode(a);
    }
  }

  private endEpisode(area: number): void {
    if (this.pending[area]) {
      throw new ShivaError('SHIVA_ERR_ENV', `pendulum: agent ${area} ended a second episode before its first terminal record was collected; collect() must follow every simulate()`);
    }
    this.pending[area] = 1;
    this.pendingCount++;
    this.pendingReward[area] = this.reward[area]!;
    observePendulum(this.state, area * STATE, this.pendingObs, area * OBS);
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
    this.reward[area] = 0;
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
