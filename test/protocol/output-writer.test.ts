/**
 * The simulation's hand-written step writer (output-writer.ts) against protobufjs: for random batches (ids, -0
 * and NaN rewards, done, interrupted, groups, masks, several sensors, names that are array indices, side-channel
 * bytes) it writes exactly the bytes protobufjs writes for encodeAgentInfos' objects; it declines negative ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeAgentInfos } from '../../src/protocol/agent-infos.js';
import { encodeUnityMessage } from '../../src/protocol/messages.js';
import { OutputScratch, writeStepOutput, type StepOutputEntry } from '../../src/protocol/output-writer.js';
import { allocateAgentInfoBatch, type AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { ObservationType, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const specArb = fc.record({
  name: fc.oneof(fc.constantFrom('CartPole?team=0', 'Striker?team=1', '7', '12', 'é ü'), fc.string({ maxLength: 8 })),
  shapes: fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  branches: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
  goal: fc.boolean(),
  sensorName: fc.string({ maxLength: 6 }),
});

function specOf(s: { name: string; shapes: number[][]; branches: number[]; goal: boolean; sensorName: string }): BehaviorSpec {
  return {
    name: s.name,
    observationSpecs: s.shapes.map((shape, k) => ({ name: k === 0 ? s.sensorName : `S${k}`, shape, dimensionProperties: shape.map((_, d) => d + 1), observationType: s.goal && k === 0 ? ObservationType.GOAL_SIGNAL : ObservationType.DEFAULT })),
    actionSpec: { continuousSize: 1, discreteBranches: s.branches },
  };
}

function batchArb(spec: BehaviorSpec): fc.Arbitrary<AgentInfoBatch> {
  const masks = spec.actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  const agent = fc.record({
    id: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 31 - 1 })),
    reward: fc.float(),
    done: fc.boolean(),
    max: fc.boolean(),
    group: fc.integer({ min: 0, max: 300 }),
    groupReward: fc.float(),
    mask: fc.array(fc.boolean(), { minLength: masks, maxLength: masks }),
    obs: fc.tuple(...spec.observationSpecs.map((o) => fc.array(fc.float(), { minLength: size(o.shape), maxLength: size(o.shape) }))),
  });
  return fc.tuple(fc.array(agent, { maxLength: 5 }), fc.boolean()).map(([agents, withMasks]) => {
    const batch = allocateAgentInfoBatch(spec, agents.length, withMasks);
    agents.forEach((a, i) => {
      batch.agentIds[i] = a.id;
      batch.rewards[i] = a.reward;
      batch.done[i] = a.done ? 1 : 0;
      batch.maxStepReached[i] = a.max ? 1 : 0;
      batch.groupIds[i] = a.group;
      batch.groupRewards[i] = a.groupReward;
      a.obs.forEach((values, k) => batch.observations[k]!.set(values, i * values.length));
      a.mask.forEach((m, k) => batch.actionMasks && (batch.actionMasks[i * masks + k] = m ? 1 : 0));
    });
    return batch;
  });
}

/** What the stand-in wrote before the writer: encodeAgentInfos' objects through protobufjs. */
function reference(entries: readonly StepOutputEntry[], sideChannel: Uint8Array): Uint8Array {
  const agentInfos: Record<string, { value: ReturnType<typeof encodeAgentInfos> }> = {};
  for (const [spec, batch] of entries) agentInfos[spec.name] = { value: batch ? encodeAgentInfos(batch, spec, 'none') : [] };
  return encodeUnityMessage({ header: { status: 200 }, unityOutput: { rlOutput: { agentInfos, sideChannel } } });
}

test('random step outputs: the writer gives exactly the bytes protobufjs gives', () => {
  const scenario = fc
    .uniqueArray(specArb, { selector: (s) => s.name, maxLength: 3 })
    .chain((raw) => {
      const specs = raw.map(specOf);
      return fc.tuple(fc.tuple(...specs.map((s) => fc.option(batchArb(s), { nil: null }))).map((batches) => specs.map((s, k) => [s, batches[k]!] as StepOutputEntry)), fc.uint8Array({ maxLength: 40 }));
    });
  // One scratch across all runs, as the stand-in keeps one across steps: old bytes under a new message must not leak.
  const scratch = new OutputScratch();
  fc.assert(
    fc.property(scenario, ([entries, side]) => {
      const bytes = writeStepOutput(entries, side);
      assert.ok(bytes, 'written');
      const want = Buffer.from(reference(entries, side));
      assert.deepEqual(Buffer.from(bytes), want);
      const reused = writeStepOutput(entries, side, scratch);
      assert.ok(reused, 'written into the scratch');
      assert.deepEqual(Buffer.from(reused), want);
    }),
    { numRuns: 500 },
  );
});

test('a negative id goes to protobufjs (10-byte varint)', () => {
  const spec = specOf({ name: 'A', shapes: [[2]], branches: [], goal: false, sensorName: '' });
  const batch = allocateAgentInfoBatch(spec, 1, false);
  batch.agentIds[0] = -3;
  assert.equal(writeStepOutput([[spec, batch]], new Uint8Array(0)), null);
});
