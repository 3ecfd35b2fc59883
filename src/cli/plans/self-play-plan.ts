/**
 * A behavior's `self_play` section onto its learner plan: the meta-learner then wraps the plan's learner in a
 * ghost learner (src/training/ghost-learner.ts) that every team of the behavior shares.
 */
import { configErrorAt, type BehaviorConfig, type RunConfig } from '../../config/index.js';
import type { LearnerPlan } from '../../training/learner-plan.js';

export function withSelfPlay(config: RunConfig, b: BehaviorConfig, plan: LearnerPlan): LearnerPlan {
  const sp = b.selfPlay;
  if (!sp) return plan;
  if (b.policyPerTeam) {
    throw configErrorAt(config, `behaviors.${b.name}.policy_per_team`, 'expected false with self_play (self-play trains one policy that every team takes turns with), got true');
  }
  return {
    ...plan,
    selfPlay: {
      saveSteps: sp.saveSteps,
      teamChange: sp.teamChange,
      swapSteps: sp.swapSteps,
      window: sp.window,
      playAgainstLatestModelRatio: sp.playAgainstLatestModelRatio,
      initialElo: sp.initialElo,
    },
  };
}
