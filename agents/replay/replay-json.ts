/** A replay buffer's snapshot (replay-snapshot.ts) as JSON can hold it: checkpoint meta is JSON. */
import { ShivaError } from '../../src/core/errors.js';
import type { PrioritizedReplayBuffer } from './prioritized-replay-buffer.js';
import type { ReplayBuffer } from './replay-buffer.js';
import type { ReplayBlob, ReplaySnapshotInput } from './replay-snapshot.js';

export interface SavedReplay {
  readonly header: unknown;
  readonly blobs: Record<string, { readonly dtype: 'float32' | 'int32'; readonly values: number[] }>;
}

/** The buffer's snapshot with its typed-array blobs as JSON arrays. */
export function saveReplay(buffer: ReplayBuffer | PrioritizedReplayBuffer): SavedReplay {
  const snapshot = buffer.save();
  const blobs: SavedReplay['blobs'] = {};
  for (const [name, blob] of Object.entries(snapshot.blobs)) {
    blobs[name] = { dtype: blob instanceof Int32Array ? 'int32' : 'float32', values: Array.from(blob) };
  }
  return { header: snapshot.header, blobs };
}

export function loadReplay(buffer: ReplayBuffer | PrioritizedReplayBuffer, saved: SavedReplay, where: string): void {
  const blobs: Record<string, ReplayBlob> = {};
  for (const [name, blob] of Object.entries(saved.blobs ?? {})) {
    if (!blob || !Array.isArray(blob.values) || (blob.dtype !== 'float32' && blob.dtype !== 'int32')) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: blob "${name}": expected {dtype: "float32" | "int32", values: [...]}, got ${JSON.stringify(blob).slice(0, 80)}`);
    }
    blobs[name] = blob.dtype === 'int32' ? Int32Array.from(blob.values) : Float32Array.from(blob.values);
  }
  const input: ReplaySnapshotInput = { header: saved.header, blobs };
  buffer.load(input, where);
}
