/**
 * The trace of one decision: every contribution to every candidate (conditional, kind, value), the combined
 * score and probability, the mode, the impasse and its fallback, and how elaboration went (condact
 * inference method, iterations, residual; rule passes). It is plain JSON, and the chosen score can be
 * rebuilt from it alone with rebuildScore.
 */
import type { InferenceMethod } from '../graph/inference.js';
import { type Contribution, scoreOf } from '../rules/preferences.js';
import type { DecideMode } from '../rules/rule-set.js';
import type { Impasse } from './decide.js';

export const POLICY_SOURCE = '(policy)';

export interface CandidateTrace {
  readonly index: number;
  readonly label: string;
  /** the policy first, then each non-neutral rule contribution */
  readonly contributions: readonly Contribution[];
  readonly score: number;
  /** f(a): the factor the rules multiply the policy by (0 = veto or mask) */
  readonly factor: number;
  /** π(a)·f(a)/Z */
  readonly combined: number;
}

export interface BranchTrace {
  readonly branch: number;
  readonly predicate: string;
  readonly mode: DecideMode;
  /** Boltzmann temperature in force, else null */
  readonly temperature: number | null;
  readonly candidates: readonly CandidateTrace[];
  readonly chosen: number;
  readonly chosenLabel: string;
  readonly score: number;
  readonly impasse: Impasse | null;
  /** how the impasse was resolved: policy, random, or action:LABEL */
  readonly fallback: string | null;
}

export interface InferenceTrace {
  readonly method: InferenceMethod;
  readonly exact: boolean;
  readonly reason: string;
  readonly iterations: number;
  readonly messages: number;
  readonly residual: number;
  readonly converged: boolean;
}

export interface ElaborationTrace {
  readonly inference: InferenceTrace | null;
  readonly rulePasses: number;
  readonly ruleResidual: number;
  readonly ruleConverged: boolean;
}

/** One assignment of a conditional's named variables (?d = north) and the degree its conditions held to under it. */
export interface BindingTrace {
  /** variable name (without the ?) → label */
  readonly values: Readonly<Record<string, string>>;
  readonly degree: number;
}

export interface FiredTrace {
  readonly conditional: string;
  readonly degree: number;
  readonly utility: number;
  /**
   * The bindings of the variables its conditions name under which they held (degree > 0), strongest first, at
   * most MAX_TRACED_BINDINGS; absent when its conditions name no variable (or it has condacts).
   */
  readonly bindings?: readonly BindingTrace[];
}

/** Bindings kept per fired conditional in a trace. */
export const MAX_TRACED_BINDINGS = 16;

export interface Trace {
  readonly version: 1;
  readonly rules: string;
  readonly branches: readonly BranchTrace[];
  readonly elaboration: ElaborationTrace;
  readonly fired: readonly FiredTrace[];
  /** working memory after elaboration, per predicate */
  readonly memory: Readonly<Record<string, readonly number[]>>;
}

/** The chosen candidate's score of a branch, recomputed from its contributions alone. */
export function rebuildScore(trace: Trace, branch = 0): number {
  const b = trace.branches[branch]!;
  return scoreOf(b.candidates[b.chosen]!.contributions);
}

/**
 * The combined distribution of a branch recomputed from the trace: every candidate's rebuilt score over
 * their sum; a `none` impasse acts as its fallback, one-hot.
 */
export function rebuildCombined(trace: Trace, branch = 0): number[] {
  const b = trace.branches[branch]!;
  const scores = b.candidates.map((c) => scoreOf(c.contributions));
  const z = scores.reduce((s, x) => s + x, 0);
  if (!(z > 0)) return scores.map((_, i) => (i === b.chosen ? 1 : 0));
  return scores.map((s) => s / z);
}

/** A short human-readable rendering of a trace (what `shiva explain` can print). */
export function formatTrace(trace: Trace): string {
  const lines: string[] = [`rules ${trace.rules}`];
  const inf = trace.elaboration.inference;
  if (inf !== null) {
    lines.push(`  inference: ${inf.method}${inf.exact ? ' (exact)' : ''}, ${inf.iterations} iteration(s), residual ${inf.residual.toExponential(2)}${inf.converged ? '' : ' NOT CONVERGED'} — ${inf.reason}`);
  }
  lines.push(`  rules fired in ${trace.elaboration.rulePasses} pass(es), residual ${trace.elaboration.ruleResidual.toExponential(2)}`);
  for (const f of trace.fired) lines.push(`  fired ${f.conditional} (degree ${round(f.degree)}, utility ${round(f.utility)})${formatBindings(f.bindings)}`);
  for (const b of trace.branches) {
    const imp = b.impasse === null ? '' : ` — impasse ${b.impasse}, resolved by ${b.fallback}`;
    lines.push(`  branch ${b.branch} (${b.predicate}, ${b.mode}${b.temperature === null ? '' : ` T=${round(b.temperature)}`}): chose ${b.chosenLabel}${imp}`);
    for (const c of b.candidates) {
      const parts = c.contributions.map((x) => `${x.kind} ${round(x.value)} from ${x.conditional}`).join('; ');
      lines.push(`    ${c.index === b.chosen ? '*' : ' '} ${c.label}: score ${round(c.score)}, f ${round(c.factor)}, p ${round(c.combined)}  [${parts}]`);
    }
  }
  return lines.join('\n');
}

/** " with ?d=north; ?d=west (0.5)": each binding, its degree when below 1. */
export function formatBindings(bindings: readonly BindingTrace[] | undefined): string {
  if (bindings === undefined || bindings.length === 0) return '';
  const one = (b: BindingTrace) =>
    Object.entries(b.values)
      .map(([v, label]) => `?${v}=${label}`)
      .join(' ') + (b.degree < 1 ? ` (${round(b.degree)})` : '');
  return ` with ${bindings.map(one).join('; ')}`;
}

function round(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 1e4) / 1e4) : String(x);
}
