/**
 * The rows of a recorded behavior, held per agent until its episode ends and then written whole, so a .demo file
 * holds exactly the episodes asked for. One row per decision, one per episode end with the final observation and
 * the last action repeated, as Unity's recorder does. Shared by `shiva record` (scripted experts and checkpoints,
 * record.ts) and the human recorder (record-human.ts).
 */
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';
import type { DemoRecorder, DemoStep } from '../protocol/demo-file/index.js';

/** Writes rows to `recorder` episode by episode; stops writing at `target` complete episodes. */
export class EpisodeRows {
  readonly returns: number[] = [];
  written = 0;
  private readonly open = new Map<number, { rows: DemoStep[]; return: number }>();
  private readonly sizes: number[];
  private readonly branches: number;
  private readonly masks: number;

  constructor(
    private readonly recorder: DemoRecorder,
    private readonly spec: BehaviorSpec,
    private readonly target: number,
  ) {
    this.sizes = spec.observationSpecs.map((o) => o.shape.reduce((a, b) => a * b, 1));
    this.branches = spec.actionSpec.discreteBranches.length;
    this.masks = spec.actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  }

  get finished(): boolean {
    return this.returns.length >= this.target;
  }

  /** Σ rewards so far of `agentId`'s running episode. */
  runningReturn(agentId: number): number {
    return this.open.get(agentId)?.return ?? 0;
  }

  decide(steps: DecisionSteps, actions: ActionTuple): void {
    const c = this.spec.actionSpec.continuousSize;
    for (let i = 0; i < steps.count; i++) {
      this.push(steps.agentIds[i]!, {
        observations: this.rowOf(steps.observations, i),
        continuousActions: actions.continuous.slice(i * c, (i + 1) * c),
        discreteActions: actions.discrete.slice(i * this.branches, (i + 1) * this.branches),
        actionMask: steps.actionMasks ? steps.actionMasks.slice(i * this.masks, (i + 1) * this.masks) : null,
        reward: steps.rewards[i]!,
        done: false,
        agentId: steps.agentIds[i]!,
      });
    }
  }

  /** Closes the episodes of `steps`' agents; returns the returns of the episodes written. */
  end(steps: TerminalSteps): number[] {
    const ended: number[] = [];
    for (let i = 0; i < steps.count && !this.finished; i++) {
      const id = steps.agentIds[i]!;
      const last = this.open.get(id)?.rows.at(-1);
      this.push(id, {
        observations: this.rowOf(steps.observations, i),
        continuousActions: last?.continuousActions ?? new Float32Array(this.spec.actionSpec.continuousSize),
        discreteActions: last?.discreteActions ?? new Int32Array(this.branches),
        actionMask: last?.actionMask ?? null,
        reward: steps.rewards[i]!,
        done: true,
        interrupted: steps.interrupted[i] === 1,
        agentId: id,
      });
      const episode = this.open.get(id)!;
      this.open.delete(id);
      for (const row of episode.rows) this.recorder.addStep(row);
      this.written += episode.rows.length;
      this.returns.push(episode.return);
      ended.push(episode.return);
    }
    return ended;
  }

  private push(id: number, row: DemoStep): void {
    let episode = this.open.get(id);
    if (!episode) this.open.set(id, (episode = { rows: [], return: 0 }));
    episode.rows.push(row);
    // The file sums float32 rewards; so does the return reported.
    episode.return += Math.fround(row.reward);
  }

  private rowOf(observations: readonly Float32Array[], i: number): Float32Array[] {
    return observations.map((o, k) => o.slice(i * this.sizes[k]!, (i + 1) * this.sizes[k]!));
  }
}
