/**
 * The decision cycle for one behaviour: perceive → elaborate → decide → learn → trace.
 *
 * A rule file is compiled once; then `decide` runs one agent (the learned policy's probabilities per
 * discrete branch, plus the agent's observation vector) and `decideBatch` runs many agents from flat arrays
 * into flat arrays. The combined policy is π(a|s)·f(a|s)/Z, where f is the rule factor returned per action
 * (f = 0 for a veto or an environment-masked action). `learn` applies to the most recent `decide`.
 */
import { CognitiveError } from '../errors.js';
import { SeededRandom } from '../random.js';
import { loadRuleFile, parseRuleFile } from '../rules/rule-file.js';
import type { DecideMode, RuleSet } from '../rules/rule-set.js';
import type { CompiledRules } from './compile.js';
import { compileRules } from './compile.js';
import { type Choice, choose, FALLBACK_NAMES, IMPASSE_NAMES, IMPASSE_NONE, type Impasse, scoreBranch } from './decide.js';
import { type ElaborationStats, Elaborator, newElaborationStats } from './elaborate.js';
import { refreshCondactTable } from './compile-condacts.js';
import { updateFunction, updateUtility } from './learn.js';
import { buildTrace } from './trace-builder.js';
import type { Trace } from './trace.js';

export type PolicyArray = Float32Array | Float64Array | readonly number[];

export interface CycleOptions {
  /** overrides the rule file's decide.seed */
  readonly seed?: number;
  /** overrides the rule file's decide.mode */
  readonly mode?: DecideMode;
}

export interface DecideOptions {
  /** build the trace (default true); off, a decision allocates only its result arrays */
  readonly trace?: boolean;
}

export interface Decision {
  /** branch 0's action */
  readonly action: number;
  readonly actions: Int32Array;
  /** per branch: π·f/Z */
  readonly combined: Float64Array[];
  /** per branch: f(a) */
  readonly factors: Float64Array[];
  readonly impasses: (Impasse | null)[];
  readonly trace: Trace | null;
}

export interface BatchInput {
  readonly count: number;
  /** per branch, count × branch size, agent-major */
  readonly policy: readonly PolicyArray[];
  /** count × observationSize, agent-major */
  readonly observations: ArrayLike<number>;
  readonly observationSize: number;
  /** agents (indices into the batch) whose traces to build */
  readonly traceAgents?: readonly number[];
}

export interface BatchDecision {
  count: number;
  /** count × branches, agent-major */
  readonly actions: Int32Array;
  /** per branch, count × branch size */
  readonly combined: Float32Array[];
  readonly factors: Float32Array[];
  /** count × branches: 0 no impasse, 1 none, 2 tie (see IMPASSE_NAMES) */
  readonly impasses: Uint8Array;
  readonly traces: Map<number, Trace>;
}

export interface LearnFeedback {
  /** reward for the last decision: updates the utilities of the conditionals that supported it */
  readonly reward?: number;
  /** the actions to learn functions towards, per branch (default: the chosen ones) */
  readonly actions?: ArrayLike<number>;
}

export interface LearnReport {
  readonly credited: string[];
  readonly updated: string[];
}

export class DecisionCycle {
  readonly ruleSet: RuleSet;
  readonly mode: DecideMode;
  readonly branchSizes: readonly number[];
  /** the shortest observation vector the perception map accepts */
  readonly observationSize: number;
  private readonly compiled: CompiledRules;
  private readonly elaborator: Elaborator;
  private readonly rng: SeededRandom;
  private readonly stats: ElaborationStats = newElaborationStats();
  private readonly firing: Float64Array;
  private readonly utilities: Float64Array;
  private readonly slices: Float64Array[];
  private readonly scores: Float64Array[];
  private readonly worse: Float64Array[];
  private readonly choices: Choice[];
  private readonly chosen: Int32Array;
  private temp: number;
  private learnable = false;

  static fromFile(path: string, options: CycleOptions = {}): DecisionCycle {
    return new DecisionCycle(loadRuleFile(path), options);
  }

  static fromText(text: string, file = '<rules>', options: CycleOptions = {}): DecisionCycle {
    return new DecisionCycle(parseRuleFile(text, file), options);
  }

  constructor(ruleSet: RuleSet, options: CycleOptions = {}) {
    this.ruleSet = ruleSet;
    this.mode = options.mode ?? ruleSet.decide.mode;
    this.compiled = compileRules(ruleSet);
    this.elaborator = new Elaborator(this.compiled);
    this.rng = new SeededRandom(options.seed ?? ruleSet.decide.seed);
    this.temp = ruleSet.decide.temperature;
    const c = this.compiled;
    this.branchSizes = c.branches.map((b) => b.size);
    this.observationSize = c.perception.requiredLength;
    this.firing = new Float64Array(c.conditionals.length);
    this.utilities = Float64Array.from(ruleSet.conditionals.map((x) => x.utility));
    this.slices = c.conditionals.map((x) => new Float64Array(x.fn.length).fill(1));
    this.scores = c.branches.map((b) => new Float64Array(b.size));
    this.worse = c.branches.map((b) => new Float64Array(b.better.length));
    this.choices = c.branches.map(() => ({ action: 0, impasse: 0, fallback: 0 }));
    this.chosen = new Int32Array(c.branches.length);
  }

  /** The Boltzmann temperature now in force (it anneals after each decide / decideBatch call). */
  get temperature(): number {
    return this.temp;
  }

  /** Decides for one agent. */
  decide(policy: PolicyArray | readonly PolicyArray[], observation: ArrayLike<number>, options: DecideOptions = {}): Decision {
    const branches = this.branchPolicies(policy);
    if (observation.length < this.observationSize) {
      throw new CognitiveError('COG_INPUT_SHAPE', `observation: expected at least ${this.observationSize} values, got ${observation.length}`, { field: 'observation' });
    }
    const nb = branches.length;
    const offsets = new Int32Array(nb);
    this.run(branches, offsets, observation, 0);
    const combined = this.branchSizes.map((n) => new Float64Array(n));
    const factors = this.branchSizes.map((n) => new Float64Array(n));
    const actions = new Int32Array(nb);
    const impasses: (Impasse | null)[] = [];
    for (let b = 0; b < nb; b++) {
      this.writeDistribution(b, branches[b]!, 0, combined[b]!, factors[b]!, 0);
      actions[b] = this.choices[b]!.action;
      impasses.push(IMPASSE_NAMES[this.choices[b]!.impasse]!);
    }
    const trace = options.trace === false ? null : this.trace(branches, offsets, combined, factors);
    this.learnable = true;
    this.anneal();
    return { action: actions[0] ?? 0, actions, combined, factors, impasses, trace };
  }

  /** An output block for decideBatch, reusable across ticks of up to `count` agents. */
  createBatchOutput(count: number): BatchDecision {
    const nb = this.branchSizes.length;
    return {
      count,
      actions: new Int32Array(count * nb),
      combined: this.branchSizes.map((n) => new Float32Array(count * n)),
      factors: this.branchSizes.map((n) => new Float32Array(count * n)),
      impasses: new Uint8Array(count * nb),
      traces: new Map(),
    };
  }

  /** Decides for many agents from flat arrays; pass `into` (from createBatchOutput) to reuse buffers. */
  decideBatch(input: BatchInput, into?: BatchDecision): BatchDecision {
    const { count, observations, observationSize } = input;
    const nb = this.branchSizes.length;
    if (input.policy.length !== nb) {
      throw new CognitiveError('COG_INPUT_SHAPE', `policy: expected ${nb} branch array(s), got ${input.policy.length}`, { field: 'policy' });
    }
    input.policy.forEach((p, b) => {
      if (p.length < count * this.branchSizes[b]!) {
        throw new CognitiveError('COG_INPUT_SHAPE', `policy[${b}]: expected ${count} × ${this.branchSizes[b]} values, got ${p.length}`, { field: `policy[${b}]` });
      }
    });
    if (observationSize < this.observationSize || observations.length < count * observationSize) {
      throw new CognitiveError('COG_INPUT_SHAPE', `observations: expected ${count} × ${observationSize} values with observationSize >= ${this.observationSize}, got ${observations.length}`, { field: 'observations' });
    }
    const out = into !== undefined && into.actions.length >= count * nb ? into : this.createBatchOutput(count);
    out.count = count;
    out.traces.clear();
    const traceSet = input.traceAgents === undefined ? null : new Set(input.traceAgents);
    const offsets = new Int32Array(nb);
    for (let i = 0; i < count; i++) {
      for (let b = 0; b < nb; b++) offsets[b] = i * this.branchSizes[b]!;
      this.run(input.policy, offsets, observations, i * observationSize);
      for (let b = 0; b < nb; b++) {
        const n = this.branchSizes[b]!;
        this.writeDistribution(b, input.policy[b]!, offsets[b]!, out.combined[b]!, out.factors[b]!, i * n);
        out.actions[i * nb + b] = this.choices[b]!.action;
        out.impasses[i * nb + b] = this.choices[b]!.impasse;
      }
      if (traceSet !== null && traceSet.has(i)) {
        const combined = this.branchSizes.map((n, b) => Float64Array.from(out.combined[b]!.subarray(i * n, (i + 1) * n)));
        const factors = this.branchSizes.map((n, b) => Float64Array.from(out.factors[b]!.subarray(i * n, (i + 1) * n)));
        out.traces.set(i, this.trace(input.policy, Int32Array.from(offsets), combined, factors));
      }
    }
    this.learnable = false;
    this.anneal();
    return out;
  }

  /** Learns from the most recent decide(): conditional functions marked learn, and rule utilities. */
  learn(feedback: LearnFeedback = {}): LearnReport {
    if (!this.learnable) {
      throw new CognitiveError('COG_STATE', 'learn: expected a preceding decide() (learning applies to the last single-agent decision)');
    }
    const c = this.compiled;
    const targets = feedback.actions ?? this.chosen;
    const credited: string[] = [];
    const updated: string[] = [];
    if (feedback.reward !== undefined) {
      for (const cc of c.conditionals) {
        const supported = cc.actions.some((a) => {
          const br = c.branches.find((x) => x.predicate === a.predicate);
          return a.positive && br !== undefined && a.message[this.chosen[br.index]!]! > 0;
        });
        if (!supported) continue;
        this.utilities[cc.index] = updateUtility(this.utilities[cc.index]!, feedback.reward, this.ruleSet.learning.utilityRate);
        credited.push(cc.spec.name);
      }
    }
    for (const cc of c.conditionals) {
      if (!cc.spec.learn || cc.spec.normal === null || cc.spec.fn === null) continue;
      const q = new Float64Array(cc.fn.length);
      const condact = c.condacts?.factors.find((f) => f.conditional === cc.index);
      if (condact !== undefined) {
        const belief = c.condacts!.engine.factorBelief(condact.factor);
        for (let e = 0; e < belief.length; e++) if (condact.entryFn[e]! >= 0) q[condact.entryFn[e]!]! += belief[e]!;
      } else {
        for (let b = 0; b < cc.space.count; b++) {
          let v = cc.joint[b]!;
          for (const a of cc.actions) {
            const br = c.branches.find((x) => x.predicate === a.predicate);
            if (br !== undefined && a.target[b] !== targets[br.index]) v = 0;
          }
          q[cc.fnIndex[b]!]! += v;
        }
      }
      let z = 0;
      for (let i = 0; i < q.length; i++) z += q[i]!;
      if (!(z > 0)) continue;
      for (let i = 0; i < q.length; i++) q[i]! /= z;
      updateFunction(cc.fn, cc.fnZero, cc.fnSizes, cc.spec.fn.over.indexOf(cc.spec.normal), q, this.slices[cc.index]!, this.ruleSet.learning);
      for (let b = 0; b < cc.space.count; b++) cc.fnAtBinding[b] = cc.fn[cc.fnIndex[b]!]!;
      if (condact !== undefined) refreshCondactTable(c.condacts!, condact, cc.fn);
      updated.push(cc.spec.name);
    }
    return { credited, updated };
  }

  /** Every conditional's learned utility, by name. */
  utilityTable(): Record<string, number> {
    const out: Record<string, number> = {};
    this.ruleSet.conditionals.forEach((c, i) => {
      out[c.name] = this.utilities[i]!;
    });
    return out;
  }

  /** A copy of a conditional's function table (row-major over its `over` variables). */
  functionTable(conditional: string): Float64Array {
    const cc = this.compiled.conditionals.find((x) => x.spec.name === conditional);
    if (cc === undefined) throw new CognitiveError('COG_RULES_REFERENCE', `functionTable: unknown conditional ${conditional}`);
    return new Float64Array(cc.fn);
  }

  /** Working memory after the last decision, per predicate. */
  memory(): Record<string, number[]> {
    return this.compiled.memory.describe();
  }

  // ---- internals -------------------------------------------------------------------------------------

  private branchPolicies(policy: PolicyArray | readonly PolicyArray[]): readonly PolicyArray[] {
    const single = ArrayBuffer.isView(policy) || (policy.length > 0 && typeof policy[0] === 'number');
    const branches = (single ? [policy] : policy) as readonly PolicyArray[];
    if (branches.length !== this.branchSizes.length) {
      throw new CognitiveError('COG_INPUT_SHAPE', `policy: expected ${this.branchSizes.length} branch(es), got ${branches.length}`, { field: 'policy' });
    }
    branches.forEach((p, b) => {
      if (p.length !== this.branchSizes[b]) {
        throw new CognitiveError('COG_INPUT_SHAPE', `policy[${b}] (${this.compiled.branches[b]!.name}): expected ${this.branchSizes[b]} probabilities, got ${p.length}`, { field: `policy[${b}]` });
      }
    });
    return branches;
  }

  /** Perceive, elaborate, score and choose every branch for one agent. */
  private run(policy: readonly PolicyArray[], offsets: Int32Array, obs: ArrayLike<number>, obsOffset: number): void {
    const c = this.compiled;
    this.elaborator.run(obs, obsOffset, this.rng, this.stats);
    for (let i = 0; i < c.conditionals.length; i++) {
      const cc = c.conditionals[i]!;
      this.firing[i] = cc.spec.condacts.length > 0 ? 1 : this.elaborator.firingDegree(cc);
    }
    for (let b = 0; b < c.branches.length; b++) {
      const br = c.branches[b]!;
      scoreBranch(br, policy[b]!, offsets[b]!, this.firing, this.scores[b]!, this.worse[b]!);
      choose(br, this.scores[b]!, policy[b]!, offsets[b]!, this.mode, this.temp, this.rng, this.choices[b]!);
      this.chosen[b] = this.choices[b]!.action;
    }
  }

  /** combined = score/Z and f = score/π; a `none` impasse acts as its fallback, one-hot. */
  private writeDistribution(b: number, policy: PolicyArray, pOff: number, combined: Float64Array | Float32Array, factors: Float64Array | Float32Array, outOff: number): void {
    const n = this.branchSizes[b]!;
    const score = this.scores[b]!;
    const choice = this.choices[b]!;
    if (choice.impasse === IMPASSE_NONE) {
      for (let a = 0; a < n; a++) {
        combined[outOff + a] = a === choice.action ? 1 : 0;
        factors[outOff + a] = a === choice.action ? 1 : 0;
      }
      return;
    }
    let z = 0;
    for (let a = 0; a < n; a++) z += score[a]!;
    for (let a = 0; a < n; a++) {
      const pi = policy[pOff + a]!;
      combined[outOff + a] = score[a]! / z;
      factors[outOff + a] = pi > 0 ? score[a]! / pi : 0;
    }
  }

  private trace(policy: readonly PolicyArray[], offsets: Int32Array, combined: Float64Array[], factors: Float64Array[]): Trace {
    return buildTrace({
      compiled: this.compiled,
      policy,
      offsets,
      scores: this.scores,
      worse: this.worse,
      choices: this.choices,
      combined,
      factors,
      stats: this.stats,
      firing: this.firing,
      utilities: this.utilities,
      mode: this.mode,
      temperature: this.temp,
      fallbackNames: FALLBACK_NAMES,
    });
  }

  private anneal(): void {
    const d = this.ruleSet.decide;
    this.temp = Math.max(d.minTemperature, this.temp * d.anneal);
  }
}
