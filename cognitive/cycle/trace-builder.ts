/**
 * Materialising a Trace from the cycle's buffers right after a decision. Only called when a trace is asked
 * for, so the per-decision hot path does not build these objects.
 */
import type { InferenceStats } from '../graph/inference.js';
import type { Contribution } from '../rules/preferences.js';
import type { DecideMode } from '../rules/rule-set.js';
import type { CompiledConditional } from './compile-conditional.js';
import type { CompiledRules } from './compile.js';
import { type Choice, FALLBACK_ACTION, IMPASSE_NAMES } from './decide.js';
import type { ElaborationStats } from './elaborate.js';
import { type BindingTrace, type BranchTrace, type InferenceTrace, MAX_TRACED_BINDINGS, POLICY_SOURCE, type Trace } from './trace.js';

export interface TraceInput {
  readonly compiled: CompiledRules;
  readonly policy: readonly ArrayLike<number>[];
  readonly offsets: Int32Array;
  readonly scores: readonly Float64Array[];
  readonly worse: readonly Float64Array[];
  readonly choices: readonly Choice[];
  readonly combined: readonly Float64Array[];
  readonly factors: readonly Float64Array[];
  readonly stats: ElaborationStats;
  readonly firing: Float64Array;
  readonly utilities: Float64Array;
  readonly mode: DecideMode;
  readonly temperature: number;
  readonly fallbackNames: readonly (string | null)[];
}

export function buildTrace(t: TraceInput): Trace {
  const c = t.compiled;
  const names = c.conditionals.map((x) => x.spec.name);
  const branches: BranchTrace[] = c.branches.map((br, b) => {
    const choice = t.choices[b]!;
    const candidates = br.labels.map((label, a) => {
      const contributions: Contribution[] = [{ conditional: POLICY_SOURCE, kind: 'policy', value: t.policy[b]![t.offsets[b]! + a]! }];
      for (const src of br.positive) if (src.message[a]! !== 0) contributions.push({ conditional: names[src.conditional]!, kind: src.kind, value: src.message[a]! });
      for (const src of br.negative) if (src.message[a]! !== 0) contributions.push({ conditional: names[src.conditional]!, kind: src.kind, value: src.message[a]! });
      br.better.forEach((bp, k) => {
        if (bp.over === a && t.worse[b]![k]! !== 1) contributions.push({ conditional: names[bp.conditional]!, kind: 'worse', value: t.worse[b]![k]! });
      });
      return { index: a, label, contributions, score: t.scores[b]![a]!, factor: t.factors[b]![a]!, combined: t.combined[b]![a]! };
    });
    const fb = t.fallbackNames[choice.fallback]!;
    return {
      branch: b,
      predicate: br.name,
      mode: t.mode,
      temperature: t.mode === 'boltzmann' ? t.temperature : null,
      candidates,
      chosen: choice.action,
      chosenLabel: br.labels[choice.action]!,
      score: t.scores[b]![choice.action]!,
      impasse: IMPASSE_NAMES[choice.impasse]!,
      fallback: fb === null ? null : choice.fallback === FALLBACK_ACTION ? `action:${br.labels[choice.action]}` : fb,
    };
  });
  const fired = c.conditionals
    .filter((x) => t.firing[x.index]! > 0)
    .map((x) => {
      const bindings = x.spec.condacts.length > 0 ? null : bindingsOf(x);
      return { conditional: x.spec.name, degree: t.firing[x.index]!, utility: t.utilities[x.index]!, ...(bindings ? { bindings } : {}) };
    });
  return {
    version: 1,
    rules: c.ruleSet.name,
    branches,
    elaboration: {
      inference: t.stats.inference === null ? null : inferenceTrace(t.stats.inference),
      rulePasses: t.stats.rulePasses,
      ruleResidual: t.stats.ruleResidual,
      ruleConverged: t.stats.ruleConverged,
    },
    fired,
    memory: memoryWithoutSelection(c),
  };
}

/**
 * The bindings of the variables a conditional's conditions name (?d in `civilian_in_line(dir=?d)`) under which
 * the conditions held in its last evaluation (its per-binding degrees D), strongest first; the other variables
 * (those only its actions name, arguments a pattern left out) are summarised by max. Null when its conditions
 * name no variable.
 */
function bindingsOf(cc: CompiledConditional): BindingTrace[] | null {
  const { space } = cc;
  const inConditions = new Set(cc.spec.conditions.flatMap((p) => p.args.flatMap((a) => (a.term.kind === 'var' ? [a.term.name] : []))));
  const named = space.names.map((name, v) => ({ name, v })).filter((x) => inConditions.has(x.name));
  if (named.length === 0) return null;
  const best = new Map<string, { values: Record<string, string>; degree: number }>();
  for (let b = 0; b < space.count; b++) {
    const d = cc.degree[b]!;
    if (!(d > 0)) continue;
    const key = named.map((x) => space.values[x.v]![b]!).join(',');
    const seen = best.get(key);
    if (seen) {
      if (d > seen.degree) seen.degree = d;
      continue;
    }
    best.set(key, { values: Object.fromEntries(named.map((x) => [x.name, space.types[x.v]!.labels[space.values[x.v]![b]!]!])), degree: d });
  }
  return [...best.values()].sort((a, b) => b.degree - a.degree).slice(0, MAX_TRACED_BINDINGS);
}

function inferenceTrace(s: InferenceStats): InferenceTrace {
  return { method: s.method, exact: s.exact, reason: s.reason, iterations: s.iterations, messages: s.messages, residual: s.residual, converged: s.converged };
}

/** Working memory for the trace; selection predicates are left out (their state is the branch's scores). */
function memoryWithoutSelection(c: CompiledRules): Record<string, number[]> {
  const all = c.memory.describe();
  for (const br of c.branches) delete all[br.name];
  return all;
}
