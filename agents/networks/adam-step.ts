/**
 * One optimiser step from tfjs gradients: the gradients read to the host, then the host Adam (./adam.ts), whose
 * per-array loop costs less than a dozen tfjs calls per weight array for networks this size. `adamStep` also
 * takes the gradients itself, of a loss with respect to some variables only (tfjs's variableGrads: the other
 * networks a loss reads, target networks or critics under the actor's loss, are held constant).
 */
import * as tf from '@tensorflow/tfjs';
import type { Adam } from './adam.js';

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
    optimizer.applyHost(hostGradients(variables, grads), learningRate, 1);
    return value.dataSync()[0]!;
  });
  const extras = kept.map((t) => (t.dataSync() as Float32Array).slice());
  tf.dispose(kept);
  return { loss: lossValue, extras };
}

/**
 * Global-norm clipping and one Adam step: every gradient scaled by min(1, maxNorm / ‖g‖) (maxNorm 0 = no
 * clipping), ‖g‖ the L2 norm over all of `variables`. Returns ‖g‖ before clipping. Call inside the tidy that
 * holds `grads`.
 */
export function clippedAdamStep(variables: readonly tf.Variable[], grads: tf.NamedTensorMap, optimizer: Adam, learningRate: number, maxNorm: number): number {
  const host = hostGradients(variables, grads);
  let squares = 0;
  for (const g of host) for (let k = 0; k < g.length; k++) squares += g[k]! * g[k]!;
  const norm = Math.sqrt(squares);
  const scale = maxNorm > 0 ? Math.min(1, maxNorm / (norm + 1e-6)) : 1;
  optimizer.applyHost(host, learningRate, scale);
  return norm;
}

/** The gradients of `variables` on the host, in their order; zeros for a variable the loss did not reach. */
export function hostGradients(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): Float32Array[] {
  return variables.map((v) => (grads[v.name] ? (grads[v.name]!.dataSync() as Float32Array) : new Float32Array(v.size)));
}
