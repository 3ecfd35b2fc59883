/**
 * How much memory protobufjs will take to decode a UnityMessageProto, read from its wire bytes without decoding
 * it. Decoding amplifies: an empty AgentInfoProto is 2 bytes on the wire and about 130 bytes of objects, a packed
 * bool 1 byte and an array slot of 8 to 24, so a 16 MiB message of empty agents would take over 1 GB. The walk
 * counts the objects, array elements and strings that decoding would create (per the schema below, the fields
 * that communicator.js decodes; others are skipped by protobufjs and cost nothing), allocates nothing, and stops
 * at the first malformed byte (protobufjs then refuses the message with its own error).
 *
 * Costs per item, measured on Node 20 (test/protocol/limits.test.ts checks the estimate stays above the real
 * heap growth): a message object 192 bytes, a repeated scalar element 24, a string 48 + 2 per byte, a bytes
 * field (a view into the message) 128, a map entry 64 + its key and value.
 */

export const WIRE_COSTS = { message: 192, element: 24, string: 48, stringPerByte: 2, bytes: 128, mapEntry: 64 } as const;

/** What decoding a field creates: a message of a type, a repeated scalar (fixed32 or varint elements), a string, bytes, a map entry. */
type Field = { readonly k: 'msg'; readonly t: TypeName } | { readonly k: 'rep'; readonly fixed32: boolean } | { readonly k: 'str' } | { readonly k: 'bytes' } | { readonly k: 'map'; readonly t: TypeName };

type TypeName =
  | 'UnityMessage'
  | 'Header'
  | 'UnityOutput'
  | 'UnityInput'
  | 'RLOutput'
  | 'RLInput'
  | 'InitOutput'
  | 'InitInput'
  | 'Capabilities'
  | 'ListAgentInfo'
  | 'ListAgentAction'
  | 'AgentInfo'
  | 'AgentAction'
  | 'BrainParameters'
  | 'ActionSpec'
  | 'Observation'
  | 'FloatData';

const msg = (t: TypeName): Field => ({ k: 'msg', t });
const varints: Field = { k: 'rep', fixed32: false };
const floats: Field = { k: 'rep', fixed32: true };
const str: Field = { k: 'str' };
const bytes: Field = { k: 'bytes' };

/** Field number → what it decodes to, per message type (shared docs, mlagents-protocol.md §8). Scalars are left out. */
const SCHEMA: Readonly<Record<TypeName, Readonly<Record<number, Field>>>> = {
  UnityMessage: { 1: msg('Header'), 2: msg('UnityOutput'), 3: msg('UnityInput') },
  Header: { 2: str },
  UnityOutput: { 1: msg('RLOutput'), 2: msg('InitOutput') },
  UnityInput: { 1: msg('RLInput'), 2: msg('InitInput') },
  RLOutput: { 2: { k: 'map', t: 'ListAgentInfo' }, 3: bytes },
  RLInput: { 1: { k: 'map', t: 'ListAgentAction' }, 5: bytes },
  InitOutput: { 1: str, 2: str, 3: str, 5: msg('BrainParameters'), 7: str, 8: msg('Capabilities') },
  InitInput: { 2: str, 3: str, 4: msg('Capabilities') },
  Capabilities: {},
  ListAgentInfo: { 1: msg('AgentInfo') },
  ListAgentAction: { 1: msg('AgentAction') },
  AgentInfo: { 11: varints, 13: msg('Observation') },
  AgentAction: { 1: floats, 6: floats, 7: varints },
  BrainParameters: { 3: varints, 5: str, 7: str, 9: msg('ActionSpec') },
  ActionSpec: { 3: varints, 4: str },
  Observation: { 1: varints, 3: bytes, 4: msg('FloatData'), 5: varints, 6: varints, 8: str },
  FloatData: { 1: floats },
};

/** Thrown inside the walk at a malformed byte; the estimate so far is returned. */
class Malformed extends Error {}

class Walker {
  cost = 0;
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  /**
   * A tag or a length prefix, read as protobufjs reads them (Reader.tag and Reader.size): at most 5 bytes, the
   * fifth holding the top bits only; anything else makes protobufjs throw, and us stop.
   */
  private prefix(end: number, topBits: number): number {
    let value = 0;
    for (let i = 0, scale = 1; i < 5; i++, scale *= 128) {
      if (this.pos >= end) throw new Malformed();
      const b = this.buf[this.pos++]!;
      if (i === 4 && b > topBits) throw new Malformed();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
    }
    throw new Malformed();
  }

  private tag(end: number): number {
    const tag = this.prefix(end, 15);
    if (tag < 8) throw new Malformed(); // field number 0
    return tag;
  }

  private length(end: number): number {
    const length = this.prefix(end, 7);
    if (length > end - this.pos) throw new Malformed();
    return length;
  }

  /** A varint value, skipped as Reader.skip does (to its last byte, however long; a declared field refuses more than 10). */
  private skipVarint(end: number): void {
    for (;;) {
      if (this.pos >= end) throw new Malformed();
      if (this.buf[this.pos++]! < 0x80) return;
    }
  }

  private skip(n: number, end: number): void {
    if (n > end - this.pos) throw new Malformed();
    this.pos += n;
  }

  /** Walks one message of `type` over [pos, end). */
  message(type: TypeName, end: number, depth: number): void {
    this.cost += WIRE_COSTS.message;
    const fields = SCHEMA[type];
    while (this.pos < end) {
      const tag = this.tag(end);
      const wire = tag % 8;
      const field = fields[Math.floor(tag / 8)];
      if (wire === 2 && field) {
        const length = this.length(end);
        const stop = this.pos + length;
        this.lengthDelimited(field, stop, depth);
        this.pos = stop;
        continue;
      }
      if (field?.k === 'rep' && wire === (field.fixed32 ? 5 : 0)) this.cost += WIRE_COSTS.element; // one unpacked element
      this.skipValue(wire, end, depth);
    }
  }

  private lengthDelimited(field: Field, stop: number, depth: number): void {
    switch (field.k) {
      case 'msg':
        this.message(field.t, stop, depth + 1);
        return;
      case 'rep':
        this.cost += WIRE_COSTS.element * (field.fixed32 ? Math.ceil((stop - this.pos) / 4) : this.countVarints(stop));
        return;
      case 'str':
        this.cost += WIRE_COSTS.string + WIRE_COSTS.stringPerByte * (stop - this.pos);
        return;
      case 'bytes':
        this.cost += WIRE_COSTS.bytes;
        return;
      case 'map':
        this.cost += WIRE_COSTS.mapEntry;
        this.mapEntry(field.t, stop, depth);
        return;
    }
  }

  /** A map<string, T> entry: key (1, a string) and value (2, a message of type t). */
  private mapEntry(type: TypeName, stop: number, depth: number): void {
    while (this.pos < stop) {
      const tag = this.tag(stop);
      const number = Math.floor(tag / 8);
      if (tag % 8 !== 2 || (number !== 1 && number !== 2)) {
        this.skipValue(tag % 8, stop, depth);
        continue;
      }
      const length = this.length(stop);
      const end = this.pos + length;
      if (number === 1) this.cost += WIRE_COSTS.string + WIRE_COSTS.stringPerByte * length;
      else this.message(type, end, depth + 1);
      this.pos = end;
    }
  }

  private countVarints(stop: number): number {
    let n = 0;
    for (let i = this.pos; i < stop; i++) if (this.buf[i]! < 0x80) n++;
    return n;
  }

  /** Skips a value protobufjs skips (Reader.skipType): nothing of it is kept. */
  private skipValue(wire: number, end: number, depth: number): void {
    if (wire === 0) this.skipVarint(end);
    else if (wire === 1) this.skip(8, end);
    else if (wire === 5) this.skip(4, end);
    else if (wire === 2) this.skip(this.length(end), end);
    else if (wire === 3) this.group(end, depth + 1);
    else throw new Malformed(); // an end-group out of place, or wire types 6 and 7
  }

  /** Skips a (deprecated) group up to its end tag. protobufjs stops at a depth of 100; past 200 we stop too. */
  private group(end: number, depth: number): void {
    if (depth > 200) throw new Malformed();
    for (;;) {
      const tag = this.tag(end);
      if (tag % 8 === 4) return;
      this.skipValue(tag % 8, end, depth);
    }
  }
}

/**
 * An upper bound of estimateDecodedBytes for any message of `length` bytes, without reading it: every cost above
 * needs wire bytes of its own, at most 96 per byte (a nested message: 192 for its tag and length byte; a map
 * entry 64, a bytes field 128, a string 48 + 2 per byte and a packed element 24 each need as many or more), plus
 * the top-level message. test/protocol/output-fast-path.test.ts checks it against the walk.
 */
export function estimateUpperBound(length: number): number {
  return WIRE_COSTS.message + 96 * length;
}

/** Bytes of objects that decoding `bytes` as a UnityMessageProto would create (up to the first malformed byte). */
export function estimateDecodedBytes(bytes: Uint8Array): number {
  const walker = new Walker(bytes);
  try {
    walker.message('UnityMessage', bytes.length, 0);
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
  }
  return walker.cost;
}
