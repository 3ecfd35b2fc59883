/**
 * Condacts as a factor graph. Each predicate that takes part in condacts is one variable node over its whole
 * table (unique if it has a unique argument); perception enters as one evidence factor per node; each condact
 * conditional is one factor over its predicates, its table read off the conditional's function. Evidence
 * flows every way, as in a Bayesian network; the beliefs then become working memory for the rules.
 */
import { strides, tableSize } from '../graph/factor.js';
import { createFactorGraph, type GraphVariable } from '../graph/factor-graph.js';
import { InferenceEngine, type InferenceOptions } from '../graph/inference.js';
import type { Predicate } from '../memory/predicate.js';
import type { CompiledConditional } from './compile-conditional.js';
import { patternEntries } from './compile-conditional.js';

export interface CondactFactor {
  readonly conditional: number;
  /** factor index in the graph */
  readonly factor: number;
  /** for each entry of the factor's table, the function index it reads, or -1 where variables disagree */
  readonly entryFn: Int32Array;
  readonly table: Float64Array;
}

export interface CondactGraph {
  readonly engine: InferenceEngine;
  /** predicate index of each graph variable (graph variable i = evidence factor i) */
  readonly nodes: Int32Array;
  readonly factors: readonly CondactFactor[];
}

export function compileCondacts(
  conditionals: readonly CompiledConditional[],
  predicates: readonly Predicate[],
  options: InferenceOptions,
): CondactGraph | null {
  const withCondacts = conditionals.filter((c) => c.spec.condacts.length > 0);
  if (withCondacts.length === 0) return null;
  const nodeNames = [...new Set(withCondacts.flatMap((c) => c.spec.condacts.map((p) => p.predicate)))];
  const nodes = Int32Array.from(nodeNames.map((n) => predicates.findIndex((p) => p.name === n)));
  const variables: GraphVariable[] = nodeNames.map((name, i) => {
    const pred = predicates[nodes[i]!]!;
    return { name, size: pred.size, kind: pred.uniqueArg >= 0 ? 'unique' : 'universal' };
  });
  const evidence = variables.map((v) => ({ vars: [v.name], sizes: [v.size], values: new Float64Array(v.size).fill(1) }));
  const factors: CondactFactor[] = [];
  const tables = withCondacts.map((c, k) => {
    const preds = c.spec.condacts.map((p) => predicates.find((q) => q.name === p.predicate)!);
    const sizes = preds.map((p) => p.size);
    const st = strides(sizes);
    const entryFn = new Int32Array(tableSize(sizes)).fill(-1);
    // Condact patterns come after conditions/actions/idioms in the conditional's pattern list (none here).
    const entries = c.spec.condacts.map((p, j) => patternEntries(p, j, preds[j]!, c.space));
    for (let b = 0; b < c.space.count; b++) {
      let e = 0;
      for (let j = 0; j < entries.length; j++) e += entries[j]![b]! * st[j]!;
      entryFn[e] = c.fnIndex[b]!;
    }
    const table = new Float64Array(entryFn.length);
    for (let e = 0; e < table.length; e++) table[e] = entryFn[e]! >= 0 ? c.fn[entryFn[e]!]! : 0;
    factors.push({ conditional: c.index, factor: variables.length + k, entryFn, table });
    return { vars: preds.map((p) => p.name), sizes, values: table };
  });
  const graph = createFactorGraph(variables, [...evidence, ...tables]);
  return { engine: new InferenceEngine(graph, options), nodes, factors };
}

/** Re-reads a condact factor's table from its conditional's (learned) function. */
export function refreshCondactTable(g: CondactGraph, f: CondactFactor, fn: Float64Array): void {
  for (let e = 0; e < f.table.length; e++) f.table[e] = f.entryFn[e]! >= 0 ? fn[f.entryFn[e]!]! : 0;
  g.engine.setFactorValues(f.factor, f.table);
}
