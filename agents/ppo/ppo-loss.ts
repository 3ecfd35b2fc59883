/**
 * PPO's loss on one minibatch (Schulman et al. 2017), on tensors:
 *
 *   ratio        = exp(log π_new(a|s) − log π_old(a|s))
 *   policy loss  = −mean( min(ratio·A, clip(ratio, 1−ε, 1+ε)·A) )
 *   value loss   = mean( max((R − V)², (R − V_clipped)²) ),  V_clipped = V_old + clip(V − V_old, −ε, ε)
 *                  (or mean((R − V)²) without value clipping)
 *   loss         = policy loss + c_v·value loss − β·entropy
 *
 * plus two diagnostics that take no gradient: the approximate KL, mean((ratio − 1) − log ratio) (Schulman's
 * low-variance estimator, as CleanRL), and the fraction of ratios outside the clip range.
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

  const valueError = tf.square(tf.sub(x.returns, x.newValue));
  let valueLoss: tf.Scalar;
  if (x.clipValueLoss) {
    const clippedValue = tf.add(x.oldValue, tf.clipByValue(tf.sub(x.newValue, x.oldValue), -x.epsilon, x.epsilon));
    const clippedError = tf.square(tf.sub(x.returns, clippedValue));
    valueLoss = tf.mean(tf.maximum(valueError, clippedError)) as tf.Scalar;
  } else {
    valueLoss = tf.mean(valueError) as tf.Scalar;
  }

  const loss = tf.sub(tf.add(policyLoss, tf.mul(valueLoss, x.valueLossCoef)), tf.mul(x.entropy, x.beta)) as tf.Scalar;
  const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)) as tf.Scalar;
  const clipFraction = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), x.epsilon), 'float32')) as tf.Scalar;
  return { loss, policyLoss, valueLoss, approxKl, clipFraction };
}
