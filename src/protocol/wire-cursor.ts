/**
 * What the hand-written protobuf readers of the hot messages share (output-fast-path.ts, the trainer's reader of a
 * step's UnityOutput; input-fast-path.ts, the stand-in's reader of a step's actions): a cursor over the message
 * bytes that reads only the encodings protobufjs reads the same way, and gives up (`bail`) on anything else, so that
 * the protobufjs path, the reference, decides those messages.
 */

/** Thrown (and caught) inside a walk where a fast path stops; preallocated: no stack is captured. */
const BAIL = new Error('fast path declined');

export function bail(): never {
  throw BAIL;
}

export abstract class WireCursor {
  protected buf: Uint8Array = new Uint8Array(0);
  protected view: DataView = new DataView(new ArrayBuffer(0));
  protected pos = 0;

  /** `walk` over `bytes`; null where it bailed (or anything unforeseen happened): the reference path decides. */
  protected read<T>(bytes: Uint8Array, walk: () => T): T | null {
    this.buf = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
    try {
      return walk();
    } catch {
      return null;
    } finally {
      this.buf = new Uint8Array(0);
    }
  }

  /** A varint of at most 5 bytes whose value fits 32 bits (the form protobufjs reads the same way); unsigned. */
  protected varint(end: number): number {
    const buf = this.buf;
    let value = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= end) bail();
      const b = buf[this.pos++]!;
      if (i === 4) {
        if (b > 15) bail();
        return (value | (b << 28)) >>> 0;
      }
      value |= (b & 0x7f) << (7 * i);
      if (b < 0x80) return value >>> 0;
    }
    return bail();
  }

  protected tag(end: number): number {
    const tag = this.varint(end);
    if (tag < 8) bail();
    return tag;
  }

  /** A length prefix, checked against the end of its message. */
  protected length(end: number): number {
    const len = this.varint(end);
    if (len > end - this.pos) bail();
    return len;
  }

  /** Reads a length prefix; the end of the value it prefixes, where the reader goes when `past` (default). */
  protected skip(end: number, past = true): number {
    const len = this.length(end);
    const stop = this.pos + len;
    if (past) this.pos = stop;
    return stop;
  }

  /** HeaderProto: status (int32) and an empty message (anything else: bail); the status. */
  protected header(end: number): number {
    let status = 0;
    while (this.pos < end) {
      const tag = this.tag(end);
      if (tag === ((1 << 3) | 0)) status = this.varint(end) | 0;
      else if (tag === ((2 << 3) | 2) && this.length(end) === 0) continue;
      else bail();
    }
    return status;
  }
}
