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
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { activateTf } from '../networks/activations.js';
import { createDense, denseTf, type Dense } from '../networks/dense.js';
import type { NetworkSettings } from '../networks/network-settings.js';
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
    this.head = createDense(this.params, 'critic/value', h + 1, 1, rng, 1);
    this.signalHeads = signals.map((name) => createDense(this.params, `critic/value_${name}`, h + 1, 1, rng, 1));
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
    return tf.reshape(activateTf(denseTf(flat, layer), this.settings.activation), [b, e, this.settings.hiddenUnits]) as tf.Tensor3D;
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

  /** Attention pool, trunk, ⧺ count feature: what every head reads. */
  private features(entities: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
    let h = selfAttentionPoolTf(this.attention, entities, mask);
    for (const layer of this.trunk) h = activateTf(denseTf(h, layer), this.settings.activation);
    const present = tf.sum(tf.sub(1, mask), 1, true);
    const count = tf.sub(tf.mul(present, 2 / this.maxMembers), 1);
    return tf.concat([h, count], 1) as tf.Tensor2D;
  }

  private heads(features: tf.Tensor2D): tf.Tensor1D[] {
    return [this.head, ...this.signalHeads].map((head) => tf.reshape(denseTf(features, head), [-1]) as tf.Tensor1D);
  }
}
