/**
 * DQN's loss on one minibatch, per branch b and transition i:
 *
 *   δ_ib  = Q_b(s_i, a_ib) − y_ib                   (y from td-target.ts, held constant)
 *   L     = Σ_b (1/B) Σ_i w_i · huber_κ(δ_ib)         huber_κ(δ) = ½δ² for |δ| ≤ κ, κ(|δ| − ½κ) beyond
 *
 * w_i are prioritised replay's importance weights (1 for uniform replay). Branches are independent heads, so their
 * losses add (the branching architectures' sum rather than a mean, so one branch's gradient scale matches
 * single-branch DQN).
 */
import * as tf from '@tensorflow/tfjs';

export interface DqnLossTerms {
  /** Scalar loss. */
  readonly loss: tf.Scalar;
  /** [B, branches] TD errors δ. */
  readonly tdErrors: tf.Tensor2D;
  /** Mean Q of the actions taken, over transitions and branches. */
  readonly meanQ: tf.Scalar;
}

/**
 * `q`: [B, Σ branches] from the online network; `oneHot`: the taken actions as [B, Σ branches] 0/1 (oneHotActions);
 * `branchOf`: [Σ branches, branches] 0/1 (branchIndicator: column b marks branch b's slice); `targets`: [B, branches];
 * `weights`: [B].
 */
export function dqnLoss(q: tf.Tensor2D, oneHot: tf.Tensor2D, branchOf: tf.Tensor2D, targets: tf.Tensor2D, weights: tf.Tensor1D, delta: number): DqnLossTerms {
  const taken = tf.matMul(tf.mul(q, oneHot) as tf.Tensor2D, branchOf);
  const td = tf.sub(taken, targets) as tf.Tensor2D;
  const abs = tf.abs(td);
  const quadratic = tf.minimum(abs, delta);
  const linear = tf.sub(abs, quadratic);
  const huber = tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, linear));
  const perTransition = tf.sum(huber, 1);
  const loss = tf.mean(tf.mul(perTransition, weights)) as tf.Scalar;
  return { loss, tdErrors: td, meanQ: tf.mean(taken) as tf.Scalar };
}
