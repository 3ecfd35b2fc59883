/**
 * Gridworld: a small two-team task for multi-agent learners (POCA-style groups, self-play-style teams).
 *
 * Each area is a 5×5 grid (parameter `grid_size`) with two foragers ("Forager?team=0", group id = area + 1),
 * one guard ("Guard?team=1", no group) and two food items, all placed on distinct random cells.
 * Every step, in this order:
 *   1. each forager still in its episode pays `step_penalty` (0.01); a forager whose pick branch says "pick up"
 *      while standing on food eats it: +1, and its episode ENDS (done) while its mate plays on;
 *   2. the remaining foragers and the guard move one cell (stay, up, down, left, right; masks forbid leaving
 *      the grid, and a pick-up is masked unless food is underfoot);
 *   3. a forager on the guard's cell is caught: forager −1 and its episode ends (done), guard +1;
 *   4. when the second forager has eaten, each forager ending this step gets group reward +1;
 *   5. when both foragers are out, the guard's episode ends (done) and the area restarts all three; after
 *      `max_steps` (50) steps every agent still playing is interrupted (done, max step reached) and the area
 *      restarts.
 * A forager whose episode ended early asks for no decision until its area restarts. Group rewards reach only
 * agents still in the episode when they are given (as Unity's SimpleMultiAgentGroup does for disabled agents).
 * Stats per finished area episode: "Gridworld/Food Collected" and "Gridworld/Foragers Caught".
 *
 * Environment parameter `camera`: 0 (the default) gives the vector observations of gridworld-world.ts; 1 replaces
 * them, for both behaviors, with an 84×84 RGB top-down view of the agent's area (gridworld-camera.ts), as
 * ML-Agents' GridWorld example observes. It shapes the behavior specs, so (as spread's `agents`) it is read when
 * the scene is built and again at each forced reset (a trainer's first reset applies it).
 */
import { validateActions, type ActionTuple } from '../../src/core/env/action-tuple.js';
import { allocateAgentInfoBatch, emptyAgentInfoBatch, type AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, defaultDimensionProperties, ObservationType, vectorObservation, type BehaviorSpec, type ObservationSpec } from '../../src/core/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import type { ActionNames, DrawnEntity, SceneDrawing } from '../../src/core/env/scene-drawing.js';
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import {
  AGENTS_PER_AREA,
  FORAGER_OBS,
  FORAGER_SLOTS,
  FOOD_PER_AREA,
  GUARD_OBS,
  GUARD_SLOT,
  GridWorld,
  MOVE_COUNT,
  MOVE_NAMES,
  PICK_COUNT,
} from './gridworld-world.js';
import { CAMERA_SHAPE, CAMERA_SIZE, renderGridworldCamera } from './gridworld-camera.js';

export const FORAGER_BEHAVIOR = behaviorKey('Forager', 0);
export const GUARD_BEHAVIOR = behaviorKey('Guard', 1);

export const FORAGER_SPEC: BehaviorSpec = {
  name: FORAGER_BEHAVIOR,
  observationSpecs: [vectorObservation(FORAGER_OBS)],
  actionSpec: { continuousSize: 0, discreteBranches: [MOVE_COUNT, PICK_COUNT] },
};

export const GUARD_SPEC: BehaviorSpec = {
  name: GUARD_BEHAVIOR,
  observationSpecs: [vectorObservation(GUARD_OBS)],
  actionSpec: { continuousSize: 0, discreteBranches: [MOVE_COUNT] },
};

/** The camera's observation, named as Unity's CameraSensorComponent names its sensor by default. */
export const CAMERA_OBSERVATION: ObservationSpec = {
  name: 'CameraSensor',
  shape: [...CAMERA_SHAPE],
  dimensionProperties: defaultDimensionProperties(CAMERA_SHAPE),
  observationType: ObservationType.DEFAULT,
};

/** Both behaviors' specs: with the camera, its image replaces each behavior's vector observation. */
export function gridworldSpecs(camera: boolean): readonly [BehaviorSpec, BehaviorSpec] {
  if (!camera) return [FORAGER_SPEC, GUARD_SPEC];
  return [
    { ...FORAGER_SPEC, observationSpecs: [CAMERA_OBSERVATION] },
    { ...GUARD_SPEC, observationSpecs: [CAMERA_OBSERVATION] },
  ];
}

export const GRIDWORLD_DEFAULTS = { gridSize: 5, maxSteps: 50, stepPenalty: 0.01 } as const;
export const FOOD_STAT = 'Gridworld/Food Collected';
export const CAUGHT_STAT = 'Gridworld/Foragers Caught';

const FORAGER_MASK = MOVE_COUNT + PICK_COUNT;
/** Without the camera, terminal observations are kept in one slot per agent, wide enough for either behavior. */
const VECTOR_OBS_STRIDE = Math.max(FORAGER_OBS, GUARD_OBS);
const MAX_GRID = 16;

export class GridworldScene implements Scene {
  // Set by configure() from the `camera` parameter.
  private foragerSpec: BehaviorSpec = FORAGER_SPEC;
  private guardSpec: BehaviorSpec = GUARD_SPEC;
  /** Whether agents observe the camera's image instead of the vectors; null before the first configure(). */
  private camera: boolean | null = null;
  /** Floats of one agent's observation per behavior, and of its terminal slot. */
  private foragerObsSize = FORAGER_OBS;
  private guardObsSize = GUARD_OBS;
  private obsStride = VECTOR_OBS_STRIDE;
  private readonly numAreas: number;
  private readonly world: GridWorld;
  private readonly rngs: Rng[];
  // Per area.
  private readonly stepCount: Int32Array;
  private readonly maxSteps: Int32Array;
  private readonly stepPenalty: Float64Array;
  private readonly foodCollected: Int32Array;
  private readonly caught: Int32Array;
  // Per agent (id = area × 3 + slot).
  private readonly reward: Float64Array;
  private readonly groupReward: Float64Array;
  private readonly heldMove: Int32Array;
  private readonly heldPick: Uint8Array;
  /** One terminal slot per agent: an agent ends at most once per simulate, and collect follows every simulate. */
  private readonly pending: Uint8Array;
  private readonly pendingInterrupted: Uint8Array;
  private readonly pendingReward: Float64Array;
  private readonly pendingGroupReward: Float64Array;
  private pendingObs = new Float32Array(0);
  private pendingForagers = 0;
  private pendingGuards = 0;
  /** Agent ids of the decision rows of the last collect, per behavior. */
  private readonly foragerDecisions: Int32Array;
  private foragerDecisionCount = 0;
  private readonly guardDecisions: Int32Array;
  private guardDecisionCount = 0;
  private emptyForagers = emptyAgentInfoBatch(FORAGER_SPEC);
  private emptyGuards = emptyAgentInfoBatch(GUARD_SPEC);

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    if (!Number.isInteger(options.numAreas) || options.numAreas < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `gridworld: numAreas: expected an integer ≥ 1, got ${options.numAreas}`);
    }
    const n = (this.numAreas = options.numAreas);
    const agents = n * AGENTS_PER_AREA;
    this.world = new GridWorld(n);
    // One stream per area, so that an area's episodes do not depend on how the other areas play.
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: n }, () => root.fork());
    this.stepCount = new Int32Array(n);
    this.maxSteps = new Int32Array(n);
    this.stepPenalty = new Float64Array(n);
    this.foodCollected = new Int32Array(n);
    this.caught = new Int32Array(n);
    this.reward = new Float64Array(agents);
    this.groupReward = new Float64Array(agents);
    this.heldMove = new Int32Array(agents);
    this.heldPick = new Uint8Array(agents);
    this.pending = new Uint8Array(agents);
    this.pendingInterrupted = new Uint8Array(agents);
    this.pendingReward = new Float64Array(agents);
    this.pendingGroupReward = new Float64Array(agents);
    this.foragerDecisions = new Int32Array(n * FORAGER_SLOTS);
    this.guardDecisions = new Int32Array(n);
    this.configure();
    for (let a = 0; a < n; a++) this.beginArea(a);
  }

  get behaviorSpecs(): readonly BehaviorSpec[] {
    return [this.foragerSpec, this.guardSpec];
  }

  reset(): void {
    this.configure();
    this.pending.fill(0);
    this.pendingForagers = this.pendingGuards = 0;
    this.foragerDecisionCount = this.guardDecisionCount = 0;
    for (let a = 0; a < this.numAreas; a++) this.beginArea(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    return new Map([
      [FORAGER_BEHAVIOR, this.collectBehavior(false, requestDecisions)],
      [GUARD_BEHAVIOR, this.collectBehavior(true, requestDecisions)],
    ]);
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    const guard = behavior === GUARD_BEHAVIOR;
    if (!guard && behavior !== FORAGER_BEHAVIOR) {
      throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `gridworld: applyActions: expected "${FORAGER_BEHAVIOR}" or "${GUARD_BEHAVIOR}", got "${behavior}"`);
    }
    const spec = guard ? this.guardSpec : this.foragerSpec;
    const ids = guard ? this.guardDecisions : this.foragerDecisions;
    const count = guard ? this.guardDecisionCount : this.foragerDecisionCount;
    const where = `gridworld: behavior "${behavior}"`;
    validateActions(where, spec.actionSpec, count, actions);
    const branches = spec.actionSpec.discreteBranches.length;
    // The board has not changed since the collect that sent the masks, so they can be checked again here;
    // all rows are checked before any is applied, so a refused batch changes nothing.
    for (let i = 0; i < count; i++) {
      const agent = ids[i]!;
      const move = actions.discrete[i * branches]!;
      if (!this.world.moveAllowed(agent, move)) {
        const size = this.world.size[(agent / AGENTS_PER_AREA) | 0]!;
        throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `${where} agent ${agent} branch 0: action ${move} (${MOVE_NAMES[move]}) is masked at (${this.world.x[agent]}, ${this.world.y[agent]}) on a ${size}×${size} grid`);
      }
      if (!guard && actions.discrete[i * branches + 1] === 1 && this.world.foodUnder(agent) < 0) {
        throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `${where} agent ${agent} branch 1: action 1 (pick up) is masked: no food at (${this.world.x[agent]}, ${this.world.y[agent]})`);
      }
    }
    for (let i = 0; i < count; i++) {
      const agent = ids[i]!;
      this.heldMove[agent] = actions.discrete[i * branches]!;
      if (!guard) this.heldPick[agent] = actions.discrete[i * branches + 1]!;
    }
  }

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) this.simulateArea(a);
  }

  /** The grid of `area` (cells of size 1 centred on integer coordinates), its food, its foragers and its guard. */
  draw(area: number): SceneDrawing {
    const w = this.world;
    const size = w.size[area]!;
    const entities: DrawnEntity[] = [];
    for (let f = 0; f < FOOD_PER_AREA; f++) {
      const i = area * FOOD_PER_AREA + f;
      if (w.foodPresent[i]) entities.push({ id: `food-${f}`, kind: 'food', x: w.foodX[i]!, y: w.foodY[i]!, label: `food ${f}` });
    }
    for (let slot = 0; slot < AGENTS_PER_AREA; slot++) {
      const agent = area * AGENTS_PER_AREA + slot;
      const guard = slot === GUARD_SLOT;
      entities.push({
        id: guard ? 'guard' : `forager-${slot}`,
        kind: 'agent',
        team: guard ? 1 : 0,
        agentId: agent,
        x: w.x[agent]!,
        y: w.y[agent]!,
        label: guard ? `guard (agent ${agent})` : `forager ${slot} (agent ${agent})`,
        state: w.active[agent] ? [] : ['out'],
      });
    }
    return {
      scene: 'gridworld',
      step: this.stepCount[area]!,
      bounds: { minX: -0.5, minY: -0.5, maxX: size - 0.5, maxY: size - 0.5 },
      layers: [{ kind: 'terrain', label: `${size}×${size} grid`, cells: { x: -0.5, y: -0.5, size: 1, rows: Array.from({ length: size }, () => '.'.repeat(size)), legend: { '.': 'open' } } }],
      links: [],
      entities,
      caption: `step ${this.stepCount[area]} of ${this.maxSteps[area]}`,
    };
  }

  actionNames(behavior: string): ActionNames | null {
    const move = { name: 'move', options: [...MOVE_NAMES] };
    if (behavior === GUARD_BEHAVIOR) return { branches: [move] };
    return behavior === FORAGER_BEHAVIOR ? { branches: [move, { name: 'pick', options: ['wait', 'pick up food'] }] } : null;
  }

  private simulateArea(area: number): void {
    const world = this.world;
    const first = area * AGENTS_PER_AREA;
    const guard = first + GUARD_SLOT;
    const collectedBefore = this.foodCollected[area]!;
    this.stepCount[area]!++;
    let ending = 0; // bit per forager slot whose episode ends this step
    for (let s = 0; s < FORAGER_SLOTS; s++) {
      const agent = first + s;
      if (!world.active[agent]) continue;
      this.reward[agent]! -= this.stepPenalty[area]!;
      const food = this.heldPick[agent] ? world.foodUnder(agent) : -1;
      if (food >= 0) {
        world.foodPresent[food] = 0;
        this.reward[agent]! += 1;
        this.foodCollected[area]!++;
        ending |= 1 << s;
      }
    }
    for (let s = 0; s < FORAGER_SLOTS; s++) {
      const agent = first + s;
      if (world.active[agent] && !(ending & (1 << s))) world.move(agent, this.heldMove[agent]!);
    }
    world.move(guard, this.heldMove[guard]!);
    for (let s = 0; s < FORAGER_SLOTS; s++) {
      const agent = first + s;
      if (!world.active[agent] || ending & (1 << s)) continue;
      if (world.x[agent] === world.x[guard] && world.y[agent] === world.y[guard]) {
        this.reward[agent]! -= 1;
        this.reward[guard]! += 1;
        this.caught[area]!++;
        ending |= 1 << s;
      }
    }
    if (collectedBefore < FOOD_PER_AREA && this.foodCollected[area] === FOOD_PER_AREA) {
      for (let s = 0; s < FORAGER_SLOTS; s++) if (ending & (1 << s)) this.groupReward[first + s]! += 1;
    }
    // Out of the episode first, then the snapshots, so that every final observation shows the final board.
    for (let s = 0; s < FORAGER_SLOTS; s++) if (ending & (1 << s)) world.active[first + s] = 0;
    for (let s = 0; s < FORAGER_SLOTS; s++) if (ending & (1 << s)) this.endAgent(first + s, 0);
    if (!world.active[first] && !world.active[first + 1]) {
      this.endAgent(guard, 0);
      this.finishArea(area);
    } else if (this.stepCount[area]! >= this.maxSteps[area]!) {
      for (let agent = first; agent <= guard; agent++) if (world.active[agent]) this.endAgent(agent, 1);
      this.finishArea(area);
    }
  }

  private collectBehavior(guard: boolean, requestDecisions: boolean): AgentInfoBatch {
    const world = this.world;
    const spec = guard ? this.guardSpec : this.foragerSpec;
    const obsSize = guard ? this.guardObsSize : this.foragerObsSize;
    const slotFrom = guard ? GUARD_SLOT : 0;
    const slotTo = guard ? GUARD_SLOT + 1 : FORAGER_SLOTS;
    const pendingCount = guard ? this.pendingGuards : this.pendingForagers;
    const ids = guard ? this.guardDecisions : this.foragerDecisions;
    let decisions = 0;
    if (requestDecisions) {
      for (let a = 0; a < this.numAreas; a++) for (let s = slotFrom; s < slotTo; s++) decisions += world.active[a * AGENTS_PER_AREA + s]!;
    }
    if (guard) this.guardDecisionCount = decisions;
    else this.foragerDecisionCount = decisions;
    if (pendingCount + decisions === 0) return guard ? this.emptyGuards : this.emptyForagers;

    const batch = allocateAgentInfoBatch(spec, pendingCount + decisions, true);
    const obs = batch.observations[0]!;
    const masks = batch.actionMasks!;
    const maskSize = guard ? MOVE_COUNT : FORAGER_MASK;
    let row = 0;
    for (let a = 0; a < this.numAreas && pendingCount > 0; a++) {
      for (let s = slotFrom; s < slotTo; s++) {
        const agent = a * AGENTS_PER_AREA + s;
        if (!this.pending[agent]) continue;
        this.pending[agent] = 0;
        batch.agentIds[row] = agent;
        batch.rewards[row] = this.pendingReward[agent]!;
        batch.groupRewards[row] = this.pendingGroupReward[agent]!;
        batch.groupIds[row] = guard ? 0 : a + 1;
        batch.done[row] = 1;
        batch.maxStepReached[row] = this.pendingInterrupted[agent]!;
        obs.set(this.pendingObs.subarray(agent * this.obsStride, agent * this.obsStride + obsSize), row * obsSize);
        row++;
      }
    }
    if (guard) this.pendingGuards = 0;
    else this.pendingForagers = 0;
    for (let a = 0, d = 0; a < this.numAreas && d < decisions; a++) {
      const time = this.stepCount[a]! / this.maxSteps[a]!;
      for (let s = slotFrom; s < slotTo; s++) {
        const agent = a * AGENTS_PER_AREA + s;
        if (!world.active[agent]) continue;
        ids[d++] = agent;
        batch.agentIds[row] = agent;
        batch.rewards[row] = this.reward[agent]!;
        batch.groupRewards[row] = this.groupReward[agent]!;
        batch.groupIds[row] = guard ? 0 : a + 1;
        this.reward[agent] = this.groupReward[agent] = 0;
        this.observe(agent, time, obs, row * obsSize);
        world.writeMoveMask(agent, masks, row * maskSize);
        if (!guard) masks[row * maskSize + MOVE_COUNT + 1] = world.foodUnder(agent) >= 0 ? 0 : 1;
        row++;
      }
    }
    return batch;
  }

  private endAgent(agent: number, interrupted: 0 | 1): void {
    const guard = agent % AGENTS_PER_AREA === GUARD_SLOT;
    if (this.pending[agent]) {
      throw new ShivaError('SHIVA_ERR_ENV', `gridworld: agent ${agent} ended a second episode before its first terminal record was collected; collect() must follow every simulate()`);
    }
    const area = (agent / AGENTS_PER_AREA) | 0;
    this.pending[agent] = 1;
    if (guard) this.pendingGuards++;
    else this.pendingForagers++;
    this.pendingInterrupted[agent] = interrupted;
    this.pendingReward[agent] = this.reward[agent]!;
    this.pendingGroupReward[agent] = this.groupReward[agent]!;
    this.reward[agent] = this.groupReward[agent] = 0;
    const time = this.stepCount[area]! / this.maxSteps[area]!;
    this.observe(agent, time, this.pendingObs, agent * this.obsStride);
  }

  /** Writes what `agent` observes (its camera's image, or its behavior's vector) at `out[offset ..]`. */
  private observe(agent: number, time: number, out: Float32Array, offset: number): void {
    if (this.camera) renderGridworldCamera(this.world, agent, out, offset);
    else if (agent % AGENTS_PER_AREA === GUARD_SLOT) this.world.writeGuardObservation(agent, time, out, offset);
    else this.world.writeForagerObservation(agent, time, out, offset);
  }

  private finishArea(area: number): void {
    this.context.recordStat(FOOD_STAT, this.foodCollected[area]!);
    this.context.recordStat(CAUGHT_STAT, this.caught[area]!);
    this.beginArea(area);
  }

  /** A new episode for the three agents of `area`: parameters read anew, board placed, actions cleared. */
  private beginArea(area: number): void {
    const size = Math.round(this.readParameter('grid_size', GRIDWORLD_DEFAULTS.gridSize));
    if (size < 3 || size > MAX_GRID) {
      throw new ShivaError('SHIVA_ERR_ENV', `gridworld: environment parameter "grid_size": expected 3..${MAX_GRID}, got ${size}`);
    }
    const maxSteps = Math.round(this.readParameter('max_steps', GRIDWORLD_DEFAULTS.maxSteps));
    if (maxSteps < 1) throw new ShivaError('SHIVA_ERR_ENV', `gridworld: environment parameter "max_steps": expected a number ≥ 1, got ${maxSteps}`);
    const penalty = this.readParameter('step_penalty', GRIDWORLD_DEFAULTS.stepPenalty);
    if (penalty < 0) throw new ShivaError('SHIVA_ERR_ENV', `gridworld: environment parameter "step_penalty": expected a number ≥ 0, got ${penalty}`);
    this.maxSteps[area] = maxSteps;
    this.stepPenalty[area] = penalty;
    this.stepCount[area] = 0;
    this.foodCollected[area] = 0;
    this.caught[area] = 0;
    this.world.place(area, size, this.rngs[area]!);
    for (let agent = area * AGENTS_PER_AREA; agent < (area + 1) * AGENTS_PER_AREA; agent++) {
      this.reward[agent] = this.groupReward[agent] = 0;
      // Unity clears an agent's stored action when its episode begins.
      this.heldMove[agent] = 0;
      this.heldPick[agent] = 0;
    }
  }

  /** Reads `camera` and sizes what depends on it (specs, observation sizes, terminal slots) when it changed. */
  private configure(): void {
    const raw = this.readParameter('camera', 0);
    if (raw !== 0 && raw !== 1) throw new ShivaError('SHIVA_ERR_ENV', `gridworld: environment parameter "camera": expected 0 or 1, got ${raw}`);
    const camera = raw === 1;
    if (camera === this.camera) return;
    this.camera = camera;
    [this.foragerSpec, this.guardSpec] = gridworldSpecs(camera);
    this.foragerObsSize = camera ? CAMERA_SIZE : FORAGER_OBS;
    this.guardObsSize = camera ? CAMERA_SIZE : GUARD_OBS;
    this.obsStride = camera ? CAMERA_SIZE : VECTOR_OBS_STRIDE;
    this.pendingObs = new Float32Array(this.numAreas * AGENTS_PER_AREA * this.obsStride);
    this.emptyForagers = emptyAgentInfoBatch(this.foragerSpec);
    this.emptyGuards = emptyAgentInfoBatch(this.guardSpec);
  }

  private readParameter(key: string, fallback: number): number {
    const value = this.context.parameter(key, fallback);
    if (!Number.isFinite(value)) {
      throw new ShivaError('SHIVA_ERR_ENV', `gridworld: environment parameter "${key}": expected a finite number, got ${value}`);
    }
    return value;
  }
}

export const createGridworldScene: SceneFactory = (context, options) => new GridworldScene(context, options);
