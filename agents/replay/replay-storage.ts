/**
 * The rows of a replay buffer: preallocated typed arrays, one row per slot, written as a ring (the oldest slot is
 * overwritten once the buffer is full). Both buffers keep one of these and differ only in how they pick slots.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { ReplayBatch, ReplaySpec, Transition } from './replay-types.js';
import { checkReplaySettings, maskLength } from './replay-types.js';
import { takeBlob, type ReplayBlob, type ReplaySnapshotInput } from './replay-snapshot.js';

/** One stored field: its blob name, values per row, and the array. */
interface Field {
  readonly name: string;
  readonly row: number;
  readonly data: Float32Array | Int32Array | Uint8Array;
}

export class ReplayStorage {
  readonly spec: ReplaySpec;
  private readonly observations: Float32Array[];
  private readonly nextObservations: Float32Array[];
  private readonly continuous: Float32Array;
  private readonly discrete: Int32Array;
  private readonly masks: Uint8Array | null;
  private readonly nextMasks: Uint8Array | null;
  private readonly rewards: Float32Array;
  private readonly dones: Float32Array;
  private readonly discounts: Float32Array;
  private readonly nb: number;
  private readonly maskSize: number;
  private count = 0;
  private next = 0;

  constructor(
    readonly capacity: number,
    spec: ReplaySpec,
    private readonly where: string,
  ) {
    checkReplaySettings(capacity, spec, where);
    this.spec = { ...spec, observationSizes: [...spec.observationSizes], discreteBranches: [...spec.discreteBranches] };
    this.nb = spec.discreteBranches.length;
    this.maskSize = maskLength(spec);
    this.observations = spec.observationSizes.map((size) => new Float32Array(capacity * size));
    this.nextObservations = spec.observationSizes.map((size) => new Float32Array(capacity * size));
    this.continuous = new Float32Array(capacity * spec.continuousSize);
    this.discrete = new Int32Array(capacity * this.nb);
    this.masks = spec.actionMasks ? new Uint8Array(capacity * this.maskSize) : null;
    this.nextMasks = spec.actionMasks ? new Uint8Array(capacity * this.maskSize) : null;
    this.rewards = new Float32Array(capacity);
    this.dones = new Float32Array(capacity);
    this.discounts = new Float32Array(capacity);
  }

  /** Slots holding a transition. */
  get size(): number {
    return this.count;
  }

  /** The slot the next transition goes to. */
  get cursor(): number {
    return this.next;
  }

  /** Writes `t` at the cursor, overwriting the oldest transition when full; returns the slot. */
  add(t: Transition): number {
    this.check(t);
    const slot = this.next;
    const sizes = this.spec.observationSizes;
    for (let o = 0; o < sizes.length; o++) {
      this.observations[o]!.set(t.observations[o]!, slot * sizes[o]!);
      this.nextObservations[o]!.set(t.nextObservations[o]!, slot * sizes[o]!);
    }
    this.continuous.set(t.continuousActions, slot * this.spec.continuousSize);
    this.discrete.set(t.discreteActions, slot * this.nb);
    if (this.masks && this.nextMasks) {
      const at = slot * this.maskSize;
      // A missing mask means nothing is masked (terminal observations come without one).
      if (t.actionMask) this.masks.set(t.actionMask, at);
      else this.masks.fill(0, at, at + this.maskSize);
      if (t.nextActionMask) this.nextMasks.set(t.nextActionMask, at);
      else this.nextMasks.fill(0, at, at + this.maskSize);
    }
    this.rewards[slot] = t.reward;
    this.dones[slot] = t.done ? 1 : 0;
    this.discounts[slot] = t.discount;
    this.next = (slot + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return slot;
  }

  /** The rows at `indices`, copied into a fresh batch. */
  gather(indices: Int32Array, weights: Float32Array): ReplayBatch {
    const n = indices.length;
    const copyRows = <T extends Float32Array | Int32Array | Uint8Array>(src: T, row: number): T => {
      const out = new (src.constructor as new (length: number) => T)(n * row);
      if (row === 0) return out;
      for (let i = 0; i < n; i++) {
        const at = indices[i]! * row;
        out.set(src.subarray(at, at + row), i * row);
      }
      return out;
    };
    const sizes = this.spec.observationSizes;
    return {
      size: n,
      indices,
      observations: this.observations.map((obs, o) => copyRows(obs, sizes[o]!)),
      nextObservations: this.nextObservations.map((obs, o) => copyRows(obs, sizes[o]!)),
      continuousActions: copyRows(this.continuous, this.spec.continuousSize),
      discreteActions: copyRows(this.discrete, this.nb),
      actionMasks: this.masks ? copyRows(this.masks, this.maskSize) : null,
      nextActionMasks: this.nextMasks ? copyRows(this.nextMasks, this.maskSize) : null,
      rewards: copyRows(this.rewards, 1),
      dones: copyRows(this.dones, 1),
      discounts: copyRows(this.discounts, 1),
      weights,
    };
  }

  /** Copies of rows 0..size−1 of every field, masks as int32 (see replay-snapshot.ts for the names). */
  blobs(): Record<string, ReplayBlob> {
    const out: Record<string, ReplayBlob> = {};
    for (const f of this.fields()) {
      const rows = f.data.subarray(0, this.count * f.row);
      out[f.name] = f.data instanceof Uint8Array ? Int32Array.from(rows) : (rows.slice() as ReplayBlob);
    }
    return out;
  }

  /**
   * Reads every field's blob for `size` rows, checking all of them before anything is written. Returns a function
   * that writes them (and the cursor), so a caller with more to check can still refuse without a half-load.
   */
  prepareRestore(blobs: ReplaySnapshotInput['blobs'], size: number, cursor: number, source: string): () => void {
    const taken = this.fields().map((f) => {
      const blob = takeBlob<ReplayBlob>(blobs, f.name, f.data instanceof Float32Array ? 'float32' : 'int32', size * f.row, source);
      if (f.data instanceof Uint8Array) {
        const bad = blob.findIndex((v) => v !== 0 && v !== 1);
        if (bad >= 0) throw new ShivaError('SHIVA_ERR_REPLAY', `${source}: cannot load replay buffer: blob "${f.name}"[${bad}]: expected 0 or 1, got ${blob[bad]}`);
      }
      return { f, blob };
    });
    return () => {
      for (const { f, blob } of taken) {
        f.data.fill(0);
        f.data.set(blob);
      }
      this.count = size;
      this.next = cursor;
    };
  }

  private fields(): Field[] {
    const sizes = this.spec.observationSizes;
    const fields: Field[] = [
      ...this.observations.map((data, o) => ({ name: `observations/${o}`, row: sizes[o]!, data })),
      ...this.nextObservations.map((data, o) => ({ name: `next_observations/${o}`, row: sizes[o]!, data })),
      { name: 'continuous_actions', row: this.spec.continuousSize, data: this.continuous },
      { name: 'discrete_actions', row: this.nb, data: this.discrete },
    ];
    if (this.masks && this.nextMasks) {
      fields.push({ name: 'action_masks', row: this.maskSize, data: this.masks }, { name: 'next_action_masks', row: this.maskSize, data: this.nextMasks });
    }
    fields.push({ name: 'rewards', row: 1, data: this.rewards }, { name: 'dones', row: 1, data: this.dones }, { name: 'discounts', row: 1, data: this.discounts });
    return fields;
  }

  /** Lengths are checked so a short array cannot leave a previous transition's values in the row. */
  private check(t: Transition): void {
    const bad = (field: string, expected: string, got: string | number) =>
      new ShivaError('SHIVA_ERR_REPLAY', `${this.where}.add: ${field}: expected ${expected}, got ${got}`);
    const sizes = this.spec.observationSizes;
    if (t.observations.length !== sizes.length) throw bad('observations', `${sizes.length} arrays`, t.observations.length);
    if (t.nextObservations.length !== sizes.length) throw bad('nextObservations', `${sizes.length} arrays`, t.nextObservations.length);
    for (let o = 0; o < sizes.length; o++) {
      if (t.observations[o]!.length !== sizes[o]) throw bad(`observations[${o}]`, `${sizes[o]} values`, t.observations[o]!.length);
      if (t.nextObservations[o]!.length !== sizes[o]) throw bad(`nextObservations[${o}]`, `${sizes[o]} values`, t.nextObservations[o]!.length);
    }
    if (t.continuousActions.length !== this.spec.continuousSize) throw bad('continuousActions', `${this.spec.continuousSize} values`, t.continuousActions.length);
    if (t.discreteActions.length !== this.nb) throw bad('discreteActions', `${this.nb} values`, t.discreteActions.length);
    if (this.masks) {
      if (t.actionMask && t.actionMask.length !== this.maskSize) throw bad('actionMask', `${this.maskSize} values`, t.actionMask.length);
      if (t.nextActionMask && t.nextActionMask.length !== this.maskSize) throw bad('nextActionMask', `${this.maskSize} values`, t.nextActionMask.length);
    }
    if (!Number.isFinite(t.reward)) throw bad('reward', 'a finite number', t.reward);
    if (!Number.isFinite(t.discount) || t.discount < 0) throw bad('discount', 'a finite number ≥ 0', t.discount);
  }
}
