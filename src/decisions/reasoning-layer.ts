/**
 * The reasoning layer of one behavior: a compiled DecisionCycle (cognitive/) in the act path of its learner.
 *
 * Acting with rules is: one forward pass gives the masked policy π per discrete branch (act()'s `probs`), values
 * and any continuous samples; the cycle perceives each agent's observation into working memory, runs the rules,
 * and samples its action from the combined policy π·f/Z (probability matching, with its own seeded RNG; greedy
 * evaluation takes the best-scoring action instead); combinedActOutput then gives the actions, the combined
 * probabilities, the factors f to store with each transition, and the log-probabilities under π·f/Z. So the
 * combined policy is the one that acts and the one PPO trains (a veto is f = 0, exactly an action mask).
 *
 * The perception map indexes the behavior's observations concatenated in spec order (usually the first vector
 * observation alone). A sampled share of decisions is traced to a TraceSink (JSONL, see trace-writer.ts).
 *
 * Note: where a positive rule (best, acceptable, a generic action) fires, f = (π ⊕ x)/π depends on π, so
 * holding the stored f fixed while the policy changes during an update is an approximation there; for vetoes
 * and negated actions f does not depend on π and training is exact.
 */
import type { ActOutput } from '../../agents/networks/acting.js';
import type { BatchDecision, DecisionCycle, RuleSet } from '../../cognitive/index.js';
import { observationSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import type { DecisionSteps } from '../core/env/steps.js';
import { ShivaError } from '../core/errors.js';
import type { Rng } from '../core/runtime/rng.js';
import { combinedActOutput } from './combined-output.js';
import { compileRules } from './rule-files.js';
import { TRACE_RECORD_VERSION, type DecisionTraceRecord } from './trace-record.js';
import type { TraceSink } from './trace-writer.js';

export interface TraceSettings {
  readonly sink: TraceSink;
  /** Share of decisions traced, in [0, 1]. */
  readonly sampleRate: number;
  /** Draws which decisions are traced (seeded, so a run traces the same decisions again). */
  readonly rng: Rng;
}

export interface ReasoningLayerSettings {
  /** Names the rule file in errors (its path). */
  readonly rulesFile: string;
  /** Seeds the cycle's RNG (sampling, tie-breaks). */
  readonly seed: number;
  readonly traces?: TraceSettings | null;
}

/** Where the rows of one act() batch came from: rows [offset, offset + count) are environment `source`'s. */
export interface RowSource {
  readonly source: number;
  readonly offset: number;
  readonly count: number;
}

export interface ReasonContext {
  readonly rows: readonly RowSource[];
  /** The learner's step count, written into traces. */
  readonly step: number;
  readonly learnerId?: string;
  /** Greedy: the best-scoring action (mode best) instead of a sample of π·f/Z. */
  readonly deterministic?: boolean;
}

/** What the learner calls after act(); ReasoningLayer is the implementation. */
export interface Reasoner {
  readonly behavior: string;
  apply(out: ActOutput, steps: DecisionSteps, context: ReasonContext): ActOutput;
  /** Flushes what it writes (traces); called when training ends. */
  close?(): void;
}

export class ReasoningLayer implements Reasoner {
  readonly behavior: string;
  readonly branches: readonly number[];
  /** Decisions made, and how many of them were traced. */
  decisions = 0;
  traced = 0;
  private readonly sampling: DecisionCycle;
  private greedy: DecisionCycle | null = null;
  private readonly observationSizes: number[];
  /** How many observation specs (in order) the perception map reaches into. */
  private readonly perceivedSpecs: number;
  private readonly perceivedSize: number;
  private batch: BatchDecision | null = null;
  private greedyBatch: BatchDecision | null = null;
  private branchPolicy: Float32Array[] = [];
  private joined = new Float32Array(0);

  constructor(
    readonly ruleSet: RuleSet,
    spec: BehaviorSpec,
    private readonly settings: ReasoningLayerSettings,
  ) {
    this.behavior = spec.name;
    const where = `${settings.rulesFile} (rules of behavior "${spec.name}")`;
    this.sampling = compileRules(ruleSet, { seed: settings.seed, mode: 'probability-matching' }, where);
    this.branches = spec.actionSpec.discreteBranches;
    const ruleBranches = this.sampling.branchSizes;
    if (ruleBranches.length !== this.branches.length || ruleBranches.some((n, b) => n !== this.branches[b])) {
      const named = ruleSet.branches.map((b, i) => `${b.predicate}: ${ruleBranches[i]}`).join(', ');
      throw new ShivaError(
        'SHIVA_ERR_RULES',
        `${where}: branches: expected one selection predicate per discrete action branch of the behavior, sizes [${this.branches.join(', ')}], got [${named}]`,
      );
    }
    this.observationSizes = spec.observationSpecs.map(observationSize);
    let reach = 0;
    let specs = 0;
    while (reach < this.sampling.observationSize && specs < this.observationSizes.length) reach += this.observationSizes[specs++]!;
    if (reach < this.sampling.observationSize) {
      throw new ShivaError(
        'SHIVA_ERR_RULES',
        `${where}: perception: expected observation indices below ${reach} (the behavior's observations hold ${reach} values: ${spec.observationSpecs.map((o) => `${o.name} [${o.shape.join(',')}]`).join(', ')}), got an index that needs ${this.sampling.observationSize} values`,
      );
    }
    this.perceivedSpecs = Math.max(1, specs);
    this.perceivedSize = this.perceivedSpecs === 1 ? (this.observationSizes[0] ?? 0) : reach;
  }

  /** The cycle that samples π·f/Z (for tests and benchmarks). */
  get cycle(): DecisionCycle {
    return this.sampling;
  }

  apply(out: ActOutput, steps: DecisionSteps, context: ReasonContext): ActOutput {
    const count = out.count;
    if (count === 0) return out;
    const deterministic = context.deterministic ?? false;
    const cycle = deterministic ? this.greedyCycle() : this.sampling;
    const traceAgents = this.pickTraced(count);
    let into = deterministic ? this.greedyBatch : this.batch;
    const capacity = into === null ? 0 : into.actions.length / Math.max(1, this.branches.length);
    if (into === null || capacity < count) into = cycle.createBatchOutput(Math.max(count, 2 * capacity));
    if (deterministic) this.greedyBatch = into;
    else this.batch = into;
    const observations = this.perceived(steps);
    const decided = cycle.decideBatch({ count, policy: this.policyPerBranch(out), observations, observationSize: this.perceivedSize, ...(traceAgents ? { traceAgents } : {}) }, into);
    this.decisions += count;
    const combined = combinedActOutput(out, this.branches, decided);
    if (traceAgents) this.writeTraces(traceAgents, decided, combined, steps, observations, context, deterministic);
    return combined;
  }

  /** Flushes and closes the trace file. */
  close(): void {
    this.settings.traces?.sink.close();
  }

  private greedyCycle(): DecisionCycle {
    this.greedy ??= compileRules(this.ruleSet, { seed: this.settings.seed, mode: 'best' }, this.settings.rulesFile);
    return this.greedy;
  }

  /** π per branch as count × size arrays (act() interleaves branches per agent; one branch needs no copy). */
  private policyPerBranch(out: ActOutput): Float32Array[] {
    if (this.branches.length === 1) return [out.probs];
    const S = this.branches.reduce((a, b) => a + b, 0);
    const count = out.count;
    if (this.branchPolicy.length === 0 || this.branchPolicy[0]!.length < count * this.branches[0]!) {
      this.branchPolicy = this.branches.map((n) => new Float32Array(count * n));
    }
    let start = 0;
    this.branches.forEach((n, b) => {
      const dst = this.branchPolicy[b]!;
      for (let r = 0; r < count; r++) for (let a = 0; a < n; a++) dst[r * n + a] = out.probs[r * S + start + a]!;
      start += n;
    });
    return this.branchPolicy;
  }

  /** The values the perception map reads, count × perceivedSize. */
  private perceived(steps: DecisionSteps): Float32Array {
    if (this.perceivedSpecs === 1) return steps.observations[0]!;
    const count = steps.count;
    const width = this.perceivedSize;
    if (this.joined.length < count * width) this.joined = new Float32Array(count * width);
    for (let r = 0; r < count; r++) {
      let at = r * width;
      for (let o = 0; o < this.perceivedSpecs; o++) {
        const size = this.observationSizes[o]!;
        this.joined.set(steps.observations[o]!.subarray(r * size, (r + 1) * size), at);
        at += size;
      }
    }
    return this.joined;
  }

  private pickTraced(count: number): number[] | null {
    const traces = this.settings.traces;
    if (!traces || !(traces.sampleRate > 0)) return null;
    let picked: number[] | null = null;
    for (let i = 0; i < count; i++) {
      if (traces.sampleRate >= 1 || traces.rng.next() < traces.sampleRate) (picked ??= []).push(i);
    }
    return picked;
  }

  private writeTraces(agents: readonly number[], decided: BatchDecision, combined: ActOutput, steps: DecisionSteps, observations: Float32Array, context: ReasonContext, deterministic: boolean): void {
    const time = new Date().toISOString();
    const nb = this.branches.length;
    const width = this.sampling.observationSize;
    const records: DecisionTraceRecord[] = [];
    let part = 0;
    for (const i of agents) {
      while (part < context.rows.length - 1 && i >= context.rows[part]!.offset + context.rows[part]!.count) part++;
      const trace = decided.traces.get(i);
      if (!trace) continue;
      records.push({
        v: TRACE_RECORD_VERSION,
        time,
        behavior: this.behavior,
        learner: context.learnerId ?? null,
        env: context.rows[part]?.source ?? 0,
        agent: steps.agentIds[i]!,
        step: context.step,
        mode: deterministic ? 'greedy' : 'sample',
        observation: Array.from(observations.subarray(i * this.perceivedSize, i * this.perceivedSize + width)),
        actions: Array.from(combined.discrete.subarray(i * nb, (i + 1) * nb)),
        trace,
      });
    }
    this.traced += records.length;
    this.settings.traces!.sink.write(records);
  }
}
