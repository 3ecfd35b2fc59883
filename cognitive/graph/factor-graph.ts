/**
 * A factor graph: variable nodes (with a size and a summary kind) and factor nodes (tables over some of the
 * variables). Unique variables are random variables, summarised by sum; universal variables are rule
 * variables, summarised by max.
 */
import { CognitiveError } from '../errors.js';
import type { Factor } from './factor.js';
import type { Summary } from './factor-ops.js';

export type VariableKind = 'unique' | 'universal';

export interface GraphVariable {
  readonly name: string;
  readonly size: number;
  readonly kind: VariableKind;
}

export interface FactorGraph {
  readonly variables: readonly GraphVariable[];
  readonly factors: readonly Factor[];
  /** variable name → index into `variables` */
  readonly index: ReadonlyMap<string, number>;
  /** for each variable, the indices of the factors that touch it */
  readonly adjacency: readonly (readonly number[])[];
}

export function summaryOf(kind: VariableKind): Summary {
  return kind === 'unique' ? 'sum' : 'max';
}

/** Builds a graph, checking that every factor's variables exist with matching sizes. */
export function createFactorGraph(variables: readonly GraphVariable[], factors: readonly Factor[]): FactorGraph {
  const index = new Map<string, number>();
  variables.forEach((v, i) => {
    if (index.has(v.name)) throw new CognitiveError('COG_GRAPH_INVALID', `graph: variable ${v.name} is declared twice`);
    if (!Number.isInteger(v.size) || v.size < 1) {
      throw new CognitiveError('COG_GRAPH_INVALID', `graph: variable ${v.name}: expected a size >= 1, got ${v.size}`);
    }
    index.set(v.name, i);
  });
  const adjacency: number[][] = variables.map(() => []);
  factors.forEach((f, fi) => {
    f.vars.forEach((name, p) => {
      const vi = index.get(name);
      if (vi === undefined) throw new CognitiveError('COG_GRAPH_INVALID', `graph: factor ${fi} uses unknown variable ${name}`);
      if (variables[vi]!.size !== f.sizes[p]) {
        throw new CognitiveError('COG_GRAPH_INVALID', `graph: factor ${fi}: variable ${name} has size ${variables[vi]!.size}, the factor says ${f.sizes[p]}`);
      }
      adjacency[vi]!.push(fi);
    });
  });
  return { variables, factors, index, adjacency };
}

/**
 * True when the bipartite variable–factor graph has no cycle (a forest), where summary-product is exact.
 * Union-find over edges: an edge joining two nodes already connected closes a loop.
 */
export function isForest(graph: FactorGraph): boolean {
  const nv = graph.variables.length;
  const parent = new Int32Array(nv + graph.factors.length).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let fi = 0; fi < graph.factors.length; fi++) {
    for (const name of graph.factors[fi]!.vars) {
      const a = find(nv + fi);
      const b = find(graph.index.get(name)!);
      if (a === b) return false;
      parent[a] = b;
    }
  }
  return true;
}

/** The kinds present among the graph's variables. */
export function kindsOf(graph: FactorGraph): Set<VariableKind> {
  return new Set(graph.variables.map((v) => v.kind));
}
