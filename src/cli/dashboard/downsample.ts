/**
 * Downsampling a scalar series on the server, so that a page asks for a curve of any length and gets at most
 * `maxPoints` points: the points are cut into equal runs by index and each run keeps its lowest and its highest
 * point, in step order (min/max per bucket: spikes and dips survive, which averaging would hide), and the first and
 * last point always stay. Steps are sorted; a range [from, to] is found by binary search first (zooming in asks the
 * server again for that range at full detail).
 */

export interface Series {
  /** The learner's step of each point, ascending. */
  readonly steps: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

export interface Downsampled {
  readonly steps: number[];
  readonly values: number[];
  /** How many points the series holds in the range, before downsampling. */
  readonly total: number;
}

/** The index of the first step ≥ `x` (steps ascending). */
export function lowerBound(steps: ArrayLike<number>, x: number, end = steps.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first `length` points of `series` between `from` and `to` (inclusive), at most `maxPoints` of them (≥ 4). */
export function downsample(series: Series, maxPoints: number, from = -Infinity, to = Infinity, length = series.steps.length): Downsampled {
  const max = Math.max(4, Math.floor(maxPoints));
  const start = Number.isFinite(from) ? lowerBound(series.steps, from, length) : 0;
  const end = Number.isFinite(to) ? lowerBound(series.steps, to + Number.EPSILON * Math.max(1, Math.abs(to)), length) : length;
  const total = Math.max(0, end - start);
  const steps: number[] = [];
  const values: number[] = [];
  const push = (i: number) => {
    steps.push(series.steps[i]!);
    values.push(series.values[i]!);
  };
  if (total <= max) {
    for (let i = start; i < end; i++) push(i);
    return { steps, values, total };
  }
  // The first and the last point, and two per bucket in between.
  const inner = total - 2;
  const buckets = Math.floor((max - 2) / 2);
  push(start);
  for (let b = 0; b < buckets; b++) {
    const lo = start + 1 + Math.floor((b * inner) / buckets);
    const hi = start + 1 + Math.floor(((b + 1) * inner) / buckets);
    if (hi <= lo) continue;
    let iMin = lo;
    let iMax = lo;
    for (let i = lo + 1; i < hi; i++) {
      const v = series.values[i]!;
      // NaN never wins either comparison; a bucket of NaN keeps its first point.
      if (v < series.values[iMin]!) iMin = i;
      if (v > series.values[iMax]!) iMax = i;
    }
    if (iMin === iMax) push(iMin);
    else if (iMin < iMax) {
      push(iMin);
      push(iMax);
    } else {
      push(iMax);
      push(iMin);
    }
  }
  push(end - 1);
  return { steps, values, total };
}
