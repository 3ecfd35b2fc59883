/**
 * A replay batch into tfjs and a forward pass back out: the off-policy algorithms' target networks and losses run
 * over a whole batch in tfjs, where at hundreds of rows tfjs-wasm's matMul is several times faster than the
 * plain-array forward that acting a handful of agents uses (a CPU profile of TD3 put half of each gradient step in
 * the host forward).
 */
import * as tf from '@tensorflow/tfjs';

/** Observations of a batch as [rows, size] tensors (call inside a tidy). */
export function observationTensors(observations: readonly Float32Array[], sizes: readonly number[], rows: number): tf.Tensor2D[] {
  return observations.map((obs, i) => tf.tensor2d(obs, [rows, sizes[i]!]));
}

/** The values of a tfjs forward pass as a host array, its tensors freed. */
export function readForward(forward: () => tf.Tensor): Float32Array {
  const out = tf.tidy(forward);
  const values = Float32Array.from(out.dataSync());
  out.dispose();
  return values;
}
