/**
 * Validation of conditionals: patterns resolve to predicates, arguments and labels; variables bind
 * arguments of one type; functions have the right shape; the Soar idioms and better/worse act on selection
 * predicates; condacts stand alone (bidirectional knowledge, solved as a factor graph before the rules fire).
 */
import type { DomainType } from '../graph/types.js';
import type { Predicate } from '../memory/predicate.js';
import type { Pattern } from './pattern.js';
import { ACCEPTABLE_VALUE, BEST_VALUE, DEFAULT_BETTER_RATIO } from './preferences.js';
import type { PlainMap, RuleReader } from './rule-reader.js';
import type { BetterPreference, Conditional, FunctionTable, Idiom, IdiomKind } from './rule-set.js';

const KEYS = ['name', 'conditions', 'actions', 'condacts', 'function', 'normal', 'learn', 'utility', 'best', 'acceptable', 'reject', 'value', 'better', 'worse'];
const IDIOMS: readonly IdiomKind[] = ['best', 'acceptable', 'reject'];

type Path = (string | number)[];

export function readConditionals(r: RuleReader, raw: unknown, predicates: readonly Predicate[], selection: ReadonlySet<string>, lineOf: (path: Path) => number): Conditional[] {
  if (raw === undefined) return [];
  const items = r.list(['conditionals'], raw, 'conditionals');
  const seen = new Set<string>();
  const out = items.map((item, i) => {
    const c = readConditional(r, ['conditionals', i], item, predicates, selection, lineOf);
    if (seen.has(c.name)) r.ctx.fail('COG_RULES_INVALID', ['conditionals', i, 'name'], `expected a unique name, got "${c.name}" a second time`);
    seen.add(c.name);
    return c;
  });
  // Condact predicates are solved before any rule fires, so no action may write them.
  const condactPreds = new Set(out.flatMap((c) => c.condacts.map((p) => p.predicate)));
  out.forEach((c, i) => {
    c.actions.forEach((a, j) => {
      if (condactPreds.has(a.predicate)) {
        r.ctx.fail('COG_RULES_INVALID', ['conditionals', i, 'actions', j], `predicate ${a.predicate} takes part in condacts, which are solved before actions fire; an action may not write it`);
      }
    });
  });
  return out;
}

function readConditional(r: RuleReader, path: Path, raw: unknown, predicates: readonly Predicate[], selection: ReadonlySet<string>, lineOf: (path: Path) => number): Conditional {
  const m = r.map(path, raw, KEYS, ['name']);
  const name = r.string([...path, 'name'], m.name, 'a conditional name');
  const vars = new Map<string, DomainType>();
  const patterns = (key: string): Pattern[] =>
    r.listOrOne(m[key]).map((v, j) => {
      const pp = Array.isArray(m[key]) ? [...path, key, j] : [...path, key];
      return resolve(r, pp, r.pattern(pp, v), predicates, vars);
    });
  const conditions = patterns('conditions');
  const actions = patterns('actions');
  const condacts = patterns('condacts');
  conditions.forEach((p, j) => {
    if (selection.has(p.predicate)) r.ctx.fail('COG_RULES_INVALID', [...path, 'conditions', j], `conditions may not read selection predicate ${p.predicate} (it is decided after the rules fire)`);
  });
  condacts.forEach((p, j) => {
    const pp = [...path, 'condacts', j];
    if (p.negated) r.ctx.mismatch(pp, 'a condact without not', p.text);
    if (selection.has(p.predicate)) r.ctx.fail('COG_RULES_INVALID', pp, `condacts may not use selection predicate ${p.predicate}`);
    if (p.args.some((a) => a.term.kind === 'const')) r.ctx.mismatch(pp, 'a condact binding variables only (e.g. weather(w=?w))', p.text);
    if (condacts.findIndex((q) => q.predicate === p.predicate) !== j) r.ctx.fail('COG_RULES_INVALID', pp, `predicate ${p.predicate} appears twice in the condacts of one conditional`);
  });
  const idioms: Idiom[] = [];
  for (const kind of IDIOMS) {
    patterns(kind).forEach((p, j) => {
      const pp = Array.isArray(m[kind]) ? [...path, kind, j] : [...path, kind];
      if (p.negated) r.ctx.mismatch(pp, `a pattern without not (${kind} says the direction itself)`, p.text);
      if (!selection.has(p.predicate)) r.ctx.mismatch(pp, `a selection predicate (${[...selection].join(', ')})`, p.predicate);
      const value = kind === 'acceptable' && m.value !== undefined ? r.number([...path, 'value'], m.value, { min: 0, max: 1 }) : kind === 'acceptable' ? ACCEPTABLE_VALUE : BEST_VALUE;
      idioms.push({ kind, pattern: p, value });
    });
  }
  if (m.value !== undefined && m.acceptable === undefined) r.ctx.fail('COG_RULES_INVALID', [...path, 'value'], 'value sets the acceptable constant; this conditional has no acceptable', true);
  const better: BetterPreference[] = [];
  for (const key of ['better', 'worse'] as const) {
    r.listOrOne(m[key]).forEach((v, j) => {
      const pp = Array.isArray(m[key]) ? [...path, key, j] : [...path, key];
      const b = r.map(pp, v, ['this', 'than', 'ratio'], ['this', 'than']);
      const self = resolve(r, [...pp, 'this'], r.pattern([...pp, 'this'], b.this), predicates, vars);
      const than = resolve(r, [...pp, 'than'], r.pattern([...pp, 'than'], b.than), predicates, vars);
      for (const [k, p] of [['this', self], ['than', than]] as const) {
        if (!selection.has(p.predicate)) r.ctx.mismatch([...pp, k], `a selection predicate (${[...selection].join(', ')})`, p.predicate);
        if (p.negated || p.args.length !== 1 || p.args[0]!.term.kind !== 'const') r.ctx.mismatch([...pp, k], 'one constant action such as selected(op=hold)', p.text);
      }
      if (self.predicate !== than.predicate) r.ctx.mismatch([...pp, 'than'], `an action of ${self.predicate}`, than.predicate);
      const ratio = b.ratio === undefined ? DEFAULT_BETTER_RATIO : r.number([...pp, 'ratio'], b.ratio, { min: 0, below: 1 });
      better.push(key === 'better' ? { prefer: self, over: than, ratio } : { prefer: than, over: self, ratio });
    });
  }
  if (actions.length + condacts.length + idioms.length + better.length === 0) {
    r.ctx.fail('COG_RULES_INVALID', path, 'a conditional needs actions, condacts, an idiom (best, acceptable, reject) or better/worse');
  }
  if (condacts.length > 0 && conditions.length + actions.length + idioms.length + better.length > 0) {
    r.ctx.fail('COG_RULES_INVALID', [...path, 'condacts'], 'a conditional with condacts holds condacts and a function only (put conditions and actions in their own conditional)', true);
  }
  const fn = m.function === undefined ? null : readFunction(r, [...path, 'function'], m.function, vars);
  const normal = m.normal === undefined ? null : r.string([...path, 'normal'], m.normal, 'a variable name');
  if (normal !== null && (fn === null || !fn.over.includes(normal))) {
    r.ctx.unknownName([...path, 'normal'], 'function variable', normal, fn?.over ?? []);
  }
  const learn = m.learn === undefined ? false : r.boolean([...path, 'learn'], m.learn);
  if (learn && normal === null) r.ctx.fail('COG_RULES_INVALID', [...path, 'learn'], 'learning needs a function and its normal variable (the one it stays a distribution over)', true);
  if (fn !== null && actions.length + condacts.length === 0) {
    r.ctx.fail('COG_RULES_INVALID', [...path, 'function'], 'a function weighs actions or condacts; this conditional has neither (idioms carry their own constants)', true);
  }
  const utility = m.utility === undefined ? 0 : r.number([...path, 'utility'], m.utility);
  return { name, conditions, actions, condacts, idioms, better, fn, normal, learn, utility, line: lineOf(path) };
}

/** Checks a pattern against its predicate and records the types its variables bind. */
function resolve(r: RuleReader, path: Path, p: Pattern, predicates: readonly Predicate[], vars: Map<string, DomainType>): Pattern {
  const pred = predicates.find((q) => q.name === p.predicate);
  if (pred === undefined) return r.ctx.unknownName(path, 'predicate', p.predicate, predicates.map((q) => q.name));
  for (const a of p.args) {
    const arg = pred.args.find((x) => x.name === a.arg);
    if (arg === undefined) return r.ctx.unknownName(path, `argument of ${pred.name}`, a.arg, pred.args.map((x) => x.name));
    if (a.term.kind === 'const') {
      if (!arg.type.labels.includes(a.term.label)) r.ctx.unknownName(path, `label of ${arg.type.name} in ${p.text}`, a.term.label, arg.type.labels);
    } else {
      const known = vars.get(a.term.name);
      if (known !== undefined && known !== arg.type) {
        r.ctx.mismatch(path, `?${a.term.name} to bind arguments of one type (${known.name})`, `type ${arg.type.name} in ${p.text}`);
      }
      vars.set(a.term.name, arg.type);
    }
  }
  return p;
}

function readFunction(r: RuleReader, path: Path, raw: unknown, vars: ReadonlyMap<string, DomainType>): FunctionTable {
  if (typeof raw === 'number') return { over: [], values: [r.number(path, raw, { min: 0 })] };
  const m: PlainMap = r.map(path, raw, ['over', 'values'], ['over', 'values']);
  const over = r.list([...path, 'over'], m.over, 'variable names').map((v, i) => {
    const name = r.string([...path, 'over', i], v, 'a variable name').replace(/^\?/, '');
    if (!vars.has(name)) r.ctx.unknownName([...path, 'over', i], 'variable', name, [...vars.keys()]);
    return name;
  });
  if (new Set(over).size !== over.length) r.ctx.mismatch([...path, 'over'], 'distinct variables', over.join(', '));
  const types = over.map((v) => vars.get(v)!);
  const values: number[] = [];
  const walk = (p: Path, v: unknown, depth: number): void => {
    if (depth === types.length) {
      values.push(r.number(p, v, { min: 0 }));
      return;
    }
    const t = types[depth]!;
    if (Array.isArray(v)) {
      if (v.length !== t.labels.length) r.ctx.expected(p, `${t.labels.length} entries along ?${over[depth]} (${t.labels.join(', ')})`, v);
      v.forEach((x, i) => walk([...p, i], x, depth + 1));
    } else if (r.isMap(v)) {
      for (const k of Object.keys(v)) if (!t.labels.includes(k)) r.ctx.unknownName([...p, k], `label of ${t.name}`, k, t.labels);
      for (const l of t.labels) {
        if (v[l] === undefined) r.ctx.fail('COG_RULES_INVALID', p, `missing entry for ${l} along ?${over[depth]}`);
        walk([...p, l], v[l], depth + 1);
      }
    } else r.ctx.expected(p, `a list or a map by label along ?${over[depth]}`, v);
  };
  walk([...path, 'values'], m.values, 0);
  return { over, values };
}
