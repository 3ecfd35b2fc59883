/**
 * Test helpers: brute-force enumeration of a factor graph's joint, and seeded random graph builders.
 */
import { type Factor, makeFactor, strides, tableSize } from '../../cognitive/graph/factor.js';
import { createFactorGraph, type FactorGraph, type GraphVariable, type VariableKind } from '../../cognitive/graph/factor-graph.js';
import { SeededRandom } from '../../cognitive/random.js';

/** Enumerates the joint. Sum graphs give marginals (sum 1); max graphs give max-marginals (max 1). */
export function bruteForce(graph: FactorGraph): { beliefs: Float64Array[]; map: number[] } {
  const sizes = graph.variables.map((v) => v.size);
  const n = tableSize(sizes);
  const st = strides(sizes);
  const kind = graph.variables[0]?.kind ?? 'unique';
  const beliefs = graph.variables.map((v) => new Float64Array(v.size));
  const assignment = new Array<number>(sizes.length).fill(0);
  let best = -1;
  let map: number[] = [];
  const factorStrides = graph.factors.map((f) => strides(f.sizes));
  const positions = graph.factors.map((f) => f.vars.map((v) => graph.index.get(v)!));
  for (let e = 0; e < n; e++) {
    for (let i = 0; i < sizes.length; i++) assignment[i] = Math.floor(e / st[i]!) % sizes[i]!;
    let p = 1;
    graph.factors.forEach((f, fi) => {
      let idx = 0;
      positions[fi]!.forEach((vi, k) => (idx += assignment[vi]! * factorStrides[fi]![k]!));
      p *= f.values[idx]!;
    });
    for (let i = 0; i < sizes.length; i++) {
      const b = beliefs[i]!;
      if (kind === 'unique') b[assignment[i]!]! += p;
      else if (p > b[assignment[i]!]!) b[assignment[i]!] = p;
    }
    if (p > best) {
      best = p;
      map = [...assignment];
    }
  }
  for (const b of beliefs) {
    const z = kind === 'unique' ? b.reduce((s, x) => s + x, 0) : Math.max(...b);
    for (let i = 0; i < b.length; i++) b[i]! /= z;
  }
  return { beliefs, map };
}

export function randomTable(rng: SeededRandom, sizes: readonly number[], lo = 0.05, hi = 1): Float64Array {
  const t = new Float64Array(tableSize(sizes));
  for (let i = 0; i < t.length; i++) t[i] = lo + (hi - lo) * rng.next();
  return t;
}

/**
 * A random factor tree: each new variable hangs off an earlier one through a pairwise factor, or (30%) a
 * new pair hangs off an earlier variable through one ternary factor; every variable gets a unary factor.
 */
export function randomTree(rng: SeededRandom, kind: VariableKind, nVars: number): FactorGraph {
  const variables: GraphVariable[] = [];
  const factors: Factor[] = [];
  const addVar = (): GraphVariable => {
    const v = { name: `x${variables.length}`, size: 2 + rng.int(2), kind };
    variables.push(v);
    factors.push(makeFactor([v.name], [v.size], randomTable(rng, [v.size])));
    return v;
  };
  addVar();
  while (variables.length < nVars) {
    const old = variables[rng.int(variables.length)]!;
    if (variables.length + 2 <= nVars && rng.next() < 0.3) {
      const a = addVar();
      const b = addVar();
      factors.push(makeFactor([old.name, a.name, b.name], [old.size, a.size, b.size], randomTable(rng, [old.size, a.size, b.size])));
    } else {
      const a = addVar();
      factors.push(makeFactor([a.name, old.name], [a.size, old.size], randomTable(rng, [a.size, old.size])));
    }
  }
  return createFactorGraph(variables, factors);
}

/** A w×h grid of binary variables with random unary factors and smooth pairwise couplings. */
export function grid(rng: SeededRandom, w: number, h: number, coupling: number): FactorGraph {
  const variables: GraphVariable[] = [];
  const factors: Factor[] = [];
  const name = (x: number, y: number): string => `g${x}_${y}`;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      variables.push({ name: name(x, y), size: 2, kind: 'unique' });
      factors.push(makeFactor([name(x, y)], [2], randomTable(rng, [2], 0.2, 1)));
    }
  }
  const pair = (): number[] => {
    const same = 1 + coupling * rng.next();
    return [same, 1, 1, same];
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (x + 1 < w) factors.push(makeFactor([name(x, y), name(x + 1, y)], [2, 2], pair()));
      if (y + 1 < h) factors.push(makeFactor([name(x, y), name(x, y + 1)], [2, 2], pair()));
    }
  }
  return createFactorGraph(variables, factors);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

export function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}
