/**
 * MADDPG as a learner: agents of a step grouped into teams by (environment, group id), slots in agent-id order
 * (agents/maddpg/team-collector.ts); each agent acts on its slot's actor (host copy) with exploration (Gaussian
 * noise on tanh actions, or a Gumbel-max sample of discrete logits); team transitions go to a joint replay buffer,
 * and gradient steps follow once enough experience is in (agents/maddpg/maddpg.ts holds the math).
 *
 * Several behaviors may resolve to this learner (the meta-learner's `learner:` key) when a team spans them; each
 * behavior's batch arrives in its own decide call, and its agents fill their slots of the team's open step.
 * Observations of every vector sensor are concatenated. Update cadence as DQN's: after buffer_init_steps agent
 * steps and once the buffer holds a batch, every steps_per_update agent steps earn one update of gradient_steps
 * gradient steps, the credit kept as a fraction between calls (UpdateCredit, off-policy-plumbing.ts).
 *
 * With a rule file (`cognitive:`, discrete actions only), π per branch is softmax(logits) over the allowed actions
 * (the distribution of the Gumbel-max sample) and the reasoning layer's sample of π·f/Z acts instead (greedy: its
 * mode); the chosen action is stored one-hot as usual. Continuous MADDPG refuses rule files.
 */
import { Maddpg, type SavedMaddpg } from '../../agents/maddpg/maddpg.js';
import type { MaddpgHyperparameters } from '../../agents/maddpg/hyperparameters.js';
import { JointReplayBuffer, type SavedJointReplay } from '../../agents/maddpg/joint-replay.js';
import { TeamCollector } from '../../agents/maddpg/team-collector.js';
import { gumbelNoise } from '../../agents/maddpg/gumbel-softmax.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from '../../agents/networks/network-settings.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import { observationSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import type { Rng, RngState } from '../core/runtime/rng.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';
import { checkCredit, checkTrainerType, reasonedActions, refuseReasoner, scaledRewards, UpdateCredit } from './off-policy-plumbing.js';

export interface MaddpgLearnerSettings {
  readonly id: string;
  readonly hyperparameters: MaddpgHyperparameters;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength: environment rewards are scaled by it. */
  readonly rewardStrength: number;
}

interface MaddpgLearnerState extends LearnerState {
  readonly teamSize: number;
  readonly maddpg: SavedMaddpg | null;
  readonly updateCredit: number;
  readonly rngs: { readonly init: RngState; readonly act: RngState; readonly sample: RngState };
  readonly replay: SavedJointReplay | null;
}

export class MaddpgLearner implements Learner {
  readonly trainerType = 'maddpg';
  readonly obsSize: number;
  readonly continuousSize: number;
  readonly branches: readonly number[];
  private readonly obsSizes: readonly number[];
  private net: Maddpg | null = null;
  private bufferValue: JointReplayBuffer | null = null;
  private collector: TeamCollector | null = null;
  private readonly initRng: Rng;
  private readonly actRng: Rng;
  private readonly sampleRng: Rng;
  private stepsValue = 0;
  private updates = 0;
  private readonly credit = new UpdateCredit();

  constructor(
    readonly spec: BehaviorSpec,
    private readonly settings: MaddpgLearnerSettings,
    seeds: RunSeeds,
  ) {
    const where = `learner "${settings.id}" (maddpg) for behavior "${spec.name}"`;
    for (const [i, o] of spec.observationSpecs.entries()) {
      if (o.shape.length !== 1) throw new ShivaError('SHIVA_ERR_NETWORK', `${where}: observation ${i} (${o.name}): expected a vector observation, got shape [${o.shape.join(', ')}]`);
    }
    this.obsSizes = spec.observationSpecs.map(observationSize);
    this.obsSize = this.obsSizes.reduce((a, b) => a + b, 0);
    this.continuousSize = spec.actionSpec.continuousSize;
    this.branches = [...spec.actionSpec.discreteBranches];
    if ((this.continuousSize > 0) === this.branches.length > 0) {
      throw new ShivaError('SHIVA_ERR_NETWORK', `${where}: actions: expected continuous actions or discrete branches (not both, not neither), got ${this.continuousSize} continuous and branches [${this.branches.join(', ')}]`);
    }
    const label = `learner:${settings.id}`;
    this.initRng = seeds.rng(`${label}:init`);
    this.actRng = seeds.rng(`${label}:act`);
    this.sampleRng = seeds.rng(`${label}:sample`);
    if (settings.hyperparameters.team_size > 0) this.build(settings.hyperparameters.team_size);
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

  /** Agents per team; 0 until the first batch when team_size is 0. */
  get teamSize(): number {
    return this.net?.shape.n ?? 0;
  }

  /** The networks (null until the team size is known). */
  get maddpg(): Maddpg | null {
    return this.net;
  }

  get buffer(): JointReplayBuffer | null {
    return this.bufferValue;
  }

  /** Joint steps dropped because a team was not whole. */
  get droppedSteps(): number {
    return this.collector?.dropped ?? 0;
  }

  decide(parts: readonly StepsFromSource[], options: DecideOptions = {}): ActionTuple[] {
    if (this.continuousSize > 0) refuseReasoner(this, options);
    const reasoner = options.reasoner ?? null;
    const learn = options.learn ?? true;
    if (!this.net) this.build(largestGroup(parts));
    const net = this.net!;
    const collector = this.collector!;
    if (learn) {
      for (const part of parts) {
        const t = part.terminalSteps;
        if (t.count > 0) collector.addTerminal(part.source, { ...t, rewards: this.scaled(t.rewards), groupRewards: this.scaled(t.groupRewards) }, this.flatten(t.observations, t.count));
      }
    }
    // Rosters first, so that a team whose members all arrive now has its slots before anyone acts.
    for (const part of parts) collector.register(part.source, part.decisionSteps.agentIds, part.decisionSteps.groupIds);
    const A = net.actSize;
    const nb = this.branches.length;
    return parts.map((part) => {
      const d = part.decisionSteps;
      const count = d.count;
      const continuous = new Float32Array(count * this.continuousSize);
      const discrete = new Int32Array(count * nb);
      if (count === 0) return { continuous, discrete };
      const obs = this.flatten(d.observations, count);
      const stored = new Float32Array(count * A);
      // With rules: every row's logits first (count × A), then one pass of the reasoning layer over the part.
      const logits = reasoner ? new Float32Array(count * A) : null;
      // Rows grouped by actor, so that each actor runs one forward over its rows.
      const byActor = new Map<number, number[]>();
      for (let r = 0; r < count; r++) {
        const actor = net.actorOf(collector.slotOf(part.source, d.groupIds[r]!, d.agentIds[r]!));
        let rows = byActor.get(actor);
        if (!rows) byActor.set(actor, (rows = []));
        rows.push(r);
      }
      for (const [actor, rows] of byActor) {
        const x = new Float32Array(rows.length * this.obsSize);
        rows.forEach((r, k) => x.set(obs.subarray(r * this.obsSize, (r + 1) * this.obsSize), k * this.obsSize));
        const out = net.actorOutputs(actor, x, rows.length);
        if (logits) rows.forEach((r, k) => logits.set(out.subarray(k * A, (k + 1) * A), r * A));
        else rows.forEach((r, k) => this.chooseAction(out, k, r, d.actionMasks, options.deterministic ?? false, continuous, discrete, stored));
      }
      if (reasoner && logits) {
        const context = { rows: [{ source: part.source, offset: 0, count }], step: this.stepsValue, learnerId: this.id, deterministic: options.deterministic ?? false };
        discrete.set(reasonedActions(reasoner, maskedSoftmax(logits, d.actionMasks, count, this.branches), this.branches, d, context).discrete);
        for (let r = 0; r < count; r++) {
          let offset = 0;
          this.branches.forEach((size, b) => {
            stored[r * A + offset + discrete[r * nb + b]!] = 1;
            offset += size;
          });
        }
      }
      if (learn) {
        collector.addDecisions(part.source, { ...d, rewards: this.scaled(d.rewards), groupRewards: this.scaled(d.groupRewards) }, obs, stored);
        this.stepsValue += count;
      }
      return { continuous, discrete };
    });
  }

  forgetSource(source: number): void {
    this.collector?.forgetSource(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    const buffer = this.bufferValue;
    const net = this.net;
    const ready = buffer !== null && net !== null && this.stepsValue >= hp.buffer_init_steps && buffer.size >= hp.batch_size;
    const earned = this.credit.earn(this.stepsValue, ready, hp.steps_per_update);
    if (earned === 0 || !buffer || !net) return null;
    const totals = { criticLoss: 0, actorLoss: 0, meanQ: 0 };
    let count = 0;
    for (let u = 0; u < earned; u++) {
      for (let g = 0; g < hp.gradient_steps; g++) {
        const s = net.gradientStep(buffer.sample(hp.batch_size, this.sampleRng), this.sampleRng);
        totals.criticLoss += s.criticLoss;
        totals.actorLoss += s.actorLoss;
        totals.meanQ += s.meanQ;
        count++;
      }
      this.updates++;
    }
    return {
      'Losses/Q Loss': totals.criticLoss / count,
      'Losses/Policy Loss': totals.actorLoss / count,
      'Policy/Q Mean': totals.meanQ / count,
      'Policy/Learning Rate': hp.learning_rate,
      'Policy/Buffer Size': buffer.size,
      'Policy/Dropped Team Steps': this.droppedSteps,
    };
  }

  save(): MaddpgLearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      teamSize: this.teamSize,
      maddpg: this.net ? this.net.save() : null,
      updateCredit: this.credit.value,
      rngs: { init: this.initRng.getState(), act: this.actRng.getState(), sample: this.sampleRng.getState() },
      replay: this.settings.hyperparameters.save_replay_buffer && this.bufferValue ? this.bufferValue.save() : null,
    };
  }

  load(state: LearnerState, where: string): void {
    checkTrainerType(state, this.trainerType, where);
    const s = state as MaddpgLearnerState;
    const credit = checkCredit(s.updateCredit, where);
    if (!Number.isSafeInteger(s.teamSize) || s.teamSize < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: teamSize: expected an integer ≥ 0, got ${JSON.stringify(s.teamSize ?? null)}`);
    }
    if (this.net && s.teamSize !== 0 && s.teamSize !== this.teamSize) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: teamSize: expected ${this.teamSize} (team_size), got ${s.teamSize}`);
    }
    this.initRng.setState(s.rngs.init);
    if (!this.net && s.teamSize > 0) this.build(s.teamSize);
    if (s.maddpg && this.net) this.net.load(s.maddpg, `${where}: maddpg`);
    if (s.replay && this.bufferValue && this.settings.hyperparameters.save_replay_buffer) this.bufferValue.load(s.replay, `${where}: replay buffer`);
    this.actRng.setState(s.rngs.act);
    this.sampleRng.setState(s.rngs.sample);
    this.stepsValue = s.steps;
    this.updates = s.updates;
    this.credit.restore(credit, s.steps);
  }

  dispose(): void {
    this.net?.dispose();
  }

  private build(n: number): void {
    const hp = this.settings.hyperparameters;
    const network = { ...DEFAULT_NETWORK_SETTINGS, ...this.settings.network };
    this.net = new Maddpg(
      { n, obsSize: this.obsSize, continuousSize: this.continuousSize, branches: this.branches, hiddenUnits: network.hiddenUnits, numLayers: network.numLayers, activation: network.activation },
      hp,
      this.initRng,
    );
    this.bufferValue = new JointReplayBuffer(hp.buffer_size, n, this.obsSize, this.net.actSize);
    this.collector = new TeamCollector(this.bufferValue, n, this.obsSize, this.net.actSize, `learner "${this.id}"`);
  }

  /**
   * Row `k` of the actor outputs → the environment's action for decision row `r` and the stored one. Continuous:
   * tanh, plus N(0, exploration_noise²) when exploring, clipped to [−1, 1]. Discrete: the argmax of the logits
   * per branch, plus Gumbel noise when exploring (a sample of softmax(logits)); masked actions are never chosen;
   * stored one-hot.
   */
  private chooseAction(out: Float32Array, k: number, r: number, masks: Uint8Array | null, deterministic: boolean, continuous: Float32Array, discrete: Int32Array, stored: Float32Array): void {
    const A = this.net!.actSize;
    if (this.continuousSize > 0) {
      const sigma = deterministic ? 0 : this.settings.hyperparameters.exploration_noise;
      for (let c = 0; c < A; c++) {
        let a = Math.tanh(out[k * A + c]!);
        if (sigma > 0) a += sigma * this.actRng.normal();
        a = Math.min(1, Math.max(-1, a));
        continuous[r * A + c] = a;
        stored[r * A + c] = a;
      }
      return;
    }
    const noise = deterministic ? null : gumbelNoise(1, A, this.actRng);
    let offset = 0;
    this.branches.forEach((size, b) => {
      let best = -1;
      let bestValue = -Infinity;
      for (let a = 0; a < size; a++) {
        if (masks && masks[r * A + offset + a]) continue;
        const v = out[k * A + offset + a]! + (noise ? noise[offset + a]! : 0);
        if (best < 0 || v > bestValue) {
          best = a;
          bestValue = v;
        }
      }
      if (best < 0) best = 0; // every action masked: Unity would not send that; take the first.
      discrete[r * this.branches.length + b] = best;
      stored[r * A + offset + best] = 1;
      offset += size;
    });
  }

  /** All observation arrays of `count` rows, concatenated per row. */
  private flatten(observations: readonly Float32Array[], count: number): Float32Array {
    if (observations.length === 1) return observations[0]!;
    const out = new Float32Array(count * this.obsSize);
    for (let r = 0; r < count; r++) {
      let o = r * this.obsSize;
      observations.forEach((obs, i) => {
        const size = this.obsSizes[i]!;
        out.set(obs.subarray(r * size, (r + 1) * size), o);
        o += size;
      });
    }
    return out;
  }

  private scaled(rewards: Float32Array): Float32Array {
    return scaledRewards(rewards, this.settings.rewardStrength);
  }
}

/** The most agents sharing (source, group id) among the decision steps of `parts` (1 when none is grouped). */
function largestGroup(parts: readonly StepsFromSource[]): number {
  const sizes = new Map<string, number>();
  let largest = 1;
  for (const part of parts) {
    const d = part.decisionSteps;
    for (let r = 0; r < d.count; r++) {
      if (d.groupIds[r] === 0) continue;
      const key = `${part.source}:${d.groupIds[r]}`;
      const size = (sizes.get(key) ?? 0) + 1;
      sizes.set(key, size);
      largest = Math.max(largest, size);
    }
  }
  return largest;
}

/**
 * rows × Σ branches logits → per branch softmax over the allowed actions (masks: 1 = not allowed; a branch with
 * every action masked counts all as allowed), masked actions exactly 0.
 */
export function maskedSoftmax(logits: Float32Array, masks: Uint8Array | null, rows: number, branches: readonly number[]): Float32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let offset = r * width;
    for (const size of branches) {
      let all = true;
      for (let a = 0; a < size; a++) if (!masks || !masks[offset + a]) all = false;
      const allowed = (a: number) => all || !masks || !masks[offset + a];
      let max = -Infinity;
      for (let a = 0; a < size; a++) if (allowed(a)) max = Math.max(max, logits[offset + a]!);
      let z = 0;
      for (let a = 0; a < size; a++) if (allowed(a)) z += Math.exp(logits[offset + a]! - max);
      for (let a = 0; a < size; a++) if (allowed(a)) out[offset + a] = Math.exp(logits[offset + a]! - max) / z;
      offset += size;
    }
  }
  return out;
}
