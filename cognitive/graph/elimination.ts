/**
 * Exact inference by variable elimination. Universal variables are eliminated (by max) before unique ones
 * (by sum), so on a graph mixing both the result is Σ_unique max_universal Π f — the same nesting a single
 * factor uses in summary-product. Within each kind the order is greedy min-fill, ties to the smaller clique.
 */
import { CognitiveError } from '../errors.js';
import { type Factor, makeFactor, scalarFactor, tableSize } from './factor.js';
import { type FactorGraph, summaryOf } from './factor-graph.js';
import { normaliseInPlace, product, reorder, summarise } from './factor-ops.js';

export interface EliminationPlan {
  readonly order: readonly string[];
  /** the number of entries of the largest table built while eliminating (its clique's Π domain sizes) */
  readonly maxCliqueEntries: number;
}

/** Plans an elimination of every variable not in `keep`. */
export function eliminationPlan(graph: FactorGraph, keep: readonly string[] = []): EliminationPlan {
  const neighbours = new Map<string, Set<string>>();
  for (const v of graph.variables) neighbours.set(v.name, new Set());
  for (const f of graph.factors) for (const a of f.vars) for (const b of f.vars) if (a !== b) neighbours.get(a)!.add(b);
  const size = (v: string): number => graph.variables[graph.index.get(v)!]!.size;
  const kind = (v: string): string => graph.variables[graph.index.get(v)!]!.kind;
  const remaining = new Set(graph.variables.map((v) => v.name).filter((v) => !keep.includes(v)));
  const order: string[] = [];
  let maxCliqueEntries = tableSize(keep.map(size));
  while (remaining.size > 0) {
    const universals = [...remaining].filter((v) => kind(v) === 'universal');
    const candidates = universals.length > 0 ? universals : [...remaining];
    let best = '';
    let bestFill = Infinity;
    let bestEntries = Infinity;
    for (const v of candidates) {
      const nb = [...neighbours.get(v)!];
      let fill = 0;
      for (let i = 0; i < nb.length; i++) for (let j = i + 1; j < nb.length; j++) if (!neighbours.get(nb[i]!)!.has(nb[j]!)) fill++;
      const entries = nb.reduce((acc, u) => acc * size(u), size(v));
      if (fill < bestFill || (fill === bestFill && entries < bestEntries)) {
        best = v;
        bestFill = fill;
        bestEntries = entries;
      }
    }
    maxCliqueEntries = Math.max(maxCliqueEntries, bestEntries);
    const nb = [...neighbours.get(best)!];
    for (const a of nb) {
      neighbours.get(a)!.delete(best);
      for (const b of nb) if (a !== b) neighbours.get(a)!.add(b);
    }
    neighbours.delete(best);
    remaining.delete(best);
    order.push(best);
  }
  return { order, maxCliqueEntries };
}

/**
 * Eliminates every variable except `keep` and returns the (unnormalised) factor over `keep`, in that order.
 * `factors` defaults to the graph's own; pass updated tables to reuse one graph structure.
 */
export function eliminate(graph: FactorGraph, keep: readonly string[], factors: readonly Factor[] = graph.factors): Factor {
  for (const k of keep) {
    if (!graph.index.has(k)) throw new CognitiveError('COG_GRAPH_INVALID', `eliminate: unknown variable ${k}`);
  }
  const plan = eliminationPlan(graph, keep);
  let pool: Factor[] = [...factors];
  for (const v of plan.order) {
    const touching = pool.filter((f) => f.vars.includes(v));
    if (touching.length === 0) continue;
    pool = pool.filter((f) => !f.vars.includes(v));
    let joint = touching[0]!;
    for (let i = 1; i < touching.length; i++) joint = product(joint, touching[i]!);
    pool.push(summarise(joint, v, summaryOf(graph.variables[graph.index.get(v)!]!.kind)));
  }
  // What remains mentions only kept variables; multiply in a ones-table so every kept variable appears.
  let result: Factor = makeFactor(keep, keep.map((k) => graph.variables[graph.index.get(k)!]!.size));
  for (const f of pool) result = product(result, f);
  return keep.length === 0 ? scalarFactor(result.values[0]!) : reorder(result, keep);
}

/** Exact per-variable beliefs, normalised by kind (unique: sum 1; universal: max 1). */
export function exactMarginals(graph: FactorGraph, factors: readonly Factor[] = graph.factors): Float64Array[] {
  return graph.variables.map((v) => {
    const m = new Float64Array(eliminate(graph, [v.name], factors).values);
    normaliseInPlace(m, summaryOf(v.kind));
    return m;
  });
}
