/**
 * The stand-in's fast path (input-fast-path.ts) against the reference (protobufjs decodeUnityMessage + decodeActions):
 * for random valid step inputs it gives exactly the same command, side channel and action arrays; for those same
 * messages with bytes flipped, cut or inserted it either declines (null) or still gives exactly what the reference
 * gives, and it never accepts a message the reference refuses (including by its budget).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { byteEdit, damage } from '../helpers/wire-damage.js';
import type { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { decodeActions, encodeActions } from '../../src/protocol/actions.js';
import { InputFastPath, type ExpectedActions, type FastRlInput } from '../../src/protocol/input-fast-path.js';
import { writeRlInput } from '../../src/protocol/input-writer.js';
import { chargeWireEstimateBound, decodeUnityMessage, encodeUnityMessage } from '../../src/protocol/messages.js';
import { decodeBudgetFor, DecodeBudget } from '../../src/protocol/limits.js';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { ActionSpec } from '../../src/core/env/behavior-spec.js';

type AgentAction = co.AgentActionProto.$Properties;

const actionSpecArb: fc.Arbitrary<ActionSpec> = fc.record({
  continuousSize: fc.integer({ min: 0, max: 3 }),
  discreteBranches: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }),
});

/** Two behaviors, each with a count of decision agents (0 at times) and actions for them. */
const scenario = fc
  .tuple(actionSpecArb, actionSpecArb, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }))
  .chain(([a, b, na, nb]) => {
    const expected: ExpectedActions[] = [
      { name: 'Alpha?team=0', actionSpec: a, count: na },
      { name: 'Beta é', actionSpec: b, count: nb },
    ];
    const tupleArb = (e: ExpectedActions) =>
      fc.record({
        continuous: fc.float32Array({ minLength: e.count * e.actionSpec.continuousSize, maxLength: e.count * e.actionSpec.continuousSize }),
        // Negative choices are 10-byte varints: the fast path leaves them to the reference.
        discrete: fc.array(fc.integer({ min: -2, max: 300 }), { minLength: e.count * e.actionSpec.discreteBranches.length, maxLength: e.count * e.actionSpec.discreteBranches.length }).map((v) => Int32Array.from(v)),
      });
    return fc.record({
      expected: fc.constant(expected),
      tuples: fc.tuple(...expected.map(tupleArb)),
      command: fc.constantFrom(0, 0, 0, 1, 2),
      side: fc.uint8Array({ maxLength: 40 }),
      // How each agent's action is written: as mlagents_envs (deprecated field too), new fields only, or with `value`.
      form: fc.constantFrom('trainer', 'new-only', 'with-value'),
      reversed: fc.boolean(),
    });
  });

type Scenario = { expected: ExpectedActions[]; tuples: ActionTuple[]; command: number; side: Uint8Array; form: string; reversed: boolean };

function build(s: Scenario): Uint8Array {
  const sent = s.expected.map((e, k) => ({ e, t: s.tuples[k]! })).filter((x) => x.e.count > 0);
  if (s.reversed) sent.reverse();
  const agentActions: Record<string, co.UnityRLInputProto.ListAgentActionProto.$Properties> = {};
  for (const { e, t } of sent) {
    let list: AgentAction[] = encodeActions(t, e.actionSpec, e.count);
    if (s.form === 'new-only') list = list.map((a) => ({ continuousActions: a.continuousActions, discreteActions: a.discreteActions }));
    if (s.form === 'with-value') list = list.map((a) => ({ ...a, value: 0.5 }));
    agentActions[e.name] = { value: list };
  }
  return encodeUnityMessage({ header: { status: 200 }, unityInput: { rlInput: { agentActions, command: s.command, sideChannel: s.side } } });
}

type Outcome = { ok: true; command: number; side: Uint8Array; actions: Map<string, ActionTuple> } | { ok: false; code: string };

/** The stand-in's reference path: protobufjs, then decodeActions for every expected behavior the message carries. */
function reference(bytes: Uint8Array, expected: readonly ExpectedActions[], budget = decodeBudgetFor(1 << 20)): Outcome {
  try {
    const message = decodeUnityMessage(bytes, 'test', budget);
    if ((message.header?.status ?? 0) !== 200) return { ok: false, code: 'status' };
    const rl = message.unityInput?.rlInput;
    const actions = new Map<string, ActionTuple>();
    for (const e of expected) {
      const list = rl?.agentActions?.[e.name]?.value;
      if (e.count > 0 && list) actions.set(e.name, decodeActions(list, e.actionSpec, e.count, 'test'));
    }
    return { ok: true, command: rl?.command ?? 0, side: rl?.sideChannel ?? new Uint8Array(0), actions };
  } catch (error) {
    return { ok: false, code: (error as { code?: string }).code ?? String(error) };
  }
}

function fast(bytes: Uint8Array, expected: readonly ExpectedActions[], budget = decodeBudgetFor(1 << 20)): FastRlInput | null {
  try {
    chargeWireEstimateBound(bytes, 'test', budget);
  } catch {
    return null;
  }
  return new InputFastPath().decode(bytes, expected, budget);
}

function assertSame(got: FastRlInput, want: Outcome): void {
  assert.ok(want.ok, `the fast path accepted a message the reference refuses (${want.ok ? '' : want.code})`);
  assert.equal(got.command, want.command);
  assert.deepEqual(Buffer.from(got.sideChannel), Buffer.from(want.side));
  assert.deepEqual([...got.actions.keys()].sort(), [...want.actions.keys()].sort());
  for (const [name, tuple] of want.actions) assert.deepStrictEqual(got.actions.get(name), tuple, name);
}

const hasNegative = (s: Scenario) => s.tuples.some((t, k) => s.expected[k]!.count > 0 && t.discrete.some((v) => v < 0));

test('random valid step inputs: the fast path gives exactly the reference actions, command and side channel', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const bytes = build(s);
      const got = fast(bytes, s.expected);
      if (hasNegative(s)) assert.equal(got, null, 'a negative discrete action (10-byte varint) is left to the reference');
      else assert.ok(got, 'a valid step input of expected behaviors takes the fast path');
      if (got) assertSame(got, reference(bytes, s.expected));
    }),
    { numRuns: 300 },
  );
});

test("the trainer's own writer (input-writer.ts): every message it writes takes the fast path, equal to the reference", () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const entries = s.expected.map((e, k) => ({ name: e.name, actions: s.tuples[k]!, spec: e.actionSpec, count: e.count })).filter((e) => e.count > 0);
      const bytes = writeRlInput(entries, s.command === 2 ? 0 : s.command, s.side);
      if (!bytes) return; // negative actions: protobufjs writes those
      const got = fast(bytes, s.expected);
      assert.ok(got);
      assertSame(got, reference(bytes, s.expected));
    }),
    { numRuns: 200 },
  );
});

test('damaged inputs and wrong expectations: the fast path declines or agrees, never accepts what the reference refuses', () => {
  fc.assert(
    fc.property(scenario, fc.array(byteEdit, { maxLength: 3 }), fc.integer({ min: -1, max: 1 }), (s, edits, countShift) => {
      const bytes = damage(build(s), edits);
      // The simulation may expect another count than the trainer answered for (decodeActions refuses it).
      const expected = s.expected.map((e, k) => (k === 0 ? { ...e, count: Math.max(0, e.count + countShift) } : e));
      const got = fast(bytes, expected);
      if (got) assertSame(got, reference(bytes, expected));
    }),
    { numRuns: 2000 },
  );
});

test('what the fast path leaves to the reference: handshake, close, deprecated-only actions, unknown behaviors, tight budgets', () => {
  const spec: ActionSpec = { continuousSize: 1, discreteBranches: [3] };
  const expected: ExpectedActions[] = [{ name: 'B', actionSpec: spec, count: 1 }];
  const step = (action: AgentAction, name = 'B') => encodeUnityMessage({ header: { status: 200 }, unityInput: { rlInput: { agentActions: { [name]: { value: [action] } } } } });
  const good = step({ continuousActions: [0.25], discreteActions: [2] });
  const got = fast(good, expected);
  assert.ok(got);
  assert.deepStrictEqual(got.actions.get('B'), { continuous: Float32Array.of(0.25), discrete: Int32Array.of(2) });
  const declined = [
    encodeUnityMessage({ header: { status: 400 } }),
    encodeUnityMessage({ header: { status: 200 }, unityInput: { rlInitializationInput: { seed: 1 } } }),
    step({ vectorActionsDeprecated: [0.25, 2] }), // a pre-1.3 trainer: decodeActions reads the deprecated field
    step({ continuousActions: [0.25, 1], discreteActions: [2] }),
    step({ continuousActions: [0.25], discreteActions: [2] }, 'Other'),
    encodeUnityMessage({ header: { status: 200 }, unityInput: { rlInput: { agentActions: { B: { value: [] } } } } }),
  ];
  for (const bytes of declined) assert.equal(fast(bytes, expected), null);
  // A budget with no room for the arrays: declined, and the reference decides with its own budget.
  const budget = new DecodeBudget(10_000, 'test');
  budget.charge(10_000 - 4, '', '');
  assert.equal(new InputFastPath().decode(good, expected, budget), null);
  // A budget too small for the message itself: both refuse it, with the wire estimate's error.
  const tiny = () => new DecodeBudget(16, 'test');
  assert.throws(() => chargeWireEstimateBound(good, 'test', tiny()), /SHIVA_ERR_PROTOCOL_LIMIT|decoding this message/);
  assert.equal(reference(good, expected, tiny()).ok, false);
});
