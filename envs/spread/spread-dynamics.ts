/**
 * The physics and reward of "simple spread" from the multi-agent particle environments (Lowe et al. 2017, MPE's
 * simple_spread.py with core.py's World): N agents and N landmarks in the plane; agents are discs of radius 0.15
 * that push each other apart with a soft contact force, landmarks are points that do not collide. Constants are
 * MPE's: dt 0.1, damping 0.25, mass 1, action sensitivity 5 (core.py's default `accel`), contact force 100 with
 * margin 0.001. Kept apart from the scene so one step can be checked against the equations by hand.
 *
 * One step, as core.py's World.step does it:
 *   1. f_i = 5·u_i (the agent's action force);
 *   2. for each agent pair (i < j): penetration p = k·log(1 + exp(−(d − d_min)/k)) with d = |x_i − x_j|,
 *      d_min = 0.3, k = 0.001; f_i += 100·p·(x_i − x_j)/d and f_j −= the same;
 *   3. v ← (1 − 0.25)·v + f/m·dt, then x ← x + v·dt.
 * The reward is computed from the state after the step (MPE's env.step calls the reward after world.step):
 *   r = −Σ_landmarks min_agents |x_i − ℓ| − (number of agent pairs closer than 0.3).
 */

export interface SpreadParameters {
  /** Seconds per step (core.py's World.dt). */
  readonly dt: number;
  /** Fraction of the speed lost per step (World.damping). */
  readonly damping: number;
  readonly mass: number;
  /** Force per unit of action (Entity.accel is None in simple_spread, so core.py's 5.0 applies). */
  readonly sensitivity: number;
  /** Agent radius (simple_spread sets agent.size = 0.15). */
  readonly agentSize: number;
  /** World.contact_force and World.contact_margin. */
  readonly contactForce: number;
  readonly contactMargin: number;
}

export const MPE_SPREAD: Readonly<SpreadParameters> = {
  dt: 0.1,
  damping: 0.25,
  mass: 1,
  sensitivity: 5,
  agentSize: 0.15,
  contactForce: 100,
  contactMargin: 1e-3,
};

/** MPE's max_cycles for simple_spread. */
export const SPREAD_MAX_STEPS = 25;
/** Agents and landmarks start uniformly in [−1, 1]² (simple_spread's reset_world). */
export const SPREAD_INIT_BOUND = 1;

/** Discrete actions (MPE's layout): 0 no-op, 1 −x, 2 +x, 3 −y, 4 +y. */
export const SPREAD_DISCRETE_ACTIONS = 5;
const DISCRETE_FORCE: readonly (readonly [number, number])[] = [
  [0, 0],
  [-1, 0],
  [1, 0],
  [0, -1],
  [0, 1],
];

/** Floats one agent observes with n agents: own velocity, own position, n landmark offsets, n − 1 agent offsets. */
export function spreadObservationSize(n: number): number {
  return 4 + 2 * n + 2 * (n - 1);
}

/** One area's world: n agents' positions and velocities and n landmarks, as flat [x, y] pairs in float64. */
export interface SpreadWorld {
  readonly n: number;
  readonly pos: Float64Array;
  readonly vel: Float64Array;
  readonly landmarks: Float64Array;
}

export function createSpreadWorld(n: number): SpreadWorld {
  return { n, pos: new Float64Array(2 * n), vel: new Float64Array(2 * n), landmarks: new Float64Array(2 * n) };
}

/** The unit force of an agent's action: continuous [ux, uy] clipped to [−1, 1], or discrete action `a` of 5. */
export function actionForce(continuous: Float32Array | null, discrete: number, offset: number, out: Float64Array, outOffset: number): void {
  if (continuous) {
    out[outOffset] = Math.min(1, Math.max(-1, continuous[offset]!));
    out[outOffset + 1] = Math.min(1, Math.max(-1, continuous[offset + 1]!));
  } else {
    const f = DISCRETE_FORCE[discrete]!;
    out[outOffset] = f[0];
    out[outOffset + 1] = f[1];
  }
}

/** log(1 + eˣ) without overflow (numpy's logaddexp(0, x)). */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * Advances `world` by one step under the agents' unit forces `u` (2n values, each in [−1, 1]; scaled by the
 * sensitivity here) and returns the shared reward of the state after the step.
 */
export function stepSpread(world: SpreadWorld, u: Float64Array, p: Readonly<SpreadParameters>): number {
  const { n, pos, vel } = world;
  const force = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k++) force[k] = p.sensitivity * u[k]!;
  const dMin = 2 * p.agentSize;
  const m = p.contactMargin;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = pos[2 * i]! - pos[2 * j]!;
      const dy = pos[2 * i + 1]! - pos[2 * j + 1]!;
      const d = Math.sqrt(dx * dx + dy * dy);
      // Coincident centres have no direction to push along (MPE would divide by zero); no force then.
      if (d === 0) continue;
      const penetration = softplus(-(d - dMin) / m) * m;
      const fx = (p.contactForce * dx * penetration) / d;
      const fy = (p.contactForce * dy * penetration) / d;
      force[2 * i] = force[2 * i]! + fx;
      force[2 * i + 1] = force[2 * i + 1]! + fy;
      force[2 * j] = force[2 * j]! - fx;
      force[2 * j + 1] = force[2 * j + 1]! - fy;
    }
  }
  for (let k = 0; k < 2 * n; k++) {
    vel[k] = vel[k]! * (1 - p.damping) + (force[k]! / p.mass) * p.dt;
    pos[k] = pos[k]! + vel[k]! * p.dt;
  }
  return spreadReward(world, p);
}

/** −Σ over landmarks of the nearest agent's distance, −1 for each agent pair closer than two radii. */
export function spreadReward(world: SpreadWorld, p: Readonly<SpreadParameters>): number {
  const { n, pos, landmarks } = world;
  let reward = 0;
  for (let l = 0; l < n; l++) {
    let nearest = Infinity;
    for (let i = 0; i < n; i++) {
      const d = Math.hypot(pos[2 * i]! - landmarks[2 * l]!, pos[2 * i + 1]! - landmarks[2 * l + 1]!);
      if (d < nearest) nearest = d;
    }
    reward -= nearest;
  }
  return reward - spreadCollisions(world, p);
}

/** Agent pairs whose discs overlap (MPE's is_collision: distance < the sum of the radii). */
export function spreadCollisions(world: SpreadWorld, p: Readonly<SpreadParameters>): number {
  const { n, pos } = world;
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.hypot(pos[2 * i]! - pos[2 * j]!, pos[2 * i + 1]! - pos[2 * j + 1]!) < 2 * p.agentSize) count++;
    }
  }
  return count;
}

/**
 * Agent `i`'s observation at `out[offset…]` (MPE's layout without the silent agents' zero communication):
 * [v_i, x_i, ℓ_1 − x_i, …, ℓ_n − x_i, x_j − x_i for j ≠ i in index order].
 */
export function observeSpread(world: SpreadWorld, i: number, out: Float32Array, offset: number): void {
  const { n, pos, vel, landmarks } = world;
  const x = pos[2 * i]!;
  const y = pos[2 * i + 1]!;
  let o = offset;
  out[o++] = vel[2 * i]!;
  out[o++] = vel[2 * i + 1]!;
  out[o++] = x;
  out[o++] = y;
  for (let l = 0; l < n; l++) {
    out[o++] = landmarks[2 * l]! - x;
    out[o++] = landmarks[2 * l + 1]! - y;
  }
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    out[o++] = pos[2 * j]! - x;
    out[o++] = pos[2 * j + 1]! - y;
  }
}
