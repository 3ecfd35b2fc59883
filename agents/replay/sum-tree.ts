/**
 * A sum tree with a min tree beside it: the index of proportional prioritised replay (Schaul et al. 2016).
 * Leaves hold one priority per buffer slot; every inner node holds the sum (and the minimum) of its children, so
 * the total is at the root, a prefix sum finds its leaf in O(log n), and the smallest priority (which gives PER's
 * largest importance weight) is at the min root.
 *
 * Leaves sit at [base, base + capacity) with base the smallest power of two ≥ capacity, so any positive capacity
 * works; the padding leaves hold 0 (sum) and +∞ (min) and are never found. A parent is always recomputed as the
 * sum of its two children (never adjusted by a delta): no drift accumulates, and the tree is a pure function of its
 * leaves, so rebuilding it from saved leaves reproduces every node bit for bit.
 */
import { ShivaError } from '../../src/core/errors.js';

export class SumTree {
  readonly capacity: number;
  private readonly base: number;
  private readonly sums: Float64Array;
  private readonly mins: Float64Array;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `SumTree: capacity: expected a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    let base = 1;
    while (base < capacity) base *= 2;
    this.base = base;
    this.sums = new Float64Array(2 * base);
    this.mins = new Float64Array(2 * base).fill(Infinity);
  }

  /** Σ of all priorities. */
  get total(): number {
    return this.sums[1]!;
  }

  /** The smallest priority set since the last clear(); +∞ when none is. */
  get min(): number {
    return this.mins[1]!;
  }

  get(index: number): number {
    this.checkIndex(index);
    return this.sums[this.base + index]!;
  }

  update(index: number, priority: number): void {
    this.checkIndex(index);
    if (!Number.isFinite(priority) || priority < 0) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `SumTree.update: priority of slot ${index}: expected a finite number ≥ 0, got ${priority}`);
    }
    let node = this.base + index;
    this.sums[node] = priority;
    this.mins[node] = priority;
    for (node >>= 1; node >= 1; node >>= 1) this.recompute(node);
  }

  /**
   * The slot i whose interval [Σ_{j<i} p_j, Σ_{j≤i} p_j) holds `prefix`: a prefix drawn uniformly in [0, total)
   * finds slot i with probability p_i / total. Zero-priority slots are never returned; a prefix at or past the
   * total (rounding) gives the last slot with a positive priority, a negative one the first.
   */
  find(prefix: number): number {
    if (!(this.total > 0)) throw new ShivaError('SHIVA_ERR_REPLAY', `SumTree.find: the total priority is ${this.total}; nothing can be found`);
    if (Number.isNaN(prefix)) throw new ShivaError('SHIVA_ERR_REPLAY', 'SumTree.find: prefix: expected a number, got NaN');
    let rest = Math.max(0, prefix);
    let node = 1;
    while (node < this.base) {
      const left = 2 * node;
      const leftSum = this.sums[left]!;
      // rest < leftSum implies leftSum > 0; going right needs something there to find.
      if (rest < leftSum || !(this.sums[left + 1]! > 0)) {
        node = left;
      } else {
        rest -= leftSum;
        node = left + 1;
      }
    }
    return node - this.base;
  }

  /** Sets leaves [0, priorities.length) from `priorities`, clears the others, and rebuilds every inner node. */
  load(priorities: ArrayLike<number>): void {
    if (priorities.length > this.capacity) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `SumTree.load: expected at most ${this.capacity} priorities, got ${priorities.length}`);
    }
    for (let i = 0; i < priorities.length; i++) {
      const p = priorities[i]!;
      if (!Number.isFinite(p) || p < 0) {
        throw new ShivaError('SHIVA_ERR_REPLAY', `SumTree.load: priority of slot ${i}: expected a finite number ≥ 0, got ${p}`);
      }
    }
    this.clear();
    for (let i = 0; i < priorities.length; i++) {
      this.sums[this.base + i] = priorities[i]!;
      this.mins[this.base + i] = priorities[i]!;
    }
    for (let node = this.base - 1; node >= 1; node--) this.recompute(node);
  }

  clear(): void {
    this.sums.fill(0);
    this.mins.fill(Infinity);
  }

  private recompute(node: number): void {
    const l = 2 * node;
    this.sums[node] = this.sums[l]! + this.sums[l + 1]!;
    this.mins[node] = Math.min(this.mins[l]!, this.mins[l + 1]!);
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.capacity) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `SumTree: index: expected an integer in [0, ${this.capacity}), got ${index}`);
    }
  }
}
