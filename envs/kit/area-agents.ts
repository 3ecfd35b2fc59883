/**
 * The record keeping of a scene with one agent per area whose id is the area's index (CartPole, Pendulum): the
 * reward each agent accrued since its last record, one terminal slot per agent filled when its episode ends, and the
 * batch collect() returns — terminal records first, then a decision record for every area.
 */
import { validateActions, type ActionTuple } from '../../src/core/env/action-tuple.js';
import { allocateAgentInfoBatch, emptyAgentInfoBatch, type AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { observationSize, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';

/** Writes area `area`'s current observation at `out[offset…]` (several observations: their values concatenated in spec order). */
export type ObserveArea = (area: number, out: Float32Array, offset: number) => void;

export class AreaAgents {
  /** Reward accrued since each agent's last record; the scene adds to it, collect() hands it out. */
  readonly reward: Float64Array;
  private readonly obsSize: number;
  /** Each observation's size (one entry for the usual single-observation scene). */
  private readonly sizes: readonly number[];
  /** One agent's observations concatenated, split into the batch's arrays (scenes with several observations). */
  private readonly row: Float32Array;
  /** One terminal slot per agent: an agent ends at most once per simulate, and collect follows every simulate. */
  private readonly pending: Uint8Array;
  private readonly pendingInterrupted: Uint8Array;
  private readonly pendingReward: Float64Array;
  private readonly pendingObs: Float32Array;
  private pendingCount = 0;
  /** Agents in the decision rows of the last collect (all of them, in id order, or none). */
  private decisionCountValue = 0;
  private readonly empty: AgentInfoBatch;

  constructor(
    /** Names the scene in errors ("cartpole"). */
    private readonly where: string,
    readonly spec: BehaviorSpec,
    readonly numAreas: number,
  ) {
    if (!Number.isInteger(numAreas) || numAreas < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `${where}: numAreas: expected an integer ≥ 1, got ${numAreas}`);
    }
    this.sizes = spec.observationSpecs.map(observationSize);
    this.obsSize = this.sizes.reduce((a, b) => a + b, 0);
    this.row = new Float32Array(this.obsSize);
    this.reward = new Float64Array(numAreas);
    this.pending = new Uint8Array(numAreas);
    this.pendingInterrupted = new Uint8Array(numAreas);
    this.pendingReward = new Float64Array(numAreas);
    this.pendingObs = new Float32Array(numAreas * this.obsSize);
    this.empty = emptyAgentInfoBatch(spec);
  }

  get decisionCount(): number {
    return this.decisionCountValue;
  }

  /** Forgets queued terminal records (a forced reset sends none). */
  reset(): void {
    this.pending.fill(0);
    this.pendingCount = 0;
    this.decisionCountValue = 0;
    this.reward.fill(0);
  }

  /** Queues the terminal record of `area`'s episode: its final observation and the reward accrued since its last record. */
  end(area: number, interrupted: 0 | 1, observe: ObserveArea): void {
    if (this.pending[area]) {
      throw new ShivaError('SHIVA_ERR_ENV', `${this.where}: agent ${area} ended a second episode before its first terminal record was collected; collect() must follow every simulate()`);
    }
    this.pending[area] = 1;
    this.pendingCount++;
    this.pendingInterrupted[area] = interrupted;
    this.pendingReward[area] = this.reward[area]!;
    this.reward[area] = 0;
    observe(area, this.pendingObs, area * this.obsSize);
  }

  collect(requestDecisions: boolean, observe: ObserveArea): Map<string, AgentInfoBatch> {
    const decisions = requestDecisions ? this.numAreas : 0;
    this.decisionCountValue = decisions;
    const count = this.pendingCount + decisions;
    if (count === 0) return new Map([[this.spec.name, this.empty]]);
    const batch = allocateAgentInfoBatch(this.spec, count, false);
    const obs = batch.observations[0]!;
    const size = this.obsSize;
    let row = 0;
    if (this.pendingCount > 0) {
      for (let a = 0; a < this.numAreas; a++) {
        if (!this.pending[a]) continue;
        batch.agentIds[row] = a;
        batch.rewards[row] = this.pendingReward[a]!;
        batch.done[row] = 1;
        batch.maxStepReached[row] = this.pendingInterrupted[a]!;
        if (this.sizes.length === 1) obs.set(this.pendingObs.subarray(a * size, a * size + size), row * size);
        else this.split(this.pendingObs.subarray(a * size, a * size + size), batch, row);
        this.pending[a] = 0;
        row++;
      }
      this.pendingCount = 0;
    }
    for (let a = 0; a < decisions; a++, row++) {
      batch.agentIds[row] = a;
      batch.rewards[row] = this.reward[a]!;
      this.reward[a] = 0;
      if (this.sizes.length === 1) observe(a, obs, row * size);
      else {
        observe(a, this.row, 0);
        this.split(this.row, batch, row);
      }
    }
    return new Map([[this.spec.name, batch]]);
  }

  /** One agent's concatenated observations → row `row` of each of the batch's observation arrays. */
  private split(values: Float32Array, batch: AgentInfoBatch, row: number): void {
    let offset = 0;
    this.sizes.forEach((size, i) => {
      batch.observations[i]!.set(values.subarray(offset, offset + size), row * size);
      offset += size;
    });
  }

  /** Checks `actions` for the decision rows of the last collect; row i is area i. */
  checkActions(behavior: string, actions: ActionTuple): void {
    if (behavior !== this.spec.name) {
      throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `${this.where}: applyActions: expected behavior "${this.spec.name}", got "${behavior}"`);
    }
    validateActions(`${this.where}: behavior "${behavior}"`, this.spec.actionSpec, this.decisionCountValue, actions);
  }
}
