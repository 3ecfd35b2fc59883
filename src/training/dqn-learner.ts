/**
 * DQN as a learner: ε-greedy acting on the Q-network's host copy, n-step transitions collected per (environment,
 * agent) into a uniform or prioritised replay buffer, and gradient steps once enough experience is in.
 *
 * Update cadence (ML-Agents' steps_per_update, SB3's train_freq/gradient_steps): after buffer_init_steps agent
 * steps and once the buffer holds a batch, every steps_per_update agent steps earn one update of gradient_steps
 * gradient steps. Several agents step at once, so the credit is kept as a fraction and carried between calls
 * (UpdateCredit, off-policy-plumbing.ts).
 *
 * With a rule file (`cognitive:`), ε-greedy's distribution per branch, (1 − ε)·onehot(argmax Q over allowed) +
 * ε·uniform over allowed, is the π the reasoning layer combines, and the layer's sample of π·f/Z acts. Where the
 * rules veto the greedy action, the greedy part goes to the best allowed action that stands instead (the
 * combined policy's mode), so a veto never leaves DQN acting uniformly. Transitions are stored as usual: the
 * update is off-policy, and the target's max still ranges over the environment's allowed actions (the vetoes of
 * the next state are not stored; acting keeps out of them anyway).
 */
import { Dqn, type SavedDqn } from '../../agents/dqn/dqn.js';
import { epsilonGreedy, linearEpsilon, maskedArgmax } from '../../agents/dqn/exploration.js';
import type { DqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import { QNetwork } from '../../agents/dqn/q-network.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import type { SavedParameter } from '../../agents/networks/parameters.js';
import { PrioritizedReplayBuffer } from '../../agents/replay/prioritized-replay-buffer.js';
import { ReplayBuffer } from '../../agents/replay/replay-buffer.js';
import { ReplayCollector } from '../../agents/replay/replay-collector.js';
import { replaySpecOf, type ReplayBatch } from '../../agents/replay/replay-types.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import { maskSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import type { DecisionSteps } from '../core/env/steps.js';
import type { Reasoner, ReasonContext } from '../decisions/reasoning-layer.js';
import type { RngState } from '../core/runtime/rng.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';
import { actAndCollect, checkCredit, checkTrainerType, loadReplay, reasonedActions, saveReplay, UpdateCredit, type ReplayActing, type SavedReplay } from './off-policy-plumbing.js';

export interface DqnLearnerSettings {
  readonly id: string;
  readonly hyperparameters: DqnHyperparameters;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength: environment rewards are scaled by it. */
  readonly rewardStrength: number;
}

interface DqnLearnerState extends LearnerState {
  readonly online: SavedParameter[];
  readonly target: SavedParameter[];
  readonly dqn: SavedDqn;
  /** Fraction of an update earned and not yet spent. */
  readonly updateCredit: number;
  /** ε at save time, for reading; on load ε follows from `steps`. */
  readonly epsilon: number;
  readonly rngs: { readonly act: RngState; readonly sample: RngState };
  readonly replay: SavedReplay | null;
}

/** The least ε the reasoning layer is shown (see DqnLearner.actThroughRules). */
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

export class DqnLearner implements Learner {
  readonly trainerType = 'dqn';
  readonly online: QNetwork;
  readonly target: QNetwork;
  readonly buffer: ReplayBuffer | PrioritizedReplayBuffer;
  private readonly dqn: Dqn;
  private readonly collector: ReplayCollector;
  private readonly acting: ReplayActing;
  private readonly actRng;
  private readonly sampleRng;
  private stepsValue = 0;
  private updates = 0;
  private readonly credit = new UpdateCredit();

  constructor(
    readonly spec: BehaviorSpec,
    private readonly settings: DqnLearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const hp = settings.hyperparameters;
    this.online = new QNetwork(spec, settings.network, hp.dueling, seeds.rng(`${label}:init`));
    this.target = new QNetwork(spec, settings.network, hp.dueling, seeds.rng(`${label}:init`));
    this.target.softUpdateFrom(this.online, 1);
    this.actRng = seeds.rng(`${label}:act`);
    this.sampleRng = seeds.rng(`${label}:sample`);
    this.dqn = new Dqn(this.online, this.target, hp);
    const replaySpec = replaySpecOf(spec, { actionMasks: true });
    this.buffer = hp.prioritized ? new PrioritizedReplayBuffer(hp.buffer_size, replaySpec, { alpha: hp.prioritized_alpha }) : new ReplayBuffer(hp.buffer_size, replaySpec);
    this.collector = new ReplayCollector(this.buffer, { nSteps: hp.n_step, gamma: hp.gamma });
    this.acting = { collector: this.collector, rewardStrength: settings.rewardStrength, observationSizes: this.online.observationSizes, maskWidth: maskSize(spec.actionSpec), continuousSize: 0, branchCount: this.online.branches.length };
  }

  get id(): string {
    return this.settings.id;
  }

  get steps(): number {
    return this.stepsValue;
  }

  get maxSteps(): number {
    return this.settings.maxSteps;
  }

  /** ε of the linear schedule at the current step. */
  get epsilon(): number {
    const hp = this.settings.hyperparameters;
    return linearEpsilon(this.stepsValue, hp.exploration_initial_eps, hp.exploration_final_eps, hp.exploration_fraction, this.settings.maxSteps);
  }

  decide(parts: readonly StepsFromSource[], options: DecideOptions = {}): ActionTuple[] {
    const learn = options.learn ?? true;
    const reasoner = options.reasoner ?? null;
    const { actions, count } = actAndCollect(parts, learn, this.acting, (steps, rows) => {
      const q = this.online.forwardHost(steps.observations, steps.count);
      const epsilon = options.deterministic ? 0 : this.epsilon;
      const discrete = reasoner
        ? this.actThroughRules(q, steps, epsilon, reasoner, { rows, step: this.stepsValue, learnerId: this.id, deterministic: options.deterministic ?? false })
        : epsilonGreedy(q, steps.actionMasks, steps.count, this.online.branches, epsilon, this.actRng);
      return { continuous: new Float32Array(0), discrete };
    });
    if (learn) this.stepsValue += count;
    return actions;
  }

  /**
   * ε-greedy through the reasoning layer. The layer sees ε at least RULE_PROBE_EPSILON, so that every allowed
   * action has π > 0 and its factor comes back (where π = 0 the factor reads 0 too, which would hide whether the
   * greedy action's alternatives stand); greedy acting is then the layer's mode, or the best standing action.
   */
  private actThroughRules(q: Float32Array, steps: DecisionSteps, epsilon: number, reasoner: Reasoner, context: ReasonContext): Int32Array {
    const branches = this.online.branches;
    const nb = branches.length;
    const width = branches.reduce((a, b) => a + b, 0);
    const masks = steps.actionMasks;
    const probs = epsilonGreedyProbs(q, masks, steps.count, branches, Math.max(epsilon, RULE_PROBE_EPSILON));
    const { discrete, factors } = reasonedActions(reasoner, probs, branches, steps, context);
    if (!factors) return discrete;
    for (let r = 0; r < steps.count; r++) {
      let offset = r * width;
      branches.forEach((size, b) => {
        const greedy = maskedArgmax(q, masks, offset, size);
        if (!(factors[offset + greedy]! > 0)) {
          // The greedy action is vetoed: the greedy share goes to the best action that stands (none: the layer's fallback).
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
    return discrete;
  }

  forgetSource(source: number): void {
    this.collector.dropOpen(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    const earned = this.credit.earn(this.stepsValue, this.stepsValue >= hp.buffer_init_steps && this.buffer.size >= hp.batch_size, hp.steps_per_update);
    if (earned === 0) return null;
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

  save(): DqnLearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      online: this.online.save(),
      target: this.target.save(),
      dqn: this.dqn.save(),
      updateCredit: this.credit.value,
      epsilon: this.epsilon,
      rngs: { act: this.actRng.getState(), sample: this.sampleRng.getState() },
      replay: this.settings.hyperparameters.save_replay_buffer ? saveReplay(this.buffer) : null,
    };
  }

  load(state: LearnerState, where: string): void {
    checkTrainerType(state, this.trainerType, where);
    const s = state as DqnLearnerState;
    const credit = checkCredit(s.updateCredit, where);
    if (this.settings.hyperparameters.save_replay_buffer && s.replay) loadReplay(this.buffer, s.replay, `${where}: replay buffer`);
    this.online.load(s.online, `${where}: online network`);
    this.target.load(s.target, `${where}: target network`);
    this.dqn.load(s.dqn, `${where}: dqn`);
    this.actRng.setState(s.rngs.act);
    this.sampleRng.setState(s.rngs.sample);
    this.stepsValue = s.steps;
    this.updates = s.updates;
    this.credit.restore(credit, s.steps);
  }

  dispose(): void {
    this.dqn.dispose();
    this.online.dispose();
    this.target.dispose();
  }
}
