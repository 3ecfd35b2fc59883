/**
 * GAIL as PPO sees it (a RewardSignal, reward-signal.ts): strength·r_GAIL for every closed transition of the
 * rollout buffer, learned by GAIL's own value head with GAIL's gamma, as ML-Agents does; after the PPO update the
 * discriminator trains on the same transitions. GAIL's value is not bootstrapped through true episode ends
 * (ML-Agents' `_ignore_done` is false for GAIL).
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExpertData } from './expert-samples.js';
import { Gail, type SavedGail } from './gail.js';
import type { GailSettings } from './gail-settings.js';
import type { RewardSignal, TransitionBatch } from './reward-signal.js';

export class GailSignal implements RewardSignal {
  readonly name = 'gail' as const;
  readonly ignoreDone = false;
  readonly gail: Gail;

  constructor(spec: BehaviorSpec, readonly settings: GailSettings, expert: ExpertData, rng: Rng) {
    this.gail = new Gail(spec, settings, expert, rng, settings.demoPath);
  }

  get gamma(): number {
    return this.settings.gamma;
  }

  /** strength·r_GAIL per row; the stat is the mean r_GAIL (before strength). */
  rewards(batch: TransitionBatch): { rewards: Float32Array; stats: Record<string, number> } {
    const rewards = this.gail.rewards(batch);
    let sum = 0;
    for (const r of rewards) sum += r;
    return { rewards: rewards.map((r) => r * this.settings.strength), stats: { 'Policy/GAIL Reward': batch.size > 0 ? sum / batch.size : 0 } };
  }

  /** Trains the discriminator (reward_signal_num_epoch = num_epoch, minibatches of batch_size); update stats. */
  train(batch: TransitionBatch, numEpoch: number, batchSize: number): Record<string, number> {
    const s = this.gail.update(batch, numEpoch, batchSize);
    return {
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

  load(saved: unknown, where: string): void {
    this.gail.load(saved as SavedGail | undefined, where);
  }

  dispose(): void {
    this.gail.dispose();
  }
}
