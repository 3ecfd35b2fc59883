/**
 * A factor: a table of non-negative numbers over named discrete variables. Values are row-major with the LAST
 * variable varying fastest, so the entry for assignment (x0, x1, ..., xk) sits at Σ xi·stride_i.
 */
import { CognitiveError } from '../errors.js';

export interface Factor {
  readonly vars: readonly string[];
  readonly sizes: readonly number[];
  readonly values: Float64Array;
}

/** Builds a factor, checking that the variables are distinct and the table has Π sizes entries. */
export function makeFactor(vars: readonly string[], sizes: readonly number[], values?: ArrayLike<number>): Factor {
  if (vars.length !== sizes.length) {
    throw new CognitiveError('COG_GRAPH_INVALID', `factor: expected one size per variable (${vars.length}), got ${sizes.length}`);
  }
  if (new Set(vars).size !== vars.length) {
    throw new CognitiveError('COG_GRAPH_INVALID', `factor: expected distinct variables, got ${vars.join(', ')}`);
  }
  for (let i = 0; i < sizes.length; i++) {
    const s = sizes[i]!;
    if (!Number.isInteger(s) || s < 1) {
      throw new CognitiveError('COG_GRAPH_INVALID', `factor: variable ${vars[i]}: expected a size >= 1, got ${s}`);
    }
  }
  const n = tableSize(sizes);
  if (values !== undefined && values.length !== n) {
    throw new CognitiveError('COG_GRAPH_INVALID', `factor over (${vars.join(', ')}): expected ${n} values, got ${values.length}`);
  }
  const table = new Float64Array(n);
  if (values === undefined) table.fill(1);
  else table.set(values);
  return { vars: [...vars], sizes: [...sizes], values: table };
}

/** A factor with no variables holding one number. */
export function scalarFactor(value: number): Factor {
  return { vars: [], sizes: [], values: Float64Array.of(value) };
}

export function tableSize(sizes: readonly number[]): number {
  let n = 1;
  for (const s of sizes) n *= s;
  return n;
}

/** Row-major strides: stride of the last variable is 1. */
export function strides(sizes: readonly number[]): number[] {
  const out = new Array<number>(sizes.length);
  let s = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= sizes[i]!;
  }
  return out;
}

/** The value at a named assignment (every variable of the factor must be given). */
export function valueAt(f: Factor, assignment: Readonly<Record<string, number>>): number {
  const st = strides(f.sizes);
  let idx = 0;
  for (let i = 0; i < f.vars.length; i++) {
    const v = assignment[f.vars[i]!];
    if (v === undefined) throw new CognitiveError('COG_GRAPH_INVALID', `valueAt: assignment misses variable ${f.vars[i]}`);
    idx += v * st[i]!;
  }
  return f.values[idx]!;
}

/** For every entry of a table over `sizes`, the value of variable position `pos` (an index column). */
export function indexColumn(sizes: readonly number[], pos: number): Int32Array {
  const n = tableSize(sizes);
  const st = strides(sizes);
  const stride = st[pos]!;
  const size = sizes[pos]!;
  const col = new Int32Array(n);
  for (let e = 0; e < n; e++) col[e] = Math.floor(e / stride) % size;
  return col;
}
