/**
 * What a reward signal reads of a batch of transitions, and how GAIL's discriminator sees one row: the vector
 * observations side by side, then (with use_actions) the continuous actions clipped to [-1, 1] as the environment
 * received them, the one-hot of every discrete branch, and the done flag (ML-Agents' DiscriminatorNetwork appends
 * `dones` to the actions, "+1 is for dones").
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';

export interface SignalBatch {
  readonly size: number;
  /** One size × obsSize array per observation spec (raw, unnormalised). */
  readonly observations: readonly Float32Array[];
  /** size × continuousSize. */
  readonly continuousActions: Float32Array;
  /** size × branches. */
  readonly discreteActions: Int32Array;
  /** 1 where the transition ended its agent's episode (by the task or by max step). */
  readonly dones: Uint8Array;
}

/** Widths of the two parts of a discriminator input row. */
export interface InputLayout {
  /** Σ observation sizes. */
  readonly observationWidth: number;
  /** continuousSize + Σ branch sizes + 1 (done) with use_actions, else 0. */
  readonly actionWidth: number;
}

export function inputLayout(spec: BehaviorSpec, useActions: boolean): InputLayout {
  const observationWidth = spec.observationSpecs.reduce((n, o) => n + observationSize(o), 0);
  const { continuousSize, discreteBranches } = spec.actionSpec;
  const actionWidth = useActions ? continuousSize + discreteBranches.reduce((a, b) => a + b, 0) + 1 : 0;
  return { observationWidth, actionWidth };
}

/** Rows `rows` of the batch (all rows when null): observations side by side, rows × observationWidth. */
export function observationRows(batch: SignalBatch, sizes: readonly number[], rows: ArrayLike<number> | null): Float32Array {
  const n = rows ? rows.length : batch.size;
  const width = sizes.reduce((a, b) => a + b, 0);
  const out = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i]! : i;
    let at = i * width;
    sizes.forEach((size, o) => {
      out.set(batch.observations[o]!.subarray(r * size, (r + 1) * size), at);
      at += size;
    });
  }
  return out;
}

/** Rows `rows` of the batch as the action part of the input: clipped continuous, one-hots, done. */
export function actionRows(batch: SignalBatch, spec: BehaviorSpec, rows: ArrayLike<number> | null): Float32Array {
  const { continuousSize: C, discreteBranches } = spec.actionSpec;
  const nb = discreteBranches.length;
  const width = C + discreteBranches.reduce((a, b) => a + b, 0) + 1;
  const n = rows ? rows.length : batch.size;
  const out = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i]! : i;
    const base = i * width;
    for (let c = 0; c < C; c++) out[base + c] = Math.max(-1, Math.min(1, batch.continuousActions[r * C + c]!));
    let offset = base + C;
    for (let b = 0; b < nb; b++) {
      out[offset + batch.discreteActions[r * nb + b]!] = 1;
      offset += discreteBranches[b]!;
    }
    out[offset] = batch.dones[r]!;
  }
  return out;
}

/** [observations | actions] row by row. */
export function joinColumns(left: Float32Array, leftWidth: number, right: Float32Array, rightWidth: number, rows: number): Float32Array {
  if (rightWidth === 0) return left;
  const width = leftWidth + rightWidth;
  const out = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) {
    out.set(left.subarray(i * leftWidth, (i + 1) * leftWidth), i * width);
    out.set(right.subarray(i * rightWidth, (i + 1) * rightWidth), i * width + leftWidth);
  }
  return out;
}
