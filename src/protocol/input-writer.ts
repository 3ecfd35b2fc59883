/**
 * The trainer's hot path out: {header {status 200}, unity_input {rl_input {agent_actions, command, side_channel}}}
 * written straight from the ActionTuples' typed arrays, the same bytes protobufjs writes for encodeActions'
 * objects (field order, defaults left out, the deprecated vector_actions field filled as mlagents_envs fills it).
 * Returns null where protobufjs must write it: a negative discrete action (a 10-byte varint there), arrays of
 * another length than count × size, a big-endian host. test/protocol/input-writer.test.ts checks the bytes.
 */
import { endianness } from 'node:os';
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { ActionSpec } from '../core/env/behavior-spec.js';
import { nameBytes } from './name-bytes.js';

/** One behavior's actions for its `count` decision agents. */
export interface ActionEntry {
  readonly name: string;
  readonly actions: ActionTuple;
  readonly spec: ActionSpec;
  readonly count: number;
}

const LITTLE_ENDIAN = endianness() === 'LE';

function varintLength(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** A length-delimited field's bytes: tag, length, payload. */
function field(payload: number): number {
  return 1 + varintLength(payload) + payload;
}

/** `entries` in the order protobufjs takes a record's keys (Object.keys); `command` 0 = STEP, 1 = RESET. */
export function writeRlInput(entries: readonly ActionEntry[], command: number, sideChannel: Uint8Array): Uint8Array | null {
  if (!LITTLE_ENDIAN || command < 0) return null;
  const keys = entries.map((e) => nameBytes(e.name));
  // Pass 1: sizes.
  const agentLengths: number[] = [];
  const listLengths: number[] = [];
  let rlLength = 0;
  for (let b = 0; b < entries.length; b++) {
    const { actions, spec, count } = entries[b]!;
    const c = spec.continuousSize;
    const d = spec.discreteBranches.length;
    if (actions.continuous.length !== count * c || actions.discrete.length !== count * d) return null;
    let list = 0;
    for (let i = 0; i < count; i++) {
      let discrete = 0;
      for (let k = i * d; k < (i + 1) * d; k++) {
        const v = actions.discrete[k]!;
        if (v < 0) return null;
        discrete += varintLength(v);
      }
      let n = 0;
      if (c + d > 0) n += field(4 * (c + d)); // vector_actions_deprecated
      if (c > 0) n += field(4 * c);
      if (d > 0) n += field(discrete);
      agentLengths.push(n);
      list += field(n);
    }
    listLengths.push(list);
    rlLength += field(field(keys[b]!.length) + field(list));
  }
  if (command !== 0) rlLength += 1 + varintLength(command);
  if (sideChannel.length > 0) rlLength += field(sideChannel.length);
  const inputLength = field(rlLength);
  const total = 5 + field(inputLength);
  // Pass 2: bytes.
  const buf = new Uint8Array(total);
  const view = new DataView(buf.buffer);
  let pos = 0;
  const varint = (v: number) => {
    while (v >= 0x80) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
  };
  buf.set([0x0a, 0x03, 0x08, 0xc8, 0x01], 0); // header { status: 200 }
  pos = 5;
  buf[pos++] = 0x1a; // unity_input
  varint(inputLength);
  buf[pos++] = 0x0a; // rl_input
  varint(rlLength);
  let agent = 0;
  for (let b = 0; b < entries.length; b++) {
    const { actions, spec, count } = entries[b]!;
    const c = spec.continuousSize;
    const d = spec.discreteBranches.length;
    const key = keys[b]!;
    const list = listLengths[b]!;
    buf[pos++] = 0x0a; // agent_actions map entry
    varint(field(key.length) + field(list));
    buf[pos++] = 0x0a;
    varint(key.length);
    buf.set(key, pos);
    pos += key.length;
    buf[pos++] = 0x12;
    varint(list);
    for (let i = 0; i < count; i++) {
      buf[pos++] = 0x0a; // value: AgentActionProto
      varint(agentLengths[agent++]!);
      if (c + d > 0) {
        // As mlagents_envs: continuous values, then discrete values as floats.
        buf[pos++] = 0x0a;
        varint(4 * (c + d));
        for (let k = i * c; k < (i + 1) * c; k++, pos += 4) view.setFloat32(pos, actions.continuous[k]!, true);
        for (let k = i * d; k < (i + 1) * d; k++, pos += 4) view.setFloat32(pos, actions.discrete[k]!, true);
      }
      if (c > 0) {
        buf[pos++] = 0x32;
        varint(4 * c);
        for (let k = i * c; k < (i + 1) * c; k++, pos += 4) view.setFloat32(pos, actions.continuous[k]!, true);
      }
      if (d > 0) {
        let n = 0;
        for (let k = i * d; k < (i + 1) * d; k++) n += varintLength(actions.discrete[k]!);
        buf[pos++] = 0x3a;
        varint(n);
        for (let k = i * d; k < (i + 1) * d; k++) varint(actions.discrete[k]!);
      }
    }
  }
  if (command !== 0) {
    buf[pos++] = 0x20;
    varint(command);
  }
  if (sideChannel.length > 0) {
    buf[pos++] = 0x2a;
    varint(sideChannel.length);
    buf.set(sideChannel, pos);
    pos += sideChannel.length;
  }
  if (pos !== total) throw new Error(`input writer: wrote ${pos} bytes, expected ${total}`);
  return buf;
}
