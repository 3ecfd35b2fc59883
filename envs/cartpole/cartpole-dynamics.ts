/**
 * The physics of gym's CartPole-v1 (Barto, Sutton & Anderson's cart-pole, as gym integrates it): a pole hinged
 * on a cart that is pushed left or right with a fixed force, advanced by one explicit Euler step. Kept apart
 * from the scene so that one step can be checked against the equations by hand.
 */

export interface CartPoleParameters {
  gravity: number;
  massCart: number;
  massPole: number;
  /** Half the pole's length (gym's `length`). */
  halfLength: number;
  forceMag: number;
  /** Seconds per step. */
  tau: number;
}

/** gym's CartPole-v1 constants. */
export const CARTPOLE_V1: Readonly<CartPoleParameters> = {
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  halfLength: 0.5,
  forceMag: 10.0,
  tau: 0.02,
};

/** The episode terminates when the cart leaves ±2.4 … */
export const X_THRESHOLD = 2.4;
/** … or the pole leans more than 12 degrees. */
export const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
/** gym's TimeLimit for v1. */
export const CARTPOLE_V1_MAX_STEPS = 500;
/** Initial state components are drawn uniformly from ±this. */
export const INITIAL_STATE_BOUND = 0.05;

/**
 * Advances `state[offset .. offset+4]` = [x, x_dot, theta, theta_dot] by one step under `action`
 * (0 pushes left, anything else pushes right). Euler: positions move with the old velocities.
 */
export function stepCartPole(state: Float64Array, offset: number, action: number, p: Readonly<CartPoleParameters>): void {
  const x = state[offset]!;
  const xDot = state[offset + 1]!;
  const theta = state[offset + 2]!;
  const thetaDot = state[offset + 3]!;
  const force = action === 0 ? -p.forceMag : p.forceMag;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const totalMass = p.massCart + p.massPole;
  const poleMassLength = p.massPole * p.halfLength;
  const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
  const thetaAcc = (p.gravity * sin - cos * temp) / (p.halfLength * (4 / 3 - (p.massPole * cos * cos) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
  state[offset] = x + p.tau * xDot;
  state[offset + 1] = xDot + p.tau * xAcc;
  state[offset + 2] = theta + p.tau * thetaDot;
  state[offset + 3] = thetaDot + p.tau * thetaAcc;
}

/** Whether the state at `offset` is past gym's termination thresholds. */
export function cartPoleFailed(state: Float64Array, offset: number): boolean {
  const x = state[offset]!;
  const theta = state[offset + 2]!;
  return x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
}
