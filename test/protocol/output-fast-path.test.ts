/**
 * The trainer's fast path (output-fast-path.ts) against the reference (protobufjs + OutputDecoder): for random
 * valid step outputs it gives exactly the same batches, side channel and budget charge; for those same messages
 * with bytes flipped, cut or inserted it either declines (null) or still gives exactly what the reference gives,
 * and it never accepts a message the reference refuses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { byteEdit, damage } from '../helpers/wire-damage.js';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { OutputDecoder, type DecodedOutput } from '../../src/protocol/output-decoder.js';
import { brainParametersFromSpec } from '../../src/protocol/brain-parameters.js';
import { chargeWireEstimateBound, decodeUnityMessage, encodeUnityMessage } from '../../src/protocol/messages.js';
import { estimateDecodedBytes, estimateUpperBound } from '../../src/protocol/wire-estimate.js';
import { decodeBudgetFor, DecodeBudget } from '../../src/protocol/limits.js';
import { ObservationType, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';

type AgentInfo = co.AgentInfoProto.$Properties;

const specArb = fc.record({
  shapes: fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
  branches: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
  continuous: fc.integer({ min: 0, max: 2 }),
});

function specOf(name: string, s: { shapes: number[][]; branches: number[]; continuous: number }): BehaviorSpec {
  return {
    name,
    observationSpecs: s.shapes.map((shape, k) => ({ name: k === 0 ? 'VectorSensor' : `Sensor ${k} é`, shape, dimensionProperties: shape.map(() => 1), observationType: ObservationType.DEFAULT })),
    actionSpec: { continuousSize: s.continuous, discreteBranches: s.branches },
  };
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });

/** One agent of `spec`, with the optional fields a Unity player may or may not write. */
function agentArb(spec: BehaviorSpec): fc.Arbitrary<AgentInfo> {
  const masks = spec.actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  return fc.record({
    id: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    reward: float32,
    done: fc.boolean(),
    maxStepReached: fc.boolean(),
    groupId: fc.integer({ min: 0, max: 5 }),
    groupReward: float32,
    // none, a full one (used), or one of another length (ignored, as mlagents_envs ignores it)
    mask: fc.oneof(fc.constant(null), fc.array(fc.boolean(), { minLength: masks, maxLength: masks }), fc.array(fc.boolean(), { maxLength: masks + 2 })),
    extras: fc.record({ dims: fc.boolean(), name: fc.boolean(), type: fc.boolean(), compression: fc.boolean() }),
    data: fc.tuple(...spec.observationSpecs.map((o) => fc.array(float32, { minLength: size(o.shape), maxLength: size(o.shape) }))),
  }).map((a) => {
    const info: AgentInfo = {
      id: a.id,
      reward: a.reward,
      done: a.done,
      maxStepReached: a.maxStepReached,
      groupId: a.groupId,
      groupReward: a.groupReward,
      observations: spec.observationSpecs.map((o, k) => ({
        shape: o.shape as number[],
        floatData: { data: a.data[k]! },
        ...(a.extras.dims ? { dimensionProperties: o.dimensionProperties as number[] } : {}),
        ...(a.extras.name ? { name: o.name } : {}),
        ...(a.extras.type ? { observationType: 0 } : {}),
        ...(a.extras.compression ? { compressionType: 0 } : {}),
      })),
    };
    if (a.mask) info.actionMask = a.mask;
    return info;
  });
}

const scenario = fc
  .tuple(specArb, specArb, fc.uint8Array({ maxLength: 64 }))
  .chain(([a, b, side]) => {
    const specs = [specOf('Alpha?team=0', a), specOf('Beta', b)];
    return fc.record({
      specs: fc.constant(specs),
      side: fc.constant(side),
      lists: fc.tuple(...specs.map((s) => fc.array(agentArb(s), { maxLength: 6 }))),
      order: fc.boolean(),
    });
  });

/** A decoder that has seen both behaviors announced (through the reference path). */
function announced(specs: readonly BehaviorSpec[], firsts: readonly AgentInfo[]): OutputDecoder {
  const decoder = new OutputDecoder('test');
  const bytes = encodeUnityMessage({
    header: { status: 200 },
    unityOutput: {
      rlInitializationOutput: { brainParameters: specs.map((s) => brainParametersFromSpec(s)) },
      rlOutput: { agentInfos: Object.fromEntries(specs.map((s, k) => [s.name, { value: [firsts[k]!] }])) },
    },
  });
  decoder.decode(decodeUnityMessage(bytes, 'test').unityOutput);
  assert.equal(decoder.specs.size, specs.length);
  return decoder;
}

function firstAgent(spec: BehaviorSpec): AgentInfo {
  return { observations: spec.observationSpecs.map((o) => ({ shape: o.shape as number[], floatData: { data: new Array(size(o.shape)).fill(0) }, name: o.name, dimensionProperties: o.dimensionProperties as number[] })) };
}

type Outcome = { ok: true; out: DecodedOutput; used: number } | { ok: false; code: string };

function reference(decoder: OutputDecoder, bytes: Uint8Array): Outcome {
  const budget = decodeBudgetFor(1 << 20);
  try {
    const message = decodeUnityMessage(bytes, 'test', budget);
    if ((message.header?.status ?? 0) !== 200) return { ok: false, code: 'status' };
    // What decoding charged beyond the wire estimate (the fast path charges an upper bound of it instead).
    const out = decoder.decode(message.unityOutput, budget);
    return { ok: true, out, used: budget.used - estimateDecodedBytes(bytes) };
  } catch (error) {
    return { ok: false, code: (error as { code?: string }).code ?? String(error) };
  }
}

function fast(decoder: OutputDecoder, bytes: Uint8Array): { out: DecodedOutput; used: number } | null {
  const budget = decodeBudgetFor(1 << 20);
  try {
    chargeWireEstimateBound(bytes, 'test', budget);
  } catch {
    return null;
  }
  const first = budget.used;
  const out = decoder.decodeFast(bytes, budget);
  return out && { out, used: budget.used - first };
}

function assertSame(got: { out: DecodedOutput; used: number }, want: Outcome): void {
  assert.ok(want.ok, `the fast path accepted a message the reference refuses (${want.ok ? '' : want.code})`);
  assert.equal(got.used, want.used, 'budget charged for batches and side channel');
  assert.deepEqual([...got.out.agentInfos.keys()], [...want.out.agentInfos.keys()]);
  for (const [name, batch] of want.out.agentInfos) assert.deepStrictEqual(got.out.agentInfos.get(name), batch, name);
  assert.deepEqual(Buffer.from(got.out.sideChannel), Buffer.from(want.out.sideChannel));
  assert.deepEqual(got.out.newBehaviors, want.out.newBehaviors);
  assert.deepEqual(got.out.unannounced, want.out.unannounced);
}

function build(s: { specs: BehaviorSpec[]; side: Uint8Array; lists: AgentInfo[][]; order: boolean }): Uint8Array {
  const names = s.specs.map((x) => x.name);
  if (s.order) names.reverse();
  const agentInfos = Object.fromEntries(names.map((n) => [n, { value: s.lists[s.specs.findIndex((x) => x.name === n)]! }]));
  return encodeUnityMessage({ header: { status: 200 }, unityOutput: { rlOutput: { agentInfos, ...(s.side.length ? { sideChannel: s.side } : {}) } } });
}

test('random valid step outputs: the fast path gives exactly the reference batches and budget', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const decoder = announced(s.specs, s.specs.map(firstAgent));
      const bytes = build(s);
      const got = fast(decoder, bytes);
      assert.ok(got, 'a valid step output of announced behaviors takes the fast path');
      assertSame(got, reference(decoder, bytes));
    }),
    { numRuns: 300 },
  );
});

test('damaged messages: the fast path declines or agrees with the reference, never accepts what it refuses', () => {
  fc.assert(
    fc.property(scenario, fc.array(byteEdit, { minLength: 1, maxLength: 3 }), (s, edits) => {
      const decoder = announced(s.specs, s.specs.map(firstAgent));
      const bytes = damage(build(s), edits);
      const got = fast(decoder, bytes);
      if (got) assertSame(got, reference(decoder, bytes));
    }),
    { numRuns: 2000 },
  );
});

test('what the fast path leaves to the reference: NaN, wrong shapes, PNG, new or unknown behaviors, status 400', () => {
  const spec = specOf('Alpha?team=0', { shapes: [[3]], branches: [2], continuous: 0 });
  const decoder = announced([spec], [firstAgent(spec)]);
  const ok = (obs: co.ObservationProto.$Properties) => encodeUnityMessage({ header: { status: 200 }, unityOutput: { rlOutput: { agentInfos: { [spec.name]: { value: [{ id: 1, observations: [obs] }] } } } } });
  assert.ok(fast(decoder, ok({ shape: [3], floatData: { data: [1, 2, 3] } })));
  const declined = [
    ok({ shape: [3], floatData: { data: [1, NaN, 3] } }),
    ok({ shape: [3], floatData: { data: [1, 2] } }),
    ok({ shape: [1, 3], floatData: { data: [1, 2, 3] } }),
    ok({ shape: [3], compressionType: 1, compressedData: new Uint8Array([1]) }),
    encodeUnityMessage({ header: { status: 200 }, unityOutput: { rlOutput: { agentInfos: { Other: { value: [{}] } } } } }),
    encodeUnityMessage({ header: { status: 400 } }),
    encodeUnityMessage({ header: { status: 200 }, unityOutput: { rlOutput: { agentInfos: { [spec.name]: { value: [{ reward: Infinity, observations: [{ shape: [3], floatData: { data: [1, 2, 3] } }] }] } } } } }),
  ];
  for (const bytes of declined) assert.equal(fast(decoder, bytes), null);
  // A budget too small for the batch: declined, and the reference names the limit.
  const tight = new DecodeBudget(10, 'test');
  assert.equal(decoder.decodeFast(ok({ shape: [3], floatData: { data: [1, 2, 3] } }), tight), null);
});

test('the wire estimate never passes its upper bound: random bytes, damaged outputs, nested empty messages', () => {
  const check = (bytes: Uint8Array) => assert.ok(estimateDecodedBytes(bytes) <= estimateUpperBound(bytes.length), Buffer.from(bytes).toString('hex'));
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => check(bytes)), { numRuns: 3000 });
  // Dense cases: repeated tags of message, map, bytes, string and packed fields at every level.
  const piece = fc.constantFrom(...[[0x0a, 0x00], [0x12, 0x00], [0x1a, 0x00], [0x12, 0x02, 0x0a, 0x00], [0x12, 0x02, 0x12, 0x00], [0x12, 0x04, 0x0a, 0x02, 0x0a, 0x00]].map((a) => Uint8Array.from(a)));
  fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => check(Uint8Array.from(pieces.flatMap((p) => [...p])))), { numRuns: 2000 });
  // The worst case by construction: header, output, rl_output, map entry, list, agent, observation, float data.
  let inner = Uint8Array.from([]);
  for (const tag of [0x22, 0x6a, 0x0a, 0x12, 0x12, 0x0a, 0x12]) inner = Uint8Array.from([tag, inner.length, ...inner]);
  check(inner);
});
