/**
 * GAIL as PPO sees it: before GAE, strength·r_GAIL is added to the reward of every closed transition of the rollout
 * buffer; after the PPO update the discriminator trains on the same transitions.
 *
 * Why rewards are combined before GAE instead of a value head per signal (ML-Agents' way): one value head keeps the
 * PPO update, the acting path and the checkpoint format unchanged, and the combined reward
 * strength_e·r_e + strength_g·r_g with one gamma is exact whenever the signals share a gamma (ML-Agents' defaults:
 * 0.99 for both). With different gammas the extrinsic one is used (the learner plan says so); a second value head with
 * its own gamma is left for later.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ClosedTransitions, RolloutBuffer } from '../ppo/rollout-buffer.js';
import type { ExpertData } from './expert-samples.js';
import { Gail, type SavedGail } from './gail.js';
import type { GailSettings } from './gail-settings.js';

/** What addRewards() hands to train(): the transitions rewarded, and the mean GAIL reward per transition. */
export interface GailPending {
  readonly transitions: ClosedTransitions;
  readonly meanReward: number;
}

export class GailSignal {
  readonly gail: Gail;

  constructor(spec: BehaviorSpec, readonly settings: GailSettings, expert: ExpertData, rng: Rng) {
    this.gail = new Gail(spec, settings, expert, rng, settings.demoPath);
  }

  /** Adds strength·r_GAIL to every closed transition of `buffer`; call right before drain(). */
  addRewards(buffer: RolloutBuffer): GailPending {
    const transitions = buffer.closedTransitions();
    const rewards = this.gail.rewards(transitions);
    let sum = 0;
    for (const r of rewards) sum += r;
    buffer.addRewards(rewards.map((r) => r * this.settings.strength));
    return { transitions, meanReward: transitions.size > 0 ? sum / transitions.size : 0 };
  }

  /** Trains the discriminator (reward_signal_num_epoch = num_epoch, minibatches of batch_size); update stats. */
  train(pending: GailPending, numEpoch: number, batchSize: number): Record<string, number> {
    const s = this.gail.update(pending.transitions, numEpoch, batchSize);
    return {
      'Policy/GAIL Reward': pending.meanReward,
      'Losses/GAIL Loss': s.loss,
      'Policy/GAIL Policy Estimate': s.policyEstimate,
      'Policy/GAIL Expert Estimate': s.expertEstimate,
      'Policy/GAIL Grad Mag Loss': s.gradientPenalty,
      ...(this.settings.useVail ? { 'Policy/GAIL Beta': s.beta, 'Losses/GAIL KL Loss': s.kl } : {}),
    };
  }

  save(): SavedGail {
    return this.gail.save();
  }

  load(saved: SavedGail | undefined, where: string): void {
    this.gail.load(saved, where);
  }

  dispose(): void {
    this.gail.dispose();
  }
}
