/**
 * Summary-product message passing, compiled once per graph structure and run many times (factor values may
 * change between runs, e.g. evidence). A factor→variable message is the factor times every other incoming
 * message, with the other variables summarised out: universal variables by max first (inner), then unique
 * variables by sum (outer). A variable→factor message is the product of the variable's other incoming
 * messages. Every message is normalised by its variable's kind (unique: sums to 1; universal: max is 1),
 * which keeps numbers in range and does not change the normalised beliefs.
 */
import { CognitiveError } from '../errors.js';
import { indexColumn, tableSize } from './factor.js';
import { type FactorGraph } from './factor-graph.js';
import { normaliseInPlace } from './factor-ops.js';

/** flooding: every message from the previous round at once; sequential: factor by factor, forward then back. */
export type Schedule = 'flooding' | 'sequential';

export interface SummaryProductOptions {
  readonly schedule?: Schedule;
  /** weight kept from the old message, 0 (none) ≤ damping < 1 */
  readonly damping?: number;
  /** stop when no factor→variable message moved more than this (max-abs, normalised) */
  readonly tolerance?: number;
  /** cap on rounds (a round updates every factor→variable message once) */
  readonly maxIterations?: number;
  /** cap on factor→variable message updates in total */
  readonly maxMessages?: number;
}

export interface MessagePassingStats {
  readonly iterations: number;
  readonly messages: number;
  /** the largest change of any message in the last round */
  readonly residual: number;
  readonly converged: boolean;
}

export const SUMMARY_PRODUCT_DEFAULTS = {
  schedule: 'flooding' as Schedule,
  damping: 0,
  tolerance: 1e-10,
  maxIterations: 200,
  maxMessages: 1_000_000,
};

/** One edge of the graph seen from a factor: the factor, the variable's position in it, the variable. */
interface Edge {
  readonly factor: number;
  readonly pos: number;
  readonly variable: number;
  /** factor→variable and variable→factor messages */
  readonly toVar: Float64Array;
  readonly toFactor: Float64Array;
  /** Mixed summaries only: each entry's (target value, unique-others assignment) group, and group → target. */
  readonly group: Int32Array | null;
  readonly groupTarget: Int32Array | null;
  /** 'sum' or 'max' when every other variable has the same kind */
  readonly summary: 'sum' | 'max';
}

export class SummaryProductSolver {
  private readonly graph: FactorGraph;
  private readonly opts: Required<SummaryProductOptions>;
  private readonly values: Float64Array[];
  private readonly columns: Int32Array[][];
  private readonly edges: Edge[][]; // per factor, per position
  private readonly varEdges: Edge[][]; // per variable
  private readonly entryScratch: Float64Array;
  private readonly groupScratch: Float64Array;
  private readonly msgScratch: Float64Array;

  constructor(graph: FactorGraph, options: SummaryProductOptions = {}) {
    this.graph = graph;
    this.opts = { ...SUMMARY_PRODUCT_DEFAULTS, ...options };
    const d = this.opts.damping;
    if (!(d >= 0 && d < 1)) throw new CognitiveError('COG_GRAPH_INVALID', `summary-product: expected 0 <= damping < 1, got ${d}`);
    this.values = graph.factors.map((f) => new Float64Array(f.values));
    this.columns = graph.factors.map((f) => f.vars.map((_, p) => indexColumn(f.sizes, p)));
    this.varEdges = graph.variables.map(() => []);
    let maxEntries = 1;
    let maxGroups = 1;
    let maxSize = 1;
    for (const v of graph.variables) maxSize = Math.max(maxSize, v.size);
    this.edges = graph.factors.map((f, fi) => {
      maxEntries = Math.max(maxEntries, f.values.length);
      return f.vars.map((name, pos) => {
        const variable = graph.index.get(name)!;
        const size = f.sizes[pos]!;
        const others = f.vars.map((_, q) => q).filter((q) => q !== pos);
        const kinds = new Set(others.map((q) => graph.variables[graph.index.get(f.vars[q]!)!]!.kind));
        let group: Int32Array | null = null;
        let groupTarget: Int32Array | null = null;
        if (kinds.size === 2) {
          // Group = (target value, assignment of the unique others): max inside a group, then sum groups.
          const uniques = others.filter((q) => graph.variables[graph.index.get(f.vars[q]!)!]!.kind === 'unique');
          const uSizes = uniques.map((q) => f.sizes[q]!);
          const uCount = tableSize(uSizes);
          group = new Int32Array(f.values.length);
          const cols = this.columns[fi]!;
          for (let e = 0; e < f.values.length; e++) {
            let u = 0;
            for (let j = 0; j < uniques.length; j++) u = u * uSizes[j]! + cols[uniques[j]!]![e]!;
            group[e] = cols[pos]![e]! * uCount + u;
          }
          groupTarget = new Int32Array(size * uCount);
          for (let g = 0; g < groupTarget.length; g++) groupTarget[g] = Math.floor(g / uCount);
          maxGroups = Math.max(maxGroups, groupTarget.length);
        }
        const edge: Edge = {
          factor: fi,
          pos,
          variable,
          toVar: new Float64Array(size).fill(1),
          toFactor: new Float64Array(size).fill(1),
          group,
          groupTarget,
          summary: kinds.has('unique') ? 'sum' : 'max',
        };
        this.varEdges[variable]!.push(edge);
        return edge;
      });
    });
    this.entryScratch = new Float64Array(maxEntries);
    this.groupScratch = new Float64Array(maxGroups);
    this.msgScratch = new Float64Array(maxSize);
    this.reset();
  }

  /** Replaces the table of factor `fi` (same length), e.g. new evidence. Messages are kept as a warm start. */
  setFactorValues(fi: number, values: ArrayLike<number>): void {
    const target = this.values[fi];
    if (target === undefined || values.length !== target.length) {
      throw new CognitiveError('COG_GRAPH_INVALID', `summary-product: factor ${fi}: expected ${target?.length ?? 0} values, got ${values.length}`);
    }
    target.set(values);
  }

  /** Sets every message back to uniform. */
  reset(): void {
    for (const row of this.edges) for (const e of row) {
      e.toVar.fill(1);
      e.toFactor.fill(1);
      this.normaliseFor(e.variable, e.toVar);
      this.normaliseFor(e.variable, e.toFactor);
    }
  }

  /** Passes messages until the residual drops under the tolerance or a cap is reached. */
  run(options: { readonly reset?: boolean } = {}): MessagePassingStats {
    if (options.reset !== false) this.reset();
    const { schedule, tolerance, maxIterations, maxMessages } = this.opts;
    let iterations = 0;
    let messages = 0;
    let residual = Infinity;
    const nf = this.edges.length;
    while (iterations < maxIterations && messages < maxMessages) {
      iterations++;
      residual = 0;
      if (schedule === 'flooding') {
        for (const row of this.edges) for (const e of row) this.updateToFactor(e);
        for (const row of this.edges) for (const e of row) {
          residual = Math.max(residual, this.updateToVar(e));
          messages++;
        }
      } else {
        const forward = iterations % 2 === 1;
        for (let k = 0; k < nf; k++) {
          const row = this.edges[forward ? k : nf - 1 - k]!;
          for (const e of row) this.updateToFactor(e);
          for (const e of row) {
            residual = Math.max(residual, this.updateToVar(e));
            messages++;
          }
        }
      }
      if (residual < tolerance) break;
    }
    if (nf === 0) residual = 0;
    return { iterations, messages, residual, converged: residual < tolerance };
  }

  /** The belief of variable `vi`: the product of its incoming messages, normalised by its kind. */
  belief(vi: number, out: Float64Array = new Float64Array(this.graph.variables[vi]!.size)): Float64Array {
    out.fill(1);
    for (const e of this.varEdges[vi]!) for (let x = 0; x < out.length; x++) out[x]! *= e.toVar[x]!;
    this.normaliseFor(vi, out);
    return out;
  }

  /** The belief of factor `fi` over its own variables: f times the incoming messages, normalised to sum 1. */
  factorBelief(fi: number): Float64Array {
    const row = this.edges[fi]!;
    for (const e of row) this.updateToFactor(e);
    const vals = this.values[fi]!;
    const cols = this.columns[fi]!;
    const out = new Float64Array(vals.length);
    for (let ent = 0; ent < vals.length; ent++) {
      let p = vals[ent]!;
      for (let q = 0; q < row.length; q++) p *= row[q]!.toFactor[cols[q]![ent]!]!;
      out[ent] = p;
    }
    normaliseInPlace(out, 'sum');
    return out;
  }

  private normaliseFor(vi: number, msg: Float64Array): void {
    normaliseInPlace(msg, this.graph.variables[vi]!.kind === 'unique' ? 'sum' : 'max');
  }

  /** variable→factor: the product of the messages from the variable's other factors. */
  private updateToFactor(edge: Edge): void {
    const out = edge.toFactor;
    out.fill(1);
    for (const other of this.varEdges[edge.variable]!) {
      if (other === edge) continue;
      for (let x = 0; x < out.length; x++) out[x]! *= other.toVar[x]!;
    }
    this.normaliseFor(edge.variable, out);
  }

  /** factor→variable with damping; returns the largest change. */
  private updateToVar(edge: Edge): number {
    const fi = edge.factor;
    const row = this.edges[fi]!;
    const vals = this.values[fi]!;
    const cols = this.columns[fi]!;
    const n = vals.length;
    const prod = this.entryScratch;
    for (let ent = 0; ent < n; ent++) {
      let p = vals[ent]!;
      for (let q = 0; q < row.length; q++) if (q !== edge.pos) p *= row[q]!.toFactor[cols[q]![ent]!]!;
      prod[ent] = p;
    }
    const size = edge.toVar.length;
    const fresh = this.msgScratch.subarray(0, size);
    fresh.fill(0);
    const target = cols[edge.pos]!;
    if (edge.group !== null && edge.groupTarget !== null) {
      const groups = this.groupScratch.subarray(0, edge.groupTarget.length);
      groups.fill(0);
      for (let ent = 0; ent < n; ent++) {
        const g = edge.group[ent]!;
        if (prod[ent]! > groups[g]!) groups[g] = prod[ent]!;
      }
      for (let g = 0; g < groups.length; g++) fresh[edge.groupTarget[g]!]! += groups[g]!;
    } else if (edge.summary === 'sum') {
      for (let ent = 0; ent < n; ent++) fresh[target[ent]!]! += prod[ent]!;
    } else {
      for (let ent = 0; ent < n; ent++) if (prod[ent]! > fresh[target[ent]!]!) fresh[target[ent]!] = prod[ent]!;
    }
    this.normaliseFor(edge.variable, fresh);
    const lambda = this.opts.damping;
    let change = 0;
    const old = edge.toVar;
    for (let x = 0; x < size; x++) {
      const next = (1 - lambda) * fresh[x]! + lambda * old[x]!;
      const d = Math.abs(next - old[x]!);
      if (d > change) change = d;
      old[x] = next;
    }
    return change;
  }
}
