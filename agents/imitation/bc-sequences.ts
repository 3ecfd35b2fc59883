/**
 * Behavioral cloning for an actor with memory: the demonstration read in sequences, as ML-Agents' BCModule does
 * with memory (demo_to_buffer(…, sequence_length) resequences each episode; the update runs the actor over
 * minibatches of n_sequences = max(1, ⌊min(batch_size, rows) / sequence_length⌋) sequences, every one starting from
 * zero memories). Each episode is cut into sequences of sequence_length rows, the last padded at its end.
 * Departure: ML-Agents' loss also counts the padding rows (zero observations, action 0); Shiva's reads the real
 * rows only, as recurrent PPO's losses do.
 */
import * as tf from '@tensorflow/tfjs';
import type { SequenceInputs } from '../networks/actor-critic.js';
import type { BcActor } from '../plugin/imitation-hook.js';

/** The dataset's rows cut into sequences: each the indices of up to `length` consecutive rows of one episode. */
export function demoSequences(episodes: Int32Array, length: number): Int32Array[] {
  const out: Int32Array[] = [];
  let current: number[] = [];
  for (let r = 0; r < episodes.length; r++) {
    if (current.length === length || (current.length > 0 && episodes[r] !== episodes[current[0]!])) {
      out.push(Int32Array.from(current));
      current = [];
    }
    current.push(r);
  }
  if (current.length > 0) out.push(Int32Array.from(current));
  return out;
}

/**
 * The forward inputs for the sequences `picked` (rows of normalised `observations`): every sequence's rows padded
 * to the actor's sequence length with zeros, zero initial memories, and the selection of the real rows. `rows` are
 * those real rows' dataset indices, in the order the outputs come. Call inside tf.tidy.
 */
export function sequenceForward(actor: BcActor, observations: readonly Float32Array[], picked: readonly Int32Array[]): { observations: tf.Tensor2D[]; sequences: SequenceInputs; rows: Int32Array } {
  const { sequenceLength: L, memoryWidth } = actor.memory!;
  const B = picked.length;
  const rows: number[] = [];
  const positions: number[] = [];
  const padded = actor.observationSizes.map((size, o) => {
    const out = new Float32Array(B * L * size);
    picked.forEach((seq, b) => seq.forEach((r, t) => out.set(observations[o]!.subarray(r * size, (r + 1) * size), (b * L + t) * size)));
    return tf.tensor2d(out, [B * L, size]);
  });
  picked.forEach((seq, b) =>
    seq.forEach((r, t) => {
      rows.push(r);
      positions.push(b * L + t);
    }),
  );
  const select = new Float32Array(rows.length * B * L);
  positions.forEach((p, k) => (select[k * B * L + p] = 1));
  return {
    observations: padded,
    sequences: { length: L, memories: tf.zeros([B, memoryWidth]) as tf.Tensor2D, select: tf.tensor2d(select, [rows.length, B * L]) },
    rows: Int32Array.from(rows),
  };
}

/** Sequences per evaluation pass (bounds the selection matrix). */
const EVALUATION_CHUNK = 64;

/** The actor's outputs on every row of the dataset, each sequence from zero memories (evaluation, no gradient). */
export function sequenceOutputsHost(actor: BcActor, observations: readonly Float32Array[], rows: number, episodes: Int32Array): { logits: Float32Array | null; mean: Float32Array | null } {
  const S = actor.logitsSize;
  const C = actor.continuousSize;
  const logits = S > 0 ? new Float32Array(rows * S) : null;
  const mean = C > 0 ? new Float32Array(rows * C) : null;
  const sequences = demoSequences(episodes, actor.memory!.sequenceLength);
  for (let start = 0; start < sequences.length; start += EVALUATION_CHUNK) {
    const picked = sequences.slice(start, start + EVALUATION_CHUNK);
    tf.tidy(() => {
      const f = sequenceForward(actor, observations, picked);
      const o = actor.outputsTf(f.observations, f.sequences);
      const l = o.logits?.dataSync();
      const m = o.mean?.dataSync();
      f.rows.forEach((r, k) => {
        if (logits && l) logits.set(l.subarray(k * S, (k + 1) * S), r * S);
        if (mean && m) mean.set(m.subarray(k * C, (k + 1) * C), r * C);
      });
    });
  }
  return { logits, mean };
}
