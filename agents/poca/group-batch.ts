/**
 * From closed group segments to the flat arrays one MA-POCA update trains on. Row r is one member transition; the
 * critic's inputs are laid out per row with a fixed number of entity slots (the most members present at any step
 * of the batch), absent slots zero-filled and masked:
 *
 *   groupObs   [R, N, D]      the observations of every member present at the row's group step, in step order
 *   groupMask  [R, N]         1 where a slot is empty
 *   selfObs    [R, D]         the row's own observation (the baseline sees it WITHOUT its action)
 *   others     [R, M, D + A]  every OTHER member present at the step: observation ⧺ action, in step order;
 *                             M = max(1, N − 1); action = continuous sample ⧺ one-hot per discrete branch
 *   othersMask [R, M]
 *
 * Values are computed per group step (stepObs/stepMask: the group steps of every segment, then one bootstrap state
 * per segment that ends truncated) and copied to the rows of that step.
 */
import type { GroupSegment } from './group-buffer.js';
import { memberStreams, stepGroupRewards } from './group-buffer.js';
import { groupLambdaReturns } from './group-returns.js';

/** One member's observations (one array per spec, one row each) → its D-float entity, normalised as the actor does. */
export type EncodeEntity = (observations: readonly Float32Array[]) => Float32Array;

export interface PocaBatch {
  readonly size: number;
  /** Entity slots of the value input (N: the most members in one group state of the batch) and of the baseline's others (M). */
  readonly members: number;
  readonly others: number;
  readonly entitySize: number;
  readonly actionSize: number;
  /** Raw observations per spec, size × obsSize: what the actor evaluates. */
  readonly observations: Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  readonly factors: Float32Array | null;
  readonly logProbs: Float32Array;
  readonly groupObs: Float32Array;
  readonly groupMask: Float32Array;
  readonly selfObs: Float32Array;
  readonly othersObsActions: Float32Array;
  readonly othersMask: Float32Array;
  /** Filled by fillReturns: V(group) and b_i when the data was prepared, λ-returns, advantages G − b. */
  readonly values: Float32Array;
  readonly baselines: Float32Array;
  readonly returns: Float32Array;
  readonly advantages: Float32Array;
}

export interface PreparedBatch {
  readonly batch: PocaBatch;
  /** Value inputs per distinct group state: [steps, N, D] and [steps, N]. */
  readonly stepObs: Float32Array;
  readonly stepMask: Float32Array;
  readonly stepCount: number;
  /** Per segment: index of its first group step in stepObs, and of its bootstrap state (−1 when terminal). */
  readonly firstStep: readonly number[];
  readonly bootstrapStep: readonly number[];
  /** Per row: its group step's index in stepObs. */
  readonly rowStep: Int32Array;
}

export interface ActionLayout {
  readonly continuousSize: number;
  readonly branches: readonly number[];
}

export function buildPocaBatch(segments: readonly GroupSegment[], observationSizes: readonly number[], actions: ActionLayout, encode: EncodeEntity): PreparedBatch {
  const D = observationSizes.reduce((a, b) => a + b, 0);
  const C = actions.continuousSize;
  const nb = actions.branches.length;
  const S = actions.branches.reduce((a, b) => a + b, 0);
  const A = C + S;
  const rows = segments.flatMap((s) => s.rows);
  const R = rows.length;
  let N = 1;
  for (const s of segments) {
    for (const step of s.steps) N = Math.max(N, step.length);
    if (!s.end.terminal) N = Math.max(N, s.end.count);
  }
  const M = Math.max(1, N - 1);

  // Entities once per row (and per bootstrap member), normalised.
  const entities = rows.map((r) => encode(r.observations));
  const actionVectors = rows.map((r) => {
    const v = new Float32Array(A);
    v.set(r.continuous, 0);
    let offset = C;
    actions.branches.forEach((size, b) => {
      v[offset + r.discrete[b]!] = 1;
      offset += size;
    });
    return v;
  });

  const stepCount = segments.reduce((n, s) => n + s.steps.length + (s.end.terminal ? 0 : 1), 0);
  const stepObs = new Float32Array(stepCount * N * D);
  const stepMask = new Float32Array(stepCount * N).fill(1);
  const firstStep: number[] = [];
  const bootstrapStep: number[] = [];
  const rowStep = new Int32Array(R);
  const groupObs = new Float32Array(R * N * D);
  const groupMask = new Float32Array(R * N).fill(1);
  const selfObs = new Float32Array(R * D);
  const othersObsActions = new Float32Array(R * M * (D + A));
  const othersMask = new Float32Array(R * M).fill(1);

  let step = 0;
  let rowBase = 0;
  for (const segment of segments) {
    firstStep.push(step);
    for (const stepRows of segment.steps) {
      stepRows.forEach((r, slot) => {
        stepObs.set(entities[rowBase + r]!, (step * N + slot) * D);
        stepMask[step * N + slot] = 0;
      });
      for (const r of stepRows) {
        const g = rowBase + r;
        rowStep[g] = step;
        groupObs.set(stepObs.subarray(step * N * D, (step + 1) * N * D), g * N * D);
        groupMask.set(stepMask.subarray(step * N, (step + 1) * N), g * N);
        selfObs.set(entities[g]!, g * D);
        let slot = 0;
        for (const other of stepRows) {
          if (other === r) continue;
          const o = rowBase + other;
          const at = (g * M + slot) * (D + A);
          othersObsActions.set(entities[o]!, at);
          othersObsActions.set(actionVectors[o]!, at + D);
          othersMask[g * M + slot] = 0;
          slot++;
        }
      }
      step++;
    }
    if (segment.end.terminal) {
      bootstrapStep.push(-1);
    } else {
      const end = segment.end;
      for (let k = 0; k < end.count; k++) {
        const one = end.observations.map((obs, o) => obs.subarray(k * observationSizes[o]!, (k + 1) * observationSizes[o]!));
        stepObs.set(encode(one), (step * N + k) * D);
        stepMask[step * N + k] = 0;
      }
      bootstrapStep.push(step);
      step++;
    }
    rowBase += segment.rows.length;
  }

  const observations = observationSizes.map((size, o) => {
    const out = new Float32Array(R * size);
    rows.forEach((r, i) => out.set(r.observations[o]!, i * size));
    return out;
  });
  const continuousActions = new Float32Array(R * C);
  const discreteActions = new Int32Array(R * nb);
  const anyFactors = rows.some((r) => r.factors !== null);
  const factors = anyFactors ? new Float32Array(R * S).fill(1) : null;
  rows.forEach((r, i) => {
    continuousActions.set(r.continuous, i * C);
    discreteActions.set(r.discrete, i * nb);
    if (factors && r.factors) factors.set(r.factors, i * S);
  });
  const batch: PocaBatch = {
    size: R,
    members: N,
    others: M,
    entitySize: D,
    actionSize: A,
    observations,
    continuousActions,
    discreteActions,
    factors,
    logProbs: Float32Array.from(rows, (r) => r.logProb),
    groupObs,
    groupMask,
    selfObs,
    othersObsActions,
    othersMask,
    values: new Float32Array(R),
    baselines: new Float32Array(R),
    returns: new Float32Array(R),
    advantages: new Float32Array(R),
  };
  return { batch, stepObs, stepMask, stepCount, firstStep, bootstrapStep, rowStep };
}

/**
 * With V per group state (stepValues, indexed as stepObs) and b per row: the old values and baselines, the group
 * λ-returns of each segment (group-returns.ts) and the advantages G − b, written into the batch.
 */
export function fillReturns(prepared: PreparedBatch, segments: readonly GroupSegment[], stepValues: ArrayLike<number>, baselines: ArrayLike<number>, gamma: number, lambda: number): void {
  const { batch } = prepared;
  let rowBase = 0;
  segments.forEach((segment, s) => {
    const first = prepared.firstStep[s]!;
    const values = Float64Array.from(segment.steps, (_, k) => stepValues[first + k]!);
    const boot = prepared.bootstrapStep[s]!;
    const { returns } = groupLambdaReturns({ values, groupRewards: stepGroupRewards(segment), bootstrap: boot < 0 ? 0 : stepValues[boot]! }, memberStreams(segment), gamma, lambda);
    segment.streams.forEach((streamRows, m) => {
      streamRows.forEach((r, j) => {
        const g = rowBase + r;
        batch.returns[g] = returns[m]![j]!;
      });
    });
    rowBase += segment.rows.length;
  });
  for (let g = 0; g < batch.size; g++) {
    batch.values[g] = stepValues[prepared.rowStep[g]!]!;
    batch.baselines[g] = baselines[g]!;
    batch.advantages[g] = batch.returns[g]! - batch.baselines[g]!;
  }
}

/** What one update's returns look like, logged per update to see the critic go wrong (poca-learner.ts's stats). */
export interface ReturnDiagnostics {
  readonly meanReturn: number;
  /** Mean V(group) and mean baseline b_i over the rows, as used for the advantages. */
  readonly meanValue: number;
  readonly meanBaseline: number;
  /** Mean and population standard deviation of G − b before any normalisation. */
  readonly meanAdvantage: number;
  readonly stdAdvantage: number;
  /** Segments that bootstrap (cut, or interrupted at max_steps), and the mean V of their final group states. */
  readonly bootstraps: number;
  readonly meanBootstrap: number;
}

/**
 * After fillReturns. The bootstrap value is the one to watch in scenes that pay end-of-episode rewards to agents
 * they also flag as interrupted: its mean climbing towards the value of a whole episode means every interrupted
 * episode is credited twice (the end rewards now, and V of a continuation that would pay them again).
 */
export function returnDiagnostics(prepared: PreparedBatch, stepValues: ArrayLike<number>): ReturnDiagnostics {
  const { batch } = prepared;
  const meanAdvantage = mean(batch.advantages);
  let squares = 0;
  for (let i = 0; i < batch.size; i++) squares += (batch.advantages[i]! - meanAdvantage) ** 2;
  const boots = prepared.bootstrapStep.filter((k) => k >= 0);
  return {
    meanReturn: mean(batch.returns),
    meanValue: mean(batch.values),
    meanBaseline: mean(batch.baselines),
    meanAdvantage,
    stdAdvantage: batch.size > 0 ? Math.sqrt(squares / batch.size) : 0,
    bootstraps: boots.length,
    meanBootstrap: boots.length > 0 ? boots.reduce((s, k) => s + stepValues[k]!, 0) / boots.length : 0,
  };
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length > 0 ? s / values.length : 0;
}
