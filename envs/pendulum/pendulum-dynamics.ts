/**
 * The physics and reward of gym's Pendulum-v1: a rigid rod hinged at one end, swung up by a bounded torque at the
 * hinge, advanced by one semi-implicit Euler step (the angle moves with the new, clipped speed). θ = 0 is upright,
 * positive counter-clockwise. Kept apart from the scene so that one step can be checked against the equations by
 * hand.
 */

export interface PendulumParameters {
  /** Gravity (gym's `g`). */
  gravity: number;
  /** Rod mass (gym's `m`). */
  mass: number;
  /** Rod length (gym's `l`). */
  length: number;
  /** The torque is clipped to ±this. */
  maxTorque: number;
  /** The angular speed is clipped to ±this after each step. */
  maxSpeed: number;
  /** Seconds per step. */
  dt: number;
}

/** gym's Pendulum-v1 constants. */
export const PENDULUM_V1: Readonly<PendulumParameters> = {
  gravity: 10.0,
  mass: 1.0,
  length: 1.0,
  maxTorque: 2.0,
  maxSpeed: 8,
  dt: 0.05,
};

/** gym's TimeLimit for v1; the task itself never terminates. */
export const PENDULUM_V1_MAX_STEPS = 200;
/** The initial angle is drawn uniformly from ±this … */
export const INITIAL_THETA_BOUND = Math.PI;
/** … and the initial angular speed from ±this. */
export const INITIAL_THETA_DOT_BOUND = 1.0;

/** `x` wrapped into [-π, π), as gym's angle_normalize (Python's `%` floors, so negative angles wrap up). */
export function angleNormalize(x: number): number {
  const period = 2 * Math.PI;
  const shifted = (x + Math.PI) % period;
  return (shifted < 0 ? shifted + period : shifted) - Math.PI;
}

/** Pendulum-v1's reward for being at (θ, θ̇) and applying `torque` (already clipped): −(θ² + 0.1 θ̇² + 0.001 u²). */
export function pendulumReward(theta: number, thetaDot: number, torque: number): number {
  const th = angleNormalize(theta);
  return -(th * th + 0.1 * thetaDot * thetaDot + 0.001 * torque * torque);
}

/**
 * Advances `state[offset .. offset+2]` = [θ, θ̇] by one step under `torque` (clipped to ±maxTorque first, as gym
 * does) and returns the step's reward, which gym computes from the state before the step. θ is left unwrapped,
 * as in gym; only the reward and the observation (through cos/sin) see it modulo 2π.
 */
export function stepPendulum(state: Float64Array, offset: number, torque: number, p: Readonly<PendulumParameters>): number {
  const theta = state[offset]!;
  const thetaDot = state[offset + 1]!;
  const u = Math.min(p.maxTorque, Math.max(-p.maxTorque, torque));
  const reward = pendulumReward(theta, thetaDot, u);
  const accel = ((3 * p.gravity) / (2 * p.length)) * Math.sin(theta) + (3 / (p.mass * p.length * p.length)) * u;
  const newThetaDot = Math.min(p.maxSpeed, Math.max(-p.maxSpeed, thetaDot + accel * p.dt));
  state[offset] = theta + newThetaDot * p.dt;
  state[offset + 1] = newThetaDot;
  return reward;
}

/** Writes the observation [cos θ, sin θ, θ̇] of the state at `offset` into `out` at `outOffset`. */
export function observePendulum(state: Float64Array, offset: number, out: Float32Array, outOffset: number): void {
  const theta = state[offset]!;
  out[outOffset] = Math.cos(theta);
  out[outOffset + 1] = Math.sin(theta);
  out[outOffset + 2] = state[offset + 1]!;
}
