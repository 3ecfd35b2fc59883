/**
 * DQN's own `hyperparameters` keys, read beside the off-policy ones (buffer_size, batch_size, learning_rate,
 * buffer_init_steps, tau, steps_per_update, save_replay_buffer) when trainer_type is dqn. Names follow
 * Stable-Baselines3's DQN where ML-Agents has none. docs/CONFIGURATION.md lists them.
 */
import type { Section } from './section.js';

export const DQN_KEYS = [
  'exploration_initial_eps',
  'exploration_final_eps',
  'exploration_fraction',
  'target_update_interval',
  'gradient_steps',
  'double_q',
  'dueling',
  'n_step',
  'prioritized',
] as const;

export interface DqnHyperparametersConfig {
  /** ε at step 0. */
  readonly explorationInitialEps: number;
  /** ε after the schedule, held. */
  readonly explorationFinalEps: number;
  /** Fraction of max_steps over which ε falls linearly. */
  readonly explorationFraction: number;
  /** Gradient steps between target-network updates by tau (tau 1 with an interval: hard updates). */
  readonly targetUpdateInterval: number;
  /** Gradient steps per update. */
  readonly gradientSteps: number;
  readonly doubleQ: boolean;
  readonly dueling: boolean;
  /** Steps summed into one transition's return. */
  readonly nStep: number;
  /** Proportional prioritised replay. */
  readonly prioritized: boolean;
}

/**
 * With the off-policy defaults (tau 0.005), a target update every gradient step is the soft (Polyak) update;
 * set tau: 1 and an interval for SB3's hard updates.
 */
export const DQN_DEFAULTS: DqnHyperparametersConfig = {
  explorationInitialEps: 1,
  explorationFinalEps: 0.05,
  explorationFraction: 0.1,
  targetUpdateInterval: 1,
  gradientSteps: 1,
  doubleQ: true,
  dueling: false,
  nStep: 1,
  prioritized: false,
};

export function parseDqnHyperparameters(s: Section): DqnHyperparametersConfig {
  const d = DQN_DEFAULTS;
  const unit = { min: 0, max: 1 };
  return {
    explorationInitialEps: s.number('exploration_initial_eps', d.explorationInitialEps, unit),
    explorationFinalEps: s.number('exploration_final_eps', d.explorationFinalEps, unit),
    explorationFraction: s.number('exploration_fraction', d.explorationFraction, unit),
    targetUpdateInterval: s.int('target_update_interval', d.targetUpdateInterval, 1),
    gradientSteps: s.int('gradient_steps', d.gradientSteps, 1),
    doubleQ: s.bool('double_q', d.doubleQ),
    dueling: s.bool('dueling', d.dueling),
    nStep: s.int('n_step', d.nStep, 1),
    prioritized: s.bool('prioritized', d.prioritized),
  };
}
