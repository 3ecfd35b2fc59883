/**
 * The decision pipeline: how one batch of one behavior's decisions is made, for every learner and every command
 * (DESIGN.md, "The path of one decision"). The router (decision-router.ts) gathers the batch from the
 * environments; then, in this order:
 *
 *   1. the policy sees every part (prepare; MADDPG sizes its teams),
 *   2. the sink ends the episodes that ended (terminal steps, before anyone acts),
 *   3. the parts' decision steps are joined into one batch,
 *   4. the policy gives its distributions and a proposal for every row (one forward pass),
 *   5. the behavior's reasoning layer, if any, combines π with its rule factors and samples from π·f/Z,
 *   6. the policy may settle what the rules left open (afterRules),
 *   7. the rows are sliced back per environment and handed to the sink with the decisions they answer,
 * and each environment gets its actions, in the order its agents asked. No learner assembles a decision itself:
 * a learner gives a policy and a sink (agents/plugin/learner.ts).
 */
import type { Learner, RowSource, StepsFromSource } from '../../agents/plugin/learner.js';
import type { FrozenPolicy } from '../../agents/onnx/onnx-policy.js';
import type { ActOutput } from '../../agents/networks/acting.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import { maskSize, observationSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import { concatDecisionSteps, sliceActOutput } from './decision-batch.js';
import type { Reasoner } from './reasoning-layer.js';

export interface DecideOptions {
  /** Greedy: the mode of the policy (and the rules' best-scoring action). Default false. */
  readonly deterministic?: boolean;
  /** Record transitions and count steps (the learner's sink). Default true; false for evaluation. */
  readonly learn?: boolean;
  /**
   * The behavior's reasoning layer (its rule file): the combined policy π·f/Z acts, and its factors and
   * log-probabilities are what the sink stores.
   */
  readonly reasoner?: Reasoner | null;
  /** Sees the batch's final output (after the rules), e.g. for the Trainer's value-estimate statistics. */
  readonly onOutput?: (output: ActOutput) => void;
}

const NO_ACTIONS: ActionTuple = { continuous: new Float32Array(0), discrete: new Int32Array(0) };

/** One batch of `learner`'s behavior: one action tuple per part, in the parts' order. */
export function decide(learner: Learner, parts: readonly StepsFromSource[], options: DecideOptions = {}): ActionTuple[] {
  const { policy, sink, learning } = learner.acting(options.learn ?? true);
  const reasoner = options.reasoner ?? null;
  const deterministic = options.deterministic ?? false;
  if (reasoner && policy.ruleRefusal !== null) {
    throw new ShivaError(
      'SHIVA_ERR_CONFIG',
      `learner "${learner.id}": cognitive (a rule file): expected no reasoning layer for trainer_type ${learner.trainerType} (${policy.ruleRefusal}), got one for behavior "${learner.spec.name}"`,
    );
  }
  policy.prepare?.(parts);
  if (sink) for (const part of parts) if (part.terminalSteps.count > 0) sink.endEpisodes(part.source, part.terminalSteps);

  const batch = joinDeciding(learner.spec, parts);
  if (!batch) return parts.map(() => NO_ACTIONS);
  const { joined, rows } = batch;
  const proposal = policy.act(joined.steps, { deterministic, learning, withRules: reasoner !== null, rows });
  let out = proposal;
  if (reasoner) {
    const ruled = reasoner.apply(proposal, joined.steps, { rows, step: learner.steps, learnerId: learner.id, deterministic });
    out = proposal.afterRules ? proposal.afterRules(ruled) : ruled;
  }
  options.onOutput?.(out);
  return sliceBack(parts, batch, out, (part, mine) => sink?.addDecisions(part.source, part.decisionSteps, mine));
}

/** The parts that have decisions, joined into one batch, and where each part's rows are; null when none decides. */
function joinDeciding(spec: BehaviorSpec, parts: readonly StepsFromSource[]) {
  const deciding = parts.filter((p) => p.decisionSteps.count > 0);
  if (deciding.length === 0) return null;
  const joined = concatDecisionSteps(
    deciding.map((p) => ({ source: p.source, steps: p.decisionSteps })),
    spec.observationSpecs.map(observationSize),
    maskSize(spec.actionSpec),
  );
  const rows: RowSource[] = deciding.map((p, k) => ({ source: p.source, offset: joined.offsets[k]!, count: p.decisionSteps.count }));
  return { deciding, joined, rows };
}

/** The batch's output sliced back per part, in the parts' order (no actions for a part without decisions). */
function sliceBack(parts: readonly StepsFromSource[], batch: NonNullable<ReturnType<typeof joinDeciding>>, out: ActOutput, each?: (part: StepsFromSource, mine: ActOutput) => void): ActionTuple[] {
  const actions: ActionTuple[] = parts.map(() => NO_ACTIONS);
  batch.deciding.forEach((part, k) => {
    const mine = sliceActOutput(out, batch.joined.offsets[k]!, part.decisionSteps.count);
    each?.(part, mine);
    actions[parts.indexOf(part)] = { continuous: mine.continuous, discrete: mine.discrete };
  });
  return actions;
}

/** What decideAsync counts steps by: decisions served, for traces (a frozen policy has no learner step count). */
export interface FrozenDecideOptions {
  readonly deterministic?: boolean;
  readonly reasoner?: Reasoner | null;
  /** Shown as the step in traces (decisions served so far); default 0. */
  readonly step?: number;
}

/**
 * The same pipeline for a policy that acts asynchronously and learns nothing (an ONNX model, agents/onnx/): no
 * sink; join, act (awaited), the behavior's reasoning layer, slice. One action tuple per part, in the parts' order.
 */
export async function decideAsync(policy: FrozenPolicy, parts: readonly StepsFromSource[], options: FrozenDecideOptions = {}): Promise<ActionTuple[]> {
  const reasoner = options.reasoner ?? null;
  const deterministic = options.deterministic ?? false;
  if (reasoner && policy.ruleRefusal !== null) {
    throw new ShivaError('SHIVA_ERR_CONFIG', `${policy.id}: cognitive (a rule file): expected no reasoning layer for this model (${policy.ruleRefusal}), got one for behavior "${policy.spec.name}"`);
  }
  policy.prepare?.(parts);
  const batch = joinDeciding(policy.spec, parts);
  if (!batch) return parts.map(() => NO_ACTIONS);
  const { joined, rows } = batch;
  const proposal = await policy.act(joined.steps, { deterministic, rows });
  const out = reasoner ? reasoner.apply(proposal, joined.steps, { rows, step: options.step ?? 0, learnerId: policy.id, deterministic }) : proposal;
  return sliceBack(parts, batch, out);
}
