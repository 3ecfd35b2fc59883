/**
 * One optimiser step from tfjs gradients (./adam.ts: small weight arrays step on the host, large ones on the
 * backend). `adamStep` also takes the gradients itself, of a loss with respect to some variables only (tfjs's
 * variableGrads: the other networks a loss reads, target networks or critics under the actor's loss, are held
 * constant).
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
    optimizer.applyGradients(gradientList(variables, grads), learningRate, 0);
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
  return optimizer.applyGradients(gradientList(variables, grads), learningRate, maxNorm, true);
}

/** The gradients of `variables` in their order; undefined for a variable the loss did not reach (a zero gradient). */
export function gradientList(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): (tf.Tensor | undefined)[] {
  return variables.map((v) => grads[v.name]);
}
