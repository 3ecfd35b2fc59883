/**
 * The trainer's hot path: a UnityMessageProto that carries only RL output of behaviors already announced, with
 * float observations, read from the wire straight into AgentInfoBatch typed arrays: no protobuf objects, no
 * per-agent objects, floats copied once from the message's bytes into the batch.
 *
 * It understands exactly what a Unity player sends on every step (header status 200; rl_output with one map entry
 * per known behavior; per agent: reward, done, max_step_reached, id, action mask, observations of shape, NONE
 * compression, float data, dimension properties, observation type and the sensor's name; group id and reward;
 * side-channel bytes). Anything else (an unknown, repeated or re-encoded field, a wire type or varint form that
 * protobufjs reads differently, new brain parameters, a behavior never announced, a PNG observation, a value the
 * checks refuse: NaN, a wrong shape or count; a charge that the budget would refuse) makes it return null, and the
 * caller decodes the same bytes with protobufjs and OutputDecoder, a fresh budget and the errors they give: those
 * two stay the reference for every message. So the fast path never throws and never decides a message is bad.
 *
 * Budget: the caller charges the wire estimate first, or an upper bound of it where that fits (chargeWireEstimateBound:
 * the walk costs more than this whole path); this path then checks each behavior's batch against what is left before
 * allocating it (masks counted in), charges its exact size after, and charges the side channel as OutputDecoder
 * does. Every check here is at least as strict as the protobufjs path's, so whatever fits here fits there; what does
 * not fit here goes there, with a fresh budget and the exact walk.
 */
import { allocateAgentInfoBatch, type AgentInfoBatch } from '../core/env/agent-info-batch.js';
import { maskSize, observationSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import { BATCH_BYTES_PER_AGENT } from './agent-infos.js';
import type { DecodeBudget } from './limits.js';
import type { DecodedOutput } from './output-decoder.js';
import { bail, WireCursor } from './wire-cursor.js';

/** One announced behavior, as the fast path matches and fills it. */
interface Known {
  readonly spec: BehaviorSpec;
  /** The behavior name's UTF-8 bytes: a map key matches only these bytes exactly. */
  readonly key: Uint8Array;
  readonly shapes: readonly (readonly number[])[];
  readonly sizes: readonly number[];
  /** Each sensor's name as UTF-8 (an agent's observation name must be these bytes or empty). */
  readonly names: readonly Uint8Array[];
  readonly masks: number;
  /** A name that is an array index reorders Object.entries in the protobufjs path: never taken here. */
  readonly indexLike: boolean;
}

const encoder = new TextEncoder();


export class OutputFastPath extends WireCursor {
  private known: Known[] = [];
  private knownFor = -1;

  constructor(private readonly specs: ReadonlyMap<string, BehaviorSpec>) {
    super();
  }

  /** The decoded output, or null where the protobufjs path must decide. */
  decode(bytes: Uint8Array, budget: DecodeBudget): DecodedOutput | null {
    if (this.knownFor !== this.specs.size) this.refresh();
    return this.read(bytes, () => this.message(budget));
  }

  private refresh(): void {
    this.known = [...this.specs.values()].map((spec) => ({
      spec,
      key: encoder.encode(spec.name),
      shapes: spec.observationSpecs.map((o) => o.shape),
      sizes: spec.observationSpecs.map(observationSize),
      names: spec.observationSpecs.map((o) => encoder.encode(o.name)),
      masks: maskSize(spec.actionSpec),
      indexLike: /^(0|[1-9][0-9]*)$/.test(spec.name) && Number(spec.name) < 2 ** 32 - 1,
    }));
    this.knownFor = this.specs.size;
  }

  /** UnityMessageProto: header { status: 200 }, unity_output { rl_output }. */
  private message(budget: DecodeBudget): DecodedOutput {
    const end = this.buf.length;
    let status = -1;
    let outputEnd = -1;
    let outputStart = -1;
    while (this.pos < end) {
      const tag = this.tag(end);
      const len = tag & 7 ? this.length(end) : bail();
      if (tag === ((1 << 3) | 2) && status < 0) {
        status = this.header(this.pos + len);
      } else if (tag === ((2 << 3) | 2) && outputStart < 0) {
        outputStart = this.pos;
        outputEnd = this.pos + len;
        this.pos = outputEnd;
      } else bail();
    }
    if (status !== 200 || outputStart < 0) bail();
    this.pos = outputStart;
    // UnityOutputProto: rl_output only (rl_initialization_output announces behaviors: the reference path).
    let rlStart = -1;
    let rlEnd = -1;
    while (this.pos < outputEnd) {
      const tag = this.tag(outputEnd);
      if (tag !== ((1 << 3) | 2) || rlStart >= 0) bail();
      const len = this.length(outputEnd);
      rlStart = this.pos;
      rlEnd = this.pos + len;
      this.pos = rlEnd;
    }
    if (rlStart < 0) bail();
    return this.rlOutput(rlStart, rlEnd, budget);
  }

  /** UnityRLOutputProto: map<string, ListAgentInfoProto> agent_infos = 2; bytes side_channel = 3. */
  private rlOutput(start: number, end: number, budget: DecodeBudget): DecodedOutput {
    const entries: number[] = []; // [start, end) of each map entry, in wire order
    let sideChannel: Uint8Array | null = null;
    this.pos = start;
    while (this.pos < end) {
      const tag = this.tag(end);
      if (tag === ((2 << 3) | 2)) {
        const len = this.length(end);
        entries.push(this.pos, this.pos + len);
        this.pos += len;
      } else if (tag === ((3 << 3) | 2) && !sideChannel) {
        const len = this.length(end);
        sideChannel = this.buf.subarray(this.pos, this.pos + len);
        this.pos += len;
      } else bail();
    }
    const agentInfos = new Map<string, AgentInfoBatch>();
    for (let e = 0; e < entries.length; e += 2) {
      const [known, listStart, listEnd] = this.mapEntry(entries[e]!, entries[e + 1]!);
      if (agentInfos.has(known.spec.name)) bail(); // a repeated key: last one wins there, first position kept
      agentInfos.set(known.spec.name, this.agentInfoList(known, listStart, listEnd, budget));
    }
    const side = sideChannel ?? new Uint8Array(0);
    // As OutputDecoder: framing makes one record (about 160 bytes) per 20 bytes at most.
    const sideCost = Math.floor(side.length / 20) * 160;
    if (budget.used + sideCost > budget.limitBytes) bail();
    budget.charge(sideCost, '', '');
    return { agentInfos, newBehaviors: [], sideChannel: side, unannounced: [] };
  }

  /** One map entry: key (1) then value (2), each once; the known behavior and its list's range. */
  private mapEntry(start: number, end: number): [Known, number, number] {
    this.pos = start;
    let keyStart = -1;
    let keyEnd = -1;
    let valueStart = -1;
    let valueEnd = -1;
    while (this.pos < end) {
      const tag = this.tag(end);
      const len = tag & 7 ? this.length(end) : bail();
      if (tag === ((1 << 3) | 2) && keyStart < 0) {
        keyStart = this.pos;
        keyEnd = this.pos + len;
      } else if (tag === ((2 << 3) | 2) && valueStart < 0) {
        valueStart = this.pos;
        valueEnd = this.pos + len;
      } else bail();
      this.pos += len;
    }
    if (keyStart < 0) bail(); // a missing key is "": possible, but not worth a fast path
    const known = this.match(keyStart, keyEnd);
    return valueStart < 0 ? [known, end, end] : [known, valueStart, valueEnd];
  }

  private match(start: number, end: number): Known {
    const n = end - start;
    for (const known of this.known) {
      const key = known.key;
      if (key.length !== n) continue;
      let k = 0;
      while (k < n && key[k] === this.buf[start + k]) k++;
      if (k === n) return known.indexLike ? bail() : known;
    }
    return bail(); // a behavior never announced: OutputDecoder reports it
  }

  /** ListAgentInfoProto (repeated AgentInfoProto value = 1) into one batch. */
  private agentInfoList(known: Known, start: number, end: number, budget: DecodeBudget): AgentInfoBatch {
    // Pass 1: count the agents (every field must be value = 1).
    this.pos = start;
    let count = 0;
    while (this.pos < end) {
      if (this.tag(end) !== ((1 << 3) | 2)) bail();
      this.pos = this.skip(end);
      count++;
    }
    const { spec, sizes, masks } = known;
    let perAgent = BATCH_BYTES_PER_AGENT;
    for (const size of sizes) perAgent += 4 * size;
    // Before allocating: room for the batch with masks (their exact charge comes after, when it is known).
    if (budget.used + count * (perAgent + masks) > budget.limitBytes) bail();
    const batch = allocateAgentInfoBatch(spec, count, masks > 0);
    let anyMask = false;
    this.pos = start;
    for (let i = 0; i < count; i++) {
      this.tag(end);
      const len = this.length(end);
      const agentEnd = this.pos + len;
      if (this.agentInfo(known, batch, i, agentEnd)) anyMask = true;
      this.pos = agentEnd;
    }
    budget.charge(count * (perAgent + (anyMask ? masks : 0)), '', '');
    // As decodeAgentInfos: masks only when some agent sent a full one.
    return anyMask ? batch : { ...batch, actionMasks: null };
  }

  /** One AgentInfoProto into row i; whether it carried a full action mask. */
  private agentInfo(known: Known, batch: AgentInfoBatch, i: number, end: number): boolean {
    let reward = 0;
    let groupReward = 0;
    let id = 0;
    let done = 0;
    let maxStep = 0;
    let groupId = 0;
    let observation = 0;
    let maskCount = 0;
    const masks = known.masks;
    const maskRow = batch.actionMasks ? i * masks : 0;
    while (this.pos < end) {
      const tag = this.tag(end);
      switch (tag) {
        case (7 << 3) | 5:
          reward = this.float(end);
          break;
        case (8 << 3) | 0:
          done = this.bool(end);
          break;
        case (9 << 3) | 0:
          maxStep = this.bool(end);
          break;
        case (10 << 3) | 0:
          id = this.varint(end) | 0;
          break;
        case (11 << 3) | 2: {
          const stop = this.skip(end, false);
          while (this.pos < stop) {
            const b = this.buf[this.pos++]!;
            if (b >= 0x80) bail();
            if (maskCount < masks && batch.actionMasks) batch.actionMasks[maskRow + maskCount] = b === 0 ? 0 : 1;
            maskCount++;
          }
          break;
        }
        case (11 << 3) | 0: {
          const b = this.bool(end);
          if (maskCount < masks && batch.actionMasks) batch.actionMasks[maskRow + maskCount] = b;
          maskCount++;
          break;
        }
        case (13 << 3) | 2: {
          const stop = this.skip(end, false);
          if (observation >= known.sizes.length) bail();
          this.observation(known, observation, batch.observations[observation]!, i * known.sizes[observation]!, stop);
          observation++;
          this.pos = stop;
          break;
        }
        case (14 << 3) | 0:
          groupId = this.varint(end) | 0;
          break;
        case (15 << 3) | 5:
          groupReward = this.float(end);
          break;
        default:
          bail();
      }
    }
    if (observation !== known.sizes.length || reward - reward !== 0 || groupReward - groupReward !== 0) bail();
    const fullMask = masks > 0 && maskCount === masks;
    // A mask of another length is not used (mlagents_envs): its row stays all-allowed.
    if (!fullMask && maskCount > 0 && batch.actionMasks) batch.actionMasks.fill(0, maskRow, maskRow + masks);
    batch.agentIds[i] = id;
    batch.rewards[i] = reward;
    batch.done[i] = done;
    batch.maxStepReached[i] = maxStep;
    batch.groupIds[i] = groupId;
    batch.groupRewards[i] = groupReward;
    return fullMask;
  }

  /** ObservationProto of NONE compression: its floats into out[offset ..], shape and name as the spec's. */
  private observation(known: Known, o: number, out: Float32Array, offset: number, end: number): void {
    const shape = known.shapes[o]!;
    const size = known.sizes[o]!;
    let dims = 0;
    let floats = false;
    while (this.pos < end) {
      const tag = this.tag(end);
      switch (tag) {
        case (1 << 3) | 2: {
          const stop = this.skip(end, false);
          while (this.pos < stop) {
            if (dims >= shape.length || (this.varint(stop) | 0) !== shape[dims]) bail();
            dims++;
          }
          break;
        }
        case (1 << 3) | 0:
          if (dims >= shape.length || (this.varint(end) | 0) !== shape[dims]) bail();
          dims++;
          break;
        case (2 << 3) | 0:
          if (this.varint(end) !== 0) bail(); // PNG and others: the reference path
          break;
        case (4 << 3) | 2: {
          if (floats) bail();
          floats = true;
          const stop = this.skip(end, false);
          this.floatData(out, offset, size, stop);
          this.pos = stop;
          break;
        }
        case (6 << 3) | 2: {
          const stop = this.skip(end, false);
          while (this.pos < stop) this.varint(stop);
          break;
        }
        case (6 << 3) | 0:
        case (7 << 3) | 0:
          this.varint(end);
          break;
        case (8 << 3) | 2: {
          const len = this.length(end);
          const name = known.names[o]!;
          if (len > 0) {
            if (len !== name.length) bail();
            for (let k = 0; k < len; k++) if (this.buf[this.pos + k] !== name[k]) bail();
          }
          this.pos += len;
          break;
        }
        default:
          bail();
      }
    }
    if (dims !== shape.length || !floats) bail();
  }

  /** FloatData: one packed run of exactly `size` finite floats, copied into out[offset ..]. */
  private floatData(out: Float32Array, offset: number, size: number, end: number): void {
    if (this.tag(end) !== ((1 << 3) | 2)) bail();
    const len = this.length(end);
    if (len !== 4 * size || this.pos + len !== end) bail();
    const view = this.view;
    let p = this.pos;
    for (let k = 0; k < size; k++, p += 4) {
      const v = view.getFloat32(p, true);
      // v - v is NaN for NaN and ±Infinity: the reference path names the value.
      if (v - v !== 0) bail();
      out[offset + k] = v;
    }
    this.pos = p;
  }


  /** A bool as one byte, 0 or 1 (other encodings: the reference path). */
  private bool(end: number): number {
    if (this.pos >= end) bail();
    const b = this.buf[this.pos++]!;
    if (b > 1) bail();
    return b;
  }

  private float(end: number): number {
    if (end - this.pos < 4) bail();
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }
}
