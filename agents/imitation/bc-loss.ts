/**
 * The behavioral-cloning loss on one minibatch of expert decisions, on tensors:
 *
 *   discrete   NLL = −mean_rows Σ_branches log π'(a_b | s)      π' = the softmax of each branch under the expert's
 *                                                                 action mask (masked logits get −1e8), so the
 *                                                                 policy is not taught what it is never allowed;
 *   continuous MSE = mean_rows,components (μ(s) − a*)²            μ = the Gaussian mean, a* = the demo action
 *                                                                 mapped back into the mean's space (see below);
 *   hybrid     loss = NLL + MSE.
 *
 * Continuous actions follow ML-Agents' BC module (mlagents/trainers/torch/components/bc/module.py), which takes
 * the mean squared error between the policy's action and the demo's, rather than the Gaussian NLL: an NLL would
 * also shrink σ towards the demo's spread and starve PPO of exploration when BC runs beside it. We use the mean
 * (the deterministic action) instead of a sample, which has the same minimiser and no sampling noise. The demo
 * action is what the environment received, so it is mapped into the mean's space: clipped to [−1, 1] ('clip'),
 * or clipped and times 3 ('clamp3', whose environment action is clamp(μ, −3, 3) / 3).
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorOutputs } from '../networks/actor-critic.js';
import { categoricalLogProbEntropy } from '../networks/distributions-tf.js';
import type { NetworkSettings } from '../networks/network-settings.js';

export interface BcLossInputs {
  /** rows × Σ branch sizes one-hot of the expert's discrete actions; null without branches. */
  readonly oneHot: tf.Tensor2D | null;
  /** From factorArrays() of (1 − mask): null when no row had a mask. */
  readonly allowed: tf.Tensor2D | null;
  readonly offset: tf.Tensor2D | null;
  /** rows × continuousSize targets in the mean's space (continuousTargets()); null without continuous actions. */
  readonly continuousTargets: tf.Tensor2D | null;
}

export interface BcLossTerms {
  readonly loss: tf.Scalar;
  /** Mean negative log-likelihood of the expert's discrete action (summed over branches); null without branches. */
  readonly nll: tf.Scalar | null;
  /** Mean squared error of the continuous mean; null without continuous actions. */
  readonly mse: tf.Scalar | null;
}

export function bcLoss(outputs: Pick<TensorOutputs, 'logits' | 'mean'>, branches: readonly number[], x: BcLossInputs): BcLossTerms {
  let nll: tf.Scalar | null = null;
  let mse: tf.Scalar | null = null;
  if (outputs.logits && x.oneHot) {
    const { logProb } = categoricalLogProbEntropy(outputs.logits, branches, x.oneHot, x.allowed, x.offset);
    nll = tf.neg(tf.mean(logProb)) as tf.Scalar;
  }
  if (outputs.mean && x.continuousTargets) mse = tf.mean(tf.square(tf.sub(outputs.mean, x.continuousTargets))) as tf.Scalar;
  const loss = nll && mse ? (tf.add(nll, mse) as tf.Scalar) : (nll ?? mse);
  if (!loss) throw new Error('bcLoss: the policy has no head for the expert actions given');
  return { loss, nll, mse };
}

/** Demo actions (as the environment received them) → targets for the Gaussian mean. */
export function continuousTargets(actions: Float32Array, actionClip: NetworkSettings['actionClip']): Float32Array {
  const scale = actionClip === 'clamp3' ? 3 : 1;
  return actions.map((a) => Math.max(-1, Math.min(1, a)) * scale);
}
