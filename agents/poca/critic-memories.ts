/**
 * The recurrent group critic's memories at an update's preparation (MA-POCA with network_settings.memory), as
 * ML-Agents' POCA optimizer gets them in get_trajectory_and_baseline_value_estimates: the critic's LSTM is run
 * along the data from the memory it had reached, under the current weights, and the memory before each step is
 * kept for the update's sequences; the memory it ends with is kept for what comes next.
 *
 *   value pass     one memory per GROUP, stepped along the segment's group steps (V(g_k) is the group's, one per
 *                  step) and on into the bootstrap state when the segment is cut or interrupted;
 *   baseline pass  one memory per MEMBER stream, stepped along its own transitions (b_i reads member i's view).
 *
 * Both start from zeros at a group's episode start and are carried across a time_horizon cut (`CriticCarry`), as
 * ML-Agents carries value_memory_dict and baseline_memory_dict across an agent's trajectories; the bootstrap value
 * of a cut or interrupted segment is read from the memory its last step left (ML-Agents' next_value_mem).
 * Departure: ML-Agents keeps the value memory per agent (each agent's trajectory runs the critic over the group
 * states it saw); Shiva computes V(g_k) once per group step, so the value memory is the group's, and the update
 * replays it along each member's steps from the group's memory at the sequence's first step. A group's segments
 * in one batch are run in order (waves: the group's first segment, then its second, ...). The LSTM steps
 * on the host weights; what comes before it (attention, trunk) is computed once per update in tfjs by the caller.
 */
import type { PreparedBatch } from './group-batch.js';
import type { GroupCritic } from './group-critic.js';
import type { GroupSegment } from './group-buffer.js';

/** The memories carried from one segment of a group to its next: the value pass's per group, the baseline pass's per member. */
export class CriticCarry {
  readonly values = new Map<string, Float32Array>();
  readonly baselines = new Map<string, Float32Array>();

  /** The groups of `source` (its simulation was reset under us): their next segments start from zeros. */
  forgetSource(source: number): void {
    const prefix = `${source}:`;
    for (const map of [this.values, this.baselines]) for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
  }

  clear(): void {
    this.values.clear();
    this.baselines.clear();
  }
}

/** What the tfjs part of the critic gave, flattened: trunk outputs (× hiddenUnits) and count features. */
export interface CriticEncodings {
  /** stepCount × hiddenUnits and stepCount: one per group state of prepared.stepObs. */
  readonly valueTrunk: Float32Array;
  readonly valueCount: Float32Array;
  /** rows × hiddenUnits and rows: one per batch row. */
  readonly baselineTrunk: Float32Array;
  readonly baselineCount: Float32Array;
  readonly hiddenUnits: number;
}

export interface RecurrentCriticPass {
  /** Per head (extrinsic first), V_k per group state (indexed as prepared.stepObs). */
  readonly stepValues: Float32Array[];
  /** Per head, b_k per batch row. */
  readonly baselines: Float32Array[];
  /** rows × memorySize: the group's value memory before each row's step, and the member's baseline memory before the row. */
  readonly valueMemories: Float32Array;
  readonly baselineMemories: Float32Array;
}

/** A chain of inputs stepped through the LSTM one after another from `initial`. */
interface Chain {
  readonly inputs: readonly number[];
  readonly initial: Float32Array | null;
}

export function recurrentCriticPass(critic: GroupCritic, prepared: PreparedBatch, segments: readonly GroupSegment[], encodings: CriticEncodings, carry: CriticCarry): RecurrentCriticPass {
  const m = critic.memorySize;
  const H = m / 2;
  const R = prepared.batch.size;
  const stepOutput = new Float32Array(prepared.stepCount * H);
  const rowOutput = new Float32Array(R * H);
  const stepMemories = new Float32Array(prepared.stepCount * m);
  const baselineMemories = new Float32Array(R * m);
  const rowBases: number[] = [];
  let base = 0;
  for (const s of segments) {
    rowBases.push(base);
    base += s.rows.length;
  }

  for (const wave of waves(segments)) {
    const valueChains: Chain[] = [];
    const baselineChains: Chain[] = [];
    const streamOf: { segment: number; stream: number }[] = [];
    for (const s of wave) {
      const segment = segments[s]!;
      const first = prepared.firstStep[s]!;
      const boot = prepared.bootstrapStep[s]!;
      const steps = Array.from(segment.steps, (_, k) => first + k);
      valueChains.push({ inputs: boot >= 0 ? [...steps, boot] : steps, initial: segment.group !== undefined ? (carry.values.get(segment.group) ?? null) : null });
      segment.streams.forEach((rows, j) => {
        const agentId = segment.rows[rows[0]!]!.agentId;
        // Only a stream open at the segment's first step can continue the member's stream of the segment before.
        const carried = segment.group !== undefined && segment.rows[rows[0]!]!.step === 0 ? (carry.baselines.get(memberKey(segment.group, agentId)) ?? null) : null;
        baselineChains.push({ inputs: rows.map((r) => rowBases[s]! + r), initial: carried });
        streamOf.push({ segment: s, stream: j });
      });
    }
    runChains(critic, valueChains, encodings.valueTrunk, encodings.hiddenUnits, stepOutput, stepMemories);
    const baselines = runChains(critic, baselineChains, encodings.baselineTrunk, encodings.hiddenUnits, rowOutput, baselineMemories);

    // What the next segment of each group starts from: set at a cut, dropped when the group's episode ended.
    for (const s of wave) {
      const segment = segments[s]!;
      if (segment.group === undefined) continue;
      carry.values.delete(segment.group);
      for (const row of segment.rows) carry.baselines.delete(memberKey(segment.group, row.agentId));
      if (!segment.continuing) continue;
      const boot = prepared.bootstrapStep[s]!;
      carry.values.set(segment.group, stepMemories.slice(boot * m, (boot + 1) * m));
      const continuing = new Set(segment.continuing);
      streamOf.forEach(({ segment: t, stream }, c) => {
        if (t !== s) return;
        const agentId = segment.rows[segment.streams[stream]![0]!]!.agentId;
        // A member that left and came back has several streams: the last one is the one that goes on.
        if (continuing.has(agentId)) carry.baselines.set(memberKey(segment.group!, agentId), baselines[c]!);
      });
    }
  }

  const valueMemories = new Float32Array(R * m);
  for (let g = 0; g < R; g++) valueMemories.set(stepMemories.subarray(prepared.rowStep[g]! * m, (prepared.rowStep[g]! + 1) * m), g * m);
  return {
    stepValues: critic.headsHost(stepOutput, encodings.valueCount, prepared.stepCount),
    baselines: critic.headsHost(rowOutput, encodings.baselineCount, R),
    valueMemories,
    baselineMemories,
  };
}

/**
 * Steps every chain through the LSTM, all chains at once position by position: each input's output goes to
 * `outputs` (at the input's index, × H) and the memory before it to `memoriesBefore` (× memorySize). Returns each
 * chain's memory after its last input.
 */
function runChains(critic: GroupCritic, chains: readonly Chain[], trunk: Float32Array, hiddenUnits: number, outputs: Float32Array, memoriesBefore: Float32Array): Float32Array[] {
  const m = critic.memorySize;
  const H = m / 2;
  const memories = chains.map((c) => c.initial ?? new Float32Array(m));
  const longest = chains.reduce((n, c) => Math.max(n, c.inputs.length), 0);
  for (let t = 0; t < longest; t++) {
    const live = chains.flatMap((c, i) => (t < c.inputs.length ? [i] : []));
    const x = new Float32Array(live.length * hiddenUnits);
    const before = new Float32Array(live.length * m);
    live.forEach((i, k) => {
      const input = chains[i]!.inputs[t]!;
      x.set(trunk.subarray(input * hiddenUnits, (input + 1) * hiddenUnits), k * hiddenUnits);
      before.set(memories[i]!, k * m);
      memoriesBefore.set(memories[i]!, input * m);
    });
    const step = critic.stepHost(x, before, live.length);
    live.forEach((i, k) => {
      const input = chains[i]!.inputs[t]!;
      outputs.set(step.output.subarray(k * H, (k + 1) * H), input * H);
      memories[i] = step.memories.slice(k * m, (k + 1) * m);
    });
  }
  return memories;
}

/** The segments in waves: each group's first segment of the batch, then each group's second, and so on. */
function waves(segments: readonly GroupSegment[]): number[][] {
  const seen = new Map<string, number>();
  const out: number[][] = [];
  segments.forEach((segment, s) => {
    const n = segment.group !== undefined ? (seen.get(segment.group) ?? 0) : 0;
    if (segment.group !== undefined) seen.set(segment.group, n + 1);
    (out[n] ??= []).push(s);
  });
  return out;
}

function memberKey(group: string, agentId: number): string {
  return `${group}|${agentId}`;
}
