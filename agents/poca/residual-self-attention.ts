/**
 * Residual self-attention over a variable set of entities with a presence mask, as ML-Agents' POCA critic uses it
 * (after Baker et al. 2019's entity attention), in tfjs:
 *
 *   x     = LayerNorm(entities)                              [B, E, H], no learned scale or shift
 *   Q,K,V = x·W_q, x·W_k, x·W_v, split into `heads` heads
 *   A     = softmax( (1 − m)·QKᵀ/√H + m·(−1e6) )             m = 1 for an absent entity (a masked key)
 *   y     = LayerNorm( (A·V)·W_out + x )
 *   out   = Σ_e (1 − m_e)·y_e / (Σ_e (1 − m_e) + 1e-7)        mean over the present entities only
 *
 * Absent entities are neither attended to (their keys get −1e6) nor pooled (their rows are multiplied by 0), so
 * whatever finite numbers fill their slots, the output is the same. Call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import { createDense, denseTf, type Dense } from '../networks/dense.js';
import type { ParameterSet } from '../networks/parameters.js';

/** ML-Agents' ResidualSelfAttention defaults: 4 heads, −1e6 for masked keys, 1e-7 in the pooling denominator. */
export const ATTENTION_HEADS = 4;
const NEG_INF = -1e6;
const POOL_EPSILON = 1e-7;
const LAYER_NORM_EPSILON = 1e-5;

export interface SelfAttentionBlock {
  readonly size: number;
  readonly heads: number;
  readonly q: Dense;
  readonly k: Dense;
  readonly v: Dense;
  readonly out: Dense;
}

/**
 * Weights of one block. ML-Agents initialises them small (T-Fixup: gain √(0.125 / H)); we use the same gain on
 * orthogonal matrices. Four heads when H divides by 4, else one.
 */
export function createSelfAttention(params: ParameterSet, name: string, size: number, rng: Rng): SelfAttentionBlock {
  const gain = Math.sqrt(0.125 / size);
  const layer = (part: string) => createDense(params, `${name}/${part}`, size, size, rng, gain);
  return { size, heads: size % ATTENTION_HEADS === 0 ? ATTENTION_HEADS : 1, q: layer('q'), k: layer('k'), v: layer('v'), out: layer('out') };
}

/** (x − mean) / √(var + ε) over the last axis. */
export function layerNormTf<T extends tf.Tensor>(x: T): T {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.div(centred, tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON))) as T;
}

/** entities [B, E, H], mask [B, E] (1 = absent) → the pooled encoding [B, H]. */
export function selfAttentionPoolTf(block: SelfAttentionBlock, entities: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
  const [b, e, h] = entities.shape;
  const heads = block.heads;
  const d = h / heads;
  const x = tf.reshape(layerNormTf(entities), [b * e, h]) as tf.Tensor2D;
  // [B·E, H] → [B·heads, E, d]
  const split = (layer: Dense) => tf.reshape(tf.transpose(tf.reshape(denseTf(x, layer), [b, e, heads, d]), [0, 2, 1, 3]), [b * heads, e, d]) as tf.Tensor3D;
  const q = split(block.q);
  const k = split(block.k);
  const v = split(block.v);
  const scores = tf.reshape(tf.matMul(q, tf.transpose(k, [0, 2, 1])), [b, heads, e, e]);
  const m = tf.reshape(mask, [b, 1, 1, e]);
  const masked = tf.add(tf.mul(tf.sub(1, m), tf.div(scores, Math.sqrt(h))), tf.mul(m, NEG_INF));
  const attention = tf.reshape(tf.softmax(masked), [b * heads, e, e]) as tf.Tensor3D;
  const mixed = tf.reshape(tf.transpose(tf.reshape(tf.matMul(attention, v), [b, heads, e, d]), [0, 2, 1, 3]), [b * e, h]) as tf.Tensor2D;
  const y = layerNormTf(tf.reshape(tf.add(denseTf(mixed, block.out), x), [b, e, h]));
  const present = tf.sub(1, mask);
  const numerator = tf.sum(tf.mul(y, tf.expandDims(present, 2)), 1);
  const denominator = tf.add(tf.sum(present, 1, true), POOL_EPSILON);
  return tf.div(numerator, denominator) as tf.Tensor2D;
}
