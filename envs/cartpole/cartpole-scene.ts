/**
 * CartPole as a Scene: one agent per area balancing gym's CartPole-v1, stepped the way a Unity agent is.
 * Reward +1 every step (the terminating one included); the episode ends (done) when the cart leaves ±2.4 or
 * the pole leans past 12°, and is interrupted (done, max step reached) after `max_steps` steps. An agent
 * restarts at once: its terminal record goes out in the next collect, before its first decision of the new
 * episode, under the same id.
 *
 * Environment parameters read at each episode start: gravity, masscart, masspole, length (half the pole),
 * force_mag, max_steps.
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { AreaAgents } from '../kit/area-agents.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import {
  CARTPOLE_V1,
  CARTPOLE_V1_MAX_STEPS,
  INITIAL_STATE_BOUND,
  cartPoleFailed,
  stepCartPole,
  type CartPoleParameters,
} from './cartpole-dynamics.js';

export const CARTPOLE_BEHAVIOR = behaviorKey('CartPole', 0);

export const CARTPOLE_SPEC: BehaviorSpec = {
  name: CARTPOLE_BEHAVIOR,
  observationSpecs: [vectorObservation(4)],
  actionSpec: { continuousSize: 0, discreteBranches: [2] },
};

export const CARTPOLE_RETURN_STAT = 'CartPole/Episode Return';

const OBS = 4;

export class CartPoleScene implements Scene {
  readonly behaviorSpecs: readonly BehaviorSpec[] = [CARTPOLE_SPEC];
  private readonly numAreas: number;
  private readonly rngs: Rng[];
  /** numAreas × [x, x_dot, theta, theta_dot], kept in float64 as gym does; observed as float32. */
  private readonly state: Float64Array;
  /** Per area, overwritten at each episode start (parameters may be sampled anew). */
  private readonly params: CartPoleParameters[];
  private readonly maxSteps: Int32Array;
  private readonly stepCount: Int32Array;
  private readonly episodeReturn: Float64Array;
  /** The action held between decisions. */
  private readonly heldAction: Int32Array;
  /** Rewards since the last record, terminal slots, and the batches collect() returns. */
  private readonly agents: AreaAgents;

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    this.agents = new AreaAgents('cartpole', CARTPOLE_SPEC, options.numAreas);
    const n = (this.numAreas = options.numAreas);
    // One stream per area, so that an area's episodes do not depend on how fast the other areas end theirs.
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: n }, () => root.fork());
    this.state = new Float64Array(n * OBS);
    this.params = Array.from({ length: n }, () => ({ ...CARTPOLE_V1 }));
    this.maxSteps = new Int32Array(n);
    this.stepCount = new Int32Array(n);
    this.episodeReturn = new Float64Array(n);
    this.heldAction = new Int32Array(n);
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
    this.heldAction.set(actions.discrete);
  }

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) {
      stepCartPole(this.state, a * OBS, this.heldAction[a]!, this.params[a]!);
      this.agents.reward[a]! += 1;
      this.episodeReturn[a]! += 1;
      this.stepCount[a]!++;
      // As in Unity, a task end wins over the max-step check made after acting.
      if (cartPoleFailed(this.state, a * OBS)) this.endEpisode(a, 0);
      else if (this.stepCount[a]! >= this.maxSteps[a]!) this.endEpisode(a, 1);
    }
  }

  private endEpisode(area: number, interrupted: 0 | 1): void {
    this.agents.end(area, interrupted, this.observe);
    this.context.recordStat(CARTPOLE_RETURN_STAT, this.episodeReturn[area]!);
    this.beginEpisode(area);
  }

  /** The observation is the state itself, in float32. */
  private readonly observe = (area: number, out: Float32Array, offset: number): void => {
    for (let k = 0; k < OBS; k++) out[offset + k] = this.state[area * OBS + k]!;
  };

  private beginEpisode(area: number): void {
    const p = this.params[area]!;
    p.gravity = this.readParameter('gravity', CARTPOLE_V1.gravity, false);
    p.massCart = this.readParameter('masscart', CARTPOLE_V1.massCart, true);
    p.massPole = this.readParameter('masspole', CARTPOLE_V1.massPole, true);
    p.halfLength = this.readParameter('length', CARTPOLE_V1.halfLength, true);
    p.forceMag = this.readParameter('force_mag', CARTPOLE_V1.forceMag, true);
    const maxSteps = Math.round(this.readParameter('max_steps', CARTPOLE_V1_MAX_STEPS, true));
    if (maxSteps < 1) throw new ShivaError('SHIVA_ERR_ENV', `cartpole: environment parameter "max_steps": expected a number ≥ 1, got ${maxSteps}`);
    this.maxSteps[area] = maxSteps;
    const rng = this.rngs[area]!;
    for (let k = 0; k < OBS; k++) this.state[area * OBS + k] = rng.uniform(-INITIAL_STATE_BOUND, INITIAL_STATE_BOUND);
    this.stepCount[area] = 0;
    this.episodeReturn[area] = 0;
    this.agents.reward[area] = 0;
    // Unity clears an agent's stored action when its episode begins.
    this.heldAction[area] = 0;
  }

  private readParameter(key: string, fallback: number, positive: boolean): number {
    const value = this.context.parameter(key, fallback);
    if (!Number.isFinite(value) || (positive && value <= 0)) {
      throw new ShivaError('SHIVA_ERR_ENV', `cartpole: environment parameter "${key}": expected a finite number${positive ? ' > 0' : ''}, got ${value}`);
    }
    return value;
  }
}

export const createCartPoleScene: SceneFactory = (context, options) => new CartPoleScene(context, options);
