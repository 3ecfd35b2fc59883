/**
 * MA-POCA's centralised critic (Cohen et al. 2021; ML-Agents' POCAValueNetwork): one attention network that gives
 * both the group value and each member's counterfactual baseline.
 *
 *   value     V(g)         entities = every present member's observation, embedded by `obs`
 *   baseline  Q(o_i, a_−i) entities = member i's observation (embedded by `obs`, no action)
 *                                     + every other present member's (observation, action), embedded by `obsAction`
 *
 *   entities ─ embed (dense + activation) ─ residual self-attention, masked, mean-pooled ─ trunk (num_layers)
 *            ─ ⧺ count feature ─ head → scalar
 *
 * The count feature is (present entities)·2 / (most members seen) − 1, as ML-Agents appends it: −1 for one member,
 * +1 for a full group. `maxMembers` grows with the data and is part of the saved state.
 *
 * An entity's observation is every observation spec of the member flattened and concatenated (normalised as the
 * actor normalises them); its action is the continuous sample followed by one one-hot per discrete branch.
 *
 * Reward signals beside the extrinsic one (gail, curiosity, rnd), as ML-Agents' POCAValueNetwork (one ValueHeads
 * with a stream per signal, read by both the value and the baseline pass): each signal has its own head on the
 * same encoding, so V_k(g) and b_k(o_i, a_−i) come from one pass (valuesTf, baselinesTf). Without signals the
 * network is what it was, weight for weight.
 *
 * With network_settings.memory, as ML-Agents' MultiAgentNetworkBody: an LSTM (agents/networks/lstm.ts) after the
 * trunk, before the count feature, so every head reads [LSTM output ⧺ count]. The value pass and the baseline pass
 * share its weights and keep memories of their own (ML-Agents' CRITIC_MEMORY and BASELINE_MEMORY). Two forwards:
 * one step on plain arrays from given memories (the update's preparation, critic-memories.ts) and sequences in tfjs
 * from their initial memories, both passes in one run of the LSTM (the losses, recurrent-poca.ts). Its weights are drawn after every other one, so the
 * network without memory is unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { createDense, denseActivationTf, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { createLstm, lstmSequencesTf, lstmStepHost, type Lstm } from '../networks/lstm.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import { matMul } from '../../src/core/runtime/fast-ops.js';
import { ParameterSet, type SavedParameter } from '../networks/parameters.js';
import { createSelfAttention, selfAttentionPoolTf, type SelfAttentionBlock } from './residual-self-attention.js';

export interface SavedGroupCritic {
  readonly format: 'shiva-poca-critic';
  readonly version: 1;
  readonly entitySize: number;
  readonly actionSize: number;
  readonly maxMembers: number;
  readonly parameters: readonly SavedParameter[];
}

/** The trunk's output before the LSTM and the count feature, per row: what a recurrent pass steps through its LSTM. */
export interface CriticEncoding {
  /** [B, hiddenUnits]. */
  readonly trunk: tf.Tensor2D;
  /** [B, 1]. */
  readonly count: tf.Tensor2D;
}

/**
 * Rows laid out as B sequences of `length` (row b·length + t is step t of sequence b), each from its memories, and
 * which of the rows are real: what the recurrent forward reads.
 */
export interface CriticSequences {
  readonly length: number;
  /** [B, memorySize] each: the value pass's and the baseline pass's memory each sequence starts from. */
  readonly valueMemories: tf.Tensor2D;
  readonly baselineMemories: tf.Tensor2D;
  /** [V, B·length]: row k one-hot at the k-th real row; the heads read only those. */
  readonly select: tf.Tensor2D;
}

export class GroupCritic {
  readonly params = new ParameterSet();
  /** Most members ever present at once in the data the critic has seen; scales the count feature. */
  maxMembers = 1;
  private readonly obs: Dense;
  private readonly obsAction: Dense;
  private readonly attention: SelfAttentionBlock;
  private readonly trunk: Dense[] = [];
  private readonly head: Dense;
  /** One head per reward signal beside the extrinsic one, in the learner's signal order. */
  private readonly signalHeads: Dense[];
  /** With memory: the LSTM after the trunk; null without. */
  private readonly lstm: Lstm | null;
  /** Floats of one memory of the LSTM ([h | c]); 0 without memory. */
  readonly memorySize: number;

  constructor(
    /** Floats in one member's flattened observations. */
    readonly entitySize: number,
    /** Continuous size + Σ branch sizes. */
    readonly actionSize: number,
    private readonly settings: NetworkSettings,
    rng: Rng,
    /** Names of the reward signals beside the extrinsic one (each gets a head, drawn after every other weight). */
    readonly signals: readonly string[] = [],
  ) {
    const h = settings.hiddenUnits;
    const embedGain = Math.sqrt(0.125 / h); // ML-Agents' EntityEmbedding gain
    this.obs = createDense(this.params, 'critic/embed_obs', entitySize, h, rng, embedGain);
    this.obsAction = createDense(this.params, 'critic/embed_obs_action', entitySize + actionSize, h, rng, embedGain);
    this.attention = createSelfAttention(this.params, 'critic/attention', h, rng);
    for (let l = 0; l < settings.numLayers; l++) this.trunk.push(createDense(this.params, `critic/hidden${l}`, h, h, rng, Math.SQRT2));
    const memory = settings.memory ?? null;
    const encoded = memory ? memory.memorySize / 2 : h;
    this.head = createDense(this.params, 'critic/value', encoded + 1, 1, rng, 1);
    this.signalHeads = signals.map((name) => createDense(this.params, `critic/value_${name}`, encoded + 1, 1, rng, 1));
    this.lstm = memory ? createLstm(this.params, 'critic/lstm', h, memory.memorySize, rng) : null;
    this.memorySize = memory?.memorySize ?? 0;
  }

  /** The value pass up to the LSTM: the trunk's output and the count feature per group state. Call inside tf.tidy. */
  valueEncodingTf(groupObs: tf.Tensor3D, groupMask: tf.Tensor2D): CriticEncoding {
    return { trunk: this.trunkTf(this.embed(groupObs, this.obs), groupMask), count: this.countTf(groupMask) };
  }

  /** The baseline pass up to the LSTM (as baselineTf's inputs). Call inside tf.tidy. */
  baselineEncodingTf(selfObs: tf.Tensor2D, others: tf.Tensor3D, othersMask: tf.Tensor2D): CriticEncoding {
    const { entities, mask } = this.baselineEntities(selfObs, others, othersMask);
    return { trunk: this.trunkTf(entities, mask), count: this.countTf(mask) };
  }

  /**
   * One LSTM step for `rows` rows on the host weights: `trunk` rows × hiddenUnits, `memories` rows × memorySize
   * before it → the output (rows × memorySize / 2) and the memories after.
   */
  stepHost(trunk: Float32Array, memories: Float32Array, rows: number): { output: Float32Array; memories: Float32Array } {
    const step = lstmStepHost(trunk, memories, rows, this.recurrentLstm());
    return { output: step.output, memories: step.memory };
  }

  /** Every head on the host weights: `output` rows × memorySize / 2 (the LSTM's), `count` rows → one array per head. */
  headsHost(output: Float32Array, count: Float32Array, rows: number): Float32Array[] {
    const width = this.memorySize / 2;
    const x = new Float32Array(rows * (width + 1));
    for (let r = 0; r < rows; r++) {
      x.set(output.subarray(r * width, (r + 1) * width), r * (width + 1));
      x[r * (width + 1) + width] = count[r]!;
    }
    return [this.head, ...this.signalHeads].map((head) => denseHost(x, rows, head));
  }

  /**
   * Every head's V_k and b_k over sequences (all rows, padding too, in CriticSequences' layout): the value pass's
   * inputs and the baseline pass's, each from its own memories, through the one LSTM in a single run (the two
   * passes side by side as 2B sequences). Returns the real rows' values and baselines, [V] per head. Call inside tf.tidy.
   */
  sequencesTf(value: { readonly groupObs: tf.Tensor3D; readonly groupMask: tf.Tensor2D }, baseline: { readonly selfObs: tf.Tensor2D; readonly others: tf.Tensor3D; readonly othersMask: tf.Tensor2D }, sequences: CriticSequences): { values: tf.Tensor1D[]; baselines: tf.Tensor1D[] } {
    const v = this.valueEncodingTf(value.groupObs, value.groupMask);
    const b = this.baselineEncodingTf(baseline.selfObs, baseline.others, baseline.othersMask);
    const rows = v.trunk.shape[0];
    const output = lstmSequencesTf(tf.concat([v.trunk, b.trunk], 0) as tf.Tensor2D, tf.concat([sequences.valueMemories, sequences.baselineMemories], 0) as tf.Tensor2D, sequences.length, this.recurrentLstm());
    const heads = (part: number, count: tf.Tensor2D) => {
      const rowsOfPart = tf.slice(output, [part * rows, 0], [rows, -1]) as tf.Tensor2D;
      return this.heads(tf.concat([matMul(sequences.select, rowsOfPart), matMul(sequences.select, count)], 1) as tf.Tensor2D);
    };
    return { values: heads(0, v.count), baselines: heads(1, b.count) };
  }

  /** V_k(g) for the extrinsic stream, then each signal's: 1 + signals.length tensors of [B]. Call inside tf.tidy. */
  valuesTf(groupObs: tf.Tensor3D, groupMask: tf.Tensor2D): tf.Tensor1D[] {
    return this.heads(this.features(this.embed(groupObs, this.obs), groupMask));
  }

  /** b_k(o_i, a_−i) for the extrinsic stream, then each signal's (as baselineTf). Call inside tf.tidy. */
  baselinesTf(selfObs: tf.Tensor2D, others: tf.Tensor3D, othersMask: tf.Tensor2D): tf.Tensor1D[] {
    const { entities, mask } = this.baselineEntities(selfObs, others, othersMask);
    return this.heads(this.features(entities, mask));
  }

  /** V(g): groupObs [B, N, D] normalised, groupMask [B, N] (1 = absent) → [B]. Call inside tf.tidy. */
  valueTf(groupObs: tf.Tensor3D, groupMask: tf.Tensor2D): tf.Tensor1D {
    return this.encode(this.embed(groupObs, this.obs), groupMask);
  }

  /**
   * Member i's baseline: selfObs [B, D], others [B, M, D + A] (observation ⧺ action of every other member),
   * othersMask [B, M] → [B]. Call inside tf.tidy.
   */
  baselineTf(selfObs: tf.Tensor2D, others: tf.Tensor3D, othersMask: tf.Tensor2D): tf.Tensor1D {
    const { entities, mask } = this.baselineEntities(selfObs, others, othersMask);
    return this.encode(entities, mask);
  }

  save(): SavedGroupCritic {
    return { format: 'shiva-poca-critic', version: 1, entitySize: this.entitySize, actionSize: this.actionSize, maxMembers: this.maxMembers, parameters: this.params.save() };
  }

  load(saved: SavedGroupCritic, where: string): void {
    if (!saved || saved.format !== 'shiva-poca-critic' || saved.version !== 1) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: format: expected shiva-poca-critic version 1, got ${saved ? `${String(saved.format)} version ${String(saved.version)}` : 'nothing'}`);
    }
    if (saved.entitySize !== this.entitySize || saved.actionSize !== this.actionSize) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: entity and action sizes: expected ${this.entitySize} and ${this.actionSize}, got ${saved.entitySize} and ${saved.actionSize}`);
    }
    if (!Number.isInteger(saved.maxMembers) || saved.maxMembers < 1) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: maxMembers: expected an integer ≥ 1, got ${String(saved.maxMembers)}`);
    }
    this.params.load(saved.parameters ?? [], where);
    this.maxMembers = saved.maxMembers;
  }

  dispose(): void {
    this.params.dispose();
  }

  private embed(entities: tf.Tensor3D, layer: Dense): tf.Tensor3D {
    const [b, e, size] = entities.shape;
    const flat = tf.reshape(entities, [b * e, size]) as tf.Tensor2D;
    return tf.reshape(denseActivationTf(flat, layer, this.settings.activation), [b, e, this.settings.hiddenUnits]) as tf.Tensor3D;
  }

  private encode(entities: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(denseTf(this.features(entities, mask), this.head), [-1]) as tf.Tensor1D;
  }

  /** Member i's own entity (no action) first, then every other member's (observation, action). */
  private baselineEntities(selfObs: tf.Tensor2D, others: tf.Tensor3D, othersMask: tf.Tensor2D): { entities: tf.Tensor3D; mask: tf.Tensor2D } {
    const b = selfObs.shape[0];
    const self = this.embed(tf.reshape(selfObs, [b, 1, this.entitySize]) as tf.Tensor3D, this.obs);
    const rest = this.embed(others, this.obsAction);
    const mask = tf.concat([tf.zeros([b, 1]), othersMask], 1) as tf.Tensor2D;
    return { entities: tf.concat([self, rest], 1) as tf.Tensor3D, mask };
  }

  /** Attention pool, trunk, ⧺ count feature: what every head reads (without memory). */
  private features(entities: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
    if (this.lstm) throw new Error('GroupCritic: a critic with memory reads sequences (sequencesTf)');
    return tf.concat([this.trunkTf(entities, mask), this.countTf(mask)], 1) as tf.Tensor2D;
  }

  /** Attention pool, then the trunk's layers. */
  private trunkTf(entities: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
    let h = selfAttentionPoolTf(this.attention, entities, mask);
    for (const layer of this.trunk) h = denseActivationTf(h, layer, this.settings.activation);
    return h;
  }

  /** (present entities)·2 / maxMembers − 1, [B, 1]. */
  private countTf(mask: tf.Tensor2D): tf.Tensor2D {
    const present = tf.sum(tf.sub(1, mask), 1, true);
    return tf.sub(tf.mul(present, 2 / this.maxMembers), 1) as tf.Tensor2D;
  }

  private recurrentLstm(): Lstm {
    if (!this.lstm) throw new Error('GroupCritic: a recurrent pass on a critic without memory (network_settings.memory is not set)');
    return this.lstm;
  }

  private heads(features: tf.Tensor2D): tf.Tensor1D[] {
    return [this.head, ...this.signalHeads].map((head) => tf.reshape(denseTf(features, head), [-1]) as tf.Tensor1D);
  }
}
