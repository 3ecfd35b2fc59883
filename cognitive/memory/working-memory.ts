/**
 * Working memory: one Float64Array holding every predicate's table back to back, rebuilt each cycle from
 * the unknown defaults and perception. Keeping it flat lets a compiled rule set address any entry by offset.
 */
import { indexToNumber } from '../graph/types.js';
import { SeededRandom } from '../random.js';
import { type Predicate, unknownTable } from './predicate.js';

export class WorkingMemory {
  readonly predicates: readonly Predicate[];
  readonly offsets: Int32Array;
  readonly values: Float64Array;
  /** the unknown defaults of every predicate, copied in by reset() */
  readonly base: Float64Array;
  private readonly index: ReadonlyMap<string, number>;

  constructor(predicates: readonly Predicate[]) {
    this.predicates = predicates;
    this.offsets = new Int32Array(predicates.length);
    let total = 0;
    predicates.forEach((p, i) => {
      this.offsets[i] = total;
      total += p.size;
    });
    this.values = new Float64Array(total);
    this.base = new Float64Array(total);
    predicates.forEach((p, i) => this.base.set(unknownTable(p), this.offsets[i]!));
    this.index = new Map(predicates.map((p, i) => [p.name, i]));
    this.reset();
  }

  reset(): void {
    this.values.set(this.base);
  }

  predicateIndex(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new RangeError(`working memory: unknown predicate ${name}`);
    return i;
  }

  /** A live view of one predicate's table. */
  table(p: number): Float64Array {
    return this.values.subarray(this.offsets[p]!, this.offsets[p]! + this.predicates[p]!.size);
  }

  /**
   * Normalises each slice along the unique argument. A slice with no mass becomes uniform in an open world
   * (nothing known) and stays 0 in a closed one.
   */
  normaliseUnique(p: number): void {
    const pred = this.predicates[p]!;
    if (pred.uniqueArg < 0) return;
    const v = this.values;
    const off = this.offsets[p]!;
    const n = pred.args[pred.uniqueArg]!.type.labels.length;
    const stride = pred.strides[pred.uniqueArg]!;
    for (let s = 0; s < pred.sliceStarts.length; s++) {
      const start = off + pred.sliceStarts[s]!;
      let z = 0;
      for (let x = 0; x < n; x++) z += v[start + x * stride]!;
      if (z > 0) for (let x = 0; x < n; x++) v[start + x * stride]! /= z;
      else if (pred.world === 'open') for (let x = 0; x < n; x++) v[start + x * stride] = 1 / n;
    }
  }

  /** Reads a unique argument back per the predicate's mark (best, expected or a sample become one-hot). */
  applyMark(p: number, rng: SeededRandom): void {
    const pred = this.predicates[p]!;
    if (pred.uniqueArg < 0 || pred.mark === 'distribution') return;
    const v = this.values;
    const off = this.offsets[p]!;
    const type = pred.args[pred.uniqueArg]!.type;
    const n = type.labels.length;
    const stride = pred.strides[pred.uniqueArg]!;
    for (let s = 0; s < pred.sliceStarts.length; s++) {
      const start = off + pred.sliceStarts[s]!;
      let z = 0;
      for (let x = 0; x < n; x++) z += v[start + x * stride]!;
      if (!(z > 0)) continue;
      let pick = 0;
      if (pred.mark === 'best') {
        for (let x = 1; x < n; x++) if (v[start + x * stride]! > v[start + pick * stride]!) pick = x;
      } else if (pred.mark === 'expected') {
        let mean = 0;
        for (let x = 0; x < n; x++) mean += (v[start + x * stride]! / z) * indexToNumber(type, x);
        let bestDist = Infinity;
        for (let x = 0; x < n; x++) {
          const d = Math.abs(indexToNumber(type, x) - mean);
          if (d < bestDist) {
            bestDist = d;
            pick = x;
          }
        }
      } else {
        let r = rng.next() * z;
        pick = n - 1;
        for (let x = 0; x < n; x++) {
          r -= v[start + x * stride]!;
          if (r < 0) {
            pick = x;
            break;
          }
        }
      }
      for (let x = 0; x < n; x++) v[start + x * stride] = x === pick ? 1 : 0;
    }
  }

  /** Every predicate's table as plain numbers, for traces and tests. */
  describe(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    this.predicates.forEach((p, i) => {
      out[p.name] = Array.from(this.table(i));
    });
    return out;
  }
}
