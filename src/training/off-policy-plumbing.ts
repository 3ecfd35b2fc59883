/**
 * What the off-policy learners (DQN, SAC, TD3/DDPG, MADDPG) share around their algorithms: the fractional update
 * credit of ML-Agents' steps_per_update cadence, reward scaling by reward_signals.extrinsic.strength, acting on a
 * decide call's parts while collecting one-step transitions (the single-agent learners), the checks their
 * checkpoint loads make, and a replay buffer's snapshot as JSON (checkpoint meta is JSON).
 */
import type { PrioritizedReplayBuffer } from '../../agents/replay/prioritized-replay-buffer.js';
import type { ReplayBuffer } from '../../agents/replay/replay-buffer.js';
import type { ReplayCollector } from '../../agents/replay/replay-collector.js';
import type { ReplayBlob, ReplaySnapshotInput } from '../../agents/replay/replay-snapshot.js';
import type { ActOutput } from '../../agents/networks/acting.js';
import type { Reasoner, ReasonContext, RowSource } from '../decisions/reasoning-layer.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';
import { ShivaError } from '../core/errors.js';
import { concatDecisionSteps } from '../decisions/decision-batch.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';

/**
 * Fractional update credit: once updates may run, every `stepsPerUpdate` agent steps earn one; what is earned
 * and not spent carries over (several agents step at once, so a call may earn a fraction or several updates).
 * Steps taken while updates may not run earn nothing.
 */
export class UpdateCredit {
  private credit = 0;
  private creditedUpTo = 0;

  /** Fraction of an update earned and not yet spent (saved in checkpoints as `updateCredit`). */
  get value(): number {
    return this.credit;
  }

  /** Whole updates earned by the steps up to `steps` (spent at once). */
  earn(steps: number, ready: boolean, stepsPerUpdate: number): number {
    if (!ready) {
      this.creditedUpTo = steps;
      return 0;
    }
    this.credit += (steps - this.creditedUpTo) / stepsPerUpdate;
    this.creditedUpTo = steps;
    const whole = Math.floor(this.credit);
    this.credit -= whole;
    return whole;
  }

  restore(credit: number, steps: number): void {
    this.credit = credit;
    this.creditedUpTo = steps;
  }
}

/**
 * Throws when a reasoning layer is asked of a learner that has no action distribution over discrete branches for
 * it to combine (continuous actions); `why` ends the message.
 */
export function refuseReasoner(learner: Learner, options: DecideOptions, why = 'continuous actions: no discrete branch for the rules to act on'): void {
  if (options.reasoner) {
    throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${learner.id}": cognitive (a rule file): expected no reasoning layer for trainer_type ${learner.trainerType} (${why}), got one for behavior "${learner.spec.name}"`);
  }
}

/** What the reasoning layer decided for one batch: its actions and the factors f it used (null: all 1). */
export interface ReasonedActions {
  /** count × branches. */
  readonly discrete: Int32Array;
  /** count × Σ branches; 0 for a veto (and where the acting distribution gave 0). */
  readonly factors: Float32Array | null;
}

/**
 * An off-policy learner's acting distribution through the reasoning layer: `probs` (count × Σ branches, each
 * branch summing to 1, 0 where masked) is π; the layer samples from π·f/Z (or takes the best-scoring action when
 * `context.deterministic`). Off-policy learners have no values or log-probabilities to carry, so those are zeros.
 */
export function reasonedActions(reasoner: Reasoner, probs: Float32Array, branches: readonly number[], steps: DecisionSteps, context: ReasonContext): ReasonedActions {
  const count = steps.count;
  const out: ActOutput = {
    count,
    continuous: new Float32Array(0),
    continuousRaw: new Float32Array(0),
    discrete: new Int32Array(count * branches.length),
    logProbs: new Float32Array(count),
    values: new Float32Array(count),
    probs,
    means: new Float32Array(0),
    logStd: new Float32Array(0),
    factors: null,
    path: 'fast',
  };
  const combined = reasoner.apply(out, steps, context);
  return { discrete: combined.discrete, factors: combined.factors };
}

export function checkTrainerType(state: LearnerState, trainerType: string, where: string): void {
  if (state.trainerType !== trainerType) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: trainer_type: expected "${trainerType}", got "${state.trainerType}"`);
  }
}

/** A saved `updateCredit`, checked. */
export function checkCredit(credit: unknown, where: string): number {
  if (typeof credit !== 'number' || !Number.isFinite(credit) || credit < 0) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: updateCredit: expected a number ≥ 0, got ${JSON.stringify(credit ?? null)}`);
  }
  return credit;
}

/** `rewards` times `by` (the same array when `by` is 1). */
export function scaledRewards(rewards: Float32Array, by: number): Float32Array {
  return by === 1 ? rewards : rewards.map((r) => r * by);
}

export function scaledTerminal(terminal: TerminalSteps, by: number): TerminalSteps {
  return by === 1 ? terminal : { ...terminal, rewards: scaledRewards(terminal.rewards, by) };
}

export function scaledDecisions(decisions: DecisionSteps, by: number): DecisionSteps {
  return by === 1 ? decisions : { ...decisions, rewards: scaledRewards(decisions.rewards, by) };
}

/** What acting on a decide call's parts needs of a single-agent off-policy learner. */
export interface ReplayActing {
  readonly collector: ReplayCollector;
  /** reward_signals.extrinsic.strength: collected rewards are scaled by it. */
  readonly rewardStrength: number;
  readonly observationSizes: readonly number[];
  /** Values per row of the action masks kept when joining parts (0: none kept). */
  readonly maskWidth: number;
  readonly continuousSize: number;
  readonly branchCount: number;
}

/**
 * One decide call: when learning, the parts' terminal steps end their episodes in the collector; the parts' decision
 * steps are joined and `choose` gives every row's action at once (rows in part order, `rows` saying whose they
 * are, as a reasoning layer's traces want); each part gets its rows,
 * which, when learning, are collected with their (scaled) rewards. `count` is the agent steps taken (0 when none
 * acted); the caller counts them when learning.
 */
export function actAndCollect(
  parts: readonly StepsFromSource[],
  learn: boolean,
  acting: ReplayActing,
  choose: (steps: DecisionSteps, rows: readonly RowSource[]) => { readonly continuous: Float32Array; readonly discrete: Int32Array },
): { actions: ActionTuple[]; count: number } {
  if (learn) for (const part of parts) if (part.terminalSteps.count > 0) acting.collector.endEpisodes(part.source, scaledTerminal(part.terminalSteps, acting.rewardStrength));
  const actions: ActionTuple[] = parts.map(() => ({ continuous: new Float32Array(0), discrete: new Int32Array(0) }));
  const deciding = parts.filter((p) => p.decisionSteps.count > 0);
  if (deciding.length === 0) return { actions, count: 0 };
  const joined = concatDecisionSteps(deciding.map((p) => ({ source: p.source, steps: p.decisionSteps })), acting.observationSizes, acting.maskWidth);
  const chosen = choose(joined.steps, deciding.map((p, k) => ({ source: p.source, offset: joined.offsets[k]!, count: p.decisionSteps.count })));
  const C = acting.continuousSize;
  const nb = acting.branchCount;
  deciding.forEach((part, k) => {
    const start = joined.offsets[k]!;
    const end = start + part.decisionSteps.count;
    const tuple = { continuous: chosen.continuous.slice(start * C, end * C), discrete: chosen.discrete.slice(start * nb, end * nb) };
    if (learn) acting.collector.addDecisions(part.source, scaledDecisions(part.decisionSteps, acting.rewardStrength), tuple);
    actions[parts.indexOf(part)] = tuple;
  });
  return { actions, count: joined.steps.count };
}

/** A replay buffer as JSON can hold it (checkpoint meta is JSON). */
export interface SavedReplay {
  readonly header: unknown;
  readonly blobs: Record<string, { readonly dtype: 'float32' | 'int32'; readonly values: number[] }>;
}

/** The buffer's snapshot (agents/replay's format) with its typed-array blobs as JSON arrays. */
export function saveReplay(buffer: ReplayBuffer | PrioritizedReplayBuffer): SavedReplay {
  const snapshot = buffer.save();
  const blobs: SavedReplay['blobs'] = {};
  for (const [name, blob] of Object.entries(snapshot.blobs)) {
    blobs[name] = { dtype: blob instanceof Int32Array ? 'int32' : 'float32', values: Array.from(blob) };
  }
  return { header: snapshot.header, blobs };
}

export function loadReplay(buffer: ReplayBuffer | PrioritizedReplayBuffer, saved: SavedReplay, where: string): void {
  const blobs: Record<string, ReplayBlob> = {};
  for (const [name, blob] of Object.entries(saved.blobs ?? {})) {
    if (!blob || !Array.isArray(blob.values) || (blob.dtype !== 'float32' && blob.dtype !== 'int32')) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: blob "${name}": expected {dtype: "float32" | "int32", values: [...]}, got ${JSON.stringify(blob).slice(0, 80)}`);
    }
    blobs[name] = blob.dtype === 'int32' ? Int32Array.from(blob.values) : Float32Array.from(blob.values);
  }
  const input: ReplaySnapshotInput = { header: saved.header, blobs };
  buffer.load(input, where);
}
