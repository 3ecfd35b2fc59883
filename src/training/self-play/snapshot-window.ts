/**
 * The window of past policies a self-play opponent is drawn from (ML-Agents' ghost trainer): the last `size`
 * snapshots of the learning policy, each with the ELO rating it had when saved (and has earned or lost since, as
 * an opponent). Once full, a new snapshot replaces the oldest one.
 */
import { ShivaError } from '../../core/errors.js';
import type { Rng } from '../../core/runtime/rng.js';

/** The opponent index meaning "the latest policy" rather than a snapshot of the window. */
export const LATEST = -1;

export interface Snapshot {
  /** JSON-safe weights (what a SnapshotCodec takes from a learner). */
  readonly weights: unknown;
  elo: number;
}

export interface SavedSnapshotWindow {
  readonly size: number;
  /** The slot the next snapshot goes into. */
  readonly next: number;
  readonly slots: readonly { readonly weights: unknown; readonly elo: number }[];
}

export class SnapshotWindow {
  private slots: Snapshot[] = [];
  private next = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new ShivaError('SHIVA_ERR_CONFIG', `self_play.window: expected an integer ≥ 1, got ${size}`);
  }

  get length(): number {
    return this.slots.length;
  }

  /** Stores `weights` rated `elo` in the next slot (the oldest once the window is full); returns the slot. */
  add(weights: unknown, elo: number): number {
    const slot = this.next;
    this.slots[slot] = { weights, elo };
    this.next = (slot + 1) % this.size;
    return slot;
  }

  at(slot: number): Snapshot {
    const s = this.slots[slot];
    if (!s) throw new RangeError(`SnapshotWindow.at: slot ${slot} of ${this.slots.length}`);
    return s;
  }

  /**
   * The next opponent: LATEST with probability `latestRatio`, otherwise a slot drawn uniformly. The draws, in
   * order: u = rng.next(); if u < 1 − latestRatio, slot = rng.int(length) (ML-Agents' order of tests).
   */
  choose(rng: Rng, latestRatio: number): number {
    if (rng.next() < 1 - latestRatio && this.slots.length > 0) return rng.int(this.slots.length);
    return LATEST;
  }

  save(): SavedSnapshotWindow {
    return { size: this.size, next: this.next, slots: this.slots.map((s) => ({ weights: s.weights, elo: s.elo })) };
  }

  load(saved: SavedSnapshotWindow, where: string): void {
    if (!saved || !Array.isArray(saved.slots)) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: snapshots: expected a saved snapshot window, got ${JSON.stringify(saved)?.slice(0, 80)}`);
    if (saved.size !== this.size) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: snapshots.size: expected ${this.size} (self_play.window), got ${saved.size}; resume with the window the checkpoint was written with`);
    }
    if (saved.slots.length > this.size || !Number.isInteger(saved.next) || saved.next < 0 || saved.next >= this.size) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: snapshots: expected at most ${this.size} slots and a next slot in [0, ${this.size}), got ${saved.slots.length} slots and next ${saved.next}`);
    }
    saved.slots.forEach((s, i) => {
      if (!Number.isFinite(s?.elo)) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: snapshots.slots[${i}].elo: expected a finite number, got ${JSON.stringify(s?.elo)}`);
    });
    this.slots = saved.slots.map((s) => ({ weights: s.weights, elo: s.elo }));
    this.next = saved.next;
  }
}
