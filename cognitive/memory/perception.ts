/**
 * The perception map: how one agent's observation vector becomes working memory. A perceived predicate's
 * table is rebuilt from zero by its perception entries each cycle (entries combine by max), so perception
 * is the whole evidence for it; the world assumption only matters for predicates nothing perceives.
 */
import { CognitiveError } from '../errors.js';
import { type DomainType, labelIndex, numberToIndex } from '../graph/types.js';
import type { Predicate } from './predicate.js';
import type { WorkingMemory } from './working-memory.js';

export type ThresholdOp = '<' | '<=' | '>' | '>=';

export type PerceptionTest =
  /** the fixed entry is 1 when `x op value`, else 0 */
  | { readonly kind: 'threshold'; readonly op: ThresholdOp; readonly value: number }
  /** x falls in a bin (edges ascending; bin i is [edges[i-1], edges[i])) and the bin's label gets 1 */
  | { readonly kind: 'bins'; readonly edges: readonly number[]; readonly labels: readonly string[] }
  /** the argument's own type places x: discrete rounds, continuous bins, symbolic reads an index */
  | { readonly kind: 'number' }
  /** the fixed entry holds x clamped to [0, 1] as a truth degree */
  | { readonly kind: 'degree' };

export interface PerceptionEntry {
  readonly predicate: string;
  /** index into the observation vector */
  readonly index: number;
  /** for bins/number: the argument that receives the value */
  readonly arg?: string;
  /** constants for the other arguments, by name → label */
  readonly args: Readonly<Record<string, string>>;
  readonly test: PerceptionTest;
}

const OP_LT = 0;
const OP_LE = 1;
const OP_GT = 2;
const OP_GE = 3;
const KIND_THRESHOLD = 0;
const KIND_BINS = 1;
const KIND_NUMBER = 2;
const KIND_DEGREE = 3;

interface CompiledEntry {
  readonly kind: number;
  readonly index: number;
  /** absolute working-memory offset of the fixed entry (threshold/degree) or of value 0 of `arg` */
  readonly at: number;
  readonly stride: number;
  readonly op: number;
  readonly value: number;
  readonly edges: Float64Array;
  /** bins: bin → value index of `arg` */
  readonly binValue: Int32Array;
  readonly type: DomainType | null;
}

export class Perception {
  /** the observation length this map needs (largest index + 1) */
  readonly requiredLength: number;
  private readonly entries: CompiledEntry[];
  private readonly perceived: Int32Array;

  constructor(entries: readonly PerceptionEntry[], memory: WorkingMemory) {
    const perceived = new Set<number>();
    this.entries = entries.map((e) => {
      const p = memory.predicateIndex(e.predicate);
      perceived.add(p);
      return compileEntry(e, memory.predicates[p]!, memory.offsets[p]!);
    });
    this.perceived = Int32Array.from(perceived);
    this.requiredLength = entries.reduce((m, e) => Math.max(m, e.index + 1), 0);
  }

  /** Writes the perceived predicates from obs[offset .. offset + n). */
  apply(obs: ArrayLike<number>, offset: number, memory: WorkingMemory): void {
    const v = memory.values;
    for (let i = 0; i < this.perceived.length; i++) {
      const p = this.perceived[i]!;
      v.fill(0, memory.offsets[p]!, memory.offsets[p]! + memory.predicates[p]!.size);
    }
    for (let i = 0; i < this.entries.length; i++) {
      const c = this.entries[i]!;
      const x = obs[offset + c.index]!;
      let at = c.at;
      let val = 1;
      switch (c.kind) {
        case KIND_THRESHOLD:
          val = (c.op === OP_LT ? x < c.value : c.op === OP_LE ? x <= c.value : c.op === OP_GT ? x > c.value : x >= c.value) ? 1 : 0;
          break;
        case KIND_DEGREE:
          val = x > 1 ? 1 : x > 0 ? x : 0;
          break;
        case KIND_BINS: {
          let b = 0;
          while (b < c.edges.length && x >= c.edges[b]!) b++;
          at += c.binValue[b]! * c.stride;
          break;
        }
        default:
          at += numberToIndex(c.type!, x) * c.stride;
      }
      if (val > v[at]!) v[at] = val;
    }
    for (let i = 0; i < this.perceived.length; i++) memory.normaliseUnique(this.perceived[i]!);
  }
}

function compileEntry(e: PerceptionEntry, pred: Predicate, offset: number): CompiledEntry {
  const fail = (msg: string): never => {
    throw new CognitiveError('COG_RULES_REFERENCE', `perception of ${pred.name}: ${msg}`);
  };
  const fixed = new Array<number>(pred.args.length).fill(0);
  let argPos = -1;
  if (e.test.kind === 'bins' || e.test.kind === 'number') {
    argPos = e.arg !== undefined ? pred.args.findIndex((a) => a.name === e.arg) : pred.args.length === 1 ? 0 : pred.uniqueArg;
    if (argPos < 0) fail(`expected an argument to receive the value (${pred.args.map((a) => a.name).join(', ') || 'none'}), got ${e.arg ?? 'none'}`);
  }
  pred.args.forEach((a, i) => {
    if (i === argPos) return;
    const label = e.args[a.name];
    if (label === undefined) return fail(`argument ${a.name}: expected a constant (args: { ${a.name}: ... }), got none`);
    const x = labelIndex(a.type, label);
    if (x < 0) return fail(`argument ${a.name}: expected one of ${a.type.labels.join(', ')}, got ${label}`);
    fixed[i] = x;
  });
  let at = offset;
  for (let i = 0; i < fixed.length; i++) at += fixed[i]! * pred.strides[i]!;
  const stride = argPos >= 0 ? pred.strides[argPos]! : 0;
  const type = argPos >= 0 ? pred.args[argPos]!.type : null;
  const t = e.test;
  const binValue = new Int32Array(t.kind === 'bins' ? t.labels.length : 0);
  if (t.kind === 'bins') {
    if (t.labels.length !== t.edges.length + 1) fail(`expected ${t.edges.length + 1} labels for ${t.edges.length} edges, got ${t.labels.length}`);
    t.labels.forEach((l, i) => {
      const x = labelIndex(type!, l);
      if (x < 0) fail(`bin label: expected one of ${type!.labels.join(', ')}, got ${l}`);
      binValue[i] = x;
    });
  }
  return {
    kind: t.kind === 'threshold' ? KIND_THRESHOLD : t.kind === 'bins' ? KIND_BINS : t.kind === 'number' ? KIND_NUMBER : KIND_DEGREE,
    index: e.index,
    at,
    stride,
    op: t.kind === 'threshold' ? (t.op === '<' ? OP_LT : t.op === '<=' ? OP_LE : t.op === '>' ? OP_GT : OP_GE) : 0,
    value: t.kind === 'threshold' ? t.value : 0,
    edges: Float64Array.from(t.kind === 'bins' ? t.edges : []),
    binValue,
    type,
  };
}
