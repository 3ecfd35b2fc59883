/**
 * The iteration of an on-policy update (PPO, POCA) and of GAIL's discriminator update: `numEpoch` passes over a
 * batch, each over a fresh seeded shuffle cut into ⌊rows / b⌋ minibatches of b = min(batchSize, rows) rows (the
 * rows a shuffle leaves over sit that epoch out), as CleanRL's PPO and ML-Agents iterate; and the row gathering and
 * advantage normalisation of one minibatch. The losses stay with each algorithm.
 */
import type { Rng } from '../../src/core/runtime/rng.js';

/**
 * Calls `train` on the rows of every minibatch in turn and returns the mean over all minibatches of each value it
 * returned (the keys of `zero`), and how many there were. One index order is reshuffled in place at the start of
 * every epoch, so each epoch's order follows from the last; `train` may draw from the same `rng`.
 */
export function trainMinibatches<K extends string>(
  zero: Readonly<Record<K, number>>,
  rows: number,
  batchSize: number,
  numEpoch: number,
  rng: Rng,
  train: (rows: Int32Array) => Readonly<Record<K, number>>,
): { means: Record<K, number>; count: number } {
  const b = Math.min(batchSize, rows);
  const perEpoch = Math.floor(rows / b);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const totals = { ...zero } as Record<K, number>;
  let count = 0;
  for (let epoch = 0; epoch < numEpoch; epoch++) {
    rng.shuffle(order);
    for (let m = 0; m < perEpoch; m++) {
      const s = train(order.subarray(m * b, (m + 1) * b));
      for (const k of Object.keys(totals) as K[]) totals[k] += s[k];
      count++;
    }
  }
  const means = { ...totals };
  for (const k of Object.keys(means) as K[]) means[k] = totals[k] / count;
  return { means, count };
}

/** Rows `rows` of a row-major array with `width` columns. */
export function gatherRows(src: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  if (width === 1) {
    for (let i = 0; i < rows.length; i++) out[i] = src[rows[i]!]!;
    return out;
  }
  for (let i = 0; i < rows.length; i++) out.set(src.subarray(rows[i]! * width, (rows[i]! + 1) * width), i * width);
  return out;
}

/** Advantages to zero mean and unit sample std within a minibatch (CleanRL's norm_adv), in place. */
export function normalizeAdvantages(values: Float32Array): void {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i]! - mean) ** 2;
  // Sample std (n − 1), as torch's .std() in CleanRL.
  const std = Math.sqrt(variance / Math.max(1, n - 1));
  for (let i = 0; i < n; i++) values[i] = (values[i]! - mean) / (std + 1e-8);
}

/**
 * Advantages of a whole update buffer to zero mean and unit population std, as ML-Agents' on-policy trainer does
 * before its epochs ((A − mean) / (std + 1e-10)); a new array.
 */
export function normalizeBufferAdvantages(values: Float32Array): Float32Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= Math.max(1, n);
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i]! - mean) ** 2;
  const std = Math.sqrt(variance / Math.max(1, n));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (values[i]! - mean) / (std + 1e-10);
  return out;
}
