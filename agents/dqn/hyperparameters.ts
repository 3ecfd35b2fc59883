/**
 * DQN's hyperparameters: ML-Agents' off-policy keys with its defaults (agents/plugin/mlagents-keys.ts) and DQN's
 * own under Stable-Baselines3's names (exploration_*, target_update_interval, gradient_steps). The table is the
 * one source of the type, the defaults, the checks and the documentation.
 *
 * SB3's DQN starts from lr 1e-4, batch 32–64, 1000 random steps, train_freq 4 and hard target copies every 10000
 * steps (tau 1); the ML-Agents keys keep ML-Agents' defaults here (3e-4, 128, 0, 1, tau 0.005), and with that tau
 * the target follows every gradient step (target_update_interval 1): a soft update, as ML-Agents' tau means it.
 */
import { defaultsOf, resolveHyperparameters, type HyperparametersOf, type HyperparameterSchema } from '../plugin/hyperparameter-table.js';
import { BOUNDS, OFF_POLICY_CHECKS, offPolicyKeys, SAC_ONLY_KEYS_IGNORED } from '../plugin/mlagents-keys.js';

const UNIT = { min: 0, max: 1 } as const;

export const DQN_TABLE = {
  ...offPolicyKeys('DQN'),
  buffer_init_steps: { ...offPolicyKeys('DQN').buffer_init_steps, doc: 'agent steps collected before the first update (SB3 learning_starts); updates also wait for `batch_size` transitions' },
  tau: { ...offPolicyKeys('DQN').tau, doc: 'Polyak factor of each target update θ⁻ ← τθ + (1 − τ)θ⁻; 1 = a hard copy' },
  steps_per_update: { ...offPolicyKeys('DQN').steps_per_update, doc: 'agent steps per update (SB3 train_freq); may be below 1' },
  ...SAC_ONLY_KEYS_IGNORED,
  exploration_initial_eps: { kind: 'number', default: 1, ...UNIT, owner: 'shiva', doc: 'ε at step 0' },
  exploration_final_eps: { kind: 'number', default: 0.05, ...UNIT, owner: 'shiva', doc: 'ε once the schedule has run its course, held after' },
  exploration_fraction: { kind: 'number', default: 0.1, ...UNIT, owner: 'shiva', doc: 'fraction of `max_steps` over which ε falls linearly from initial to final' },
  target_update_interval: {
    kind: 'int',
    default: 1,
    min: 1,
    max: 10_000_000,
    bounds: 'SB3 copies every 10⁴ gradient steps; past 10⁷ the target would never move in a run',
    owner: 'shiva',
    doc: 'gradient steps between target updates by `tau` (`tau: 1` with an interval: hard copies)',
    why: 'SB3 copies every 10000 steps with tau 1; with ML-Agents\' tau 0.005 an update every step is the soft update',
  },
  gradient_steps: { kind: 'int', default: 1, min: 1, ...BOUNDS.gradientSteps, owner: 'shiva', doc: 'gradient steps per update (SB3 gradient_steps)' },
  double_q: { kind: 'bool', default: true, owner: 'shiva', doc: 'double DQN (van Hasselt et al. 2016): the online network picks the next action, the target network values it' },
  dueling: { kind: 'bool', default: false, owner: 'shiva', doc: 'dueling heads (Wang et al. 2016): Q = V + A − mean(A), one advantage head per branch' },
  n_step: {
    kind: 'int',
    default: 1,
    min: 1,
    max: 1000,
    bounds: "each agent holds its last n transitions until their return is summed, and γⁿ has vanished long before (0.99¹⁰⁰⁰ ≈ 4·10⁻⁵); Rainbow uses 3",
    owner: 'shiva',
    doc: "steps summed into one transition's return (1: one-step TD)",
  },
  prioritized: { kind: 'bool', default: false, owner: 'shiva', doc: 'proportional prioritised replay (Schaul et al. 2016), shaped by `prioritized_alpha` and `prioritized_beta`' },
  prioritized_alpha: { kind: 'number', default: 0.6, min: 0, owner: 'shiva', doc: 'PER α: how strongly priorities skew sampling' },
  prioritized_beta: { kind: 'number', default: 0.4, ...UNIT, owner: 'shiva', doc: 'PER β at step 0, annealed linearly to 1 over `max_steps`' },
  huber_delta: { kind: 'number', default: 1, min: 0, minExclusive: true, owner: 'shiva', doc: "the Huber loss's threshold δ (SB3's smooth_l1 uses 1)" },
  max_grad_norm: { kind: 'number', default: 10, min: 0, owner: 'shiva', doc: "gradients are scaled so their global L2 norm is at most this (SB3's 10); 0 = off" },
} as const;
export const DQN_SCHEMA: HyperparameterSchema<typeof DQN_TABLE> = { table: DQN_TABLE, checks: OFF_POLICY_CHECKS };

export type DqnHyperparameters = HyperparametersOf<typeof DQN_TABLE>;

export const DEFAULT_DQN_HYPERPARAMETERS: DqnHyperparameters = defaultsOf(DQN_TABLE);

/** Defaults overlaid with `overrides`, checked; `where` names the source in errors. */
export function dqnHyperparameters(overrides: Partial<DqnHyperparameters> = {}, where = 'dqn hyperparameters'): DqnHyperparameters {
  return resolveHyperparameters(DQN_SCHEMA, overrides, where);
}
