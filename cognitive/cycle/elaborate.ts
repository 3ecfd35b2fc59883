/**
 * Perceive and elaborate for one agent: rebuild working memory from the observation, solve the condact
 * graph, then fire the conditionals (one pass when they form no loop, else rounds until quiescence or the
 * cap). Everything writes into the compiled rule set's preallocated buffers.
 */
import type { InferenceStats } from '../graph/inference.js';
import type { SeededRandom } from '../random.js';
import type { CompiledConditional } from './compile-conditional.js';
import type { CompiledRules } from './compile.js';

export interface ElaborationStats {
  /** the condact graph's inference, or null when the rules have no condacts */
  inference: InferenceStats | null;
  /** rounds of rule firing (1 when conditionals form no loop) */
  rulePasses: number;
  /** largest change of any rule-written memory entry in the last round (0 for a single pass) */
  ruleResidual: number;
  ruleConverged: boolean;
}

export function newElaborationStats(): ElaborationStats {
  return { inference: null, rulePasses: 0, ruleResidual: 0, ruleConverged: true };
}

export class Elaborator {
  private readonly c: CompiledRules;
  private readonly beliefScratch: Float64Array;
  private readonly base: Float64Array;
  private readonly previous: Float64Array;

  constructor(compiled: CompiledRules) {
    this.c = compiled;
    let maxNode = 1;
    for (const p of compiled.ruleSet.predicates) maxNode = Math.max(maxNode, p.size);
    this.beliefScratch = new Float64Array(maxNode);
    this.base = new Float64Array(compiled.memory.values.length);
    this.previous = new Float64Array(compiled.memory.values.length);
  }

  run(obs: ArrayLike<number>, offset: number, rng: SeededRandom, stats: ElaborationStats): void {
    const c = this.c;
    const mem = c.memory;
    mem.reset();
    c.perception.apply(obs, offset, mem);
    stats.inference = null;
    if (c.condacts !== null) {
      const g = c.condacts;
      for (let i = 0; i < g.nodes.length; i++) g.engine.setFactorValues(i, mem.table(g.nodes[i]!));
      stats.inference = g.engine.run();
      for (let i = 0; i < g.nodes.length; i++) {
        const p = g.nodes[i]!;
        const belief = g.engine.belief(i, this.beliefScratch.subarray(0, mem.predicates[p]!.size));
        mem.values.set(belief, mem.offsets[p]!);
        mem.normaliseUnique(p);
        mem.applyMark(p, rng);
      }
    }
    if (!c.cyclic) {
      for (let k = 0; k < c.order.length; k++) {
        this.fire(c.conditionals[c.order[k]!]!);
        const fin = c.finaliseAfter[k]!;
        for (let j = 0; j < fin.length; j++) this.finalise(fin[j]!, mem.values, rng);
      }
      stats.rulePasses = 1;
      stats.ruleResidual = 0;
      stats.ruleConverged = true;
      return;
    }
    // Conditionals feed each other: fire all from the current memory, then rebuild every written predicate
    // from the perceived base, until nothing moves.
    this.base.set(mem.values);
    const { maxIterations, tolerance } = c.ruleSet.elaboration;
    let residual = Infinity;
    let passes = 0;
    while (passes < maxIterations && residual >= tolerance) {
      passes++;
      this.previous.set(mem.values);
      for (let k = 0; k < c.order.length; k++) this.fire(c.conditionals[c.order[k]!]!);
      residual = 0;
      for (let j = 0; j < c.written.length; j++) {
        const p = c.written[j]!;
        const start = mem.offsets[p]!;
        const end = start + mem.predicates[p]!.size;
        mem.values.set(this.base.subarray(start, end), start);
        this.finalise(p, mem.values, rng);
        for (let e = start; e < end; e++) residual = Math.max(residual, Math.abs(mem.values[e]! - this.previous[e]!));
      }
    }
    stats.rulePasses = passes;
    stats.ruleResidual = residual;
    stats.ruleConverged = residual < tolerance;
  }

  /** Evaluates one conditional: degrees per binding, its firing degree, and each action's message. */
  fire(cc: CompiledConditional): void {
    const wm = this.c.memory.values;
    const n = cc.space.count;
    const D = cc.degree;
    const J = cc.joint;
    const f = cc.fnAtBinding;
    const conds = cc.conditions;
    for (let b = 0; b < n; b++) {
      let d = 1;
      for (let i = 0; i < conds.length; i++) {
        const cond = conds[i]!;
        const x = wm[cond.offsets[b]!]!;
        d *= cond.negated ? 1 - x : x;
      }
      D[b] = d;
      J[b] = d * f[b]!;
    }
    const groups = this.c.groupScratch;
    for (let k = 0; k < cc.actions.length; k++) {
      const a = cc.actions[k]!;
      const src = a.useFunction ? J : D;
      const scale = a.scale;
      const msg = a.message;
      msg.fill(0);
      const target = a.target;
      if (a.summary === 'max') {
        for (let b = 0; b < n; b++) {
          const v = src[b]! * scale;
          if (v > msg[target[b]!]!) msg[target[b]!] = v;
        }
      } else if (a.summary === 'sum') {
        for (let b = 0; b < n; b++) msg[target[b]!]! += src[b]! * scale;
      } else {
        const ng = a.groupTarget.length;
        groups.fill(0, 0, ng);
        for (let b = 0; b < n; b++) {
          const v = src[b]! * scale;
          if (v > groups[a.group[b]!]!) groups[a.group[b]!] = v;
        }
        for (let g = 0; g < ng; g++) msg[a.groupTarget[g]!]! += groups[g]!;
      }
      // Preferences are degrees: clamp what a sum or an unnormalised function may push past 1.
      for (let e = 0; e < msg.length; e++) if (msg[e]! > 1) msg[e] = 1;
    }
  }

  /** The conditional's overall firing degree: D with every variable summarised. */
  firingDegree(cc: CompiledConditional): number {
    const groups = this.c.groupScratch;
    const ng = cc.firingGroups;
    groups.fill(0, 0, ng);
    for (let b = 0; b < cc.space.count; b++) if (cc.degree[b]! > groups[cc.firingGroup[b]!]!) groups[cc.firingGroup[b]!] = cc.degree[b]!;
    let s = 0;
    for (let g = 0; g < ng; g++) s += groups[g]!;
    return s > 1 ? 1 : s;
  }

  /**
   * Combines the actions written to a predicate with what memory holds for it: positive actions by
   * probabilistic OR (unique predicates) or max (universal), negated actions × (1 − x); then normalises a
   * unique argument and applies the predicate's mark.
   */
  private finalise(p: number, wm: Float64Array, rng: SeededRandom): void {
    const mem = this.c.memory;
    const pred = mem.predicates[p]!;
    const off = mem.offsets[p]!;
    const ws = this.c.writers[p]!;
    const unique = pred.uniqueArg >= 0;
    for (let e = 0; e < pred.size; e++) {
      let v = wm[off + e]!;
      let neg = 1;
      for (let k = 0; k < ws.length; k++) {
        const a = ws[k]!;
        const x = a.message[e]!;
        if (!a.positive) neg *= 1 - x;
        else if (unique) v = v + x - v * x;
        else if (x > v) v = x;
      }
      wm[off + e] = v * neg;
    }
    mem.normaliseUnique(p);
    mem.applyMark(p, rng);
  }
}
