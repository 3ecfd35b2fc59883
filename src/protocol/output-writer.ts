/**
 * The simulation's hot path (the stand-in's): a step's UnityMessageProto written straight from the AgentInfoBatch
 * typed arrays, the same bytes protobufjs writes for encodeAgentInfos' objects (same field order, same defaults
 * left out, floats copied as they lie in the batch), without an object per agent or observation. It writes
 * messages without brain parameters whose observations all go as float data (compression 'none', or no rank-3
 * sensor); for anything else (and for negative ids, which protobufjs writes as 10-byte varints) it returns null
 * and the caller encodes with protobufjs. test/protocol/output-writer.test.ts checks the bytes against protobufjs.
 */
import { endianness } from 'node:os';
import type { AgentInfoBatch } from '../core/env/agent-info-batch.js';
import { maskSize, observationSize, type BehaviorSpec, type ObservationSpec } from '../core/env/behavior-spec.js';
import { communicator_objects as co } from './generated/communicator.js';

/** Per behavior: each observation's bytes around its floats, built once by protobufjs itself. */
interface Layout {
  readonly key: Uint8Array;
  readonly sizes: readonly number[];
  /** Tag and shape (fields before float_data). */
  readonly heads: readonly Uint8Array[];
  /** dimension_properties, observation_type, name (fields after float_data). */
  readonly tails: readonly Uint8Array[];
  /** The whole ObservationProto's length, floats included (the same for every agent). */
  readonly observationLengths: readonly number[];
  readonly masks: number;
}

const layouts = new WeakMap<BehaviorSpec, Layout>();
const LITTLE_ENDIAN = endianness() === 'LE';
const HEADER_200 = co.HeaderProto.encode({ status: 200 }).finish();

function layoutOf(spec: BehaviorSpec): Layout {
  let layout = layouts.get(spec);
  if (!layout) {
    const part = (o: ObservationSpec, head: boolean) =>
      co.ObservationProto.encode(head ? { shape: [...o.shape] } : { dimensionProperties: [...o.dimensionProperties], observationType: o.observationType as number as co.ObservationTypeProto, name: o.name }).finish();
    const sizes = spec.observationSpecs.map(observationSize);
    const heads = spec.observationSpecs.map((o) => part(o, true));
    const tails = spec.observationSpecs.map((o) => part(o, false));
    layout = {
      key: new TextEncoder().encode(spec.name),
      sizes,
      heads,
      tails,
      observationLengths: sizes.map((n, k) => heads[k]!.length + 1 + varintLength(floatDataLength(n)) + floatDataLength(n) + tails[k]!.length),
      masks: maskSize(spec.actionSpec),
    };
    layouts.set(spec, layout);
  }
  return layout;
}

/** FloatData { data: n floats } as bytes: tag, length, the floats. */
function floatDataLength(n: number): number {
  return 1 + varintLength(4 * n) + 4 * n;
}

function varintLength(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** One entry per subscribed behavior, in the message's key order; a null batch is an empty list. */
export type StepOutputEntry = readonly [spec: BehaviorSpec, batch: AgentInfoBatch | null];

/**
 * A buffer reused from one message to the next by a peer that sends one message at a time (the stand-in: each step's
 * output goes out in one unary call, and the transport has copied it into its frame by the time the answer comes, so
 * the next step may write over it). Saves a zero-filled allocation of the whole message per step.
 */
export class OutputScratch {
  private buffer = new Uint8Array(0);

  /** `size` bytes to write over; valid until the next take. */
  take(size: number): Uint8Array {
    if (this.buffer.length < size) this.buffer = new Uint8Array(Math.max(size, 2 * this.buffer.length));
    return this.buffer.subarray(0, size);
  }
}

/**
 * {header {status 200}, unity_output {rl_output {agent_infos, side_channel}}} as bytes, or null where protobufjs
 * must write it. Keys go in the order protobufjs would take them (Object.keys of the record it is given). With a
 * `scratch`, the bytes are a view of its buffer, overwritten by the next message written into it.
 */
export function writeStepOutput(entries: readonly StepOutputEntry[], sideChannel: Uint8Array, scratch?: OutputScratch): Uint8Array | null {
  if (!LITTLE_ENDIAN || entries.some((e) => e[0].name === '__proto__')) return null;
  // Object.keys order: array indices first, ascending; then the others in insertion order.
  const order = Object.keys(Object.fromEntries(entries.map((e, i) => [e[0].name, i]))).map((name) => entries.find((e) => e[0].name === name)!);
  if (order.length !== entries.length) return null; // a repeated name: the record keeps one
  // Pass 1: every length-delimited size, bottom up (agents, lists, entries).
  const agentLengths: Int32Array[] = [];
  const listLengths: number[] = [];
  let rlLength = 0;
  for (const [spec, batch] of order) {
    const layout = layoutOf(spec);
    const count = batch?.count ?? 0;
    const lengths = new Int32Array(count);
    let list = 0;
    for (let i = 0; i < count; i++) {
      const n = agentLength(batch!, layout, i);
      if (n < 0) return null;
      lengths[i] = n;
      list += 1 + varintLength(n) + n;
    }
    agentLengths.push(lengths);
    listLengths.push(list);
    const entry = 1 + varintLength(layout.key.length) + layout.key.length + 1 + varintLength(list) + list;
    rlLength += 1 + varintLength(entry) + entry;
  }
  if (sideChannel.length > 0) rlLength += 1 + varintLength(sideChannel.length) + sideChannel.length;
  const outputLength = 1 + varintLength(rlLength) + rlLength;
  const total = 1 + varintLength(HEADER_200.length) + HEADER_200.length + 1 + varintLength(outputLength) + outputLength;
  // Pass 2: the bytes.
  const w = new Writer(scratch ? scratch.take(total) : new Uint8Array(total));
  w.byte(0x0a).varint(HEADER_200.length).bytes(HEADER_200);
  w.byte(0x12).varint(outputLength);
  w.byte(0x0a).varint(rlLength);
  order.forEach(([spec, batch], b) => {
    const layout = layoutOf(spec);
    const list = listLengths[b]!;
    w.byte(0x12).varint(1 + varintLength(layout.key.length) + layout.key.length + 1 + varintLength(list) + list);
    w.byte(0x0a).varint(layout.key.length).bytes(layout.key);
    w.byte(0x12).varint(list);
    const lengths = agentLengths[b]!;
    // Each observation array's bytes, viewed once per batch (not per agent).
    const observationBytes = lengths.length > 0 ? batch!.observations.map(bytesOf) : [];
    for (let i = 0; i < lengths.length; i++) {
      w.byte(0x0a).varint(lengths[i]!);
      writeAgent(w, batch!, layout, observationBytes, i);
    }
  });
  if (sideChannel.length > 0) w.byte(0x1a).varint(sideChannel.length).bytes(sideChannel);
  if (w.pos !== total) throw new Error(`output writer: wrote ${w.pos} bytes, expected ${total}`);
  return w.buf;
}

function bytesOf(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Whether protobufjs writes a float field: every value but +0 (it writes -0). */
function written(v: number): boolean {
  return !Object.is(v, 0);
}

/** The agent's AgentInfoProto length, or -1 where protobufjs writes it another way (a negative id or group id). */
function agentLength(batch: AgentInfoBatch, layout: Layout, i: number): number {
  const id = batch.agentIds[i]!;
  const groupId = batch.groupIds[i]!;
  if (id < 0 || groupId < 0) return -1;
  let n = 0;
  if (written(batch.rewards[i]!)) n += 5;
  if (batch.done[i]) n += 2;
  if (batch.maxStepReached[i]) n += 2;
  if (id !== 0) n += 1 + varintLength(id);
  if (batch.actionMasks && !batch.done[i] && layout.masks > 0) n += 1 + varintLength(layout.masks) + layout.masks;
  for (const length of layout.observationLengths) n += 1 + varintLength(length) + length;
  if (groupId !== 0) n += 1 + varintLength(groupId);
  if (written(batch.groupRewards[i]!)) n += 5;
  return n;
}

function writeAgent(w: Writer, batch: AgentInfoBatch, layout: Layout, observationBytes: readonly Uint8Array[], i: number): void {
  const reward = batch.rewards[i]!;
  if (written(reward)) w.byte(61).float(reward);
  if (batch.done[i]) w.byte(64).byte(1);
  if (batch.maxStepReached[i]) w.byte(72).byte(1);
  const id = batch.agentIds[i]!;
  if (id !== 0) w.byte(80).varint(id);
  const masks = layout.masks;
  if (batch.actionMasks && !batch.done[i] && masks > 0) {
    w.byte(90).varint(masks);
    const row = i * masks;
    for (let k = 0; k < masks; k++) w.byte(batch.actionMasks[row + k] ? 1 : 0);
  }
  for (let k = 0; k < layout.sizes.length; k++) {
    const size = layout.sizes[k]!;
    w.byte(106).varint(layout.observationLengths[k]!);
    w.bytes(layout.heads[k]!);
    w.byte(34).varint(floatDataLength(size));
    w.byte(10).varint(4 * size);
    // The batch's own float32 bytes, as protobufjs writes each value back to float32.
    w.copy(observationBytes[k]!, 4 * i * size, 4 * size);
    w.bytes(layout.tails[k]!);
  }
  const groupId = batch.groupIds[i]!;
  if (groupId !== 0) w.byte(112).varint(groupId);
  const groupReward = batch.groupRewards[i]!;
  if (written(groupReward)) w.byte(125).float(groupReward);
}

class Writer {
  readonly buf: Uint8Array;
  private readonly view: DataView;
  pos = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  byte(b: number): this {
    this.buf[this.pos++] = b;
    return this;
  }

  /** An unsigned varint below 2³². */
  varint(v: number): this {
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
    return this;
  }

  bytes(b: Uint8Array): this {
    // The short pieces (shapes, names, the header) cost less as a loop than as TypedArray.set.
    if (b.length > 32) this.buf.set(b, this.pos);
    else for (let k = 0; k < b.length; k++) this.buf[this.pos + k] = b[k]!;
    this.pos += b.length;
    return this;
  }

  /** n bytes of src from `from`: a loop for the short runs of vector observations, a block copy for the rest. */
  copy(src: Uint8Array, from: number, n: number): this {
    if (n > 64) this.buf.set(src.subarray(from, from + n), this.pos);
    else for (let k = 0; k < n; k++) this.buf[this.pos + k] = src[from + k]!;
    this.pos += n;
    return this;
  }

  float(v: number): this {
    this.view.setFloat32(this.pos, v, true);
    this.pos += 4;
    return this;
  }
}
