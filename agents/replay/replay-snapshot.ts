/**
 * The saved form of a replay buffer (ML-Agents' `save_replay_buffer`): a JSON-safe header and named typed-array
 * blobs, so a checkpoint can carry it beside the networks. Blob names:
 *
 *   observations/<o>, next_observations/<o>   float32, size × observationSizes[o]
 *   continuous_actions                        float32, size × continuousSize
 *   discrete_actions                          int32,   size × branches
 *   action_masks, next_action_masks           int32,   size × Σ branches (only when the spec stores masks)
 *   rewards, dones, discounts                 float32, size
 *   priorities                                float32, size (prioritised buffers only: p = (|δ| + ε)^α per slot)
 *
 * Rows are buffer slots 0..size−1 in slot order (not age order), so with the cursor the ring is restored exactly.
 * Checkpoint files hold float32 tensors only: an int32 blob may travel as a Float32Array over the same bytes
 * (int32BitsAsFloat32), and load() takes it back in that form too.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { ReplaySpec } from './replay-types.js';

export const REPLAY_FORMAT = 'shiva-replay';
export const REPLAY_FORMAT_VERSION = 1;

export type ReplayBlob = Float32Array | Int32Array;
export type ReplayKind = 'uniform' | 'prioritized';

/** A type alias (not an interface) so it is assignable to a checkpoint's JSON values. */
export type ReplayHeader = {
  readonly format: typeof REPLAY_FORMAT;
  readonly version: typeof REPLAY_FORMAT_VERSION;
  readonly kind: ReplayKind;
  readonly capacity: number;
  /** Slots holding a transition. */
  readonly size: number;
  /** The slot the next transition goes to. */
  readonly cursor: number;
  readonly observationSizes: number[];
  readonly continuousSize: number;
  readonly discreteBranches: number[];
  readonly actionMasks: boolean;
  /** Prioritised buffers only. */
  readonly prioritized: { readonly alpha: number; readonly epsilon: number; readonly maxPriority: number } | null;
};

export interface ReplaySnapshot {
  readonly header: ReplayHeader;
  readonly blobs: Record<string, ReplayBlob>;
}

/** What load() accepts: a header not yet checked (as read back from a file) and the blobs found. */
export interface ReplaySnapshotInput {
  readonly header: unknown;
  readonly blobs: Readonly<Record<string, ReplayBlob | undefined>>;
}

/** A Float32Array over the same bytes as `blob` (a copy when it is an Int32Array), for float32-only containers. */
export function int32BitsAsFloat32(blob: ReplayBlob): Float32Array {
  if (blob instanceof Float32Array) return blob;
  return new Float32Array(blob.slice().buffer);
}

export function headerFor(kind: ReplayKind, capacity: number, spec: ReplaySpec, size: number, cursor: number, prioritized: ReplayHeader['prioritized']): ReplayHeader {
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_FORMAT_VERSION,
    kind,
    capacity,
    size,
    cursor,
    observationSizes: [...spec.observationSizes],
    continuousSize: spec.continuousSize,
    discreteBranches: [...spec.discreteBranches],
    actionMasks: spec.actionMasks,
    prioritized,
  };
}

export function loadError(source: string, field: string, expected: string, got: string): ShivaError {
  return new ShivaError('SHIVA_ERR_REPLAY', `${source}: cannot load replay buffer: ${field}: expected ${expected}, got ${got}`);
}

/**
 * Checks a saved header against the buffer it is loaded into; every field that differs is named (the first one
 * found). Returns the header typed.
 */
export function checkHeader(raw: unknown, want: ReplayHeader, source: string): ReplayHeader {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw loadError(source, 'header', 'an object', describe(raw));
  const h = raw as Record<string, unknown>;
  const same = (field: keyof ReplayHeader, what: string) => {
    const expected = JSON.stringify(want[field]);
    const got = JSON.stringify(h[field]);
    if (expected !== got) throw loadError(source, field, `${expected} (${what})`, got ?? 'nothing');
  };
  same('format', 'a Shiva replay buffer');
  same('version', 'the format version this build reads');
  same('kind', "this buffer's kind");
  same('capacity', "this buffer's capacity in transitions");
  same('observationSizes', "this buffer's observation sizes");
  same('continuousSize', "this buffer's continuous action size");
  same('discreteBranches', "this buffer's discrete branches");
  same('actionMasks', 'whether this buffer stores action masks');

  const size = h.size;
  if (!Number.isSafeInteger(size) || (size as number) < 0 || (size as number) > want.capacity) {
    throw loadError(source, 'size', `an integer in [0, ${want.capacity}]`, JSON.stringify(size));
  }
  const cursor = h.cursor;
  // Until the ring is full the cursor is the size; after, any slot.
  const cursorOk = (size as number) < want.capacity ? cursor === size : Number.isSafeInteger(cursor) && (cursor as number) >= 0 && (cursor as number) < want.capacity;
  if (!cursorOk) {
    const expected = (size as number) < want.capacity ? `${size as number} (the size, the ring not being full)` : `an integer in [0, ${want.capacity})`;
    throw loadError(source, 'cursor', expected, JSON.stringify(cursor));
  }

  let prioritized: ReplayHeader['prioritized'] = null;
  if (want.prioritized) {
    const p = h.prioritized as Record<string, unknown> | null | undefined;
    if (typeof p !== 'object' || p === null) throw loadError(source, 'prioritized', 'an object {alpha, epsilon, maxPriority}', JSON.stringify(p ?? null));
    if (p.alpha !== want.prioritized.alpha) {
      // Stored priorities are (|δ| + ε)^α: mixing exponents would skew sampling silently.
      throw loadError(source, 'prioritized.alpha', `${want.prioritized.alpha} (this buffer's alpha)`, JSON.stringify(p.alpha));
    }
    for (const field of ['epsilon', 'maxPriority'] as const) {
      const v = p[field];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw loadError(source, `prioritized.${field}`, 'a finite number > 0', JSON.stringify(v));
    }
    prioritized = { alpha: want.prioritized.alpha, epsilon: p.epsilon as number, maxPriority: p.maxPriority as number };
  }
  return { ...want, size: size as number, cursor: cursor as number, prioritized };
}

/** The blob `name` as an array of `type` holding exactly `length` values, or a ShivaError naming what came. */
export function takeBlob<T extends ReplayBlob>(
  blobs: ReplaySnapshotInput['blobs'],
  name: string,
  type: 'float32' | 'int32',
  length: number,
  source: string,
): T {
  const blob = blobs[name];
  let typed: ReplayBlob | undefined;
  if (type === 'float32' && blob instanceof Float32Array) typed = blob;
  if (type === 'int32' && blob instanceof Int32Array) typed = blob;
  if (type === 'int32' && blob instanceof Float32Array) typed = new Int32Array(blob.buffer, blob.byteOffset, blob.length);
  if (!typed) throw loadError(source, `blob "${name}"`, `a ${type === 'float32' ? 'Float32Array' : 'Int32Array'} of ${length} values`, describe(blob));
  if (typed.length !== length) throw loadError(source, `blob "${name}"`, `${length} values`, `${typed.length}`);
  return typed as T;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  return typeof value;
}
