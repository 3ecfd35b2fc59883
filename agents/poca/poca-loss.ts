/**
 * MA-POCA's loss on one minibatch, on tensors (ML-Agents' TorchPOCAOptimizer):
 *
 *   A_i          = G_i − b_i                      λ-return minus member i's counterfactual baseline (computed once
 *                                                 per update, before the epochs; given here as `advantages`)
 *   policy loss  = −mean( min(ratio·A, clip(ratio, 1−ε, 1+ε)·A) )          PPO's clipped surrogate
 *   value loss   = mean( max((G − V)², (G − V_clipped)²) )                 V = V(group), clipped around V_old
 *   baseline loss= mean( max((G − b)², (G − b_clipped)²) )                 b clipped around b_old
 *   loss         = policy loss + c_v·(value loss + ½·baseline loss) − β·entropy
 *
 * ML-Agents fixes c_v = 0.5 (`policy_loss + 0.5 * (value_loss + 0.5 * baseline_loss) - beta * entropy`); here it is
 * value_loss_coef, whose default is 0.5. Value and baseline are always clipped, as ML-Agents does.
 *
 * With reward signals beside the extrinsic one (signal-streams.ts), each has its own value and baseline head and
 * returns; the value loss and the baseline loss are each the mean over the streams (ML-Agents' poca_value_loss).
*
 * The updates (poca.ts, recurrent-poca.ts) compute this loss and its gradient on the host with PPO's loss op
 * (agents/ppo/ppo-loss-op.ts): the value and baseline heads as value heads weighted c_v/K and ½·c_v/K (pocaTargets);
 * pocaLoss is the tensor form they are tested against (test/agents/poca/poca-loss.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic } from '../networks/actor-critic.js';
import { gatherRows } from '../networks/minibatches.js';
import type { PolicyBatch } from '../networks/policy-batch.js';
import { gatherTargets, type PpoTargets, type PpoLossStats } from '../ppo/ppo-loss-op.js';

/** Weight of the baseline loss inside the value term (ML-Agents' POCA: 0.5). */
export const BASELINE_LOSS_WEIGHT = 0.5;

export interface PocaLossInputs {
  readonly newLogProb: tf.Tensor1D;
  readonly oldLogProb: tf.Tensor1D;
  readonly advantages: tf.Tensor1D;
  readonly returns: tf.Tensor1D;
  readonly newValue: tf.Tensor1D;
  readonly oldValue: tf.Tensor1D;
  readonly newBaseline: tf.Tensor1D;
  readonly oldBaseline: tf.Tensor1D;
  readonly entropy: tf.Scalar;
  readonly epsilon: number;
  readonly beta: number;
  readonly valueLossCoef: number;
  /** Each reward signal's stream beside the extrinsic one; absent or empty: the extrinsic stream alone. */
  readonly signals?: readonly SignalHeadInputs[];
}

/** One signal's returns and its heads' new and old values and baselines. */
export interface SignalHeadInputs {
  readonly returns: tf.Tensor1D;
  readonly newValue: tf.Tensor1D;
  readonly oldValue: tf.Tensor1D;
  readonly newBaseline: tf.Tensor1D;
  readonly oldBaseline: tf.Tensor1D;
}

export interface PocaLossTerms {
  readonly loss: tf.Scalar;
  readonly policyLoss: tf.Scalar;
  readonly valueLoss: tf.Scalar;
  readonly baselineLoss: tf.Scalar;
  readonly approxKl: tf.Scalar;
  readonly clipFraction: tf.Scalar;
}

/** mean(max((G − V)², (G − V_old − clip(V − V_old, −ε, ε))²)): the trust-region value loss. */
export function clippedValueLoss(returns: tf.Tensor1D, newValue: tf.Tensor1D, oldValue: tf.Tensor1D, epsilon: number): tf.Scalar {
  const clipped = tf.add(oldValue, tf.clipByValue(tf.sub(newValue, oldValue), -epsilon, epsilon));
  return tf.mean(tf.maximum(tf.square(tf.sub(returns, newValue)), tf.square(tf.sub(returns, clipped)))) as tf.Scalar;
}

export function pocaLoss(x: PocaLossInputs): PocaLossTerms {
  const logRatio = tf.sub(x.newLogProb, x.oldLogProb);
  const ratio = tf.exp(logRatio);
  const surrogate = tf.minimum(tf.mul(ratio, x.advantages), tf.mul(tf.clipByValue(ratio, 1 - x.epsilon, 1 + x.epsilon), x.advantages));
  const policyLoss = tf.neg(tf.mean(surrogate)) as tf.Scalar;
  const signals = x.signals ?? [];
  const streamMean = (terms: tf.Scalar[]) => (terms.length === 1 ? terms[0]! : (tf.mean(tf.stack(terms)) as tf.Scalar));
  const valueLoss = streamMean([clippedValueLoss(x.returns, x.newValue, x.oldValue, x.epsilon), ...signals.map((k) => clippedValueLoss(k.returns, k.newValue, k.oldValue, x.epsilon))]);
  const baselineLoss = streamMean([clippedValueLoss(x.returns, x.newBaseline, x.oldBaseline, x.epsilon), ...signals.map((k) => clippedValueLoss(k.returns, k.newBaseline, k.oldBaseline, x.epsilon))]);
  const critic = tf.mul(tf.add(valueLoss, tf.mul(baselineLoss, BASELINE_LOSS_WEIGHT)), x.valueLossCoef);
  const loss = tf.sub(tf.add(policyLoss, critic), tf.mul(x.entropy, x.beta)) as tf.Scalar;
  const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)) as tf.Scalar;
  const clipFraction = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), x.epsilon), 'float32')) as tf.Scalar;
  return { loss, policyLoss, valueLoss, baselineLoss, approxKl, clipFraction };
}

/** One minibatch's diagnostics, as the feed-forward and the recurrent update report them. */
export interface PocaMinibatchStats {
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly baselineLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  readonly clipFraction: number;
  readonly gradNorm: number;
}

/** What a POCA batch holds per row for the loss (group-batch.ts), and each signal stream's values and baselines. */
export interface PocaColumns {
  readonly logProbs: Float32Array;
  readonly values: Float32Array;
  readonly baselines: Float32Array;
  readonly returns: Float32Array;
}

/**
 * The targets of rows `rows` for ppo-loss-op.ts, its value heads laid out as [values of every stream, baselines of
 * every stream] (extrinsic first in each), weighted as pocaLoss weighs them: c_v / K each value head, ½·c_v / K each
 * baseline head, K the number of streams.
 */
export function pocaTargets(
  policy: ActorCritic,
  prepared: PolicyBatch,
  batch: PocaColumns,
  advantages: Float32Array,
  rows: Int32Array,
  streams: readonly { readonly values: Float32Array; readonly baselines: Float32Array; readonly returns: Float32Array }[],
  valueLossCoef: number,
): PpoTargets {
  const extrinsic = gatherTargets(policy, prepared, { logProbs: batch.logProbs, values: batch.values, returns: batch.returns }, advantages, rows, false);
  const all = [{ values: batch.values, baselines: batch.baselines, returns: batch.returns }, ...streams];
  const K = all.length;
  const gather = (a: Float32Array) => gatherRows(a, 1, rows);
  return {
    ...extrinsic,
    oldValues: [...all.map((s) => gather(s.values)), ...all.map((s) => gather(s.baselines))],
    returns: [...all.map((s) => gather(s.returns)), ...all.map((s) => gather(s.returns))],
    valueWeights: [...all.map(() => valueLossCoef / K), ...all.map(() => (valueLossCoef * BASELINE_LOSS_WEIGHT) / K)],
  };
}

/** POCA's minibatch stats from the loss op's: the value loss and the baseline loss each the mean over the streams. */
export function pocaStats(stats: PpoLossStats, streams: number, gradNorm: number): PocaMinibatchStats {
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    policyLoss: stats.policyLoss,
    valueLoss: mean(stats.headLosses.slice(0, streams)),
    baselineLoss: mean(stats.headLosses.slice(streams)),
    entropy: stats.entropy,
    approxKl: stats.approxKl,
    clipFraction: stats.clipFraction,
    gradNorm,
  };
}
