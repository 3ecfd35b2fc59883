/**
 * The simulation side's hot path (the stand-in's): a trainer's step message, {header {status 200}, unity_input
 * {rl_input {agent_actions, command, side_channel}}}, read from the wire straight into each behavior's action typed
 * arrays: no protobuf objects, no per-agent objects, no plain arrays of numbers.
 *
 * It takes exactly what a trainer writes on every step (input-writer.ts, mlagents_envs): one map entry per behavior
 * that asked for decisions, each with exactly as many AgentActionProto as agents asked, each with packed continuous
 * actions and packed discrete actions of the spec's sizes, the deprecated vector_actions and value fields (read past:
 * never used once the new fields are there); a command of STEP, RESET or QUIT; side-channel bytes. Anything else (an
 * unknown or repeated field, another wire type, a varint longer than 5 bytes, a behavior not expected or expected
 * with no decisions, a count or size that decodeActions refuses, a pre-1.3 trainer's deprecated-only actions, the
 * handshake, a close, a budget that would not fit) makes it return null, and the caller decodes the same bytes with
 * protobufjs (decodeUnityMessage + decodeActions), a fresh budget and the errors they give: those stay the reference
 * for every message. So the fast path never throws and never decides a message is bad.
 *
 * Budget: the caller charges the wire estimate's upper bound first where it fits, else the walk
 * (chargeWireEstimateBound, as the trainer's output fast path); this path checks each behavior's arrays against what
 * is left before allocating them, and charges them after.
 */
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { ActionSpec } from '../core/env/behavior-spec.js';
import type { DecodeBudget } from './limits.js';
import { nameBytes } from './name-bytes.js';
import { bail, WireCursor } from './wire-cursor.js';

/** A behavior whose actions the simulation waits for: `count` decision agents asked last step. */
export interface ExpectedActions {
  readonly name: string;
  readonly actionSpec: ActionSpec;
  readonly count: number;
}

/** A decoded step message: status 200 and its RL input. */
export interface FastRlInput {
  /** 0 STEP, 1 RESET, 2 QUIT. */
  readonly command: number;
  /** A view of the message's bytes: use it before the next message arrives. */
  readonly sideChannel: Uint8Array;
  /** Actions of every behavior the message carried, one row per decision agent. */
  readonly actions: Map<string, ActionTuple>;
}

export class InputFastPath extends WireCursor {
  /** The decoded input, or null where protobufjs and decodeActions must decide. */
  decode(bytes: Uint8Array, expected: readonly ExpectedActions[], budget: DecodeBudget): FastRlInput | null {
    return this.read(bytes, () => this.message(expected, budget));
  }

  /** UnityMessageProto: header { status: 200 }, unity_input { rl_input }. */
  private message(expected: readonly ExpectedActions[], budget: DecodeBudget): FastRlInput {
    const end = this.buf.length;
    let status = -1;
    let inputStart = -1;
    let inputEnd = -1;
    while (this.pos < end) {
      const tag = this.tag(end);
      if (tag === ((1 << 3) | 2) && status < 0) {
        status = this.header(this.skip(end, false));
      } else if (tag === ((3 << 3) | 2) && inputStart < 0) {
        inputEnd = this.skip(end, false);
        inputStart = this.pos;
        this.pos = inputEnd;
      } else bail(); // unity_output, a repeated or unknown field: the reference path
    }
    if (status !== 200 || inputStart < 0) bail();
    // UnityInputProto: rl_input only (rl_initialization_input is the handshake: the reference path).
    this.pos = inputStart;
    if (this.pos === inputEnd || this.tag(inputEnd) !== ((1 << 3) | 2)) bail();
    const rlEnd = this.skip(inputEnd, false);
    if (rlEnd !== inputEnd) bail();
    return this.rlInput(rlEnd, expected, budget);
  }

  /** UnityRLInputProto: map<string, ListAgentActionProto> agent_actions = 1; command = 4; bytes side_channel = 5. */
  private rlInput(end: number, expected: readonly ExpectedActions[], budget: DecodeBudget): FastRlInput {
    const actions = new Map<string, ActionTuple>();
    let command = -1;
    let sideChannel: Uint8Array | null = null;
    while (this.pos < end) {
      const tag = this.tag(end);
      if (tag === ((1 << 3) | 2)) {
        const entryEnd = this.skip(end, false);
        this.mapEntry(entryEnd, expected, actions, budget);
        this.pos = entryEnd;
      } else if (tag === ((4 << 3) | 0) && command < 0) {
        command = this.varint(end);
        if (command > 2) bail(); // no command the stand-in knows: the reference path
      } else if (tag === ((5 << 3) | 2) && !sideChannel) {
        const stop = this.skip(end, false);
        sideChannel = this.buf.subarray(this.pos, stop);
        this.pos = stop;
      } else bail();
    }
    return { command: command < 0 ? 0 : command, sideChannel: sideChannel ?? new Uint8Array(0), actions };
  }

  /** One map entry, key (1) before value (2), each once, of an expected behavior with decisions; its actions. */
  private mapEntry(end: number, expected: readonly ExpectedActions[], actions: Map<string, ActionTuple>, budget: DecodeBudget): void {
    if (this.tag(end) !== ((1 << 3) | 2)) bail();
    const keyEnd = this.skip(end, false);
    const behavior = this.match(this.pos, keyEnd, expected);
    // A repeated key: the last one wins there; not worth a fast path.
    if (actions.has(behavior.name)) bail();
    this.pos = keyEnd;
    if (this.pos === end || this.tag(end) !== ((2 << 3) | 2)) bail(); // no list: decodeActions says "got 0"
    const listEnd = this.skip(end, false);
    if (listEnd !== end) bail();
    actions.set(behavior.name, this.actionList(behavior, listEnd, budget));
  }

  private match(start: number, end: number, expected: readonly ExpectedActions[]): ExpectedActions {
    const n = end - start;
    for (const behavior of expected) {
      // "__proto__" is a special key there (made an own property): not worth a fast path.
      if (behavior.count === 0 || behavior.name === '__proto__') continue;
      const key = nameBytes(behavior.name);
      if (key.length !== n) continue;
      let k = 0;
      while (k < n && key[k] === this.buf[start + k]) k++;
      if (k === n) return behavior;
    }
    return bail(); // a behavior the simulation did not ask about: the reference path
  }

  /** ListAgentActionProto (repeated AgentActionProto value = 1): exactly `count` actions into one tuple. */
  private actionList(behavior: ExpectedActions, end: number, budget: DecodeBudget): ActionTuple {
    const { count, actionSpec } = behavior;
    const c = actionSpec.continuousSize;
    const b = actionSpec.discreteBranches.length;
    const bytes = 4 * count * (c + b);
    if (budget.used + bytes > budget.limitBytes) bail();
    const tuple: ActionTuple = { continuous: new Float32Array(count * c), discrete: new Int32Array(count * b) };
    let i = 0;
    while (this.pos < end) {
      if (this.tag(end) !== ((1 << 3) | 2) || i >= count) bail();
      const actionEnd = this.skip(end, false);
      this.action(tuple, i, c, b, actionEnd);
      i++;
    }
    if (i !== count) bail(); // decodeActions names the count
    budget.charge(bytes, '', '');
    return tuple;
  }

  /** One AgentActionProto into row i: packed continuous (6) and discrete (7) actions of the spec's sizes. */
  private action(tuple: ActionTuple, i: number, c: number, b: number, end: number): void {
    let deprecated = false;
    let value = false;
    let continuous = -1;
    let discrete = -1;
    while (this.pos < end) {
      const tag = this.tag(end);
      switch (tag) {
        case (1 << 3) | 2: {
          // vector_actions_deprecated: never used while the new fields are there (checked below).
          const stop = this.skip(end, false);
          if (deprecated || (stop - this.pos) % 4 !== 0) bail();
          deprecated = true;
          this.pos = stop;
          break;
        }
        case (4 << 3) | 5:
          if (value || end - this.pos < 4) bail();
          value = true;
          this.pos += 4;
          break;
        case (6 << 3) | 2: {
          const stop = this.skip(end, false);
          if (continuous >= 0 || stop - this.pos !== 4 * c) bail();
          const out = tuple.continuous;
          const view = this.view;
          let p = this.pos;
          // NaN and infinities pass as they pass decodeActions: the scene decides what it accepts.
          for (let k = i * c; k < (i + 1) * c; k++, p += 4) out[k] = view.getFloat32(p, true);
          this.pos = stop;
          continuous = c;
          break;
        }
        case (7 << 3) | 2: {
          const stop = this.skip(end, false);
          if (discrete >= 0) bail();
          const out = tuple.discrete;
          let n = 0;
          while (this.pos < stop) {
            if (n >= b) bail();
            out[i * b + n] = this.varint(stop) | 0;
            n++;
          }
          discrete = n;
          break;
        }
        default:
          bail();
      }
    }
    // Fields absent read as empty; decodeActions would then refuse the row, or (both empty, a pre-1.3 trainer)
    // take the deprecated field instead: either way the reference path.
    if ((continuous < 0 ? 0 : continuous) !== c || (discrete < 0 ? 0 : discrete) !== b) bail();
  }

}
