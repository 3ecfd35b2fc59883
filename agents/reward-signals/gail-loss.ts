/**
 * The terms of GAIL's discriminator loss and reward, as small pure functions (ML-Agents' DiscriminatorNetwork and
 * GAILRewardProvider, ε = 1e-7):
 *
 *   loss_D   = −mean( log(D(x_E) + ε) + log(1 − D(x_π) + ε) )                 binary cross-entropy, expert = 1
 *   KL       = mean_i −Σ_k (1 + log σ_k² − ½μ_E,ik² − ½μ_π,ik² − σ_k²)          VAIL's bottleneck
 *   loss    += β·(KL − I_c)                                                   I_c = 0.5, β fixed in the step
 *   β       ← max(0, β + α·(KL − I_c))                                        dual ascent, α = 0.0005
 *   GP       = mean_i (√(‖∂D/∂x(x̂_i)‖² + ε) − 1)²,  x̂ = u⊙x_π + (1−u)⊙x_E, u ~ U(0,1) per element
 *   loss    += 10·GP                                                          (Gulrajani et al. 2017)
 *   r(x)     = −log(1 − D(x)·(1 − ε))                                         the reward, ≥ 0
 */
import * as tf from '@tensorflow/tfjs';
import { GAIL_CONSTANTS } from './gail-settings.js';

const EPS = GAIL_CONSTANTS.epsilon;

/** Binary cross-entropy of the discriminator: expert rows labelled 1, policy rows 0. */
export function discriminatorLoss(expertEstimate: tf.Tensor1D, policyEstimate: tf.Tensor1D): tf.Scalar {
  return tf.neg(tf.mean(tf.add(tf.log(tf.add(expertEstimate, EPS)), tf.log(tf.add(tf.sub(1, policyEstimate), EPS))))) as tf.Scalar;
}

/** VAIL's KL term between the codes of an expert and a policy batch and N(0, I). */
export function vailKl(expertMu: tf.Tensor2D, policyMu: tf.Tensor2D, sigma: tf.Tensor1D): tf.Scalar {
  const s2 = tf.square(sigma);
  const inner = tf.sub(tf.sub(tf.sub(tf.add(1, tf.log(s2)), tf.mul(0.5, tf.square(expertMu))), tf.mul(0.5, tf.square(policyMu))), s2);
  return tf.mean(tf.neg(tf.sum(inner, 1))) as tf.Scalar;
}

/** β after one dual-ascent step: up when the KL exceeds the target mutual information, down (not below 0) otherwise. */
export function nextBeta(beta: number, kl: number, step: number = GAIL_CONSTANTS.betaStep, target: number = GAIL_CONSTANTS.mutualInformation): number {
  return Math.max(0, beta + step * (kl - target));
}

/** mean_i (√(‖g_i‖² + ε) − 1)² of an input gradient, rows × width. */
export function gradientPenalty(gradient: tf.Tensor2D): tf.Scalar {
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(gradient), 1), EPS));
  return tf.mean(tf.square(tf.sub(norm, 1))) as tf.Scalar;
}

/** x̂ = u⊙x_π + (1 − u)⊙x_E, element by element. */
export function interpolate(policy: tf.Tensor2D, expert: tf.Tensor2D, u: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.mul(u, policy), tf.mul(tf.sub(1, u), expert)) as tf.Tensor2D;
}

/** GAIL's reward for estimates D (plain numbers): −log(1 − D·(1 − ε)). */
export function gailReward(estimates: Float32Array): Float32Array {
  return estimates.map((d) => -Math.log(1 - d * (1 - EPS)));
}
