/**
 * PPO's loss (ppo-loss.ts has the same loss on tensors, term by term) from the network's head outputs to one scalar,
 * as a single differentiable tfjs op whose forward and gradient run on the host:
 *
 *   log π(a|s)  = Σ_branches log softmax(z·allowed + offset)[a]  +  Σ_c log N(a_c; μ_c, σ_c²)
 *   H           = mean_rows Σ_branches −Σ_j p_j log p_j  +  Σ_c (log σ_c + ½ + ½ log 2π)
 *   r           = exp(log π − log π_old)
 *   L_π         = −mean min(r·A, clip(r, 1−ε, 1+ε)·A)
 *   L_V         = mean_heads mean max((R − V)², (R − V_clipped)²)     (or mean (R − V)² without value clipping)
 *   loss        = L_π + c_V·L_V − β·H          (MA-POCA: L_π + Σ_heads w_head·L_head − β·H, its own weights)
 *
 * and its gradient with respect to each input, written out:
 *
 *   ∂L_π/∂log π_i = −A_i·r_i/B where the unclipped term is the smaller (ties: unclipped) or r_i lies inside the
 *                   clip range, else 0;                          ∂log π/∂z_j = (onehot_j − p_j)·allowed_j
 *   ∂H/∂z_j       = −p_j (log p_j + H_branch)·allowed_j / B
 *   ∂log π/∂μ_c   = (a_c − μ_c)/σ_c²,   ∂log π/∂log σ_c = z_c² − 1,   ∂H/∂log σ_c = 1   (0 outside log σ's clamp)
 *   ∂L_V/∂V_i     = 2(V_i − R_i)/B on the unclipped error where it is the larger (ties: unclipped), else
 *                   2(V_clipped,i − R_i)/B where V_i − V_old,i lies inside [−ε, ε], else 0; each head's / #heads
 *
 * Why on the host: for the networks PPO trains here the head outputs are a few hundred numbers, and as tfjs ops the
 * loss and its tape cost about 190 kernel calls per minibatch (each elementwise op copying its inputs for the
 * backward pass), more than the two networks' products. Here the heads are read once, the loss, its diagnostics and
 * every gradient are computed in one pass over the rows in double precision, and the gradients go back as one
 * tensor per input. The diagnostics (L_π, L_V, H, approximate KL, clip fraction) come with it at no extra read.
 * test/agents/ppo/ppo-loss-op.test.ts checks loss and gradients against tfjs's autodiff of ppo-loss.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic } from '../networks/actor-critic.js';
import type { Adam } from '../networks/adam.js';
import { clippedAdamStep } from '../networks/adam-step.js';
import { LOG_STD_MAX, LOG_STD_MIN } from '../networks/distributions.js';
import { gatherRows } from '../networks/minibatches.js';
import type { PolicyBatch } from '../networks/policy-batch.js';
import type { MinibatchStats } from './ppo-loss.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** The head outputs of one minibatch (B rows), as the network computed them under the current weights. */
export interface PpoHeads {
  /** B × Σ branch sizes, before masks and factors; null without discrete branches. */
  readonly logits: tf.Tensor2D | null;
  /** B × continuous size; null without continuous actions. */
  readonly mean: tf.Tensor2D | null;
  /** The free log standard deviation (unclamped parameter); with `mean`. */
  readonly logStd: tf.Tensor1D | null;
  /** The extrinsic value head's B values, then one B-vector per reward signal's head. */
  readonly values: readonly tf.Tensor1D[];
}

/** What the minibatch's rows were collected with, on the host. */
export interface PpoTargets {
  readonly branches: readonly number[];
  /** B × Σ branch sizes one-hot of the taken discrete actions; null without branches. */
  readonly oneHot: Float32Array | null;
  /** B × Σ branch sizes masks and log-factors (networks/distributions-tf.ts factorArrays); null when none. */
  readonly allowed: Float32Array | null;
  readonly offset: Float32Array | null;
  /** B × continuous size unclipped samples; null without continuous actions. */
  readonly continuousActions: Float32Array | null;
  readonly oldLogProb: Float32Array;
  readonly advantages: Float32Array;
  /** Per value head (extrinsic first): the values the advantages were computed with, and the returns. */
  readonly oldValues: readonly Float32Array[];
  readonly returns: readonly Float32Array[];
  /**
   * Each value head's weight in the loss; absent: c_V / #heads each (PPO: c_V times their mean). MA-POCA gives its
   * value heads c_V / #streams and its baseline heads ½·c_V / #streams.
   */
  readonly valueWeights?: readonly number[];
}

export interface PpoCoefficients {
  readonly epsilon: number;
  readonly beta: number;
  readonly valueLossCoef: number;
  readonly clipValueLoss: boolean;
}

export type PpoLossStats = Omit<MinibatchStats, 'gradNorm'> & {
  /** Each value head's own loss, in head order (valueLoss is their mean). */
  readonly headLosses: readonly number[];
};

/** What a batch holds per row for the loss: the behaviour policy's log-probabilities and each value head's targets. */
export interface PpoBatchColumns {
  readonly logProbs: Float32Array;
  readonly values: Float32Array;
  readonly returns: Float32Array;
  /** One per reward signal's value head; absent or ignored when `withSignals` is false. */
  readonly signals?: readonly { readonly values: Float32Array; readonly returns: Float32Array }[];
}

/** The targets of rows `rows`: actions from `prepared`, advantages from `advantages`, the rest from `batch`. */
export function gatherTargets(policy: ActorCritic, prepared: PolicyBatch, batch: PpoBatchColumns, advantages: Float32Array, rows: Int32Array, withSignals: boolean): PpoTargets {
  const S = policy.logitsSize;
  const C = policy.continuousSize;
  const signals = withSignals ? (batch.signals ?? []) : [];
  return {
    branches: policy.branches,
    oneHot: prepared.oneHot ? gatherRows(prepared.oneHot, S, rows) : null,
    allowed: prepared.factors ? gatherRows(prepared.factors.allowed, S, rows) : null,
    offset: prepared.factors ? gatherRows(prepared.factors.offset, S, rows) : null,
    continuousActions: C > 0 ? gatherRows(prepared.continuousActions, C, rows) : null,
    oldLogProb: gatherRows(batch.logProbs, 1, rows),
    advantages: gatherRows(advantages, 1, rows),
    oldValues: [gatherRows(batch.values, 1, rows), ...signals.map((s) => gatherRows(s.values, 1, rows))],
    returns: [gatherRows(batch.returns, 1, rows), ...signals.map((s) => gatherRows(s.returns, 1, rows))],
  };
}

/**
 * The loss as a scalar tensor whose gradient reaches every input of `heads`; call inside tf.variableGrads. `stats`
 * holds the minibatch's diagnostics once the forward has run.
 */
export function ppoLossOp(heads: PpoHeads, targets: PpoTargets, c: PpoCoefficients): { loss: tf.Scalar; stats: () => PpoLossStats } {
  const inputs: tf.Tensor[] = [];
  if (heads.logits) inputs.push(heads.logits);
  if (heads.mean && heads.logStd) inputs.push(heads.mean, heads.logStd);
  inputs.push(...heads.values);
  let result: { loss: number; stats: PpoLossStats; grads: Float32Array[] } | null = null;
  const op = tf.customGrad((...args) => {
    const tensors = args.slice(0, inputs.length) as tf.Tensor[];
    const host = tensors.map((t) => t.dataSync() as Float32Array);
    let k = 0;
    const logits = heads.logits ? host[k++]! : null;
    const mean = heads.mean && heads.logStd ? host[k++]! : null;
    const logStd = mean ? host[k++]! : null;
    result = ppoLossHost({ logits, mean, logStd, values: host.slice(k) }, targets, c);
    return {
      value: tf.scalar(result.loss),
      gradFunc: (dy: tf.Tensor) => {
        const scale = dy.dataSync()[0]!;
        return result!.grads.map((g, i) => {
          const scaled = scale === 1 ? g : g.map((x) => x * scale);
          return tf.tensor(scaled, tensors[i]!.shape, 'float32');
        });
      },
    };
  });
  const loss = op(...inputs) as tf.Scalar;
  return {
    loss,
    stats: () => {
      if (!result) throw new Error('ppoLossOp: the loss has not been computed');
      return result.stats;
    },
  };
}

/** What one gradient step on the loss op updates, and how. */
export interface LossOpStep {
  readonly variables: readonly tf.Variable[];
  readonly optimizer: Adam;
  readonly learningRate: number;
  /** Global-norm clipping of the gradients (0: none). */
  readonly maxGradNorm: number;
}

/**
 * One gradient step: `heads()` (run inside the gradient scope; the tensors it makes are freed after the step) gives
 * the heads under the current weights, the loss op their loss and gradient, tfjs the gradients through the networks,
 * and every gradient scaled by min(1, max_norm / ‖g‖) before the Adam step. The minibatch's diagnostics and ‖g‖.
 */
export function stepOnPpoLoss(step: LossOpStep, heads: () => PpoHeads, targets: PpoTargets, c: PpoCoefficients): PpoLossStats & { readonly gradNorm: number } {
  const kept: { stats?: () => PpoLossStats } = {};
  const gradNorm = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const out = ppoLossOp(heads(), targets, c);
      kept.stats = out.stats;
      return out.loss;
    }, [...step.variables]);
    return clippedAdamStep(step.variables, grads, step.optimizer, step.learningRate, step.maxGradNorm);
  });
  return { ...kept.stats!(), gradNorm };
}

/** The loss, its diagnostics and its gradient with respect to each host input (in ppoLossOp's input order). */
export function ppoLossHost(
  heads: { logits: Float32Array | null; mean: Float32Array | null; logStd: Float32Array | null; values: readonly Float32Array[] },
  targets: PpoTargets,
  c: PpoCoefficients,
): { loss: number; stats: PpoLossStats; grads: Float32Array[] } {
  const B = targets.oldLogProb.length;
  const logProb = new Float64Array(B);
  const gLogits = heads.logits ? new Float32Array(heads.logits.length) : null;
  const S = heads.logits ? heads.logits.length / B : 0;
  // log p of one row's branches; p of every row, kept for ∂log π/∂z once ∂L/∂log π is known (step 3).
  const logP = new Float64Array(S);
  const p = new Float64Array(B * S);
  let entropyRows = 0;

  // 1. log π and the entropy of the discrete branches; the entropy's gradient (−β·∂H/∂z) written now.
  if (heads.logits && targets.oneHot) {
    const { allowed, offset } = targets;
    for (let i = 0; i < B; i++) {
      const row = i * S;
      let start = 0;
      for (const size of targets.branches) {
        let max = -Infinity;
        for (let j = start; j < start + size; j++) {
          const a = allowed && offset ? heads.logits[row + j]! * allowed[row + j]! + offset[row + j]! : heads.logits[row + j]!;
          logP[j] = a;
          if (a > max) max = a;
        }
        let sum = 0;
        for (let j = start; j < start + size; j++) sum += Math.exp(logP[j]! - max);
        const logSum = Math.log(sum) + max;
        let branchEntropy = 0;
        for (let j = start; j < start + size; j++) {
          logP[j] = logP[j]! - logSum;
          p[row + j] = Math.exp(logP[j]!);
          branchEntropy -= p[row + j]! * logP[j]!;
          logProb[i] = logProb[i]! + targets.oneHot[row + j]! * logP[j]!;
        }
        entropyRows += branchEntropy;
        for (let j = start; j < start + size; j++) {
          // −β · ∂(mean H)/∂z_j = β·p_j(log p_j + H_branch)·allowed_j / B
          gLogits![row + j] = ((c.beta * p[row + j]! * (logP[j]! + branchEntropy)) / B) * (allowed ? allowed[row + j]! : 1);
        }
        start += size;
      }
    }
  }
  let entropy = B > 0 ? entropyRows / B : 0;

  // 2. log π of the continuous part; the Gaussian's entropy does not depend on the state.
  const C = heads.mean ? heads.mean.length / B : 0;
  const clampedLogStd = new Float64Array(C);
  const gMean = heads.mean ? new Float32Array(heads.mean.length) : null;
  const gLogStd = heads.logStd ? new Float64Array(C) : null;
  if (heads.mean && heads.logStd && targets.continuousActions) {
    for (let j = 0; j < C; j++) {
      clampedLogStd[j] = Math.min(LOG_STD_MAX, Math.max(LOG_STD_MIN, heads.logStd[j]!));
      entropy += clampedLogStd[j]! + 0.5 + HALF_LOG_2PI;
      gLogStd![j] = -c.beta; // −β·∂H/∂log σ_j
    }
    for (let i = 0; i < B; i++) {
      for (let j = 0; j < C; j++) {
        const z = (targets.continuousActions[i * C + j]! - heads.mean[i * C + j]!) * Math.exp(-clampedLogStd[j]!);
        logProb[i] = logProb[i]! - 0.5 * z * z - clampedLogStd[j]! - HALF_LOG_2PI;
      }
    }
  }

  // 3. The clipped surrogate: ∂L_π/∂log π per row, then through the heads.
  let policyLoss = 0;
  let approxKl = 0;
  let clipped = 0;
  const lo = 1 - c.epsilon;
  const hi = 1 + c.epsilon;
  for (let i = 0; i < B; i++) {
    const logRatio = logProb[i]! - targets.oldLogProb[i]!;
    const ratio = Math.exp(logRatio);
    const advantage = targets.advantages[i]!;
    const unclippedObjective = ratio * advantage;
    const clippedRatio = Math.min(hi, Math.max(lo, ratio));
    const clippedObjective = clippedRatio * advantage;
    const unclippedIsSmaller = unclippedObjective <= clippedObjective;
    policyLoss -= Math.min(unclippedObjective, clippedObjective) / B;
    approxKl += (ratio - 1 - logRatio) / B;
    if (Math.abs(ratio - 1) > c.epsilon) clipped++;
    const passes = unclippedIsSmaller || (ratio >= lo && ratio <= hi);
    const dLogProb = passes ? (-advantage * ratio) / B : 0;
    if (dLogProb === 0) continue;
    if (gLogits && targets.oneHot) {
      const row = i * S;
      for (let j = 0; j < S; j++) {
        const allowed = targets.allowed ? targets.allowed[row + j]! : 1;
        gLogits[row + j] = gLogits[row + j]! + dLogProb * (targets.oneHot[row + j]! - p[row + j]!) * allowed;
      }
    }
    if (gMean && gLogStd && targets.continuousActions) {
      for (let j = 0; j < C; j++) {
        const inverseStd = Math.exp(-clampedLogStd[j]!);
        const z = (targets.continuousActions[i * C + j]! - heads.mean![i * C + j]!) * inverseStd;
        gMean[i * C + j] = dLogProb * z * inverseStd;
        gLogStd[j] = gLogStd[j]! + dLogProb * (z * z - 1);
      }
    }
  }
  // 4. Each value head's loss; the value loss is their mean.
  const heads_ = heads.values.length;
  const gValues = heads.values.map((v) => new Float32Array(v.length));
  let valueLoss = 0;
  let weightedValueLoss = 0;
  const headLosses: number[] = [];
  heads.values.forEach((values, h) => {
    const oldValues = targets.oldValues[h]!;
    const returns = targets.returns[h]!;
    const g = gValues[h]!;
    const weight = targets.valueWeights?.[h] ?? c.valueLossCoef / heads_;
    const scale = weight * (2 / B);
    let headLoss = 0;
    for (let i = 0; i < B; i++) {
      const v = values[i]!;
      const error = returns[i]! - v;
      if (!c.clipValueLoss) {
        headLoss += (error * error) / B;
        g[i] = scale * (v - returns[i]!);
        continue;
      }
      const delta = v - oldValues[i]!;
      const clippedValue = oldValues[i]! + Math.min(c.epsilon, Math.max(-c.epsilon, delta));
      const clippedError = returns[i]! - clippedValue;
      if (error * error >= clippedError * clippedError) {
        headLoss += (error * error) / B;
        g[i] = scale * (v - returns[i]!);
      } else {
        headLoss += (clippedError * clippedError) / B;
        g[i] = delta >= -c.epsilon && delta <= c.epsilon ? scale * (clippedValue - returns[i]!) : 0;
      }
    }
    valueLoss += headLoss / heads_;
    headLosses.push(headLoss);
    weightedValueLoss += weight * headLoss;
  });

  // ∂/∂log σ is zero where the clamp holds the parameter.
  if (heads.logStd && gLogStd) {
    for (let j = 0; j < C; j++) if (heads.logStd[j]! < LOG_STD_MIN || heads.logStd[j]! > LOG_STD_MAX) gLogStd[j] = 0;
  }

  const loss = policyLoss + weightedValueLoss - c.beta * entropy;
  const grads: Float32Array[] = [];
  if (gLogits) grads.push(gLogits);
  if (gMean && gLogStd) grads.push(gMean, Float32Array.from(gLogStd));
  grads.push(...gValues);
  return { loss, stats: { policyLoss, valueLoss, entropy, approxKl, clipFraction: B > 0 ? clipped / B : 0, headLosses }, grads };
}
