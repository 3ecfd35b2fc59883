/**
 * The joint replay buffer: one row per team transition (o_1..N, a_1..N, r_1..N, o'_1..N, done_1..N), slots in the
 * team's order, in preallocated typed arrays used as a ring. Sampling is uniform with replacement from a seeded Rng.
 * `done` is 1 only where an agent's episode ended by the task (not interrupted), so targets bootstrap otherwise.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';

export interface JointBatch {
  readonly size: number;
  readonly n: number;
  readonly obsSize: number;
  readonly actSize: number;
  /** size × n × obsSize. */
  readonly obs: Float32Array;
  /** size × n × actSize (continuous values, or one-hot discrete choices). */
  readonly actions: Float32Array;
  /** size × n. */
  readonly rewards: Float32Array;
  readonly nextObs: Float32Array;
  /** size × n, 1 = terminated. */
  readonly dones: Float32Array;
}

/** JSON-safe buffer contents. */
export interface SavedJointReplay {
  readonly capacity: number;
  readonly n: number;
  readonly obsSize: number;
  readonly actSize: number;
  readonly size: number;
  readonly next: number;
  readonly obs: number[];
  readonly actions: number[];
  readonly rewards: number[];
  readonly nextObs: number[];
  readonly dones: number[];
}

export class JointReplayBuffer {
  private readonly obs: Float32Array;
  private readonly actions: Float32Array;
  private readonly rewards: Float32Array;
  private readonly nextObs: Float32Array;
  private readonly dones: Float32Array;
  private count = 0;
  private next = 0;

  constructor(
    readonly capacity: number,
    readonly n: number,
    readonly obsSize: number,
    readonly actSize: number,
  ) {
    this.obs = new Float32Array(capacity * n * obsSize);
    this.nextObs = new Float32Array(capacity * n * obsSize);
    this.actions = new Float32Array(capacity * n * actSize);
    this.rewards = new Float32Array(capacity * n);
    this.dones = new Float32Array(capacity * n);
  }

  get size(): number {
    return this.count;
  }

  /** Adds one team transition; each argument holds the n slots in order. */
  add(obs: Float32Array, actions: Float32Array, rewards: ArrayLike<number>, nextObs: Float32Array, dones: ArrayLike<number>): void {
    const { n, obsSize, actSize } = this;
    const i = this.next;
    this.obs.set(obs.subarray(0, n * obsSize), i * n * obsSize);
    this.nextObs.set(nextObs.subarray(0, n * obsSize), i * n * obsSize);
    this.actions.set(actions.subarray(0, n * actSize), i * n * actSize);
    for (let s = 0; s < n; s++) {
      this.rewards[i * n + s] = rewards[s]!;
      this.dones[i * n + s] = dones[s]!;
    }
    this.next = (i + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** `size` rows drawn uniformly with replacement. */
  sample(size: number, rng: Rng): JointBatch {
    if (this.count === 0) throw new ShivaError('SHIVA_ERR_REPLAY', 'joint replay buffer: sample: expected at least one transition, got none');
    const indices = new Int32Array(size);
    for (let k = 0; k < size; k++) indices[k] = rng.int(this.count);
    return this.gather(indices);
  }

  gather(indices: Int32Array): JointBatch {
    const { n, obsSize, actSize } = this;
    const size = indices.length;
    const take = (from: Float32Array, width: number) => {
      const out = new Float32Array(size * width);
      for (let k = 0; k < size; k++) out.set(from.subarray(indices[k]! * width, (indices[k]! + 1) * width), k * width);
      return out;
    };
    return {
      size,
      n,
      obsSize,
      actSize,
      obs: take(this.obs, n * obsSize),
      actions: take(this.actions, n * actSize),
      rewards: take(this.rewards, n),
      nextObs: take(this.nextObs, n * obsSize),
      dones: take(this.dones, n),
    };
  }

  save(): SavedJointReplay {
    const { n, obsSize, actSize } = this;
    const used = (from: Float32Array, width: number) => Array.from(from.subarray(0, this.count * width));
    return {
      capacity: this.capacity,
      n,
      obsSize,
      actSize,
      size: this.count,
      next: this.next,
      obs: used(this.obs, n * obsSize),
      actions: used(this.actions, n * actSize),
      rewards: used(this.rewards, n),
      nextObs: used(this.nextObs, n * obsSize),
      dones: used(this.dones, n),
    };
  }

  load(saved: SavedJointReplay, where: string): void {
    const { n, obsSize, actSize } = this;
    const fail = (field: string, expected: string, got: unknown): never => {
      throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: ${field}: expected ${expected}, got ${JSON.stringify(got)?.slice(0, 80)}`);
    };
    if (!saved || typeof saved !== 'object') fail('replay', 'an object', saved);
    if (saved.n !== n || saved.obsSize !== obsSize || saved.actSize !== actSize) {
      fail('shape', `n ${n}, obsSize ${obsSize}, actSize ${actSize}`, { n: saved.n, obsSize: saved.obsSize, actSize: saved.actSize });
    }
    if (!Number.isSafeInteger(saved.size) || saved.size < 0 || saved.size > this.capacity) fail('size', `an integer in 0..${this.capacity}`, saved.size);
    if (!Number.isSafeInteger(saved.next) || saved.next < 0 || saved.next >= this.capacity) fail('next', `an integer in 0..${this.capacity - 1}`, saved.next);
    const fields: [keyof SavedJointReplay, Float32Array, number][] = [
      ['obs', this.obs, n * obsSize],
      ['actions', this.actions, n * actSize],
      ['rewards', this.rewards, n],
      ['nextObs', this.nextObs, n * obsSize],
      ['dones', this.dones, n],
    ];
    for (const [field, , width] of fields) {
      const values = saved[field];
      if (!Array.isArray(values) || values.length !== saved.size * width) fail(field, `${saved.size * width} numbers`, Array.isArray(values) ? `${values.length} values` : values);
    }
    for (const [field, target] of fields) target.set(saved[field] as number[]);
    this.count = saved.size;
    this.next = saved.next;
  }
}
