/**
 * The replay of an off-policy learner whose policy has memory (SAC with network_settings.memory), kept as
 * ML-Agents' off-policy trainer keeps it: each trajectory (time_horizon steps, or fewer at its episode's end) is cut
 * into sequences of sequence_length steps, the last one padded at its end (AgentBuffer.resequence_and_append), and
 * an update samples whole sequences, ⌊batch_size / sequence_length⌋ of them (at least 1), each starting on a
 * sequence boundary (AgentBuffer.sample_mini_batch with sequence_length). A mask marks the real steps; the losses
 * read only those, so a sequence cut short by its episode's end never mixes with the next episode.
 *
 * Each sequence keeps the actor's memory stored with its first step: ML-Agents stores every step's memory and its
 * optimizer reads batch[MEMORY] every sequence_length rows, so only those are ever read, and only those are kept.
 *
 * The rows live in a ReplayBuffer of (sequences × sequence_length) slots written sequence_length at a time, so
 * sequence k is rows [k·L, (k+1)·L) and the oldest sequence is overwritten once full. The capacity in sequences is
 * ⌊buffer_size / sequence_length⌋ (at least 1): padded rows count against buffer_size, as in ML-Agents.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { ReplayBuffer, checkSampleSize } from './replay-buffer.js';
import { loadReplay, saveReplay, type SavedReplay } from './replay-json.js';
import type { ReplayBatch, ReplaySpec, Transition } from './replay-types.js';

/** One one-step transition with the memory its action was chosen under. */
export type RecurrentTransition = Transition & { readonly memory: Float32Array };

/** Whole sequences: row s·length + t of `batch` is step t of sequence s. */
export interface SequenceSample {
  readonly batch: ReplayBatch;
  readonly sequences: number;
  readonly length: number;
  /** batch.size floats: 1 on a real step, 0 on padding. */
  readonly mask: Float32Array;
  /** sequences × memoryWidth: the memory stored with each sequence's first step. */
  readonly memories: Float32Array;
  /** The sequence slots sampled, in order. */
  readonly slots: Int32Array;
}

export interface SavedSequenceReplay {
  readonly length: number;
  readonly memoryWidth: number;
  readonly rows: SavedReplay;
  /** One 0/1 per stored row. */
  readonly mask: number[];
  /** memoryWidth floats per stored sequence. */
  readonly memories: number[];
}

export class SequenceReplay {
  readonly rows: ReplayBuffer;
  /** Sequences the replay holds when full. */
  readonly capacity: number;
  private readonly mask: Uint8Array;
  private readonly memories: Float32Array;

  constructor(
    bufferSize: number,
    readonly length: number,
    readonly memoryWidth: number,
    spec: ReplaySpec,
    private readonly where = 'SequenceReplay',
  ) {
    if (!Number.isSafeInteger(length) || length < 1) throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: sequence_length: expected an integer ≥ 1, got ${JSON.stringify(length)}`);
    if (!Number.isSafeInteger(memoryWidth) || memoryWidth < 1) throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: memory width: expected an integer ≥ 1, got ${JSON.stringify(memoryWidth)}`);
    this.capacity = Math.max(1, Math.floor(bufferSize / length));
    this.rows = new ReplayBuffer(this.capacity * length, spec);
    this.mask = new Uint8Array(this.capacity * length);
    this.memories = new Float32Array(this.capacity * memoryWidth);
  }

  /** Rows held, padding included (what batch_size is compared with, as ML-Agents' num_experiences). */
  get size(): number {
    return this.rows.size;
  }

  /** Sequences held. */
  get sequences(): number {
    return this.rows.size / this.length;
  }

  /** One agent's trajectory, in step order: cut into sequences, the last padded (a copy of its last step, masked out). */
  addTrajectory(steps: readonly RecurrentTransition[]): void {
    const L = this.length;
    const W = this.memoryWidth;
    for (let start = 0; start < steps.length; start += L) {
      const real = Math.min(L, steps.length - start);
      const first = steps[start]!;
      if (first.memory.length !== W) throw new ShivaError('SHIVA_ERR_REPLAY', `${this.where}: step ${start}'s memory: expected ${W} floats, got ${first.memory.length}`);
      const slot = this.rows.cursor / L;
      this.memories.set(first.memory, slot * W);
      for (let t = 0; t < L; t++) {
        this.rows.add(steps[start + Math.min(t, real - 1)]!);
        this.mask[slot * L + t] = t < real ? 1 : 0;
      }
    }
  }

  /** ⌊batchSize / length⌋ sequences (at least 1), drawn uniformly with replacement from the seeded `rng`. */
  sample(batchSize: number, rng: Rng): SequenceSample {
    checkSampleSize(batchSize, this.size, `${this.where}.sample`);
    const n = Math.max(1, Math.floor(batchSize / this.length));
    const held = this.sequences;
    return this.gather(Int32Array.from({ length: n }, () => rng.int(held)));
  }

  /** The sequences in `slots`, in that order. */
  gather(slots: Int32Array): SequenceSample {
    const L = this.length;
    const W = this.memoryWidth;
    const indices = new Int32Array(slots.length * L);
    const mask = new Float32Array(slots.length * L);
    const memories = new Float32Array(slots.length * W);
    slots.forEach((slot, s) => {
      if (!Number.isSafeInteger(slot) || slot < 0 || slot >= this.sequences) throw new ShivaError('SHIVA_ERR_REPLAY', `${this.where}.gather: slots[${s}]: expected a sequence in [0, ${this.sequences}), got ${slot}`);
      for (let t = 0; t < L; t++) {
        indices[s * L + t] = slot * L + t;
        mask[s * L + t] = this.mask[slot * L + t]!;
      }
      memories.set(this.memories.subarray(slot * W, (slot + 1) * W), s * W);
    });
    return { batch: this.rows.gather(indices), sequences: slots.length, length: L, mask, memories, slots };
  }

  save(): SavedSequenceReplay {
    return {
      length: this.length,
      memoryWidth: this.memoryWidth,
      rows: saveReplay(this.rows),
      mask: Array.from(this.mask.subarray(0, this.size)),
      memories: Array.from(this.memories.subarray(0, this.sequences * this.memoryWidth)),
    };
  }

  /** Replaces the contents with a saved replay of the same shape; everything is checked before anything is written. */
  load(saved: SavedSequenceReplay, where: string): void {
    const fail = (field: string, expected: string, got: unknown) => new ShivaError('SHIVA_ERR_REPLAY', `${where}: ${field}: expected ${expected}, got ${JSON.stringify(got)?.slice(0, 80)}`);
    if (typeof saved !== 'object' || saved === null) throw fail('sequence replay', 'an object', saved);
    if (saved.length !== this.length) throw fail('length', `sequence_length ${this.length}`, saved.length);
    if (saved.memoryWidth !== this.memoryWidth) throw fail('memoryWidth', `${this.memoryWidth} (memory_size)`, saved.memoryWidth);
    const rows = (saved.rows?.header as { size?: unknown } | undefined)?.size;
    if (!Number.isSafeInteger(rows) || (rows as number) % this.length !== 0) throw fail('rows.header.size', `a multiple of ${this.length}`, rows);
    if (!Array.isArray(saved.mask) || saved.mask.length !== rows) throw fail('mask', `${String(rows)} values`, Array.isArray(saved.mask) ? saved.mask.length : saved.mask);
    const bad = saved.mask.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) throw fail(`mask[${bad}]`, '0 or 1', saved.mask[bad]);
    const sequences = (rows as number) / this.length;
    if (!Array.isArray(saved.memories) || saved.memories.length !== sequences * this.memoryWidth) throw fail('memories', `${sequences * this.memoryWidth} floats`, Array.isArray(saved.memories) ? saved.memories.length : saved.memories);
    loadReplay(this.rows, saved.rows, `${where}: rows`);
    this.mask.fill(0);
    this.mask.set(saved.mask);
    this.memories.fill(0);
    this.memories.set(saved.memories);
  }
}
