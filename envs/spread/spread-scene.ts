/**
 * Simple spread as a Scene: N agents (parameter `agents`, default 3) cover N landmarks in each area, stepped the
 * way a Unity agent is (envs/spread/spread-dynamics.ts holds the physics and the reward). All agents of an area
 * are one behavior, "Spread?team=0", and one group (group id = area + 1), so a multi-agent learner can find
 * teammates; agent ids are area × N + slot.
 *
 * Actions: two continuous forces in [−1, 1] (clipped), or with `discrete: 1` one branch of 5 (no-op, −x, +x,
 * −y, +y; MPE's layout). Every agent receives the shared reward of the step, −Σ_landmarks min_agents distance −
 * colliding pairs, as its own reward (MPE hands each agent the shared reward too). Episodes are interrupted
 * (done, max step reached) after `max_steps` (25, MPE's max_cycles) steps; the whole area restarts at once, and
 * its terminal records go out in the next collect, before the first decisions of the new episode, under the same
 * ids.
 *
 * Environment parameters: `agents` and `discrete` shape the behavior spec, so they are read when the scene is
 * built and again at each forced reset (a trainer's first reset applies them; a change between resets waits for
 * the next one); `max_steps` is read at each episode start. Stats per area episode: "Spread/Episode Return" and
 * "Spread/Collisions".
 */
import { validateActions, type ActionTuple } from '../../src/core/env/action-tuple.js';
import { allocateAgentInfoBatch, emptyAgentInfoBatch, type AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import type { ActionNames, DrawnEntity, SceneDrawing } from '../../src/core/env/scene-drawing.js';
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import {
  MPE_SPREAD,
  SPREAD_DISCRETE_ACTIONS,
  SPREAD_INIT_BOUND,
  SPREAD_MAX_STEPS,
  actionForce,
  createSpreadWorld,
  observeSpread,
  spreadCollisions,
  spreadObservationSize,
  stepSpread,
  type SpreadWorld,
} from './spread-dynamics.js';

export const SPREAD_BEHAVIOR = behaviorKey('Spread', 0);
export const SPREAD_RETURN_STAT = 'Spread/Episode Return';
export const SPREAD_COLLISIONS_STAT = 'Spread/Collisions';
export const SPREAD_DEFAULT_AGENTS = 3;
/** Beyond this the observation grows past what a small MLP is meant for; also a guard against typos. */
const MAX_AGENTS = 16;

/** The behavior spec for `n` agents with continuous or discrete actions. */
export function spreadSpec(n: number, discrete: boolean): BehaviorSpec {
  return {
    name: SPREAD_BEHAVIOR,
    observationSpecs: [vectorObservation(spreadObservationSize(n))],
    actionSpec: discrete ? { continuousSize: 0, discreteBranches: [SPREAD_DISCRETE_ACTIONS] } : { continuousSize: 2, discreteBranches: [] },
  };
}

export class SpreadScene implements Scene {
  private spec!: BehaviorSpec;
  private n = 0;
  private discrete = false;
  private worlds: SpreadWorld[] = [];
  private readonly numAreas: number;
  private readonly rngs: Rng[];
  private readonly maxSteps: Int32Array;
  private readonly stepCount: Int32Array;
  private readonly episodeReturn: Float64Array;
  private readonly episodeCollisions: Int32Array;
  // Per agent (id = area × n + slot), resized when n changes.
  private reward = new Float64Array(0);
  /** Unit forces held between decisions, 2 per agent. */
  private held = new Float64Array(0);
  /** Areas whose terminal records wait for the next collect, with their final observations and rewards. */
  private readonly pending: Uint8Array;
  private pendingCount = 0;
  private pendingObs = new Float32Array(0);
  private pendingReward = new Float64Array(0);
  private decisionCount = 0;
  private empty!: AgentInfoBatch;

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    if (!Number.isInteger(options.numAreas) || options.numAreas < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `spread: numAreas: expected an integer ≥ 1, got ${options.numAreas}`);
    }
    const areas = (this.numAreas = options.numAreas);
    // One stream per area, so that an area's episodes do not depend on how the other areas' episodes go.
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: areas }, () => root.fork());
    this.maxSteps = new Int32Array(areas);
    this.stepCount = new Int32Array(areas);
    this.episodeReturn = new Float64Array(areas);
    this.episodeCollisions = new Int32Array(areas);
    this.pending = new Uint8Array(areas);
    this.configure();
    for (let a = 0; a < areas; a++) this.beginEpisode(a);
  }

  get behaviorSpecs(): readonly BehaviorSpec[] {
    return [this.spec];
  }

  /** Agents per area. */
  get agentsPerArea(): number {
    return this.n;
  }

  /** Area `area`'s world (read-only use: tests and scripted experts). */
  world(area: number): SpreadWorld {
    return this.worlds[area]!;
  }

  reset(): void {
    this.configure();
    this.pending.fill(0);
    this.pendingCount = 0;
    this.decisionCount = 0;
    for (let a = 0; a < this.numAreas; a++) this.beginEpisode(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    const n = this.n;
    const size = spreadObservationSize(n);
    const decisions = requestDecisions ? this.numAreas * n : 0;
    this.decisionCount = decisions;
    const count = this.pendingCount * n + decisions;
    if (count === 0) return new Map([[this.spec.name, this.empty]]);
    const batch = allocateAgentInfoBatch(this.spec, count, false);
    const obs = batch.observations[0]!;
    let row = 0;
    for (let a = 0; a < this.numAreas && this.pendingCount > 0; a++) {
      if (!this.pending[a]) continue;
      this.pending[a] = 0;
      for (let s = 0; s < n; s++, row++) {
        const agent = a * n + s;
        batch.agentIds[row] = agent;
        batch.groupIds[row] = a + 1;
        batch.rewards[row] = this.pendingReward[agent]!;
        batch.done[row] = 1;
        batch.maxStepReached[row] = 1;
        obs.set(this.pendingObs.subarray(agent * size, (agent + 1) * size), row * size);
      }
    }
    this.pendingCount = 0;
    for (let a = 0; a < this.numAreas && decisions > 0; a++) {
      for (let s = 0; s < n; s++, row++) {
        const agent = a * n + s;
        batch.agentIds[row] = agent;
        batch.groupIds[row] = a + 1;
        batch.rewards[row] = this.reward[agent]!;
        this.reward[agent] = 0;
        observeSpread(this.worlds[a]!, s, obs, row * size);
      }
    }
    return new Map([[this.spec.name, batch]]);
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    if (behavior !== this.spec.name) {
      throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `spread: applyActions: expected behavior "${this.spec.name}", got "${behavior}"`);
    }
    validateActions(`spread: behavior "${behavior}"`, this.spec.actionSpec, this.decisionCount, actions);
    // Decision rows are agents 0..decisionCount-1 in id order.
    const continuous = this.discrete ? null : actions.continuous;
    for (let agent = 0; agent < this.decisionCount; agent++) {
      actionForce(continuous, this.discrete ? actions.discrete[agent]! : 0, 2 * agent, this.held, 2 * agent);
    }
  }

  /** The landmarks and agents of `area` in the plane. */
  draw(area: number): SceneDrawing {
    const w = this.worlds[area]!;
    const entities: DrawnEntity[] = [];
    let bound = SPREAD_INIT_BOUND;
    for (let i = 0; i < w.n; i++) {
      entities.push({ id: `landmark-${i}`, kind: 'landmark', x: w.landmarks[2 * i]!, y: w.landmarks[2 * i + 1]!, label: `landmark ${i}` });
      bound = Math.max(bound, Math.abs(w.pos[2 * i]!), Math.abs(w.pos[2 * i + 1]!));
    }
    for (let i = 0; i < w.n; i++) {
      const agent = area * w.n + i;
      const vx = w.vel[2 * i]!, vy = w.vel[2 * i + 1]!;
      entities.push({ id: `agent-${i}`, kind: 'agent', team: 0, agentId: agent, x: w.pos[2 * i]!, y: w.pos[2 * i + 1]!, label: `agent ${agent}`, ...(vx !== 0 || vy !== 0 ? { heading: (Math.atan2(vy, vx) * 180) / Math.PI } : {}) });
    }
    bound = Math.min(bound * 1.1, 100);
    return { scene: 'spread', step: this.stepCount[area]!, bounds: { minX: -bound, minY: -bound, maxX: bound, maxY: bound }, layers: [], links: [], entities, caption: `step ${this.stepCount[area]} of ${this.maxSteps[area]}` };
  }

  actionNames(behavior: string): ActionNames | null {
    if (behavior !== this.spec.name) return null;
    return this.discrete ? { branches: [{ name: 'push', options: ['none', 'west (−x)', 'east (+x)', 'south (−y)', 'north (+y)'] }] } : { branches: [], continuous: ['force x', 'force y'] };
  }

  simulate(): void {
    const n = this.n;
    for (let a = 0; a < this.numAreas; a++) {
      const world = this.worlds[a]!;
      const r = stepSpread(world, this.held.subarray(2 * a * n, 2 * (a + 1) * n), MPE_SPREAD);
      for (let s = 0; s < n; s++) this.reward[a * n + s]! += r;
      this.episodeReturn[a]! += r;
      this.episodeCollisions[a]! += spreadCollisions(world, MPE_SPREAD);
      this.stepCount[a]!++;
      if (this.stepCount[a]! >= this.maxSteps[a]!) this.endEpisode(a);
    }
  }

  private endEpisode(area: number): void {
    if (this.pending[area]) {
      throw new ShivaError('SHIVA_ERR_ENV', `spread: area ${area} ended a second episode before its first terminal records were collected; collect() must follow every simulate()`);
    }
    const n = this.n;
    const size = spreadObservationSize(n);
    this.pending[area] = 1;
    this.pendingCount++;
    for (let s = 0; s < n; s++) {
      const agent = area * n + s;
      this.pendingReward[agent] = this.reward[agent]!;
      this.reward[agent] = 0;
      observeSpread(this.worlds[area]!, s, this.pendingObs, agent * size);
    }
    this.context.recordStat(SPREAD_RETURN_STAT, this.episodeReturn[area]!);
    this.context.recordStat(SPREAD_COLLISIONS_STAT, this.episodeCollisions[area]!);
    this.beginEpisode(area);
  }

  /** Reads the structural parameters and (re)allocates per-agent storage when they changed. */
  private configure(): void {
    const rawN = this.readParameter('agents', SPREAD_DEFAULT_AGENTS);
    const n = Math.round(rawN);
    if (n < 1 || n > MAX_AGENTS) throw new ShivaError('SHIVA_ERR_ENV', `spread: environment parameter "agents": expected 1..${MAX_AGENTS}, got ${rawN}`);
    const rawDiscrete = this.readParameter('discrete', 0);
    if (rawDiscrete !== 0 && rawDiscrete !== 1) throw new ShivaError('SHIVA_ERR_ENV', `spread: environment parameter "discrete": expected 0 or 1, got ${rawDiscrete}`);
    const discrete = rawDiscrete === 1;
    if (n === this.n && discrete === this.discrete && this.worlds.length > 0) return;
    this.n = n;
    this.discrete = discrete;
    this.spec = spreadSpec(n, discrete);
    this.empty = emptyAgentInfoBatch(this.spec);
    const agents = this.numAreas * n;
    this.worlds = Array.from({ length: this.numAreas }, () => createSpreadWorld(n));
    this.reward = new Float64Array(agents);
    this.held = new Float64Array(2 * agents);
    this.pendingObs = new Float32Array(agents * spreadObservationSize(n));
    this.pendingReward = new Float64Array(agents);
  }

  /** Agents, then landmarks, each x then y, uniform in [−1, 1] from the area's stream; velocities and held actions zeroed. */
  private beginEpisode(area: number): void {
    const raw = this.readParameter('max_steps', SPREAD_MAX_STEPS);
    const maxSteps = Math.round(raw);
    if (maxSteps < 1) throw new ShivaError('SHIVA_ERR_ENV', `spread: environment parameter "max_steps": expected a number that rounds to ≥ 1, got ${raw}`);
    this.maxSteps[area] = maxSteps;
    const world = this.worlds[area]!;
    const rng = this.rngs[area]!;
    for (let k = 0; k < 2 * world.n; k++) world.pos[k] = rng.uniform(-SPREAD_INIT_BOUND, SPREAD_INIT_BOUND);
    for (let k = 0; k < 2 * world.n; k++) world.landmarks[k] = rng.uniform(-SPREAD_INIT_BOUND, SPREAD_INIT_BOUND);
    world.vel.fill(0);
    const n = this.n;
    // Unity clears an agent's stored action when its episode begins.
    this.held.fill(0, 2 * area * n, 2 * (area + 1) * n);
    this.reward.fill(0, area * n, (area + 1) * n);
    this.stepCount[area] = 0;
    this.episodeReturn[area] = 0;
    this.episodeCollisions[area] = 0;
  }

  private readParameter(key: string, fallback: number): number {
    const value = this.context.parameter(key, fallback);
    if (!Number.isFinite(value)) throw new ShivaError('SHIVA_ERR_ENV', `spread: environment parameter "${key}": expected a finite number, got ${value}`);
    return value;
  }
}

export const createSpreadScene: SceneFactory = (context, options) => new SpreadScene(context, options);
