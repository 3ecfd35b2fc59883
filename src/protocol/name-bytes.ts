/**
 * Behavior names as UTF-8, encoded once: the hand-written codecs (input-writer.ts, input-fast-path.ts) write or
 * match the same few names on every step. Bounded, so that a stream of distinct names cannot grow it without end.
 */
const encoder = new TextEncoder();
const cache = new Map<string, Uint8Array>();
const MAX_NAMES = 4096;

export function nameBytes(name: string): Uint8Array {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = encoder.encode(name);
    if (cache.size < MAX_NAMES) cache.set(name, bytes);
  }
  return bytes;
}
