/**
 * Pure operations on factors. Binary operations broadcast over the union of the two factors' variables
 * (the left factor's variables first, then the right's new ones), as in Sigma's factor algebra.
 */
import { CognitiveError } from '../errors.js';
import { type Factor, strides, tableSize } from './factor.js';

/** How a variable is summarised out: unique (random) variables by sum, universal (rule) variables by max. */
export type Summary = 'sum' | 'max';

/** Pointwise combination of two factors over the union of their variables. */
export function broadcast(a: Factor, b: Factor, op: (x: number, y: number) => number): Factor {
  const vars = [...a.vars];
  const sizes = [...a.sizes];
  for (let i = 0; i < b.vars.length; i++) {
    const v = b.vars[i]!;
    const at = vars.indexOf(v);
    if (at < 0) {
      vars.push(v);
      sizes.push(b.sizes[i]!);
    } else if (sizes[at] !== b.sizes[i]) {
      throw new CognitiveError('COG_GRAPH_INVALID', `variable ${v}: sizes disagree (${sizes[at]} vs ${b.sizes[i]})`);
    }
  }
  // Stride of each result variable inside a and inside b (0 where the factor lacks the variable).
  const aSt = strides(a.sizes);
  const bSt = strides(b.sizes);
  const k = vars.length;
  const strideA = new Array<number>(k).fill(0);
  const strideB = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    const ia = a.vars.indexOf(vars[i]!);
    const ib = b.vars.indexOf(vars[i]!);
    if (ia >= 0) strideA[i] = aSt[ia]!;
    if (ib >= 0) strideB[i] = bSt[ib]!;
  }
  const n = tableSize(sizes);
  const out = new Float64Array(n);
  const counter = new Array<number>(k).fill(0);
  let ia = 0;
  let ib = 0;
  for (let e = 0; e < n; e++) {
    out[e] = op(a.values[ia]!, b.values[ib]!);
    // Odometer step over the result's assignment, keeping the two source offsets in step.
    for (let d = k - 1; d >= 0; d--) {
      counter[d]!++;
      ia += strideA[d]!;
      ib += strideB[d]!;
      if (counter[d]! < sizes[d]!) break;
      ia -= strideA[d]! * sizes[d]!;
      ib -= strideB[d]! * sizes[d]!;
      counter[d] = 0;
    }
  }
  return { vars, sizes, values: out };
}

/** The factor product f·g. */
export function product(a: Factor, b: Factor): Factor {
  return broadcast(a, b, (x, y) => x * y);
}

/** Probabilistic OR, 1 − (1 − f)(1 − g): how positive actions on one unique predicate combine. */
export function probabilisticOr(a: Factor, b: Factor): Factor {
  return broadcast(a, b, (x, y) => 1 - (1 - x) * (1 - y));
}

/** Pointwise maximum: how positive actions on a universal predicate combine. */
export function pointwiseMax(a: Factor, b: Factor): Factor {
  return broadcast(a, b, (x, y) => (x > y ? x : y));
}

/** 1 − f: the inverting factor a negated action passes through. */
export function invert(f: Factor): Factor {
  const out = new Float64Array(f.values.length);
  for (let i = 0; i < out.length; i++) out[i] = 1 - f.values[i]!;
  return { vars: f.vars, sizes: f.sizes, values: out };
}

/** Removes one variable, combining the entries it separates by sum or max. */
export function summarise(f: Factor, v: string, how: Summary): Factor {
  const pos = f.vars.indexOf(v);
  if (pos < 0) throw new CognitiveError('COG_GRAPH_INVALID', `summarise: variable ${v} is not in (${f.vars.join(', ')})`);
  const size = f.sizes[pos]!;
  const inner = strides(f.sizes)[pos]!; // entries per step of v
  const outer = f.values.length / (inner * size);
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = how === 'sum' ? 0 : -Infinity;
      for (let x = 0; x < size; x++) {
        const val = f.values[(o * size + x) * inner + i]!;
        acc = how === 'sum' ? acc + val : val > acc ? val : acc;
      }
      out[o * inner + i] = acc;
    }
  }
  return {
    vars: f.vars.filter((_, i) => i !== pos),
    sizes: f.sizes.filter((_, i) => i !== pos),
    values: out,
  };
}

export function sumOut(f: Factor, v: string): Factor {
  return summarise(f, v, 'sum');
}

export function maxOut(f: Factor, v: string): Factor {
  return summarise(f, v, 'max');
}

/**
 * Scales a factor so its entries sum to 1 (`sum`) or its largest entry is 1 (`max`). An all-zero factor
 * (a contradiction) is returned as zeros rather than NaNs.
 */
export function normalise(f: Factor, how: Summary = 'sum'): Factor {
  const out = new Float64Array(f.values);
  normaliseInPlace(out, how);
  return { vars: f.vars, sizes: f.sizes, values: out };
}

/** The in-place form of normalise over a whole array; returns the scale found (0 for all-zero input). */
export function normaliseInPlace(values: Float64Array, how: Summary = 'sum', start = 0, length = values.length - start): number {
  let z = 0;
  const end = start + length;
  if (how === 'sum') for (let i = start; i < end; i++) z += values[i]!;
  else for (let i = start; i < end; i++) if (values[i]! > z) z = values[i]!;
  if (z > 0) for (let i = start; i < end; i++) values[i]! /= z;
  return z;
}

/**
 * Normalises over one variable: for every assignment of the others the entries along `v` sum to 1
 * (a conditional distribution, Sigma's `:normal`). Slices that are all zero stay zero.
 */
export function normaliseOver(f: Factor, v: string): Factor {
  const pos = f.vars.indexOf(v);
  if (pos < 0) throw new CognitiveError('COG_GRAPH_INVALID', `normaliseOver: variable ${v} is not in (${f.vars.join(', ')})`);
  const size = f.sizes[pos]!;
  const inner = strides(f.sizes)[pos]!;
  const outer = f.values.length / (inner * size);
  const out = new Float64Array(f.values);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let z = 0;
      for (let x = 0; x < size; x++) z += out[(o * size + x) * inner + i]!;
      if (z > 0) for (let x = 0; x < size; x++) out[(o * size + x) * inner + i]! /= z;
    }
  }
  return { vars: f.vars, sizes: f.sizes, values: out };
}

/** Fixes variable v to value index x, dropping it (a slice). */
export function restrict(f: Factor, v: string, x: number): Factor {
  const pos = f.vars.indexOf(v);
  if (pos < 0) throw new CognitiveError('COG_GRAPH_INVALID', `restrict: variable ${v} is not in (${f.vars.join(', ')})`);
  const size = f.sizes[pos]!;
  if (!(x >= 0 && x < size)) throw new CognitiveError('COG_GRAPH_INVALID', `restrict: ${v} = ${x} is outside 0..${size - 1}`);
  const inner = strides(f.sizes)[pos]!;
  const outer = f.values.length / (inner * size);
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) out[o * inner + i] = f.values[(o * size + x) * inner + i]!;
  return { vars: f.vars.filter((_, i) => i !== pos), sizes: f.sizes.filter((_, i) => i !== pos), values: out };
}

/** The same factor with its variables in the given order (a transpose). */
export function reorder(f: Factor, order: readonly string[]): Factor {
  if (order.length !== f.vars.length || order.some((v) => !f.vars.includes(v))) {
    throw new CognitiveError('COG_GRAPH_INVALID', `reorder: expected a permutation of (${f.vars.join(', ')}), got (${order.join(', ')})`);
  }
  const sizes = order.map((v) => f.sizes[f.vars.indexOf(v)]!);
  const one = { vars: order, sizes, values: new Float64Array(tableSize(sizes)).fill(1) };
  // Broadcasting the ordered ones-table first makes the result take its variable order.
  return broadcast(one, f, (_x, y) => y);
}
