/**
 * MA-POCA with memory trains on sequences, as ML-Agents' POCA does with network_settings.memory: each member's
 * stream of transitions in a group segment (group-buffer.ts) is cut into sequences of sequence_length rows, the
 * last one padded at its end (ML-Agents' AgentBuffer.resequence_and_append on each agent's trajectory). A mask
 * marks the real rows; the losses read only those. Each sequence keeps the memories of its first row: the actor's
 * (stored when it acted), the value pass's and the baseline pass's (critic-memories.ts), which the update replays
 * its LSTMs from (ML-Agents' MEMORY, CRITIC_MEMORY and BASELINE_MEMORY taken every sequence_length rows).
 *
 * Rows are the batch's (group-batch.ts: every segment's rows, segment after segment); sequence s holds rows
 * `rows[s·length .. s·length + length)`, −1 for padding.
 */
import * as tf from '@tensorflow/tfjs';
import type { PocaBatch } from './group-batch.js';
import type { GroupSegment } from './group-buffer.js';

export interface GroupSequences {
  readonly count: number;
  readonly length: number;
  /** count × length: the batch row at each place, −1 where the sequence is padded. */
  readonly rows: Int32Array;
  /** The batch row each sequence starts at (its memories are that row's). */
  readonly firstRows: Int32Array;
}

export function buildGroupSequences(segments: readonly GroupSegment[], length: number): GroupSequences {
  if (!Number.isInteger(length) || length < 1) throw new Error(`buildGroupSequences: length: expected an integer ≥ 1, got ${length}`);
  const rows: number[] = [];
  const firstRows: number[] = [];
  let rowBase = 0;
  for (const segment of segments) {
    for (const stream of segment.streams) {
      for (let start = 0; start < stream.length; start += length) {
        firstRows.push(rowBase + stream[start]!);
        for (let t = 0; t < length; t++) rows.push(start + t < stream.length ? rowBase + stream[start + t]! : -1);
      }
    }
    rowBase += segment.rows.length;
  }
  return { count: firstRows.length, length, rows: Int32Array.from(rows), firstRows: Int32Array.from(firstRows) };
}

/**
 * The places of the sequences `chosen`, laid out one after another: `all` their batch rows (−1 padding), `real`
 * the batch rows that are not padding in that order, and `positions` where each of those sits in `all`.
 */
export function sequenceRows(sequences: GroupSequences, chosen: Int32Array): { all: Int32Array; real: Int32Array; positions: Int32Array } {
  const L = sequences.length;
  const all = new Int32Array(chosen.length * L);
  const real: number[] = [];
  const positions: number[] = [];
  chosen.forEach((s, k) => {
    for (let t = 0; t < L; t++) {
      const row = sequences.rows[s * L + t]!;
      all[k * L + t] = row;
      if (row >= 0) {
        real.push(row);
        positions.push(k * L + t);
      }
    }
  });
  return { all, real: Int32Array.from(real), positions: Int32Array.from(positions) };
}

/** Rows `rows` of a rows × width array, `fill` in every float of a padding row (−1). */
export function gatherPadded(src: Float32Array, width: number, rows: Int32Array, fill = 0): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, k) => {
    if (r >= 0) out.set(src.subarray(r * width, (r + 1) * width), k * width);
    else if (fill !== 0) out.fill(fill, k * width, (k + 1) * width);
  });
  return out;
}

/** The group critic's inputs for rows `rows` of the batch (-1: a padding row, no member present). Call inside a tidy. */
export function groupCriticTensors(batch: PocaBatch, rows: Int32Array): GroupCriticTensors {
  const { members: N, others: M, entitySize: D, actionSize: A } = batch;
  const n = rows.length;
  // A padding row has every member masked out (mask 1): attention pools it to zeros, and it is never selected.
  return {
    groupObs: tf.tensor3d(gatherPadded(batch.groupObs, N * D, rows), [n, N, D]),
    groupMask: tf.tensor2d(gatherPadded(batch.groupMask, N, rows, 1), [n, N]),
    selfObs: tf.tensor2d(gatherPadded(batch.selfObs, D, rows), [n, D]),
    others: tf.tensor3d(gatherPadded(batch.othersObsActions, M * (D + A), rows), [n, M, D + A]),
    othersMask: tf.tensor2d(gatherPadded(batch.othersMask, M, rows, 1), [n, M]),
  };
}

export interface GroupCriticTensors {
  readonly groupObs: tf.Tensor3D;
  readonly groupMask: tf.Tensor2D;
  readonly selfObs: tf.Tensor2D;
  readonly others: tf.Tensor3D;
  readonly othersMask: tf.Tensor2D;
}
