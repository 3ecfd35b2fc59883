/**
 * Warnings that need the scene's specs: keys ML-Agents honours that Shiva accepts without building yet (issue 12)
 * and that matter only for some observations. goal_conditioning_type hyper (ML-Agents' default) conditions the
 * network on goal-signal observations through a hypernetwork; Shiva encodes them like any other observation (as
 * `none` does). Said once per behavior that has goal-signal observations.
 */
import { behaviorConfigFor, type RunConfig } from '../config/index.js';
import { ObservationType, type BehaviorSpec } from '../core/env/behavior-spec.js';

export function goalConditioningWarnings(config: RunConfig, specs: Iterable<readonly [string, { readonly spec: BehaviorSpec }]>): string[] {
  const out: string[] = [];
  const said = new Set<string>();
  for (const [behavior, { spec }] of specs) {
    const goals = spec.observationSpecs.filter((o) => o.observationType === ObservationType.GOAL_SIGNAL).length;
    if (goals === 0 || behaviorConfigFor(config, behavior).networkSettings.goalConditioningType !== 'hyper' || said.has(behavior)) continue;
    said.add(behavior);
    out.push(`${behavior}: network_settings.goal_conditioning_type: hyper: hypernetwork goal conditioning is not built yet (issue 12); its ${goals} goal-signal observation(s) are encoded like any other observation (as with none)`);
  }
  return out;
}
