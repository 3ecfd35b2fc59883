/**
 * Warnings that need the scene's specs: keys ML-Agents honours that Shiva accepts without building everywhere yet
 * (issue 12), and that matter only for some observations. goal_conditioning_type hyper (ML-Agents' default) makes
 * the last trunk layer of the policy and of its critics a hypernetwork of the goal-signal observations
 * (agents/networks/hyper-layer.ts); what does not take it yet, and so encodes goals like any other observation (as
 * `none` does), is said once per behavior that has goal-signal observations:
 * - GAIL's discriminator (ML-Agents builds it with the signal's own network_settings, goal-conditioned too; Shiva's
 *   gradient penalty walks plain layers back in closed form). Curiosity's and RND's encoders are conditioned
 *   (agents/reward-signals/state-encoder.ts);
 * - MADDPG's networks (Shiva's own trainer; its MLPs take no conditioning).
 * POCA's centralised critic is not goal-conditioned in ML-Agents either (MultiAgentNetworkBody), so nothing is said.
 */
import { behaviorConfigFor, type RunConfig } from '../config/index.js';
import { ObservationType, type BehaviorSpec } from '../core/env/behavior-spec.js';

export function goalConditioningWarnings(config: RunConfig, specs: Iterable<readonly [string, { readonly spec: BehaviorSpec }]>): string[] {
  const out: string[] = [];
  const said = new Set<string>();
  for (const [behavior, { spec }] of specs) {
    const goals = spec.observationSpecs.filter((o) => o.observationType === ObservationType.GOAL_SIGNAL).length;
    if (goals === 0 || said.has(behavior)) continue;
    said.add(behavior);
    const b = behaviorConfigFor(config, behavior);
    const encodedPlain = `encode the ${goals} goal-signal observation(s) like any other observation (as with none)`;
    if (b.trainerType === 'maddpg' && b.networkSettings.goalConditioningType === 'hyper') {
      out.push(`${behavior}: network_settings.goal_conditioning_type: hyper: maddpg's networks take no goal conditioning yet (issue 12); they ${encodedPlain}`);
    }
    if (b.rewardSignals.gail?.networkSettings.goalConditioningType === 'hyper') {
      out.push(`${behavior}: reward_signals.gail.network_settings.goal_conditioning_type: hyper: GAIL's discriminator is not goal-conditioned yet (issue 12); it will ${encodedPlain}`);
    }
  }
  return out;
}
