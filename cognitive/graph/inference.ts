/**
 * Choosing between exact elimination and summary-product, and running the chosen one repeatedly on a fixed
 * graph structure whose factor values change (evidence per decision).
 *
 * The automatic rule:
 *   - a forest whose variables are all of one kind → summary-product, which is exact there and cheapest;
 *   - otherwise, when the largest elimination clique has at most `exactLimit` entries (default 4096, the
 *     product of the domain sizes of the clique's variables) → variable elimination, exact;
 *   - otherwise → summary-product, approximate on loops: its residual and convergence are reported.
 */
import { CognitiveError } from '../errors.js';
import { type Factor } from './factor.js';
import { type FactorGraph, isForest, kindsOf } from './factor-graph.js';
import { eliminate, eliminationPlan, exactMarginals } from './elimination.js';
import { normaliseInPlace } from './factor-ops.js';
import { type SummaryProductOptions, SummaryProductSolver } from './summary-product.js';

export type InferenceMethod = 'summary-product' | 'variable-elimination';

export const DEFAULT_EXACT_LIMIT = 4096;

export interface InferenceOptions extends SummaryProductOptions {
  readonly method?: 'auto' | 'exact' | 'summary-product';
  /** largest elimination clique (entries) for which `auto` picks exact elimination */
  readonly exactLimit?: number;
}

export interface InferenceChoice {
  readonly method: InferenceMethod;
  /** true when the answer is exact (elimination, or summary-product on a single-kind forest) */
  readonly exact: boolean;
  readonly reason: string;
  readonly maxCliqueEntries: number;
}

export interface InferenceStats extends InferenceChoice {
  readonly iterations: number;
  readonly messages: number;
  readonly residual: number;
  readonly converged: boolean;
}

export interface InferenceResult extends InferenceStats {
  /** per variable (graph order), normalised by kind */
  readonly beliefs: Float64Array[];
}

export function chooseMethod(graph: FactorGraph, options: InferenceOptions = {}): InferenceChoice {
  const method = options.method ?? 'auto';
  const limit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const forest = isForest(graph);
  const singleKind = kindsOf(graph).size <= 1;
  const { maxCliqueEntries } = eliminationPlan(graph);
  const treeExact = forest && singleKind;
  if (method === 'exact') {
    return { method: 'variable-elimination', exact: true, reason: 'exact elimination requested', maxCliqueEntries };
  }
  if (method === 'summary-product') {
    return { method: 'summary-product', exact: treeExact, reason: 'summary-product requested', maxCliqueEntries };
  }
  if (treeExact) {
    return { method: 'summary-product', exact: true, reason: 'the graph is a forest of one variable kind: summary-product is exact', maxCliqueEntries };
  }
  if (maxCliqueEntries <= limit) {
    const why = forest ? 'the graph mixes unique and universal variables' : 'the graph has loops';
    return { method: 'variable-elimination', exact: true, reason: `${why}; largest elimination clique ${maxCliqueEntries} <= ${limit} entries`, maxCliqueEntries };
  }
  return {
    method: 'summary-product',
    exact: false,
    reason: `largest elimination clique ${maxCliqueEntries} > ${limit} entries: approximate summary-product`,
    maxCliqueEntries,
  };
}

/** One-shot inference on a graph. */
export function infer(graph: FactorGraph, options: InferenceOptions = {}): InferenceResult {
  const engine = new InferenceEngine(graph, options);
  const stats = engine.run();
  return { ...stats, beliefs: graph.variables.map((_, i) => engine.belief(i)) };
}

/** A compiled inference for repeated runs: set factor values, run, read beliefs. */
export class InferenceEngine {
  readonly graph: FactorGraph;
  readonly choice: InferenceChoice;
  private readonly solver: SummaryProductSolver | null;
  private readonly tables: Factor[];
  private marginals: Float64Array[] = [];

  constructor(graph: FactorGraph, options: InferenceOptions = {}) {
    this.graph = graph;
    this.choice = chooseMethod(graph, options);
    this.tables = graph.factors.map((f) => ({ vars: f.vars, sizes: f.sizes, values: new Float64Array(f.values) }));
    this.solver = this.choice.method === 'summary-product' ? new SummaryProductSolver(graph, options) : null;
  }

  setFactorValues(fi: number, values: ArrayLike<number>): void {
    const t = this.tables[fi];
    if (t === undefined || t.values.length !== values.length) {
      throw new CognitiveError('COG_GRAPH_INVALID', `inference: factor ${fi}: expected ${t?.values.length ?? 0} values, got ${values.length}`);
    }
    t.values.set(values);
    this.solver?.setFactorValues(fi, values);
  }

  /** The current table of factor `fi` (learning writes into it through setFactorValues). */
  factorValues(fi: number): Float64Array {
    return this.tables[fi]!.values;
  }

  run(): InferenceStats {
    if (this.solver !== null) return { ...this.choice, ...this.solver.run() };
    this.marginals = exactMarginals(this.graph, this.tables);
    return { ...this.choice, iterations: 1, messages: 0, residual: 0, converged: true };
  }

  belief(vi: number, out?: Float64Array): Float64Array {
    if (this.solver !== null) return this.solver.belief(vi, out);
    const m = this.marginals[vi];
    if (m === undefined) throw new CognitiveError('COG_STATE', 'inference: belief read before run()');
    if (out === undefined) return new Float64Array(m);
    out.set(m);
    return out;
  }

  /** The belief over factor fi's own variables (sum-normalised): the feedback learning uses. */
  factorBelief(fi: number): Float64Array {
    if (this.solver !== null) return this.solver.factorBelief(fi);
    const f = this.tables[fi]!;
    const out = new Float64Array(eliminate(this.graph, f.vars, this.tables).values);
    normaliseInPlace(out, 'sum');
    return out;
  }
}
