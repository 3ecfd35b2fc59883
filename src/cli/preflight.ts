/**
 * The checks of `shiva train` that need the behaviors' specs, made before anything is allocated for learning:
 * behavior names against the configuration, the learners' memory estimate against the budget
 * (src/training/memory-budget.ts), each rule file against its behavior's spec (observation indices, branches), a
 * GAIL demonstration and a behavioral_cloning one read and checked against the spec, and a warm start's checkpoint
 * (init_path, initialize_from) found and read.
 *
 * For a built-in scene (builtin:NAME, standin:NAME) the specs come from a one-area copy of the scene made in-process
 * before the run folder exists (builtinCensus), so a bad input leaves nothing behind. For a Unity executable or
 * the Editor they are known at the first reset; train() runs the same checks then, before any learner is created,
 * and removes the run folder it made for the attempt when one fails.
 */
import { ExpertSamples } from '../../agents/reward-signals/expert-samples.js';
import type { RuleSet } from '../../cognitive/index.js';
import type { RunConfig } from '../config/index.js';
import { sceneOf } from '../config/scene-behaviors.js';
import { LocalEnv } from '../core/env/local-env.js';
import { readDemonstrations } from '../protocol/demo-file/index.js';
import type { PlanResolver } from '../training/learner-plan.js';
import { assertMemoryBudget, censusOf, type BehaviorCensus } from '../training/memory-budget.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { imitationResolver } from './imitate-plans.js';
import { checkRulesFit } from './reasoners.js';

/** Throws the first problem (a coded ShivaError) of the behaviors in `census`; nothing is kept. */
export function preflight(config: RunConfig, census: ReadonlyMap<string, BehaviorCensus>, ruleSets: ReadonlyMap<string, RuleSet>, resolve: PlanResolver): void {
  // Every announced behavior has settings (behaviorConfigFor's error otherwise) and a plan Shiva can train.
  for (const behavior of census.keys()) resolve(behavior);
  assertMemoryBudget(config, census, resolve);
  const imitation = imitationResolver(config);
  const learners = new Set<string>();
  for (const [behavior, { spec }] of census) {
    checkRulesFit(config, ruleSets, behavior, spec);
    const plan = resolve(behavior);
    if (!plan || learners.has(plan.learnerId)) continue;
    learners.add(plan.learnerId);
    if (plan.gail) new ExpertSamples(readDemonstrations(plan.gail.demoPath), spec, plan.gail.useActions, plan.gail.demoPath);
    imitation(behavior, plan.learnerId)?.behavioralCloning?.dataset(spec);
  }
}

/**
 * The behaviors of a run's built-in scene (builtin:NAME or standin:NAME) as training will see them, from a one-area
 * copy reset in-process with the run's environment parameters: specs, and agents scaled to num_envs × num_areas.
 * Null for a Unity executable or the Editor.
 */
export async function builtinCensus(config: RunConfig): Promise<Map<string, BehaviorCensus> | null> {
  const scene = sceneOf(config);
  if (scene === null) return null;
  const builtin = getBuiltinEnv(scene.entry.name);
  const { seed, numAreas, numEnvs } = config.envSettings;
  const env = new LocalEnv(`${scene.env} (preflight)`, builtin.factory, { numAreas: 1, seed: Math.max(0, seed), decisionPeriod: builtin.decisionPeriod });
  if (Object.keys(config.environmentParameters).length > 0) env.setEnvironmentParameters(config.environmentParameters);
  await env.reset();
  const census = censusOf([env], numAreas * numEnvs);
  await env.close();
  return census;
}
