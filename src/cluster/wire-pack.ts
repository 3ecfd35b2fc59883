/**
 * A compact binary layout for the cluster's messages: a JSON header with the message's structure, then its typed
 * arrays as raw little-endian bytes, each 4-byte aligned. Observations, actions and log-probabilities travel as
 * the Float32Array/Int32Array/Uint8Array they are in memory (no per-agent objects, no text floats); the header
 * holds the small things (ids, counts, versions).
 *
 *   [u32 header length][header JSON][pad to 4][array 0][pad][array 1]...
 *
 * A typed array anywhere in the packed value becomes {"$a": index, "t": "f32" | "i32" | "u8"} in the header.
 * Unpacked arrays are views on one copy of the message (so they stay valid after the NATS buffer is reused).
 */
import { ShivaError } from '../core/errors.js';

type Typed = Float32Array | Int32Array | Uint8Array;
const KINDS = { f32: Float32Array, i32: Int32Array, u8: Uint8Array } as const;
type Kind = keyof typeof KINDS;

function kindOf(a: Typed): Kind {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Int32Array) return 'i32';
  return 'u8';
}

const pad4 = (n: number) => (n + 3) & ~3;

export function pack(value: unknown): Uint8Array {
  const arrays: Typed[] = [];
  const header = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array) {
      arrays.push(v);
      return { $a: arrays.length - 1, t: kindOf(v), n: v.length };
    }
    if (ArrayBuffer.isView(v)) throw new ShivaError('SHIVA_ERR_CLUSTER', `wire: expected Float32Array, Int32Array or Uint8Array, got ${v.constructor.name}`);
    return v;
  });
  const headerBytes = Buffer.from(header, 'utf8');
  let size = pad4(4 + headerBytes.length);
  for (const a of arrays) size += pad4(a.byteLength);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, headerBytes.length, true);
  out.set(headerBytes, 4);
  let at = pad4(4 + headerBytes.length);
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += pad4(a.byteLength);
  }
  return out;
}

/** The value pack() was given, its typed arrays as views on a copy of `bytes`; `where` names the message in errors. */
export function unpack(bytes: Uint8Array, where: string): unknown {
  // A copy of our own, aligned at 0 (Buffer#slice would be a view into the client's pool).
  const data = new Uint8Array(bytes.length);
  data.set(bytes);
  const fail = (what: string): never => {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${where}: expected a Shiva cluster message, got ${what}`);
  };
  if (data.length < 4) fail(`${data.length} bytes`);
  const headerLength = new DataView(data.buffer).getUint32(0, true);
  if (4 + headerLength > data.length) fail(`a header of ${headerLength} bytes in a ${data.length}-byte message`);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(data.buffer, 4, headerLength).toString('utf8'));
  } catch {
    fail('a header that is not JSON');
  }
  // Each array's place: they follow the header in index order, each padded to 4 bytes.
  const descriptors: { kind: Kind; length: number }[] = [];
  const isDescriptor = (o: Record<string, unknown>) => typeof o['$a'] === 'number' && typeof o['t'] === 'string' && typeof o['n'] === 'number';
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (isDescriptor(o)) {
        const index = o['$a'] as number;
        if (!(o['t'] as string in KINDS) || !Number.isInteger(index) || index < 0 || index > 1e6 || !Number.isInteger(o['n']) || (o['n'] as number) < 0) fail(`a bad array descriptor ${JSON.stringify(o)}`);
        descriptors[index] = { kind: o['t'] as Kind, length: o['n'] as number };
      } else Object.values(o).forEach(collect);
    }
  };
  collect(header);
  const placed: Typed[] = [];
  let at = pad4(4 + headerLength);
  for (let index = 0; index < descriptors.length; index++) {
    const d = descriptors[index];
    if (!d) fail(`no descriptor for array ${index}`);
    const Ctor = KINDS[d!.kind];
    const byteLength = d!.length * Ctor.BYTES_PER_ELEMENT;
    if (at + byteLength > data.length) fail(`array ${index} past the end of the message`);
    placed.push(new Ctor(data.buffer, at, d!.length));
    at += pad4(byteLength);
  }
  const revive = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(revive);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (isDescriptor(o)) return placed[o['$a'] as number];
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, revive(x)]));
    }
    return v;
  };
  return revive(header);
}
