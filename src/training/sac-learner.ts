/**
 * SAC as a learner: continuous actions through the tanh-squashed Gaussian (agents/sac/sac.ts), discrete branches
 * through discrete SAC (agents/sac/discrete-sac.ts); hybrid action specs are refused. Acting samples the policy
 * on its host copy (uniform actions before buffer_init_steps, as SB3's learning_starts); one-step transitions are
 * collected per (environment, agent) into a replay buffer (with action masks for discrete actions).
 *
 * Update cadence (ML-Agents' steps_per_update): after buffer_init_steps agent steps and once the buffer holds a
 * batch, every steps_per_update agent steps earn one gradient step; fractional credit carries over (UpdateCredit).
 *
 * With a rule file (`cognitive:`, discrete actions only), the categorical policy per branch (uniform over the
 * allowed actions before buffer_init_steps) is the π the reasoning layer combines, and its sample of π·f/Z acts.
 * Transitions are stored as usual (the update is off-policy). Continuous SAC refuses rule files.
 */
import { DiscreteSac } from '../../agents/sac/discrete-sac.js';
import type { SacHyperparameters } from '../../agents/sac/hyperparameters.js';
import { Sac } from '../../agents/sac/sac.js';
import type { SacActions, SacCore } from '../../agents/sac/sac-core.js';
import { uniformActions } from '../../agents/td3/exploration.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import { ReplayBuffer } from '../../agents/replay/replay-buffer.js';
import { ReplayCollector } from '../../agents/replay/replay-collector.js';
import { replaySpecOf } from '../../agents/replay/replay-types.js';
import type { Reasoner, ReasonContext } from '../decisions/reasoning-layer.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import { maskSize, observationSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import type { DecisionSteps } from '../core/env/steps.js';
import { ShivaError } from '../core/errors.js';
import type { Rng, RngState } from '../core/runtime/rng.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';
import { actAndCollect, checkCredit, checkTrainerType, loadReplay, reasonedActions, refuseReasoner, saveReplay, UpdateCredit, type ReplayActing, type SavedReplay } from './off-policy-plumbing.js';

export interface SacLearnerSettings {
  readonly id: string;
  readonly hyperparameters: SacHyperparameters;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength: environment rewards are scaled by it. */
  readonly rewardStrength: number;
}

interface SacLearnerState extends LearnerState {
  readonly sac: unknown;
  /** Fraction of an update earned and not yet spent. */
  readonly updateCredit: number;
  readonly rngs: { readonly act: RngState; readonly sample: RngState };
  readonly replay: SavedReplay | null;
}

export class SacLearner implements Learner {
  readonly trainerType = 'sac';
  readonly sac: SacCore;
  /** The discrete SAC core (null for continuous actions): its categorical policy is what rules combine. */
  private readonly categorical: DiscreteSac | null;
  readonly buffer: ReplayBuffer;
  private readonly collector: ReplayCollector;
  private readonly acting: ReplayActing;
  private readonly discrete: boolean;
  private readonly observationSizes: number[];
  private readonly actRng;
  /** Batches and reparameterisation noise. */
  private readonly sampleRng;
  private stepsValue = 0;
  private updates = 0;
  private readonly credit = new UpdateCredit();

  constructor(
    readonly spec: BehaviorSpec,
    private readonly settings: SacLearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const hp = settings.hyperparameters;
    const { continuousSize, discreteBranches } = spec.actionSpec;
    if (continuousSize > 0 && discreteBranches.length > 0) {
      throw new ShivaError('SHIVA_ERR_NETWORK', `SAC learner "${settings.id}" for behavior "${spec.name}": actionSpec: expected continuous or discrete actions (hybrid actions are not supported yet), got ${continuousSize} continuous + branches [${discreteBranches.join(', ')}]`);
    }
    this.discrete = discreteBranches.length > 0;
    this.categorical = this.discrete ? new DiscreteSac(spec, settings.network, hp, seeds, label) : null;
    this.sac = this.categorical ?? new Sac(spec, settings.network, hp, seeds, label);
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.actRng = seeds.rng(`${label}:act`);
    this.sampleRng = seeds.rng(`${label}:sample`);
    this.buffer = new ReplayBuffer(hp.buffer_size, replaySpecOf(spec, { actionMasks: this.discrete }));
    this.collector = new ReplayCollector(this.buffer, { nSteps: 1, gamma: hp.gamma });
    this.acting = { collector: this.collector, rewardStrength: settings.rewardStrength, observationSizes: this.observationSizes, maskWidth: maskSize(spec.actionSpec), continuousSize, branchCount: discreteBranches.length };
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

  decide(parts: readonly StepsFromSource[], options: DecideOptions = {}): ActionTuple[] {
    if (!this.categorical) refuseReasoner(this, options);
    const hp = this.settings.hyperparameters;
    const learn = options.learn ?? true;
    const reasoner = options.reasoner ?? null;
    const { actions, count } = actAndCollect(parts, learn, this.acting, (steps, rows): SacActions => {
      const random = !options.deterministic && learn && this.stepsValue < hp.buffer_init_steps;
      if (reasoner) {
        const context = { rows, step: this.stepsValue, learnerId: this.id, deterministic: options.deterministic ?? false };
        return this.actThroughRules(steps, random, reasoner, context);
      }
      return random ? this.randomActions(steps.count, steps.actionMasks, this.actRng) : this.sac.act(steps.observations, steps.actionMasks, steps.count, this.actRng, options.deterministic ?? false);
    });
    if (learn) this.stepsValue += count;
    return actions;
  }

  forgetSource(source: number): void {
    this.collector.dropOpen(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    const earned = this.credit.earn(this.stepsValue, this.stepsValue >= hp.buffer_init_steps && this.buffer.size >= hp.batch_size, hp.steps_per_update);
    if (earned === 0) return null;
    const totals = { critic: 0, actor: 0, q: 0, entropy: 0 };
    let alphas: readonly number[] = [];
    for (let i = 0; i < earned; i++) {
      const s = this.sac.gradientStep(this.buffer.sample(hp.batch_size, this.sampleRng), this.sampleRng);
      totals.critic += s.criticLoss;
      totals.actor += s.actorLoss;
      totals.q += s.meanQ;
      totals.entropy += s.entropies.reduce((a, b) => a + b, 0);
      alphas = s.alphas;
      this.updates++;
    }
    const meanAlpha = alphas.reduce((a, b) => a + b, 0) / alphas.length;
    return {
      'Losses/Q Loss': totals.critic / earned,
      'Losses/Policy Loss': totals.actor / earned,
      'Policy/Q Mean': totals.q / earned,
      'Policy/Entropy': totals.entropy / earned,
      [this.discrete ? 'Policy/Discrete Entropy Coeff' : 'Policy/Continuous Entropy Coeff']: meanAlpha,
      'Policy/Learning Rate': hp.learning_rate,
      'Policy/Buffer Size': this.buffer.size,
    };
  }

  save(): SacLearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      sac: this.sac.save(),
      updateCredit: this.credit.value,
      rngs: { act: this.actRng.getState(), sample: this.sampleRng.getState() },
      replay: this.settings.hyperparameters.save_replay_buffer ? saveReplay(this.buffer) : null,
    };
  }

  load(state: LearnerState, where: string): void {
    checkTrainerType(state, this.trainerType, where);
    const s = state as SacLearnerState;
    const credit = checkCredit(s.updateCredit, where);
    if (this.settings.hyperparameters.save_replay_buffer && s.replay) loadReplay(this.buffer, s.replay, `${where}: replay buffer`);
    this.sac.load(s.sac, `${where}: sac`);
    this.actRng.setState(s.rngs.act);
    this.sampleRng.setState(s.rngs.sample);
    this.stepsValue = s.steps;
    this.updates = s.updates;
    this.credit.restore(credit, s.steps);
  }

  dispose(): void {
    this.sac.dispose();
  }

  /** π per branch (categorical, or uniform over the allowed actions when `random`) through the reasoning layer. */
  private actThroughRules(steps: DecisionSteps, random: boolean, reasoner: Reasoner, context: ReasonContext): SacActions {
    const branches = this.spec.actionSpec.discreteBranches;
    const probs = random ? uniformAllowed(steps.actionMasks, steps.count, branches) : Float32Array.from(this.categorical!.actor.logProbsHost(steps.observations, steps.actionMasks, steps.count), Math.exp);
    return { continuous: new Float32Array(0), discrete: reasonedActions(reasoner, probs, branches, steps, context).discrete };
  }

  /** Uniform in [-1, 1] per continuous component, or uniform over each branch's allowed actions. */
  private randomActions(rows: number, masks: Uint8Array | null, rng: Rng): SacActions {
    if (!this.discrete) return { continuous: uniformActions(rows * this.spec.actionSpec.continuousSize, rng), discrete: new Int32Array(0) };
    const branches = this.spec.actionSpec.discreteBranches;
    const width = maskSize(this.spec.actionSpec);
    const discrete = new Int32Array(rows * branches.length);
    for (let r = 0; r < rows; r++) {
      let start = r * width;
      branches.forEach((size, b) => {
        const allowed: number[] = [];
        for (let a = 0; a < size; a++) if (!masks || !masks[start + a]) allowed.push(a);
        discrete[r * branches.length + b] = allowed.length === 0 ? 0 : allowed[rng.int(allowed.length)]!;
        start += size;
      });
    }
    return { continuous: new Float32Array(0), discrete };
  }
}

/** rows × Σ branches: per branch, 1/n on each of its n allowed actions (all of them when the mask allows none). */
function uniformAllowed(masks: Uint8Array | null, rows: number, branches: readonly number[]): Float32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let offset = r * width;
    for (const size of branches) {
      let allowed = 0;
      for (let a = 0; a < size; a++) if (!masks || !masks[offset + a]) allowed++;
      for (let a = 0; a < size; a++) if (allowed === 0 || !masks || !masks[offset + a]) out[offset + a] = 1 / (allowed || size);
      offset += size;
    }
  }
  return out;
}
