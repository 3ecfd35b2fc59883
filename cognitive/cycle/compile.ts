/**
 * Compiling a rule set once into flat structures the decision cycle runs per agent: the working-memory
 * layout, the perception map, the condact graph, each conditional's index arrays, the order conditionals
 * fire in (writers before readers), and per action branch the sources of its preferences.
 */
import { labelIndex } from '../graph/types.js';
import { Perception } from '../memory/perception.js';
import { WorkingMemory } from '../memory/working-memory.js';
import type { Fallback, RuleSet } from '../rules/rule-set.js';
import { type CompiledAction, type CompiledBetter, type CompiledConditional, compileConditional } from './compile-conditional.js';
import { type CondactGraph, compileCondacts } from './compile-condacts.js';

export interface CompiledBranch {
  readonly index: number;
  readonly predicate: number;
  readonly name: string;
  readonly labels: readonly string[];
  readonly size: number;
  readonly positive: readonly CompiledAction[];
  readonly negative: readonly CompiledAction[];
  readonly better: readonly CompiledBetter[];
  readonly fallback: Fallback;
  /** label index of a declared fallback action for each impasse, or -1 */
  readonly noneAction: number;
  readonly tieAction: number;
}

export interface CompiledRules {
  readonly ruleSet: RuleSet;
  readonly memory: WorkingMemory;
  readonly perception: Perception;
  readonly conditionals: readonly CompiledConditional[];
  readonly condacts: CondactGraph | null;
  /** rule conditionals (no condacts) in firing order */
  readonly order: Int32Array;
  /** predicates to finalise after the conditional at each order position (acyclic case) */
  readonly finaliseAfter: readonly Int32Array[];
  /** true when conditionals feed each other in a loop: fire all, finalise all, repeat to quiescence */
  readonly cyclic: boolean;
  /** non-selection predicates written by actions, and their writers */
  readonly written: Int32Array;
  readonly writers: readonly (readonly CompiledAction[])[];
  readonly branches: readonly CompiledBranch[];
  /** scratch big enough for any action's or firing summary's groups */
  readonly groupScratch: Float64Array;
}

export function compileRules(ruleSet: RuleSet): CompiledRules {
  const predicates = ruleSet.predicates;
  const memory = new WorkingMemory(predicates);
  const perception = new Perception(ruleSet.perception, memory);
  const conditionals = ruleSet.conditionals.map((c, i) => compileConditional(i, c, predicates, memory.offsets));
  const condacts = compileCondacts(conditionals, predicates, ruleSet.elaboration.inference);
  const selection = new Set(ruleSet.branches.map((b) => predicates.findIndex((p) => p.name === b.predicate)));

  const rules = conditionals.filter((c) => c.spec.condacts.length === 0);
  const reads = new Map(rules.map((c) => [c.index, new Set(c.spec.conditions.map((p) => predicates.findIndex((q) => q.name === p.predicate)))]));
  const writes = new Map(rules.map((c) => [c.index, new Set(c.actions.map((a) => a.predicate).filter((p) => !selection.has(p)))]));
  const { order, cyclic } = fireOrder(rules.map((c) => c.index), reads, writes);

  const writers: CompiledAction[][] = predicates.map(() => []);
  for (const c of rules) for (const a of c.actions) if (!selection.has(a.predicate)) writers[a.predicate]!.push(a);
  const written = Int32Array.from(predicates.map((_, p) => p).filter((p) => writers[p]!.length > 0));
  const finaliseAfter = order.map(() => [] as number[]);
  for (const p of written) {
    let last = -1;
    order.forEach((ci, k) => {
      if (writes.get(ci)!.has(p)) last = k;
    });
    finaliseAfter[last]!.push(p);
  }

  const branches = ruleSet.branches.map((b, index): CompiledBranch => {
    const predicate = predicates.findIndex((p) => p.name === b.predicate);
    const type = predicates[predicate]!.args[0]!.type;
    const sources = conditionals.flatMap((c) => c.actions.filter((a) => a.predicate === predicate));
    return {
      index,
      predicate,
      name: b.predicate,
      labels: type.labels,
      size: type.labels.length,
      positive: sources.filter((a) => a.positive),
      negative: sources.filter((a) => !a.positive),
      better: conditionals.flatMap((c) => c.better.filter((x) => x.predicate === predicate)),
      fallback: b.fallback,
      noneAction: b.fallback.none.kind === 'action' ? labelIndex(type, b.fallback.none.label) : -1,
      tieAction: b.fallback.tie.kind === 'action' ? labelIndex(type, b.fallback.tie.label) : -1,
    };
  });

  let groups = 1;
  for (const c of conditionals) {
    groups = Math.max(groups, c.firingGroups);
    for (const a of c.actions) groups = Math.max(groups, a.groupTarget.length);
  }
  return {
    ruleSet,
    memory,
    perception,
    conditionals,
    condacts,
    order: Int32Array.from(order),
    finaliseAfter: finaliseAfter.map((x) => Int32Array.from(x)),
    cyclic,
    written,
    writers,
    branches,
    groupScratch: new Float64Array(groups),
  };
}

/** Kahn's algorithm: a conditional fires after every conditional that writes a predicate it reads. */
function fireOrder(ids: readonly number[], reads: ReadonlyMap<number, ReadonlySet<number>>, writes: ReadonlyMap<number, ReadonlySet<number>>): { order: number[]; cyclic: boolean } {
  const after = new Map<number, number[]>(ids.map((i) => [i, []]));
  const indegree = new Map<number, number>(ids.map((i) => [i, 0]));
  for (const w of ids) {
    for (const r of ids) {
      if ([...writes.get(w)!].some((p) => reads.get(r)!.has(p))) {
        after.get(w)!.push(r);
        indegree.set(r, indegree.get(r)! + 1);
      }
    }
  }
  const ready = ids.filter((i) => indegree.get(i) === 0);
  const order: number[] = [];
  while (ready.length > 0) {
    const i = ready.shift()!;
    order.push(i);
    for (const r of after.get(i)!) {
      indegree.set(r, indegree.get(r)! - 1);
      if (indegree.get(r) === 0) ready.push(r);
    }
  }
  if (order.length === ids.length) return { order, cyclic: false };
  return { order: [...ids], cyclic: true };
}
