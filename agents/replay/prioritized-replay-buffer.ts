/**
 * Proportional prioritised experience replay (Schaul et al. 2016, "Prioritized Experience Replay", §3.3):
 *
 *   p_i = (|δ_i| + ε)^α          priority from the last TD error seen for transition i
 *   P(i) = p_i / Σ_j p_j         sampling probability
 *   w_i = (N·P(i))^−β / max_j (N·P(j))^−β = (p_i / min_j p_j)^−β     importance weight, N = stored transitions
 *
 * New transitions get the largest priority given so far (1 at first), so each is replayed at least once soon.
 * A batch of k is stratified: [0, Σp) is cut into k equal segments and one prefix drawn uniformly in each, which
 * keeps P(i) per draw on average and lowers the variance of a batch. β is the caller's to anneal (typically 0.4 → 1
 * over training); it is passed to every sample().
 *
 * Priorities are rounded to float32 when set, so the saved priorities blob (float32) reloads bit for bit and the
 * rebuilt sum tree equals the one saved.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { checkSampleSize } from './replay-buffer.js';
import { ReplayStorage } from './replay-storage.js';
import { checkHeader, headerFor, loadError, takeBlob, type ReplaySnapshot, type ReplaySnapshotInput } from './replay-snapshot.js';
import type { ReplayBatch, ReplaySink, ReplaySpec, Transition } from './replay-types.js';
import { SumTree } from './sum-tree.js';

export interface PrioritySettings {
  /** How strongly priorities skew sampling: 0 = uniform, 1 = fully proportional to |δ| + ε. Default 0.6. */
  readonly alpha?: number;
  /** Added to |δ| so no transition's priority reaches 0. Default 1e-6. */
  readonly epsilon?: number;
}

/** Smallest normal float32: a floor for priorities, so (tiny ε)^(large α) cannot round to an unsampleable 0. */
const MIN_PRIORITY = 1.1754943508222875e-38;

export class PrioritizedReplayBuffer implements ReplaySink {
  readonly alpha: number;
  readonly epsilon: number;
  private readonly storage: ReplayStorage;
  private readonly tree: SumTree;
  private maxSeen = 1;

  constructor(capacity: number, spec: ReplaySpec, settings: PrioritySettings = {}) {
    this.storage = new ReplayStorage(capacity, spec, 'PrioritizedReplayBuffer');
    this.tree = new SumTree(capacity);
    this.alpha = settings.alpha ?? 0.6;
    this.epsilon = settings.epsilon ?? 1e-6;
    if (!Number.isFinite(this.alpha) || this.alpha < 0) throw this.misuse('alpha', 'a finite number ≥ 0', this.alpha);
    if (!Number.isFinite(this.epsilon) || this.epsilon <= 0) throw this.misuse('epsilon', 'a finite number > 0', this.epsilon);
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

  /** The priority new transitions get: the largest one set so far. */
  get maxPriority(): number {
    return this.maxSeen;
  }

  /** p_i of a stored slot. */
  priority(index: number): number {
    return this.tree.get(index);
  }

  /** Stores `transition` with the largest priority so far. */
  add(transition: Transition): number {
    const slot = this.storage.add(transition);
    this.tree.update(slot, this.maxSeen);
    return slot;
  }

  /** `batchSize` transitions drawn ∝ p_i (stratified), with importance weights for exponent `beta`. */
  sample(batchSize: number, rng: Rng, beta: number): ReplayBatch {
    checkSampleSize(batchSize, this.size, 'PrioritizedReplayBuffer.sample');
    if (!Number.isFinite(beta) || beta < 0) throw this.misuse('beta', 'a finite number ≥ 0', beta);
    const total = this.tree.total;
    const segment = total / batchSize;
    const minPriority = this.tree.min;
    const indices = new Int32Array(batchSize);
    const weights = new Float32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      const slot = this.tree.find((i + rng.next()) * segment);
      indices[i] = slot;
      weights[i] = Math.pow(this.tree.get(slot) / minPriority, -beta);
    }
    return this.storage.gather(indices, weights);
  }

  /** Sets p_i = (|δ_i| + ε)^α for each sampled slot from its new TD error; all are checked before any is set. */
  updatePriorities(indices: ArrayLike<number>, tdErrors: ArrayLike<number>): void {
    if (indices.length !== tdErrors.length) {
      throw this.misuse('tdErrors', `one per index (${indices.length})`, `${tdErrors.length} values`, 'updatePriorities');
    }
    for (let i = 0; i < indices.length; i++) {
      const slot = indices[i]!;
      if (!Number.isInteger(slot) || slot < 0 || slot >= this.size) {
        throw this.misuse(`indices[${i}]`, `a stored slot in [0, ${this.size})`, slot, 'updatePriorities');
      }
      if (!Number.isFinite(tdErrors[i]!)) throw this.misuse(`tdErrors[${i}]`, 'a finite number', tdErrors[i]!, 'updatePriorities');
    }
    for (let i = 0; i < indices.length; i++) {
      const p = Math.max(MIN_PRIORITY, Math.fround(Math.pow(Math.abs(tdErrors[i]!) + this.epsilon, this.alpha)));
      this.tree.update(indices[i]!, p);
      if (p > this.maxSeen) this.maxSeen = p;
    }
  }

  save(): ReplaySnapshot {
    const priorities = new Float32Array(this.size);
    for (let i = 0; i < this.size; i++) priorities[i] = this.tree.get(i);
    return {
      header: headerFor('prioritized', this.capacity, this.spec, this.size, this.cursor, this.prioritizedHeader()),
      blobs: { ...this.storage.blobs(), priorities },
    };
  }

  /**
   * Replaces contents, cursor, priorities and the max priority with a snapshot of a prioritised buffer of the same
   * capacity, spec and alpha; `source` names it in errors. Nothing changes unless all of it is valid.
   */
  load(snapshot: ReplaySnapshotInput, source = 'replay buffer snapshot'): void {
    const header = checkHeader(snapshot.header, headerFor('prioritized', this.capacity, this.spec, 0, 0, this.prioritizedHeader()), source);
    const commit = this.storage.prepareRestore(snapshot.blobs, header.size, header.cursor, source);
    const priorities = takeBlob<Float32Array>(snapshot.blobs, 'priorities', 'float32', header.size, source);
    const bad = priorities.findIndex((p) => !(p > 0 && Number.isFinite(p)));
    if (bad >= 0) throw loadError(source, `blob "priorities"[${bad}]`, 'a finite number > 0', `${priorities[bad]}`);
    commit();
    this.tree.load(priorities);
    this.maxSeen = header.prioritized!.maxPriority;
  }

  private prioritizedHeader() {
    return { alpha: this.alpha, epsilon: this.epsilon, maxPriority: this.maxSeen };
  }

  private misuse(field: string, expected: string, got: unknown, method?: string): ShivaError {
    const where = method ? `PrioritizedReplayBuffer.${method}` : 'PrioritizedReplayBuffer';
    return new ShivaError('SHIVA_ERR_REPLAY', `${where}: ${field}: expected ${expected}, got ${String(got)}`);
  }
}
