/**
 * One optimiser step on a loss: gradients of `loss` with respect to `variables` only (tfjs's variableGrads; the
 * other networks a loss reads, target networks or critics under the actor's loss, are held constant), read to
 * the host, then the host Adam (agents/networks/adam.ts). Returns the loss and any diagnostics kept alongside.
 */
import * as tf from '@tensorflow/tfjs';
import type { Adam } from '../networks/adam.js';

export interface StepResult {
  readonly loss: number;
  /** The values `loss` returned in `extras`, read to the host. */
  readonly extras: Float32Array[];
}

/**
 * `loss` returns the scalar loss and optional extra tensors (diagnostics computed in the same forward pass,
 * e.g. log-probabilities); they are read and disposed here.
 */
export function adamStep(variables: readonly tf.Variable[], optimizer: Adam, learningRate: number, loss: () => { loss: tf.Scalar; extras?: tf.Tensor[] }): StepResult {
  let kept: tf.Tensor[] = [];
  const lossValue = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const out = loss();
      kept = (out.extras ?? []).map((t) => tf.keep(t));
      return out.loss;
    }, [...variables]);
    const host = variables.map((v) => (grads[v.name] ? (grads[v.name]!.dataSync() as Float32Array) : new Float32Array(v.size)));
    optimizer.applyHost(host, learningRate, 1);
    return value.dataSync()[0]!;
  });
  const extras = kept.map((t) => (t.dataSync() as Float32Array).slice());
  tf.dispose(kept);
  return { loss: lossValue, extras };
}

/** Observations of a batch as [rows, size] tensors (call inside a tidy). */
export function observationTensors(observations: readonly Float32Array[], sizes: readonly number[], rows: number): tf.Tensor2D[] {
  return observations.map((obs, i) => tf.tensor2d(obs, [rows, sizes[i]!]));
}

/**
 * The values of a tfjs forward pass as a host array, its tensors freed. For the target networks over a replay
 * batch: at hundreds of rows tfjs-wasm's matMul is several times faster than the plain-array forward that acting
 * a handful of agents uses (a CPU profile of TD3 put half of each gradient step in the host forward).
 */
export function readForward(forward: () => tf.Tensor): Float32Array {
  const out = tf.tidy(forward);
  const values = Float32Array.from(out.dataSync());
  out.dispose();
  return values;
}
