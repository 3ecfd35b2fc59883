/**
 * A conditional compiled to flat index arrays over its binding space (every assignment of its variables).
 * Evaluating it is summary-product on the conditional's own factor with messages flowing one way: the
 * conditions' messages and the function multiply per binding, and each action's message summarises the
 * variables the action does not mention (universal by max inside, unique by sum outside).
 */
import { CognitiveError } from '../errors.js';
import { strides, tableSize } from '../graph/factor.js';
import { normaliseOver } from '../graph/factor-ops.js';
import type { DomainType } from '../graph/types.js';
import { labelIndex } from '../graph/types.js';
import type { Predicate } from '../memory/predicate.js';
import type { Pattern } from '../rules/pattern.js';
import type { ContributionKind } from '../rules/preferences.js';
import type { Conditional } from '../rules/rule-set.js';

/** Largest binding space a conditional may have. */
export const MAX_BINDINGS = 1 << 16;

export interface BindingSpace {
  readonly names: readonly string[];
  readonly types: readonly DomainType[];
  readonly unique: readonly boolean[];
  readonly count: number;
  /** value of variable v in binding b at [v][b] */
  readonly values: readonly Int32Array[];
}

export interface CompiledCondition {
  /** working-memory offset read by each binding */
  readonly offsets: Int32Array;
  readonly negated: boolean;
}

export interface CompiledAction {
  readonly conditional: number;
  readonly kind: ContributionKind;
  readonly positive: boolean;
  /** multiply by the conditional's function (generic actions) or by `scale` alone (idioms) */
  readonly useFunction: boolean;
  readonly scale: number;
  readonly predicate: number;
  /** entry of the predicate's table each binding writes */
  readonly target: Int32Array;
  /** 'max' | 'sum' when the summarised variables are all of one kind, else two-level via groups */
  readonly summary: 'max' | 'sum' | 'mixed';
  readonly group: Int32Array;
  readonly groupTarget: Int32Array;
  /** the action's message over the predicate's entries (0 = no contribution), refreshed on each evaluation */
  readonly message: Float64Array;
}

export interface CompiledBetter {
  readonly conditional: number;
  readonly predicate: number;
  readonly prefer: number;
  readonly over: number;
  readonly ratio: number;
}

export interface CompiledConditional {
  readonly index: number;
  readonly spec: Conditional;
  readonly space: BindingSpace;
  readonly conditions: readonly CompiledCondition[];
  readonly actions: readonly CompiledAction[];
  readonly better: readonly CompiledBetter[];
  /** the function table over spec.fn.over (learning updates it) and its index for each binding */
  readonly fn: Float64Array;
  readonly fnIndex: Int32Array;
  /** entries that started at 0 and must stay 0 */
  readonly fnZero: Uint8Array;
  readonly fnSizes: readonly number[];
  /** function value per binding (refreshed from fn after learning) */
  readonly fnAtBinding: Float64Array;
  /** per binding: product of condition degrees (D) and D × function (J) */
  readonly degree: Float64Array;
  readonly joint: Float64Array;
  /** how D summarises to the conditional's overall firing degree (unique-variable groups, maxed inside) */
  readonly firingGroup: Int32Array;
  readonly firingGroups: number;
}

/** Collects variables from patterns; arguments a pattern leaves out become fresh anonymous variables. */
export function bindingSpace(patterns: readonly Pattern[], predicates: ReadonlyMap<string, Predicate>): BindingSpace {
  const names: string[] = [];
  const types: DomainType[] = [];
  const unique: boolean[] = [];
  const add = (name: string, type: DomainType, isUnique: boolean): void => {
    const at = names.indexOf(name);
    if (at >= 0) {
      unique[at] = unique[at]! || isUnique;
      return;
    }
    names.push(name);
    types.push(type);
    unique.push(isUnique);
  };
  patterns.forEach((p, pi) => {
    const pred = predicates.get(p.predicate)!;
    for (const a of pred.args) {
      const term = p.args.find((x) => x.arg === a.name)?.term;
      if (term === undefined) add(`_${pi}_${a.name}`, a.type, a.unique);
      else if (term.kind === 'var') add(term.name, a.type, a.unique);
    }
  });
  const sizes = types.map((t) => t.labels.length);
  const count = tableSize(sizes);
  if (count > MAX_BINDINGS) {
    throw new CognitiveError('COG_RULES_INVALID', `a conditional binds ${names.join(', ')}: ${count} bindings, more than ${MAX_BINDINGS}`);
  }
  const st = strides(sizes);
  const values = sizes.map((s, v) => {
    const col = new Int32Array(count);
    for (let b = 0; b < count; b++) col[b] = Math.floor(b / st[v]!) % s;
    return col;
  });
  return { names, types, unique, count, values };
}

/** The table entry a pattern addresses in each binding (pattern index pi names its anonymous variables). */
export function patternEntries(p: Pattern, pi: number, pred: Predicate, space: BindingSpace): Int32Array {
  const out = new Int32Array(space.count);
  pred.args.forEach((a, ai) => {
    const term = p.args.find((x) => x.arg === a.name)?.term;
    const stride = pred.strides[ai]!;
    if (term !== undefined && term.kind === 'const') {
      const x = labelIndex(a.type, term.label);
      for (let b = 0; b < space.count; b++) out[b]! += x * stride;
    } else {
      const col = space.values[space.names.indexOf(term === undefined ? `_${pi}_${a.name}` : term.name)]!;
      for (let b = 0; b < space.count; b++) out[b]! += col[b]! * stride;
    }
  });
  return out;
}

/** The function's index for each binding (variables outside fn.over broadcast) and its table, normalised. */
export function compileFunction(c: Conditional, space: BindingSpace): { fn: Float64Array; fnIndex: Int32Array; fnSizes: number[] } {
  const over = c.fn?.over ?? [];
  const fnSizes = over.map((v) => space.types[space.names.indexOf(v)]!.labels.length);
  const st = strides(fnSizes);
  const fnIndex = new Int32Array(space.count);
  over.forEach((v, i) => {
    const col = space.values[space.names.indexOf(v)]!;
    for (let b = 0; b < space.count; b++) fnIndex[b]! += col[b]! * st[i]!;
  });
  let fn = Float64Array.from(c.fn?.values ?? [1]);
  if (c.normal !== null) fn = new Float64Array(normaliseOver({ vars: over, sizes: fnSizes, values: fn }, c.normal).values);
  return { fn, fnIndex, fnSizes };
}

/**
 * Grouping for summarising every variable outside `keep`: group = (target, assignment of the summarised
 * unique variables). Max runs inside a group, sum across groups of one target.
 */
function summaryGroups(space: BindingSpace, keep: ReadonlySet<string>, target: Int32Array, targets: number): { summary: 'max' | 'sum' | 'mixed'; group: Int32Array; groupTarget: Int32Array } {
  const summarised = space.names.map((_, v) => v).filter((v) => !keep.has(space.names[v]!));
  const uniq = summarised.filter((v) => space.unique[v]);
  const hasUniversal = summarised.some((v) => !space.unique[v]);
  const summary = uniq.length === 0 ? 'max' : hasUniversal ? 'mixed' : 'sum';
  let uCount = 1;
  for (const v of uniq) uCount *= space.types[v]!.labels.length;
  const group = new Int32Array(space.count);
  for (let b = 0; b < space.count; b++) {
    let u = 0;
    for (const v of uniq) u = u * space.types[v]!.labels.length + space.values[v]![b]!;
    group[b] = target[b]! * uCount + u;
  }
  const groupTarget = new Int32Array(targets * uCount);
  for (let g = 0; g < groupTarget.length; g++) groupTarget[g] = Math.floor(g / uCount);
  return { summary, group, groupTarget };
}

export function compileConditional(
  index: number,
  c: Conditional,
  predicates: readonly Predicate[],
  offsets: Int32Array,
): CompiledConditional {
  const byName = new Map(predicates.map((p) => [p.name, p]));
  const predIndex = (name: string): number => predicates.findIndex((p) => p.name === name);
  // Pattern order fixes the anonymous-variable names, so keep one list for both passes.
  const all: { p: Pattern; role: 'condition' | 'action' | 'idiom' | 'condact'; kind?: ContributionKind; scale?: number }[] = [
    ...c.conditions.map((p) => ({ p, role: 'condition' as const })),
    ...c.actions.map((p) => ({ p, role: 'action' as const, kind: (p.negated ? 'negated-action' : 'action') as ContributionKind })),
    ...c.idioms.map((i) => ({ p: i.pattern, role: 'idiom' as const, kind: i.kind as ContributionKind, scale: i.value })),
    ...c.condacts.map((p) => ({ p, role: 'condact' as const })),
  ];
  const space = bindingSpace(all.map((x) => x.p), byName);
  const conditions: CompiledCondition[] = [];
  const actions: CompiledAction[] = [];
  all.forEach((x, pi) => {
    const pred = byName.get(x.p.predicate)!;
    const pIdx = predIndex(x.p.predicate);
    const entries = patternEntries(x.p, pi, pred, space);
    if (x.role === 'condition') {
      const abs = new Int32Array(space.count);
      for (let b = 0; b < space.count; b++) abs[b] = offsets[pIdx]! + entries[b]!;
      conditions.push({ offsets: abs, negated: x.p.negated });
    } else if (x.role === 'action' || x.role === 'idiom') {
      const keep = new Set<string>();
      pred.args.forEach((a) => {
        const term = x.p.args.find((t) => t.arg === a.name)?.term;
        if (term === undefined) keep.add(`_${pi}_${a.name}`);
        else if (term.kind === 'var') keep.add(term.name);
      });
      const kind = x.kind!;
      actions.push({
        conditional: index,
        kind,
        positive: kind !== 'reject' && kind !== 'negated-action',
        useFunction: x.role === 'action',
        scale: x.scale ?? 1,
        predicate: pIdx,
        target: entries,
        ...summaryGroups(space, keep, entries, pred.size),
        message: new Float64Array(pred.size),
      });
    }
  });
  const better: CompiledBetter[] = c.better.map((b) => {
    const pred = byName.get(b.prefer.predicate)!;
    const labelOf = (p: Pattern): number => labelIndex(pred.args[0]!.type, (p.args[0]!.term as { label: string }).label);
    return { conditional: index, predicate: predIndex(b.prefer.predicate), prefer: labelOf(b.prefer), over: labelOf(b.over), ratio: b.ratio };
  });
  const { fn, fnIndex, fnSizes } = compileFunction(c, space);
  const fnZero = new Uint8Array(fn.length);
  for (let i = 0; i < fn.length; i++) fnZero[i] = fn[i] === 0 ? 1 : 0;
  const fnAtBinding = new Float64Array(space.count);
  for (let b = 0; b < space.count; b++) fnAtBinding[b] = fn[fnIndex[b]!]!;
  const firing = summaryGroups(space, new Set(), new Int32Array(space.count), 1);
  return {
    index,
    spec: c,
    space,
    conditions,
    actions,
    better,
    fn,
    fnIndex,
    fnZero,
    fnSizes,
    fnAtBinding,
    degree: new Float64Array(space.count),
    joint: new Float64Array(space.count),
    firingGroup: firing.group,
    firingGroups: firing.groupTarget.length,
  };
}
