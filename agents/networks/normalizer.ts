/**
 * Running mean and variance of a vector observation, as ML-Agents' `normalize: true`: inputs become
 * (x − mean) / std, clipped to ±5. Batches merge with Chan et al.'s parallel form of Welford's update, so the
 * statistics equal those of all rows seen, computed at once, without keeping the rows.
 *
 * Before the first update the normaliser is the identity (mean 0, variance 1), still clipped, as ML-Agents'.
 */
import { ShivaError } from '../../src/core/errors.js';

/** Normalised values are clipped to ±this many standard deviations (ML-Agents' value). */
export const NORMALIZER_CLIP = 5;
const VARIANCE_EPSILON = 1e-8;

/** JSON-safe normaliser state. */
export interface SavedNormalizer {
  readonly count: number;
  readonly mean: readonly number[];
  /** Sum of squared deviations from the mean (variance × count). */
  readonly m2: readonly number[];
}

export class RunningNormalizer {
  private count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  /** Cached 1/std per feature, refreshed on update/load. */
  private readonly invStd: Float64Array;

  constructor(readonly size: number) {
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
    this.invStd = new Float64Array(size).fill(1);
  }

  get steps(): number {
    return this.count;
  }

  /** Population variance per feature (1 before any update). */
  variance(): Float64Array {
    const v = new Float64Array(this.size);
    for (let j = 0; j < this.size; j++) v[j] = this.count > 0 ? this.m2[j]! / this.count : 1;
    return v;
  }

  getMean(): Float64Array {
    return Float64Array.from(this.mean);
  }

  /** Merges `rows` rows of `size` features (row-major) into the running statistics. */
  update(values: Float32Array, rows: number): void {
    if (rows === 0) return;
    const n = this.size;
    const batchMean = new Float64Array(n);
    const batchM2 = new Float64Array(n);
    for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) batchMean[j] = batchMean[j]! + values[r * n + j]!;
    for (let j = 0; j < n; j++) batchMean[j] = batchMean[j]! / rows;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < n; j++) {
        const d = values[r * n + j]! - batchMean[j]!;
        batchM2[j] = batchM2[j]! + d * d;
      }
    }
    const total = this.count + rows;
    for (let j = 0; j < n; j++) {
      const delta = batchMean[j]! - this.mean[j]!;
      this.mean[j] = this.mean[j]! + (delta * rows) / total;
      this.m2[j] = this.m2[j]! + batchM2[j]! + (delta * delta * this.count * rows) / total;
    }
    this.count = total;
    this.refresh();
  }

  /** (x − mean) / std clipped to ±5, for `rows` rows; writes into `out` (a new array when omitted). */
  normalize(values: Float32Array, rows: number, out = new Float32Array(rows * this.size)): Float32Array {
    const n = this.size;
    for (let r = 0; r < rows; r++) {
      const base = r * n;
      for (let j = 0; j < n; j++) {
        const z = (values[base + j]! - this.mean[j]!) * this.invStd[j]!;
        out[base + j] = z > NORMALIZER_CLIP ? NORMALIZER_CLIP : z < -NORMALIZER_CLIP ? -NORMALIZER_CLIP : z;
      }
    }
    return out;
  }

  /** The mean and 1/std that normalize() applies (for export). */
  statistics(): { readonly mean: Float64Array; readonly invStd: Float64Array } {
    return { mean: Float64Array.from(this.mean), invStd: Float64Array.from(this.invStd) };
  }

  save(): SavedNormalizer {
    return { count: this.count, mean: Array.from(this.mean), m2: Array.from(this.m2) };
  }

  load(saved: SavedNormalizer, where: string): void {
    if (!saved || !Number.isFinite(saved.count) || saved.count < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: normaliser count: expected a number ≥ 0, got ${saved ? String(saved.count) : 'nothing'}`);
    }
    for (const field of ['mean', 'm2'] as const) {
      const values = saved[field];
      if (!Array.isArray(values) || values.length !== this.size || values.some((v) => !Number.isFinite(v))) {
        throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: normaliser ${field}: expected ${this.size} finite numbers, got ${Array.isArray(values) ? `${values.length} values` : typeof values}`);
      }
    }
    this.count = saved.count;
    this.mean.set(saved.mean);
    this.m2.set(saved.m2);
    this.refresh();
  }

  private refresh(): void {
    for (let j = 0; j < this.size; j++) {
      const variance = this.count > 0 ? this.m2[j]! / this.count : 1;
      this.invStd[j] = 1 / Math.sqrt(variance + VARIANCE_EPSILON);
    }
  }
}
