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
 * gradient steps, the credit kept as a fraction between calls (UpdateCredit, agents/plugin/off-policy-learner.ts).
 *
 * With a rule file (`cognitive:`, discrete actions only), π per branch is softmax(logits) over the allowed actions
 * (the distribution of the Gumbel-max sample) and the reasoning layer's sample of π·f/Z acts instead (greedy: its
 * mode); the chosen action is stored one-hot as usual. Continuous MADDPG refuses rule files.
 */
import { Maddpg, type SavedMaddpg } from './maddpg.js';
import type { MaddpgHyperparameters } from './hyperparameters.js';
import { JointReplayBuffer, type SavedJointReplay } from './joint-replay.js';
import { TeamCollector } from './team-collector.js';
import { gumbelNoise } from './gumbel-softmax.js';
import type { ActOutput } from '../networks/acting.js';
import { DEFAULT_NETWORK_SETTINGS } from '../networks/network-settings.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { actionsOnly, CONTINUOUS_RULE_REFUSAL, type ActingContext, type ActingPolicy, type LearnerState, type PolicyProposal, type StepsFromSource } from '../plugin/learner.js';
import { OffPolicyLearner } from '../plugin/off-policy-learner.js';
import { scaledRewards } from '../plugin/rewards.js';
import { observationSize, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { exportObservation } from '../networks/export-layers.js';

export type MaddpgLearnerSettings = LearnerSettings<MaddpgHyperparameters>;

export class MaddpgLearner extends OffPolicyLearner {
  readonly obsSize: number;
  readonly continuousSize: number;
  readonly branches: readonly number[];
  readonly actingPolicy: ActingPolicy;
  private readonly obsSizes: readonly number[];
  private net: Maddpg | null = null;
  private bufferValue: JointReplayBuffer | null = null;
  private teams: TeamCollector | null = null;
  private readonly initRng: Rng;
  private readonly actRng: Rng;
  private readonly sampleRng: Rng;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: MaddpgLearnerSettings,
    seeds: RunSeeds,
  ) {
    const where = `learner "${settings.id}" (maddpg) for behavior "${spec.name}"`;
    for (const [i, o] of spec.observationSpecs.entries()) {
      if (o.shape.length !== 1) throw new ShivaError('SHIVA_ERR_NETWORK', `${where}: observation ${i} (${o.name}): expected a vector observation, got shape [${o.shape.join(', ')}]`);
    }
    const obsSizes = spec.observationSpecs.map(observationSize);
    const obsSize = obsSizes.reduce((a, b) => a + b, 0);
    const continuousSize = spec.actionSpec.continuousSize;
    const branches = [...spec.actionSpec.discreteBranches];
    if ((continuousSize > 0) === branches.length > 0) {
      throw new ShivaError('SHIVA_ERR_NETWORK', `${where}: actions: expected continuous actions or discrete branches (not both, not neither), got ${continuousSize} continuous and branches [${branches.join(', ')}]`);
    }
    const label = `learner:${settings.id}`;
    const initRng = seeds.rng(`${label}:init`);
    const actRng = seeds.rng(`${label}:act`);
    const sampleRng = seeds.rng(`${label}:sample`);
    super(spec, { ...settings, trainerType: 'maddpg' }, { init: initRng, act: actRng, sample: sampleRng });
    this.obsSizes = obsSizes;
    this.obsSize = obsSize;
    this.continuousSize = continuousSize;
    this.branches = branches;
    this.initRng = initRng;
    this.actRng = actRng;
    this.sampleRng = sampleRng;
    if (settings.hyperparameters.team_size > 0) this.build(settings.hyperparameters.team_size);
    this.actingPolicy = {
      ruleRefusal: this.continuousSize > 0 ? CONTINUOUS_RULE_REFUSAL : null,
      prepare: (parts) => {
        if (!this.net) this.build(largestGroup(parts));
      },
      act: (steps, context) => this.act(steps, context),
    };
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
    return this.teams?.dropped ?? 0;
  }

  /**
   * Each environment's rows in turn: rosters first (so that a team whose members all arrive now has its slots
   * before anyone acts), then each row on its slot's actor, rows grouped by actor so that each actor runs one
   * forward over them. With rules: π per branch is softmax(logits) over the allowed actions (the law of the
   * Gumbel-max sample), and the reasoning layer samples instead.
   */
  private act(steps: DecisionSteps, context: ActingContext): PolicyProposal {
    const net = this.net!;
    const teams = this.teams!;
    const A = net.actSize;
    const nb = this.branches.length;
    const all = steps.count;
    for (const part of context.rows) teams.register(part.source, steps.agentIds.subarray(part.offset, part.offset + part.count), steps.groupIds.subarray(part.offset, part.offset + part.count));
    const continuous = new Float32Array(all * this.continuousSize);
    const discrete = new Int32Array(all * nb);
    const logits = context.withRules ? new Float32Array(all * A) : null;
    const masks = steps.actionMasks;
    const obs = this.flatten(steps.observations, all);
    for (const part of context.rows) {
      const byActor = new Map<number, number[]>();
      for (let r = part.offset; r < part.offset + part.count; r++) {
        const actor = net.actorOf(teams.slotOf(part.source, steps.groupIds[r]!, steps.agentIds[r]!));
        let rows = byActor.get(actor);
        if (!rows) byActor.set(actor, (rows = []));
        rows.push(r);
      }
      for (const [actor, rows] of byActor) {
        const x = new Float32Array(rows.length * this.obsSize);
        rows.forEach((r, k) => x.set(obs.subarray(r * this.obsSize, (r + 1) * this.obsSize), k * this.obsSize));
        const out = net.actorOutputs(actor, x, rows.length);
        if (logits) rows.forEach((r, k) => logits.set(out.subarray(k * A, (k + 1) * A), r * A));
        else rows.forEach((r, k) => this.chooseAction(out, k, r, masks, context.deterministic, continuous, discrete));
      }
    }
    return actionsOnly(all, continuous, discrete, logits ? maskedSoftmax(logits, masks, all, this.branches) : new Float32Array(0));
  }

  /**
   * The actor of team slot 0 (the only one with shared_actor): every vector observation concatenated through its MLP;
   * continuous: tanh (exploration noise is not exported); discrete: the masked argmax per branch, and for the
   * stochastic output a draw from softmax(logits), the law of the Gumbel-max sample. Null until the team size is known.
   */
  exportPolicy(): ExportablePolicy | null {
    if (!this.net) return null;
    const { trunk, out } = this.net.actors[0]!.describe();
    const observations = this.spec.observationSpecs.map((o) => exportObservation(o, null, null));
    const continuous = this.continuousSize > 0 ? { size: this.continuousSize, mean: out, squash: 'tanh' as const, noise: null } : null;
    const discrete = this.continuousSize > 0 ? null : { branches: [...this.branches], logits: out, sample: true };
    return { format: 'shiva-exportable-policy', version: 1, trainerType: 'maddpg', observations, trunk, discrete, continuous };
  }

  override endEpisodes(source: number, terminal: TerminalSteps): void {
    this.teams!.addTerminal(source, { ...terminal, rewards: this.scaled(terminal.rewards), groupRewards: this.scaled(terminal.groupRewards) }, this.flatten(terminal.observations, terminal.count));
  }

  /** The team transitions: what each agent observed and did (continuous actions, or one-hot discrete ones). */
  override addDecisions(source: number, decisions: DecisionSteps, rows: ActOutput): void {
    const A = this.net!.actSize;
    const count = decisions.count;
    const stored = new Float32Array(count * A);
    if (this.continuousSize > 0) stored.set(rows.continuous);
    else {
      const nb = this.branches.length;
      for (let r = 0; r < count; r++) {
        let offset = 0;
        this.branches.forEach((size, b) => {
          stored[r * A + offset + rows.discrete[r * nb + b]!] = 1;
          offset += size;
        });
      }
    }
    this.teams!.addDecisions(source, { ...decisions, rewards: this.scaled(decisions.rewards), groupRewards: this.scaled(decisions.groupRewards) }, this.flatten(decisions.observations, count), stored);
    this.stepsValue += count;
  }

  override forgetSource(source: number): void {
    this.teams?.forgetSource(source);
  }

  protected override readyToUpdate(): boolean {
    const hp = this.settings.hyperparameters;
    return this.bufferValue !== null && this.net !== null && this.stepsValue >= hp.buffer_init_steps && this.bufferValue.size >= hp.batch_size;
  }

  protected update(earned: number): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    const buffer = this.bufferValue;
    const net = this.net;
    if (!buffer || !net) return null;
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

  protected saveModel(): Record<string, unknown> {
    return { teamSize: this.teamSize, maddpg: this.net ? this.net.save() : null };
  }

  protected loadModel(state: LearnerState, where: string): void {
    const teamSize = state['teamSize'];
    if (typeof teamSize !== 'number' || !Number.isSafeInteger(teamSize) || teamSize < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: teamSize: expected an integer ≥ 0, got ${JSON.stringify(teamSize ?? null)}`);
    }
    if (this.net && teamSize !== 0 && teamSize !== this.teamSize) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: teamSize: expected ${this.teamSize} (team_size), got ${teamSize}`);
    }
    if (!this.net && teamSize > 0) this.build(teamSize);
    const saved = state['maddpg'] as SavedMaddpg | null;
    if (saved && this.net) this.net.load(saved, `${where}: maddpg`);
  }

  protected override saveReplay(): SavedJointReplay | null {
    return this.bufferValue ? this.bufferValue.save() : null;
  }

  protected override loadReplay(saved: unknown, where: string): void {
    this.bufferValue?.load(saved as SavedJointReplay, where);
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
    this.teams = new TeamCollector(this.bufferValue, n, this.obsSize, this.net.actSize, `learner "${this.id}"`);
  }

  /**
   * Row `k` of the actor outputs → the environment's action for decision row `r` and the stored one. Continuous:
   * tanh, plus N(0, exploration_noise²) when exploring, clipped to [−1, 1]. Discrete: the argmax of the logits
   * per branch, plus Gumbel noise when exploring (a sample of softmax(logits)); masked actions are never chosen;
   * the sink stores them one-hot.
   */
  private chooseAction(out: Float32Array, k: number, r: number, masks: Uint8Array | null, deterministic: boolean, continuous: Float32Array, discrete: Int32Array): void {
    const A = this.net!.actSize;
    if (this.continuousSize > 0) {
      const sigma = deterministic ? 0 : this.settings.hyperparameters.exploration_noise;
      for (let c = 0; c < A; c++) {
        let a = Math.tanh(out[k * A + c]!);
        if (sigma > 0) a += sigma * this.actRng.normal();
        a = Math.min(1, Math.max(-1, a));
        continuous[r * A + c] = a;
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
