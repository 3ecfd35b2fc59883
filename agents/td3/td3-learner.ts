/**
 * TD3 and DDPG as a learner: a deterministic actor acting on its host copy with Gaussian exploration noise
 * (uniform actions before buffer_init_steps, as SB3's learning_starts), one-step transitions collected per
 * (environment, agent) into a replay buffer, and gradient steps once enough experience is in (agents/td3).
 *
 * Update cadence (ML-Agents' steps_per_update): after buffer_init_steps agent steps and once the buffer holds a
 * batch, every steps_per_update agent steps earn one gradient step. Several agents step at once, so the credit is
 * kept as a fraction and carried between calls (UpdateCredit, agents/plugin/off-policy-learner.ts).
 */
import { gaussianExploration } from './exploration.js';
import type { Td3Hyperparameters } from './hyperparameters.js';
import { Td3, type SavedTd3 } from './td3.js';
import { uniformActions } from '../networks/uniform-actions.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { actionsOnly, CONTINUOUS_RULE_REFUSAL, type ActingContext, type ActingPolicy, type LearnerState, type PolicyProposal } from '../plugin/learner.js';
import { OffPolicyLearner } from '../plugin/off-policy-learner.js';
import { ReplayBuffer } from '../replay/replay-buffer.js';
import { ReplayCollector } from '../replay/replay-collector.js';
import { replaySpecOf } from '../replay/replay-types.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';

export interface Td3LearnerSettings extends LearnerSettings<Td3Hyperparameters> {
  /** 'ddpg' when the hyperparameters carry DDPG_SWITCHES; names the learner in checkpoints and logs. */
  readonly trainerType: 'td3' | 'ddpg';
}

export class Td3Learner extends OffPolicyLearner {
  readonly td3: Td3;
  readonly buffer: ReplayBuffer;
  readonly actingPolicy: ActingPolicy;
  private readonly actRng: Rng;
  /** Batches and target-smoothing noise. */
  private readonly sampleRng: Rng;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: Td3LearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const hp = settings.hyperparameters;
    const td3 = new Td3(spec, settings.network, hp, seeds, label);
    const actRng = seeds.rng(`${label}:act`);
    const sampleRng = seeds.rng(`${label}:sample`);
    super(spec, settings, { act: actRng, sample: sampleRng });
    this.td3 = td3;
    this.actRng = actRng;
    this.sampleRng = sampleRng;
    this.buffer = new ReplayBuffer(hp.buffer_size, replaySpecOf(spec));
    this.replay = this.buffer;
    this.collector = new ReplayCollector(this.buffer, { nSteps: 1, gamma: hp.gamma });
    this.actingPolicy = { ruleRefusal: CONTINUOUS_RULE_REFUSAL, act: (steps, context) => this.act(steps, context) };
  }

  /** μ(s) when greedy; uniform in [-1, 1] before buffer_init_steps while learning; else μ(s) plus Gaussian noise. */
  private act(steps: DecisionSteps, context: ActingContext): PolicyProposal {
    const hp = this.settings.hyperparameters;
    const actor = this.td3.actor;
    let continuous: Float32Array;
    if (context.deterministic) continuous = actor.forwardHost(steps.observations, steps.count);
    else if (context.learning && this.stepsValue < hp.buffer_init_steps) continuous = uniformActions(steps.count * actor.actionSize, this.actRng);
    else continuous = gaussianExploration(actor.forwardHost(steps.observations, steps.count), hp.exploration_noise, this.actRng);
    return actionsOnly(steps.count, continuous, new Int32Array(0));
  }

  /** μ(s) (exploration noise is not exported). */
  exportPolicy(): ExportablePolicy {
    return this.td3.actor.describePolicy(this.trainerType);
  }

  protected update(earned: number): Record<string, number> {
    const hp = this.settings.hyperparameters;
    let criticLoss = 0;
    let meanQ = 0;
    let actorLoss = 0;
    let actorSteps = 0;
    for (let i = 0; i < earned; i++) {
      const s = this.td3.gradientStep(this.buffer.sample(hp.batch_size, this.sampleRng), this.sampleRng);
      criticLoss += s.criticLoss;
      meanQ += s.meanQ;
      if (s.actorUpdated) {
        actorLoss += s.actorLoss;
        actorSteps++;
      }
      this.updates++;
    }
    return {
      'Losses/Q Loss': criticLoss / earned,
      ...(actorSteps > 0 ? { 'Losses/Policy Loss': actorLoss / actorSteps } : {}),
      'Policy/Q Mean': meanQ / earned,
      'Policy/Learning Rate': hp.learning_rate,
      'Policy/Buffer Size': this.buffer.size,
    };
  }

  protected saveModel(): Record<string, unknown> {
    return { td3: this.td3.save() };
  }

  protected loadModel(state: LearnerState, where: string): void {
    this.td3.load(state['td3'] as SavedTd3, `${where}: td3`);
  }

  dispose(): void {
    this.td3.dispose();
  }
}
