/**
 * PPO's loss on one minibatch (Schulman et al. 2017), on tensors:
 *
 *   ratio        = exp(log π_new(a|s) − log π_old(a|s))
 *   policy loss  = −mean( min(ratio·A, clip(ratio, 1−ε, 1+ε)·A) )
 *   value loss   = mean( max((R − V)², (R − V_clipped)²) ),  V_clipped = V_old + clip(V − V_old, −ε, ε)
 *                  (or mean((R − V)²) without value clipping)
 *   loss         = policy loss + c_v·value loss − β·entropy
 *   with a value head per reward signal k: value loss = mean_k value loss_k (multiHeadLoss)
 *
 * plus two diagnostics that take no gradient: the approximate KL, mean((ratio − 1) − log ratio) (Schulman's
 * low-variance estimator, as CleanRL), and the fraction of ratios outside the clip range.
*
 * The learners (ppo.ts, recurrent-ppo.ts) compute this loss and its gradient on the host in one op
 * (ppo-loss-op.ts), which is much cheaper on wasm; this tensor form is the reference that op is tested against
 * (test/agents/ppo/ppo-loss-op.test.ts) and what an algorithm plugin composing its own loss can build on.
 */
import * as tf from '@tensorflow/tfjs';

export interface PpoLossInputs {
  readonly newLogProb: tf.Tensor1D;
  readonly oldLogProb: tf.Tensor1D;
  readonly advantages: tf.Tensor1D;
  readonly newValue: tf.Tensor1D;
  readonly oldValue: tf.Tensor1D;
  readonly returns: tf.Tensor1D;
  /** Batch-mean entropy of the current policy. */
  readonly entropy: tf.Scalar;
  readonly epsilon: number;
  readonly beta: number;
  readonly valueLossCoef: number;
  readonly clipValueLoss: boolean;
}

export interface PpoLossTerms {
  readonly loss: tf.Scalar;
  readonly policyLoss: tf.Scalar;
  readonly valueLoss: tf.Scalar;
  readonly approxKl: tf.Scalar;
  readonly clipFraction: tf.Scalar;
}

export function ppoLoss(x: PpoLossInputs): PpoLossTerms {
  const logRatio = tf.sub(x.newLogProb, x.oldLogProb);
  const ratio = tf.exp(logRatio);
  const unclippedObjective = tf.mul(ratio, x.advantages);
  const clippedObjective = tf.mul(tf.clipByValue(ratio, 1 - x.epsilon, 1 + x.epsilon), x.advantages);
  const policyLoss = tf.neg(tf.mean(tf.minimum(unclippedObjective, clippedObjective))) as tf.Scalar;

  const valueLoss = ppoValueLoss(x.newValue, x.oldValue, x.returns, x.epsilon, x.clipValueLoss);

  const loss = combinedLoss(policyLoss, valueLoss, x.entropy, x.valueLossCoef, x.beta);
  const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)) as tf.Scalar;
  const clipFraction = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), x.epsilon), 'float32')) as tf.Scalar;
  return { loss, policyLoss, valueLoss, approxKl, clipFraction };
}

/** One value head's loss: mean(max((R − V)², (R − V_clipped)²)), or mean((R − V)²) without clipping. */
export function ppoValueLoss(newValue: tf.Tensor1D, oldValue: tf.Tensor1D, returns: tf.Tensor1D, epsilon: number, clip: boolean): tf.Scalar {
  const valueError = tf.square(tf.sub(returns, newValue));
  if (!clip) return tf.mean(valueError) as tf.Scalar;
  const clippedValue = tf.add(oldValue, tf.clipByValue(tf.sub(newValue, oldValue), -epsilon, epsilon));
  const clippedError = tf.square(tf.sub(returns, clippedValue));
  return tf.mean(tf.maximum(valueError, clippedError)) as tf.Scalar;
}

/** policy loss + c_v·value loss − β·entropy. */
export function combinedLoss(policyLoss: tf.Scalar, valueLoss: tf.Scalar, entropy: tf.Scalar, valueLossCoef: number, beta: number): tf.Scalar {
  return tf.sub(tf.add(policyLoss, tf.mul(valueLoss, valueLossCoef)), tf.mul(entropy, beta)) as tf.Scalar;
}

/**
 * With a value head per reward signal (ML-Agents' ppo_value_loss): the value loss is the mean of the extrinsic head's
 * (in `terms`) and every other head's loss (`headLosses`, from ppoValueLoss); the loss is rebuilt around it.
 */
export function multiHeadLoss(terms: PpoLossTerms, headLosses: readonly tf.Scalar[], entropy: tf.Scalar, valueLossCoef: number, beta: number): PpoLossTerms {
  const valueLoss = tf.mean(tf.stack([terms.valueLoss, ...headLosses])) as tf.Scalar;
  return { ...terms, valueLoss, loss: combinedLoss(terms.policyLoss, valueLoss, entropy, valueLossCoef, beta) };
}

/** One minibatch's loss terms and entropy, as the host reads them after the step. */
export interface MinibatchStats {
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  readonly clipFraction: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
}
