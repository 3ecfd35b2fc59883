/**
 * Damaged protobuf messages for the fast-path property tests (test/protocol/*-fast-path.test.ts): a byte replaced,
 * the message cut, bytes inserted, or a bit flipped, at arbitrary places.
 */
import fc from 'fast-check';

export interface ByteEdit {
  readonly at: number;
  readonly kind: number;
  readonly byte: number;
  readonly count: number;
}

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.record({ at: fc.nat(), kind: fc.integer({ min: 0, max: 3 }), byte: fc.integer({ min: 0, max: 255 }), count: fc.integer({ min: 1, max: 3 }) });

/** `bytes` with each edit applied in turn. */
export function damage(bytes: Uint8Array, edits: readonly ByteEdit[]): Buffer {
  let out = Buffer.from(bytes);
  for (const e of edits) {
    const at = out.length ? e.at % out.length : 0;
    if (e.kind === 0 && out.length) out[at] = e.byte;
    else if (e.kind === 1) out = out.subarray(0, at);
    else if (e.kind === 2) out = Buffer.concat([out.subarray(0, at), Buffer.alloc(e.count, e.byte), out.subarray(at)]);
    else if (out.length) out[at] = out[at]! ^ (1 << (e.byte & 7));
  }
  return out;
}
