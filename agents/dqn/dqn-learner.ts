/**
 * DQN as a learner: ε-greedy acting on the Q-network's host copy, n-step transitions collected per (environment,
 * agent) into a uniform or prioritised replay buffer, and gradient steps once enough experience is in.
 *
 * Update cadence (ML-Agents' steps_per_update, SB3's train_freq/gradient_steps): after buffer_init_steps agent
 * steps and once the buffer holds a batch, every steps_per_update agent steps earn one update of gradient_steps
 * gradient steps. Several agents step at once, so the credit is kept as a fraction and carried between calls
 * (UpdateCredit, agents/plugin/off-policy-learner.ts).
 *
 * With a rule file (`cognitive:`), ε-greedy's distribution per branch, (1 − ε)·onehot(argmax Q over allowed) +
 * ε·uniform over allowed, is the π the reasoning layer combines, and the layer's sample of π·f/Z acts. Where the
 * rules veto the greedy action, the greedy part goes to the best allowed action that stands instead (the
 * combined policy's mode), so a veto never leaves DQN acting uniformly. Transitions are stored as usual: the
 * update is off-policy, and the target's max still ranges over the environment's allowed actions (the vetoes of
 * the next state are not stored; acting keeps out of them anyway).
 */
import { Dqn, type SavedDqn } from './dqn.js';
import { epsilonGreedy, linearEpsilon, maskedArgmax } from './exploration.js';
import type { DqnHyperparameters } from './hyperparameters.js';
import { QNetwork } from '../networks/q-network.js';
import type { ActOutput } from '../networks/acting.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { actionsOnly, type ActingContext, type ActingPolicy, type LearnerState, type PolicyProposal } from '../plugin/learner.js';
import { OffPolicyLearner } from '../plugin/off-policy-learner.js';
import { PrioritizedReplayBuffer } from '../replay/prioritized-replay-buffer.js';
import { ReplayBuffer } from '../replay/replay-buffer.js';
import { ReplayCollector } from '../replay/replay-collector.js';
import { replaySpecOf, type ReplayBatch } from '../replay/replay-types.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';

export type DqnLearnerSettings = LearnerSettings<DqnHyperparameters>;

/** The least ε the reasoning layer is shown (see DqnLearner's policy). */
export const RULE_PROBE_EPSILON = 1e-6;

/**
 * ε-greedy's acting distribution, rows × Σ branches: per branch (1 − ε) on the allowed action of highest Q (the
 * first on ties) plus ε spread evenly over the allowed actions; masked actions get 0 (a branch with every action
 * masked counts all as allowed, as epsilonGreedy does).
 */
export function epsilonGreedyProbs(q: Float32Array, masks: Uint8Array | null, rows: number, branches: readonly number[], epsilon: number): Float32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let offset = r * width;
    for (const size of branches) {
      let allowed = 0;
      for (let a = 0; a < size; a++) if (!masks || masks[offset + a] !== 1) allowed++;
      const all = allowed === 0;
      const n = all ? size : allowed;
      for (let a = 0; a < size; a++) if (all || !masks || masks[offset + a] !== 1) out[offset + a] = epsilon / n;
      out[offset + maskedArgmax(q, masks, offset, size)]! += 1 - epsilon;
      offset += size;
    }
  }
  return out;
}

export class DqnLearner extends OffPolicyLearner {
  readonly online: QNetwork;
  readonly target: QNetwork;
  readonly buffer: ReplayBuffer | PrioritizedReplayBuffer;
  readonly actingPolicy: ActingPolicy;
  private readonly dqn: Dqn;
  private readonly actRng: Rng;
  private readonly sampleRng: Rng;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: DqnLearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const hp = settings.hyperparameters;
    const online = new QNetwork(spec, settings.network, hp.dueling, seeds.rng(`${label}:init`));
    const target = new QNetwork(spec, settings.network, hp.dueling, seeds.rng(`${label}:init`));
    const actRng = seeds.rng(`${label}:act`);
    const sampleRng = seeds.rng(`${label}:sample`);
    super(spec, { ...settings, trainerType: 'dqn' }, { act: actRng, sample: sampleRng });
    this.online = online;
    this.target = target;
    this.target.softUpdateFrom(this.online, 1);
    this.actRng = actRng;
    this.sampleRng = sampleRng;
    this.dqn = new Dqn(this.online, this.target, hp);
    const replaySpec = replaySpecOf(spec, { actionMasks: true });
    this.buffer = hp.prioritized ? new PrioritizedReplayBuffer(hp.buffer_size, replaySpec, { alpha: hp.prioritized_alpha }) : new ReplayBuffer(hp.buffer_size, replaySpec);
    this.replay = this.buffer;
    this.collector = new ReplayCollector(this.buffer, { nSteps: hp.n_step, gamma: hp.gamma });
    this.actingPolicy = { ruleRefusal: null, act: (steps, context) => this.act(steps, context) };
  }

  /** ε of the linear schedule at the current step. */
  get epsilon(): number {
    const hp = this.settings.hyperparameters;
    return linearEpsilon(this.stepsValue, hp.exploration_initial_eps, hp.exploration_final_eps, hp.exploration_fraction, this.settings.maxSteps);
  }

  /**
   * ε-greedy on the Q-network's host copy. With rules, the proposal is ε-greedy's distribution with ε at least
   * RULE_PROBE_EPSILON, so that every allowed action has π > 0 and its factor comes back (where π = 0 the factor
   * reads 0 too, which would hide whether the greedy action's alternatives stand); greedy acting is then the
   * layer's mode, or, where the rules veto the greedy action, the best standing one.
   */
  private act(steps: DecisionSteps, context: ActingContext): PolicyProposal {
    const q = this.online.forwardHost(steps.observations, steps.count);
    const epsilon = context.deterministic ? 0 : this.epsilon;
    const branches = this.online.branches;
    if (!context.withRules) return actionsOnly(steps.count, new Float32Array(0), epsilonGreedy(q, steps.actionMasks, steps.count, branches, epsilon, this.actRng));
    const probs = epsilonGreedyProbs(q, steps.actionMasks, steps.count, branches, Math.max(epsilon, RULE_PROBE_EPSILON));
    return {
      ...actionsOnly(steps.count, new Float32Array(0), new Int32Array(steps.count * branches.length), probs),
      afterRules: (ruled) => this.greedyStandsIn(ruled, q, steps.actionMasks, epsilon),
    };
  }

  /** The online Q-network's greedy action (ε-greedy exploration is not exported). */
  exportPolicy(): ExportablePolicy {
    return this.online.describePolicy();
  }

  /** Where the rules veto the greedy action, the greedy share goes to the best action that stands (none: the layer's fallback). */
  private greedyStandsIn(ruled: ActOutput, q: Float32Array, masks: Uint8Array | null, epsilon: number): ActOutput {
    const factors = ruled.factors;
    if (!factors) return ruled;
    const discrete = ruled.discrete;
    const branches = this.online.branches;
    const nb = branches.length;
    const width = branches.reduce((a, b) => a + b, 0);
    for (let r = 0; r < ruled.count; r++) {
      let offset = r * width;
      branches.forEach((size, b) => {
        const greedy = maskedArgmax(q, masks, offset, size);
        if (!(factors[offset + greedy]! > 0)) {
          let best = -1;
          for (let a = 0; a < size; a++) {
            if ((masks && masks[offset + a] === 1) || !(factors[offset + a]! > 0)) continue;
            if (best < 0 || q[offset + a]! > q[offset + best]!) best = a;
          }
          if (best >= 0 && (epsilon === 0 || this.actRng.next() >= epsilon)) discrete[r * nb + b] = best;
        }
        offset += size;
      });
    }
    return ruled;
  }

  protected update(earned: number): Record<string, number> {
    const hp = this.settings.hyperparameters;
    const totals = { loss: 0, meanQ: 0, gradNorm: 0 };
    let count = 0;
    const beta = hp.prioritized_beta + (1 - hp.prioritized_beta) * Math.min(1, this.stepsValue / this.settings.maxSteps);
    for (let u = 0; u < earned; u++) {
      for (let g = 0; g < hp.gradient_steps; g++) {
        const batch: ReplayBatch = this.buffer instanceof PrioritizedReplayBuffer ? this.buffer.sample(hp.batch_size, this.sampleRng, beta) : this.buffer.sample(hp.batch_size, this.sampleRng);
        const s = this.dqn.gradientStep(batch);
        if (this.buffer instanceof PrioritizedReplayBuffer) this.buffer.updatePriorities(batch.indices, s.tdErrors);
        totals.loss += s.loss;
        totals.meanQ += s.meanQ;
        totals.gradNorm += s.gradNorm;
        count++;
      }
      this.updates++;
    }
    return {
      'Losses/Q Loss': totals.loss / count,
      'Policy/Q Mean': totals.meanQ / count,
      'Policy/Gradient Norm': totals.gradNorm / count,
      'Policy/Epsilon': this.epsilon,
      'Policy/Learning Rate': hp.learning_rate,
      'Policy/Buffer Size': this.buffer.size,
      ...(this.buffer instanceof PrioritizedReplayBuffer ? { 'Policy/PER Beta': beta } : {}),
    };
  }

  protected saveModel(): Record<string, unknown> {
    // ε at save time is for reading; on load ε follows from `steps`.
    return { online: this.online.save(), target: this.target.save(), dqn: this.dqn.save(), epsilon: this.epsilon };
  }

  protected loadModel(state: LearnerState, where: string): void {
    this.online.load(state['online'] as ReturnType<QNetwork['save']>, `${where}: online network`);
    this.target.load(state['target'] as ReturnType<QNetwork['save']>, `${where}: target network`);
    this.dqn.load(state['dqn'] as SavedDqn, `${where}: dqn`);
  }

  dispose(): void {
    this.dqn.dispose();
    this.online.dispose();
    this.target.dispose();
  }
}
