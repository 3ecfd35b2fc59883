/**
 * MADDPG's hyperparameters: ML-Agents' off-policy keys with its defaults (agents/plugin/mlagents-keys.ts) and the
 * MADDPG paper's terms for its own. The table is the one source of the type, the defaults, the checks and the
 * documentation.
 *
 * The paper (Lowe et al. 2017, appendix) trains with Adam at 0.01, γ 0.95, minibatch 1024, τ 0.01, a 10⁶ replay
 * buffer and an update after every 100 samples; the ML-Agents keys keep ML-Agents' defaults here (3e-4, 0.99,
 * 128, 0.005, 50000, 1). Its reference code's gradient-norm clip (0.5) and 10⁻³ penalty on the actors'
 * pre-activations are the defaults of those keys.
 */
import { defaultsOf, resolveHyperparameters, type HyperparametersOf, type HyperparameterSchema } from '../plugin/hyperparameter-table.js';
import { BOUNDS, OFF_POLICY_CHECKS, offPolicyKeys, SAC_ONLY_KEYS_IGNORED } from '../plugin/mlagents-keys.js';

/** `per_agent`: one centralised critic per agent slot. `shared`: one critic for every slot, trained with the agents permuted. */
export type CriticMode = 'per_agent' | 'shared';
export const CRITIC_MODES: readonly CriticMode[] = ['per_agent', 'shared'];

export const MADDPG_TABLE = {
  ...offPolicyKeys('MADDPG'),
  batch_size: { ...offPolicyKeys('MADDPG').batch_size, doc: 'joint (team) transitions per gradient step' },
  buffer_size: { ...offPolicyKeys('MADDPG').buffer_size, doc: 'replay capacity in joint transitions' },
  ...SAC_ONLY_KEYS_IGNORED,
  critic: { kind: 'choice', values: CRITIC_MODES, default: 'per_agent', owner: 'shiva', doc: "`per_agent`: one centralised critic per agent slot, over every agent's observation and action; `shared`: one critic for every slot, its own agent first and the others in a fresh random order per sample, so its value does not depend on their order" },
  independent: { kind: 'bool', default: false, owner: 'shiva', doc: "each critic sees only its own agent's observation and action: independent DDPG, the baseline" },
  shared_actor: { kind: 'bool', default: false, owner: 'shiva', doc: 'one actor for every slot instead of one per slot' },
  team_size: {
    kind: 'int',
    default: 0,
    min: 0,
    max: 1024,
    bounds: "the centralised critics read every member's observation and action, and per-agent critics and actors multiply with the team: their weights grow with team_size²",
    owner: 'shiva',
    doc: 'agents per team (group); 0 = the largest group in the first decision batch (set it when a team spans behaviors)',
  },
  exploration_noise: { kind: 'number', default: 0.1, min: 0, owner: 'shiva', doc: 'σ of the Gaussian noise added to continuous actions while training (then clipped to [−1, 1])' },
  gumbel_temperature: { kind: 'number', default: 1, min: 0, minExclusive: true, owner: 'shiva', doc: 'temperature of the straight-through Gumbel-softmax relaxation of discrete actions in the actor update (acting samples with the Gumbel-max trick)' },
  gradient_steps: { kind: 'int', default: 1, min: 1, ...BOUNDS.gradientSteps, owner: 'shiva', doc: 'gradient steps (each: every critic, then every actor) per update' },
  max_grad_norm: { kind: 'number', default: 0.5, min: 0, owner: 'shiva', doc: "each network's gradients are scaled so their L2 norm is at most this; 0 = off" },
  policy_regularization: { kind: 'number', default: 1e-3, min: 0, owner: 'shiva', doc: "weight of mean(pre-activation²) added to each actor's loss" },
} as const;
export const MADDPG_SCHEMA: HyperparameterSchema<typeof MADDPG_TABLE> = { table: MADDPG_TABLE, checks: OFF_POLICY_CHECKS };

export type MaddpgHyperparameters = HyperparametersOf<typeof MADDPG_TABLE>;

export const DEFAULT_MADDPG_HYPERPARAMETERS: MaddpgHyperparameters = defaultsOf(MADDPG_TABLE);

/** Defaults overlaid with `overrides`, checked; `where` names the source in errors. */
export function maddpgHyperparameters(overrides: Partial<MaddpgHyperparameters> = {}, where = 'maddpg hyperparameters'): MaddpgHyperparameters {
  return resolveHyperparameters(MADDPG_SCHEMA, overrides, where);
}
