/**
 * Uniform experience replay: every stored transition is equally likely, drawn with replacement, importance
 * weights all 1. Capacity is in transitions; the oldest is overwritten once full.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { ReplayStorage } from './replay-storage.js';
import { checkHeader, headerFor, type ReplaySnapshot, type ReplaySnapshotInput } from './replay-snapshot.js';
import type { ReplayBatch, ReplaySink, ReplaySpec, Transition } from './replay-types.js';

export class ReplayBuffer implements ReplaySink {
  private readonly storage: ReplayStorage;

  constructor(capacity: number, spec: ReplaySpec) {
    this.storage = new ReplayStorage(capacity, spec, 'ReplayBuffer');
  }

  get spec(): ReplaySpec {
    return this.storage.spec;
  }

  get capacity(): number {
    return this.storage.capacity;
  }

  get size(): number {
    return this.storage.size;
  }

  get cursor(): number {
    return this.storage.cursor;
  }

  add(transition: Transition): number {
    return this.storage.add(transition);
  }

  /** `batchSize` transitions drawn uniformly with replacement from the seeded `rng`. */
  sample(batchSize: number, rng: Rng): ReplayBatch {
    checkSampleSize(batchSize, this.size, 'ReplayBuffer.sample');
    const indices = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) indices[i] = rng.int(this.size);
    return this.storage.gather(indices, new Float32Array(batchSize).fill(1));
  }

  /** The transitions in slots `indices` (in that order), importance weights 1: a caller that picks its own slots. */
  gather(indices: Int32Array): ReplayBatch {
    return this.storage.gather(indices, new Float32Array(indices.length).fill(1));
  }

  save(): ReplaySnapshot {
    return {
      header: headerFor('uniform', this.capacity, this.spec, this.size, this.cursor, null),
      blobs: this.storage.blobs(),
    };
  }

  /** Replaces the contents with a snapshot of a buffer of the same capacity and spec; `source` names it in errors. */
  load(snapshot: ReplaySnapshotInput, source = 'replay buffer snapshot'): void {
    const header = checkHeader(snapshot.header, headerFor('uniform', this.capacity, this.spec, 0, 0, null), source);
    this.storage.prepareRestore(snapshot.blobs, header.size, header.cursor, source)();
  }
}

export function checkSampleSize(batchSize: number, size: number, where: string): void {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: batchSize: expected a positive integer, got ${batchSize}`);
  }
  if (size === 0) throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: the buffer is empty; add transitions before sampling`);
}
