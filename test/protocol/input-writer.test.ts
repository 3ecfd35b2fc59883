/**
 * The trainer's hand-written input writer (input-writer.ts) against protobufjs: for random actions of random
 * specs (continuous, discrete, hybrid, none), names that are array indices, both commands and side-channel bytes,
 * it writes exactly the bytes protobufjs writes for encodeActions' objects; it declines negative discrete actions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeActions } from '../../src/protocol/actions.js';
import { rlInputMessage } from '../../src/protocol/messages.js';
import { writeRlInput, type ActionEntry } from '../../src/protocol/input-writer.js';
import type { communicator_objects as co } from '../../src/protocol/generated/communicator.js';

const entryArb = fc
  .record({
    name: fc.oneof(fc.constantFrom('CartPole?team=0', '3', '10', 'ü'), fc.string({ maxLength: 6 })),
    c: fc.integer({ min: 0, max: 3 }),
    branches: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 3 }),
    count: fc.integer({ min: 0, max: 5 }),
  })
  .chain(({ name, c, branches, count }) =>
    fc.record({
      name: fc.constant(name),
      spec: fc.constant({ continuousSize: c, discreteBranches: branches }),
      count: fc.constant(count),
      actions: fc.record({
        continuous: fc.array(fc.float({ noNaN: true }), { minLength: count * c, maxLength: count * c }).map((a) => Float32Array.from(a)),
        discrete: fc.tuple(...Array.from({ length: count }, () => fc.tuple(...branches.map((n) => fc.integer({ min: 0, max: n - 1 }))))).map((rows) => Int32Array.from(rows.flat())),
      }),
    }),
  );

test('random actions: the writer gives exactly the bytes protobufjs gives', () => {
  fc.assert(
    fc.property(fc.uniqueArray(entryArb, { selector: (e) => e.name, maxLength: 3 }), fc.constantFrom(0, 1), fc.uint8Array({ maxLength: 30 }), (raw, command, side) => {
      const record: Record<string, ActionEntry> = {};
      for (const e of raw) record[e.name] = e as ActionEntry;
      const ordered = Object.keys(record).map((k) => record[k]!);
      const agentActions: Record<string, co.UnityRLInputProto.ListAgentActionProto.$Properties> = {};
      for (const e of ordered) agentActions[e.name] = { value: encodeActions(e.actions, e.spec, e.count) };
      const want = rlInputMessage({ agentActions, command, sideChannel: side });
      const got = writeRlInput(ordered, command, side);
      assert.ok(got);
      assert.deepEqual(Buffer.from(got), Buffer.from(want));
    }),
    { numRuns: 500 },
  );
});

test('a negative discrete action goes to protobufjs', () => {
  const entry: ActionEntry = { name: 'A', spec: { continuousSize: 0, discreteBranches: [2] }, count: 1, actions: { continuous: new Float32Array(0), discrete: Int32Array.from([-1]) } };
  assert.equal(writeRlInput([entry], 0, new Uint8Array(0)), null);
});
