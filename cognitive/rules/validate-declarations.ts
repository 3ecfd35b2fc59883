/**
 * Validation of a rule file's declarations: types, predicates, named observation indices, the perception map,
 * the decision branches with their impasse fallbacks, and the decide / learning / elaboration settings.
 */
import { binnedType, discreteType, type DomainType, symbolicType } from '../graph/types.js';
import type { InferenceOptions } from '../graph/inference.js';
import type { PerceptionEntry, PerceptionTest } from '../memory/perception.js';
import { definePredicate, type Predicate, type PredicateArg, SELECTION_MARKS } from '../memory/predicate.js';
import type { RuleReader } from './rule-reader.js';
import {
  type Branch,
  DECIDE_MODES,
  type DecideSettings,
  type ElaborationSettings,
  type Fallback,
  type FallbackChoice,
  type LearningSettings,
} from './rule-set.js';

export function readTypes(r: RuleReader, raw: unknown): Map<string, DomainType> {
  const types = new Map<string, DomainType>();
  if (raw === undefined) return types;
  const m = r.namedMap(['types'], raw, 'types');
  for (const [name, spec] of Object.entries(m)) {
    const path = ['types', name];
    if (Array.isArray(spec)) {
      const labels = spec.map((l, i) => (typeof l === 'number' ? String(l) : r.string([...path, i], l, 'a label')));
      if (labels.length === 0) r.ctx.expected(path, 'at least one label', spec);
      const dup = labels.find((l, i) => labels.indexOf(l) !== i);
      if (dup !== undefined) r.ctx.fail('COG_RULES_INVALID', path, `expected distinct labels, got "${dup}" twice`);
      types.set(name, symbolicType(name, labels));
      continue;
    }
    const t = r.map(path, spec, ['range', 'continuous']);
    if (t.range !== undefined) {
      const range = r.list([...path, 'range'], t.range, 'two integers [lo, hi]');
      if (range.length !== 2) r.ctx.expected([...path, 'range'], 'two integers [lo, hi]', range);
      const lo = r.number([...path, 'range', 0], range[0], { integer: true });
      const hi = r.number([...path, 'range', 1], range[1], { integer: true, min: lo });
      types.set(name, discreteType(name, lo, hi));
    } else if (t.continuous !== undefined) {
      const c = r.map([...path, 'continuous'], t.continuous, ['min', 'max', 'bins'], ['min', 'max', 'bins']);
      const min = r.number([...path, 'continuous', 'min'], c.min);
      const max = r.number([...path, 'continuous', 'max'], c.max, { above: min });
      const bins = r.number([...path, 'continuous', 'bins'], c.bins, { integer: true, min: 1, max: 4096 });
      types.set(name, binnedType(name, min, max, bins));
    } else {
      r.ctx.expected(path, 'a list of labels, { range: [lo, hi] } or { continuous: { min, max, bins } }', spec);
    }
  }
  return types;
}

const PREDICATE_KEYS = ['args', 'world', 'select'];
const ARG_KEYS = ['type', 'unique'];

export function readPredicates(r: RuleReader, raw: unknown, types: ReadonlyMap<string, DomainType>): Predicate[] {
  if (raw === undefined) r.ctx.fail('COG_RULES_INVALID', [], 'missing required key "predicates"');
  const m = r.namedMap(['predicates'], raw, 'predicates');
  const typeNames = [...types.keys()];
  return Object.entries(m).map(([name, spec]) => {
    const path = ['predicates', name];
    const p = r.map(path, spec ?? {}, PREDICATE_KEYS);
    const args: PredicateArg[] = [];
    if (p.args !== undefined) {
      const am = r.namedMap([...path, 'args'], p.args, 'arguments');
      for (const [argName, argSpec] of Object.entries(am)) {
        const ap = [...path, 'args', argName];
        let typeName: string;
        let unique = false;
        if (typeof argSpec === 'string') {
          unique = argSpec.endsWith('!');
          typeName = unique ? argSpec.slice(0, -1) : argSpec;
        } else {
          const a = r.map(ap, argSpec, ARG_KEYS, ['type']);
          typeName = r.string([...ap, 'type'], a.type, 'a type name');
          unique = a.unique === undefined ? false : r.boolean([...ap, 'unique'], a.unique);
        }
        const type = types.get(typeName);
        if (type === undefined) r.ctx.unknownName(ap, 'type', typeName, typeNames);
        args.push({ name: argName, type: type!, unique });
      }
    }
    const uniques = args.filter((a) => a.unique).length;
    if (uniques > 1) r.ctx.mismatch([...path, 'args'], 'at most one unique argument (marked with !)', `${uniques} unique arguments`);
    const world = p.world === undefined ? 'closed' : r.oneOf([...path, 'world'], p.world, ['open', 'closed'] as const);
    const mark = p.select === undefined ? 'distribution' : r.oneOf([...path, 'select'], p.select, SELECTION_MARKS);
    if (mark !== 'distribution' && uniques === 0) r.ctx.mismatch([...path, 'select'], 'a unique argument for a selection mark other than distribution', 'none');
    const u = args.find((a) => a.unique);
    if (mark === 'expected' && u !== undefined && u.type.kind === 'symbolic') {
      r.ctx.mismatch([...path, 'select'], 'a numeric (range or continuous) unique argument for the mark expected', `symbolic type ${u.type.name}`);
    }
    return definePredicate(name, args, world, mark);
  });
}

export function readObservation(r: RuleReader, raw: unknown): Map<string, number> {
  const names = new Map<string, number>();
  if (raw === undefined) return names;
  const m = r.namedMap(['observation'], raw, 'observation indices');
  for (const [name, idx] of Object.entries(m)) names.set(name, r.number(['observation', name], idx, { integer: true, min: 0 }));
  return names;
}

const PERCEPTION_TESTS = ['below', 'at_most', 'above', 'at_least', 'bins', 'number', 'degree'] as const;
const PERCEPTION_KEYS = ['predicate', 'index', 'arg', 'args', 'labels', ...PERCEPTION_TESTS];

export function readPerception(r: RuleReader, raw: unknown, predicates: readonly Predicate[], observation: ReadonlyMap<string, number>): PerceptionEntry[] {
  if (raw === undefined) return [];
  const names = predicates.map((p) => p.name);
  return r.list(['perception'], raw, 'perception entries').map((item, i) => {
    const path = ['perception', i];
    const e = r.map(path, item, PERCEPTION_KEYS, ['predicate', 'index']);
    const predName = r.string([...path, 'predicate'], e.predicate, 'a predicate name');
    const pred = predicates.find((p) => p.name === predName);
    if (pred === undefined) return r.ctx.unknownName([...path, 'predicate'], 'predicate', predName, names);
    let index: number;
    if (typeof e.index === 'string') {
      const named = observation.get(e.index);
      if (named === undefined) return r.ctx.unknownName([...path, 'index'], 'observation name', e.index, [...observation.keys()]);
      index = named;
    } else index = r.number([...path, 'index'], e.index, { integer: true, min: 0 });
    const tests = PERCEPTION_TESTS.filter((t) => e[t] !== undefined);
    if (tests.length !== 1) r.ctx.mismatch(path, `exactly one of ${PERCEPTION_TESTS.join(', ')}`, tests.length === 0 ? 'none' : tests.join(' and '));
    const kind = tests[0]!;
    let test: PerceptionTest;
    let arg: string | undefined;
    const argNames = pred.args.map((a) => a.name);
    if (e.arg !== undefined) {
      arg = r.string([...path, 'arg'], e.arg, 'an argument name');
      if (!argNames.includes(arg)) r.ctx.unknownName([...path, 'arg'], `argument of ${pred.name}`, arg, argNames);
    }
    if (e.arg !== undefined && kind !== 'bins' && kind !== 'number') {
      r.ctx.fail('COG_RULES_INVALID', [...path, 'arg'], `arg goes with bins or number only; fix the other arguments with args: { NAME: LABEL }`, true);
    }
    if (kind === 'bins' || kind === 'number') {
      const target = arg ?? (pred.args.length === 1 ? pred.args[0]!.name : pred.args.find((a) => a.unique)?.name);
      if (target === undefined) r.ctx.mismatch([...path, 'arg'], `the argument of ${pred.name} that receives the value`, 'none');
      arg = target;
    }
    const targetType = pred.args.find((a) => a.name === arg)?.type;
    if (kind === 'bins') {
      const edges = r.list([...path, 'bins'], e.bins, 'ascending bin edges').map((x, j) => r.number([...path, 'bins', j], x));
      for (let j = 1; j < edges.length; j++) if (!(edges[j]! > edges[j - 1]!)) r.ctx.expected([...path, 'bins', j], `an edge above ${edges[j - 1]}`, edges[j]);
      let labels = targetType!.labels;
      if (e.labels !== undefined) {
        labels = r.list([...path, 'labels'], e.labels, 'labels').map((l, j) => (typeof l === 'number' ? String(l) : r.string([...path, 'labels', j], l, 'a label')));
        labels.forEach((l, j) => {
          if (!targetType!.labels.includes(l)) r.ctx.unknownName([...path, 'labels', j], `label of ${targetType!.name}`, l, targetType!.labels);
        });
      }
      if (labels.length !== edges.length + 1) r.ctx.mismatch([...path, 'labels'], `${edges.length + 1} labels for ${edges.length} edges`, `${labels.length}`);
      test = { kind: 'bins', edges, labels };
    } else if (kind === 'number' || kind === 'degree') {
      if (r.boolean([...path, kind], e[kind]) !== true) r.ctx.expected([...path, kind], 'true', e[kind]);
      test = { kind };
    } else {
      const op = kind === 'below' ? '<' : kind === 'at_most' ? '<=' : kind === 'above' ? '>' : '>=';
      test = { kind: 'threshold', op, value: r.number([...path, kind], e[kind]) };
    }
    if (e.labels !== undefined && kind !== 'bins') r.ctx.fail('COG_RULES_INVALID', [...path, 'labels'], 'labels go with bins only', true);
    const args: Record<string, string> = {};
    if (e.args !== undefined) {
      const am = r.namedMap([...path, 'args'], e.args, 'argument constants');
      for (const [a, l] of Object.entries(am)) {
        const ad = pred.args.find((x) => x.name === a);
        if (ad === undefined) return r.ctx.unknownName([...path, 'args', a], `argument of ${pred.name}`, a, argNames);
        const label = typeof l === 'number' ? String(l) : r.string([...path, 'args', a], l, 'a label');
        if (!ad.type.labels.includes(label)) r.ctx.unknownName([...path, 'args', a], `label of ${ad.type.name}`, label, ad.type.labels);
        args[a] = label;
      }
    }
    for (const a of pred.args) {
      if (a.name !== arg && args[a.name] === undefined) {
        r.ctx.expected([...path, 'args'], `a constant for argument ${a.name} of ${pred.name} (args: { ${a.name}: ... })`, e.args);
      }
    }
    return { predicate: predName, index, ...(arg !== undefined ? { arg } : {}), args, test };
  });
}

const FALLBACK_KEYS = ['none', 'tie'];
export const DEFAULT_FALLBACK: Fallback = { none: { kind: 'policy' }, tie: { kind: 'policy' } };

function readFallbackChoice(r: RuleReader, path: (string | number)[], v: unknown, labelsOf: readonly (readonly string[])[]): FallbackChoice {
  if (v === 'policy' || v === 'random') return { kind: v };
  if (r.isMap(v)) {
    const m = r.map(path, v, ['action'], ['action']);
    const label = typeof m.action === 'number' ? String(m.action) : r.string([...path, 'action'], m.action, 'an action label');
    for (const labels of labelsOf) if (!labels.includes(label)) r.ctx.unknownName([...path, 'action'], 'action label', label, labels);
    return { kind: 'action', label };
  }
  return r.ctx.expected(path, 'policy, random or { action: LABEL }', v);
}

export function readFallback(r: RuleReader, path: (string | number)[], raw: unknown, base: Fallback, labelsOf: readonly (readonly string[])[]): Fallback {
  if (raw === undefined) return base;
  const m = r.map(path, raw, FALLBACK_KEYS);
  return {
    none: m.none === undefined ? base.none : readFallbackChoice(r, [...path, 'none'], m.none, labelsOf),
    tie: m.tie === undefined ? base.tie : readFallbackChoice(r, [...path, 'tie'], m.tie, labelsOf),
  };
}

export function readBranches(r: RuleReader, raw: unknown, rawFallback: unknown, predicates: readonly Predicate[]): Branch[] {
  if (raw === undefined) r.ctx.fail('COG_RULES_INVALID', [], 'missing required key "branches" (the selection predicate of each action branch)');
  const items = r.list(['branches'], raw, 'selection predicates, one per discrete action branch');
  if (items.length === 0) r.ctx.mismatch(['branches'], 'at least one selection predicate', 'an empty list');
  const names = predicates.map((p) => p.name);
  const specs = items.map((item, i) => {
    const path = ['branches', i];
    const m = typeof item === 'string' ? { predicate: item } : r.map(path, item, ['predicate', 'fallback'], ['predicate']);
    const ppath = typeof item === 'string' ? path : [...path, 'predicate'];
    const name = r.string(ppath, m.predicate, 'a predicate name');
    const pred = predicates.find((p) => p.name === name);
    if (pred === undefined) return r.ctx.unknownName(ppath, 'predicate', name, names);
    if (pred.args.length !== 1 || pred.uniqueArg !== 0) {
      r.ctx.mismatch(ppath, `a predicate with exactly one unique argument (e.g. args: { op: ${pred.args[0]?.type.name ?? 'TYPE'}! })`, `${name} with ${pred.args.length} argument(s), ${pred.uniqueArg < 0 ? 'none' : 'one'} unique`);
    }
    if (items.findIndex((x, j) => j < i && (x === name || (r.isMap(x) && x.predicate === name))) >= 0) {
      r.ctx.fail('COG_RULES_INVALID', ppath, `predicate ${name} selects more than one branch`);
    }
    return { name, path, fallback: r.isMap(item) ? item.fallback : undefined, labels: pred.args[0]!.type.labels };
  });
  const fileDefault = readFallback(r, ['fallback'], rawFallback, DEFAULT_FALLBACK, specs.map((s) => s.labels));
  return specs.map((s) => ({ predicate: s.name, fallback: readFallback(r, [...s.path, 'fallback'], s.fallback, fileDefault, [s.labels]) }));
}

export function readDecide(r: RuleReader, raw: unknown): DecideSettings {
  const m = raw === undefined ? {} : r.map(['decide'], raw, ['mode', 'seed', 'temperature', 'anneal', 'min_temperature']);
  return {
    mode: m.mode === undefined ? 'best' : r.oneOf(['decide', 'mode'], m.mode, DECIDE_MODES),
    seed: m.seed === undefined ? 1 : r.number(['decide', 'seed'], m.seed, { integer: true, min: 0 }),
    temperature: m.temperature === undefined ? 1 : r.number(['decide', 'temperature'], m.temperature, { above: 0 }),
    anneal: m.anneal === undefined ? 1 : r.number(['decide', 'anneal'], m.anneal, { above: 0, max: 1 }),
    minTemperature: m.min_temperature === undefined ? 0.01 : r.number(['decide', 'min_temperature'], m.min_temperature, { above: 0 }),
  };
}

export function readLearning(r: RuleReader, raw: unknown): LearningSettings {
  const m = raw === undefined ? {} : r.map(['learning'], raw, ['rate', 'smoothing', 'utility_rate']);
  return {
    rate: m.rate === undefined ? 0.05 : m.rate === 'average' ? 'average' : r.number(['learning', 'rate'], m.rate, { above: 0, max: 1 }),
    smoothing: m.smoothing === undefined ? 1e-4 : r.number(['learning', 'smoothing'], m.smoothing, { min: 0, below: 1 }),
    utilityRate: m.utility_rate === undefined ? 0.2 : r.number(['learning', 'utility_rate'], m.utility_rate, { above: 0, max: 1 }),
  };
}

const INFERENCE_KEYS = ['method', 'exact_limit', 'schedule', 'damping', 'tolerance', 'max_iterations', 'max_messages'];

export function readElaboration(r: RuleReader, raw: unknown): ElaborationSettings {
  const m = raw === undefined ? {} : r.map(['elaboration'], raw, ['max_iterations', 'tolerance', 'inference']);
  const p = ['elaboration', 'inference'];
  const i = m.inference === undefined ? {} : r.map(p, m.inference, INFERENCE_KEYS);
  const inference: InferenceOptions = {
    ...(i.method !== undefined ? { method: r.oneOf([...p, 'method'], i.method, ['auto', 'exact', 'summary-product'] as const) } : {}),
    ...(i.exact_limit !== undefined ? { exactLimit: r.number([...p, 'exact_limit'], i.exact_limit, { integer: true, min: 1 }) } : {}),
    ...(i.schedule !== undefined ? { schedule: r.oneOf([...p, 'schedule'], i.schedule, ['flooding', 'sequential'] as const) } : {}),
    ...(i.damping !== undefined ? { damping: r.number([...p, 'damping'], i.damping, { min: 0, below: 1 }) } : {}),
    ...(i.tolerance !== undefined ? { tolerance: r.number([...p, 'tolerance'], i.tolerance, { above: 0 }) } : {}),
    ...(i.max_iterations !== undefined ? { maxIterations: r.number([...p, 'max_iterations'], i.max_iterations, { integer: true, min: 1 }) } : {}),
    ...(i.max_messages !== undefined ? { maxMessages: r.number([...p, 'max_messages'], i.max_messages, { integer: true, min: 1 }) } : {}),
  };
  return {
    maxIterations: m.max_iterations === undefined ? 50 : r.number(['elaboration', 'max_iterations'], m.max_iterations, { integer: true, min: 1 }),
    tolerance: m.tolerance === undefined ? 1e-9 : r.number(['elaboration', 'tolerance'], m.tolerance, { above: 0 }),
    inference,
  };
}
