/**
 * Linear decay of a hyperparameter over training, as ML-Agents' DecayedValue with power 1: from `initial` at
 * progress 0 to `minimum` at progress 1 (progress = steps / max_steps), held there after. PPO and POCA decay their
 * learning rate, β and ε this way.
 */

/** 'linear' decays to the floor over max_steps; 'constant' keeps the initial value. */
export type Schedule = 'linear' | 'constant';

/** The scheduled values of an on-policy hyperparameter table (PPO's and POCA's), by their ML-Agents keys. */
export interface DecayedSettings {
  readonly learning_rate: number;
  readonly learning_rate_schedule: Schedule;
  readonly beta: number;
  /** Follows learning_rate_schedule when absent. */
  readonly beta_schedule?: Schedule;
  readonly epsilon: number;
  /** Follows learning_rate_schedule when absent. */
  readonly epsilon_schedule?: Schedule;
}

/** ML-Agents' floors for the decayed values. */
export const MIN_LEARNING_RATE = 1e-10;
export const MIN_EPSILON = 0.1;
export const MIN_BETA = 1e-5;

export function decayed(initial: number, minimum: number, progress: number, schedule: Schedule): number {
  if (schedule === 'constant') return initial;
  const p = Math.min(1, Math.max(0, progress));
  const floor = Math.min(minimum, initial); // never decay upwards from an initial value below the floor
  return (initial - floor) * (1 - p) + floor;
}

/** The three decayed values at `progress`; beta and epsilon follow learning_rate_schedule unless set. */
export function decayedCoefficients(hp: DecayedSettings, progress: number): { learningRate: number; beta: number; epsilon: number } {
  return {
    learningRate: decayed(hp.learning_rate, MIN_LEARNING_RATE, progress, hp.learning_rate_schedule),
    beta: decayed(hp.beta, MIN_BETA, progress, hp.beta_schedule ?? hp.learning_rate_schedule),
    epsilon: decayed(hp.epsilon, MIN_EPSILON, progress, hp.epsilon_schedule ?? hp.learning_rate_schedule),
  };
}
