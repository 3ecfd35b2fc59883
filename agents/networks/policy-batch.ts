/**
 * What an on-policy update (PPO, POCA) gives the policy's evaluateTf: the batch's inputs prepared once per update
 * (normalised observations, the discrete actions one-hot, the factor arrays of the rule factors the actions were
 * chosen under), then each minibatch's rows of them as tensors.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic, EvaluateInputs } from './actor-critic.js';
import { factorArrays, oneHotActions, type FactorArrays } from './distributions-tf.js';
import { gatherRows } from './minibatches.js';

export interface PolicyBatch {
  /** One rows × size array per observation spec, normalised as the policy acted on them. */
  readonly observations: readonly Float32Array[];
  /** rows × continuousSize unclipped samples. */
  readonly continuousActions: Float32Array;
  /** rows × Σ branches; null without discrete branches. */
  readonly oneHot: Float32Array | null;
  /** Null without branches or without factors. */
  readonly factors: FactorArrays | null;
}

/** The transitions the update reads, as the policy reads them; `factors` (rows × Σ branches) may be null. */
export interface PolicyTransitions {
  readonly size: number;
  readonly observations: readonly Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
}

export function policyBatch(policy: ActorCritic, batch: PolicyTransitions, factors: Float32Array | null): PolicyBatch {
  const n = batch.size;
  const observations = policy.normalizeObservations(batch.observations, n);
  const factorData = factors && policy.logitsSize > 0 ? factorArrays(factors) : null;
  const oneHot = policy.logitsSize > 0 ? oneHotActions(batch.discreteActions, n, policy.branches) : null;
  return { observations, continuousActions: batch.continuousActions, oneHot, factors: factorData };
}

/** Rows `rows` of the batch's observations as tensors, one per observation spec (call inside a tidy). */
export function minibatchObservations(policy: ActorCritic, inputs: PolicyBatch, rows: Int32Array): tf.Tensor2D[] {
  return inputs.observations.map((obs, i) => tf.tensor2d(gatherRows(obs, policy.observationSizes[i]!, rows), [rows.length, policy.observationSizes[i]!]));
}

/** Rows `rows` of `inputs` as the tensors evaluateTf reads (call inside a tidy). */
export function evaluateInputs(policy: ActorCritic, inputs: PolicyBatch, rows: Int32Array): EvaluateInputs {
  const b = rows.length;
  const S = policy.logitsSize;
  const C = policy.continuousSize;
  const { oneHot, factors } = inputs;
  return {
    observations: minibatchObservations(policy, inputs, rows),
    continuousActions: C > 0 ? tf.tensor2d(gatherRows(inputs.continuousActions, C, rows), [b, C]) : null,
    oneHot: oneHot ? tf.tensor2d(gatherRows(oneHot, S, rows), [b, S]) : null,
    allowed: factors ? tf.tensor2d(gatherRows(factors.allowed, S, rows), [b, S]) : null,
    offset: factors ? tf.tensor2d(gatherRows(factors.offset, S, rows), [b, S]) : null,
  };
}
