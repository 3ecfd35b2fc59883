/**
 * What Shiva writes, Shiva and ML-Agents both read back: every shared demonstration survives write-then-read
 * array for array; the bytes follow demo_loader's framing (meta record at 0, content at 33, number_steps records,
 * actions in both the current and the deprecated fields); hybrid actions, PNG observations, masks and folders
 * round-trip; writes are atomic. Basic, 3DBall and Pyramids come from test/fixtures/mlagents/demos; GridWorld,
 * Hallway and PushBlock only from the shared folder, and their checks skip where it is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from 'protobufjs/minimal.js';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { DemoRecorder, episodeStartsOf, readDemoFile, readDemonstrations, writeDemoFile, type Demonstration } from '../../src/protocol/demo-file/index.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { isShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { fixtureDemos, needsShared, sharedDemos } from '../helpers/paths.js';

const { Reader } = pkg;
const demosDir = fixtureDemos;
/** false where the shared demos folder exists, else why the tests that need it skip. */
const noShared = needsShared(sharedDemos);
const work = mkdtempSync(join(tmpdir(), 'shiva-demo-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** Everything a Demonstration holds as data (not where it came from). */
function assertSameData(actual: Demonstration, expected: Demonstration, label: string): void {
  assert.equal(actual.steps, expected.steps, label);
  assert.equal(actual.spec.name, expected.spec.name, label);
  assert.deepEqual(actual.spec.observationSpecs, expected.spec.observationSpecs, label);
  assert.deepEqual(actual.spec.actionSpec, expected.spec.actionSpec, label);
  actual.observations.forEach((o, i) => assert.deepEqual(o, expected.observations[i], `${label} observation ${i}`));
  for (const key of ['continuousActions', 'discreteActions', 'actionMasks', 'rewards', 'dones', 'interrupted', 'agentIds', 'episodeStarts'] as const) {
    assert.deepEqual(actual[key], expected[key], `${label} ${key}`);
  }
}

/**
 * ML-Agents' demo_loader, restated: varint length + meta at 0, jump to 33, varint length + brain parameters, then
 * number_steps records; the action from continuous/discrete_actions when either is filled, else the deprecated one.
 */
function loadLikeMlAgents(bytes: Uint8Array) {
  const reader = Reader.create(bytes);
  const next = () => {
    const length = reader.uint32();
    const message = bytes.subarray(reader.pos, reader.pos + length);
    reader.pos += length;
    return message;
  };
  const meta = co.DemonstrationMetaProto.decode(next());
  const metaEnd = reader.pos;
  reader.pos = 33;
  const brain = co.BrainParametersProto.decode(next());
  const records: co.AgentInfoActionPairProto[] = [];
  while (records.length < meta.numberSteps) records.push(co.AgentInfoActionPairProto.decode(next()));
  return { meta, metaEnd, brain, records, end: reader.pos };
}

const demoFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.demo')).sort();

/** Every demonstration of `dir` written back into a fresh folder of `work` reads back identical. */
function assertRoundTrips(dir: string, into: string): void {
  const files = demoFiles(dir);
  const out = join(work, into);
  mkdirSync(out);
  for (const file of files) {
    const original = readDemoFile(join(dir, file));
    const path = join(out, file);
    const written = writeDemoFile(path, original);
    assert.deepEqual(written, original.meta, `${file}: the writer recomputes Unity's meta record exactly`);
    const back = readDemoFile(path);
    assert.deepEqual(back.meta, original.meta, file);
    assertSameData(back, original, file);
  }
  assert.deepEqual(readdirSync(out).sort(), files, 'no temporary files left behind');
}

test('every fixture demonstration written back reads back identical, with the same meta record', () => {
  assert.deepEqual(demoFiles(fixtureDemos), ['Expert3DBall.demo', 'ExpertBasic.demo', 'ExpertPyramid.demo']);
  assertRoundTrips(fixtureDemos, 'fixtures');
});

test('every shared demonstration written back reads back identical, with the same meta record', { skip: noShared }, () => {
  assertRoundTrips(sharedDemos, 'shared');
});

function assertFraming(dir: string, files: readonly string[]): void {
  for (const file of files) {
    const demo = readDemoFile(join(dir, file));
    const path = join(work, `framing-${file}`);
    writeDemoFile(path, demo);
    const bytes = readFileSync(path);
    const loaded = loadLikeMlAgents(bytes);
    assert.equal(loaded.meta.apiVersion, 1);
    assert.equal(loaded.meta.numberSteps, demo.steps);
    assert.ok(loaded.metaEnd <= 33, `${file}: the meta record ends at ${loaded.metaEnd}, inside the 33-byte area`);
    assert.deepEqual([...bytes.subarray(loaded.metaEnd, 33)], new Array(33 - loaded.metaEnd).fill(0), 'zero padding up to byte 33');
    assert.equal(loaded.end, bytes.length, 'nothing after the last record');
    // Brain parameters: action_spec, and the deprecated fields the api_version 1 files carry.
    const { continuousSize, discreteBranches } = demo.spec.actionSpec;
    assert.equal(loaded.brain.brainName, demo.spec.name);
    assert.equal(loaded.brain.actionSpec?.numContinuousActions ?? 0, continuousSize);
    assert.deepEqual(loaded.brain.actionSpec?.discreteBranchSizes ?? [], discreteBranches);
    assert.deepEqual(loaded.brain.vectorActionSizeDeprecated, continuousSize > 0 ? [continuousSize] : discreteBranches);
    assert.equal(loaded.brain.vectorActionSpaceTypeDeprecated, continuousSize > 0 ? co.SpaceTypeProto.continuous : co.SpaceTypeProto.discrete);
    loaded.records.forEach((record, n) => {
      const continuous = [...demo.continuousActions.subarray(n * continuousSize, (n + 1) * continuousSize)];
      const discrete = [...demo.discreteActions.subarray(n * discreteBranches.length, (n + 1) * discreteBranches.length)];
      assert.deepEqual(record.actionInfo!.continuousActions, continuous);
      assert.deepEqual(record.actionInfo!.discreteActions, discrete);
      assert.deepEqual(record.actionInfo!.vectorActionsDeprecated, [...continuous, ...discrete]);
      assert.equal(record.agentInfo!.reward, demo.rewards[n]);
      assert.equal(record.agentInfo!.done, demo.dones[n] === 1);
      assert.equal(record.agentInfo!.id, demo.agentIds[n]);
    });
  }
}

test('written files follow demo_loader\'s framing and fill both the current and the deprecated action fields', () => {
  assertFraming(fixtureDemos, ['Expert3DBall.demo', 'ExpertBasic.demo']);
});

test('written GridWorld (visual observations, masks; shared folder) follows demo_loader\'s framing', { skip: noShared }, () => {
  assertFraming(sharedDemos, ['ExpertGridWorld.demo']);
});

// A hybrid behavior with a vector, an RGB camera and a grayscale camera, recorded step by step.
const hybridSpec: BehaviorSpec = {
  name: 'Scout?team=1',
  observationSpecs: [
    vectorObservation(4),
    { name: 'CameraSensor', shape: [3, 6, 5], dimensionProperties: [1, 2, 2], observationType: 0 },
    { name: 'GrayCamera', shape: [1, 4, 4], dimensionProperties: [1, 2, 2], observationType: 0 },
  ],
  actionSpec: { continuousSize: 2, discreteBranches: [3, 2] },
};

function recordHybrid(path: string, rewards: number[], dones: number[], seed: number): Demonstration {
  const rng = new Rng(seed);
  const steps = rewards.length;
  const demo = {
    files: [path],
    spec: hybridSpec,
    steps,
    // Camera values are k / 255, what a PNG holds exactly.
    observations: [
      Float32Array.from({ length: steps * 4 }, () => rng.uniform(-3, 3)),
      Float32Array.from({ length: steps * 90 }, () => rng.int(256) / 255),
      Float32Array.from({ length: steps * 16 }, () => rng.int(256) / 255),
    ],
    continuousActions: Float32Array.from({ length: steps * 2 }, () => rng.uniform(-1, 1)),
    discreteActions: Int32Array.from({ length: steps * 2 }, (_, i) => rng.int(i % 2 === 0 ? 3 : 2)),
    actionMasks: Uint8Array.from({ length: steps * 5 }, (_, i) => (i % 5 === 1 ? 1 : 0)),
    rewards: Float32Array.from(rewards),
    dones: Uint8Array.from(dones),
    interrupted: Uint8Array.from(dones, (d, i) => (d && i === steps - 1 ? 1 : 0)),
    agentIds: Int32Array.from({ length: steps }, (_, i) => 100 + dones.slice(0, i).reduce((a, b) => a + b, 0)),
  };
  const recorder = DemoRecorder.open(path, hybridSpec, { name: 'HybridScout', compression: 'png' });
  for (let n = 0; n < steps; n++) {
    recorder.addStep({
      observations: demo.observations.map((o, i) => o.subarray((n * o.length) / steps, ((n + 1) * o.length) / steps)),
      continuousActions: demo.continuousActions.subarray(n * 2, n * 2 + 2),
      discreteActions: demo.discreteActions.subarray(n * 2, n * 2 + 2),
      actionMask: demo.actionMasks.subarray(n * 5, n * 5 + 5),
      reward: rewards[n]!,
      done: dones[n] === 1,
      interrupted: demo.interrupted[n] === 1,
      agentId: demo.agentIds[n]!,
    });
  }
  assert.equal(recorder.steps, steps);
  const meta = recorder.close();
  return { ...demo, meta, fileMetas: [meta], fileStarts: [0], episodeStarts: Int32Array.from(episodeStartsOf(demo.dones)) };
}

test('a recorded hybrid demonstration with PNG cameras, masks and an interrupted episode reads back exactly', () => {
  const path = join(work, 'hybrid.demo');
  // Hand-computed meta: 2 done records + 1 = 3 episodes; Σ reward = 0.5 - 0.25 + 1 + 0 + 2 = 3.25.
  const recorded = recordHybrid(path, [0.5, -0.25, 1, 0, 2], [0, 1, 0, 0, 1], 7);
  assert.deepEqual(recorded.meta, { apiVersion: 1, name: 'HybridScout', numberSteps: 5, numberEpisodes: 3, meanReward: Math.fround(3.25 / 3) });
  const back = readDemoFile(path);
  assert.deepEqual(back.meta, recorded.meta);
  assertSameData(back, recorded, 'hybrid');
  assert.deepEqual([...back.interrupted], [0, 0, 0, 0, 1]);

  const loaded = loadLikeMlAgents(readFileSync(path));
  // A hybrid action space does not fit the deprecated fields: action_spec alone.
  assert.deepEqual(loaded.brain.vectorActionSizeDeprecated, []);
  assert.deepEqual(loaded.brain.actionSpec?.discreteBranchSizes, [3, 2]);
  const first = loaded.records[0]!;
  assert.deepEqual(first.agentInfo!.observations!.map((o) => o.compressionType), [co.CompressionTypeProto.NONE, co.CompressionTypeProto.PNG, co.CompressionTypeProto.PNG]);
  assert.deepEqual(first.agentInfo!.actionMask, [false, true, false, false, false]);
  assert.equal(first.actionInfo!.vectorActionsDeprecated!.length, 4, 'continuous values, then the two branches as floats');
});

test('a meta name too long for the 33-byte area is shortened to fit (19 characters with these counts)', () => {
  const path = join(work, 'long.demo');
  const recorder = DemoRecorder.open(path, { name: 'B', observationSpecs: [vectorObservation(1)], actionSpec: { continuousSize: 0, discreteBranches: [2] } }, { name: 'x'.repeat(40) });
  recorder.addStep({ observations: [Float32Array.of(1)], discreteActions: Int32Array.of(1), reward: 1, done: false });
  // api_version 2 bytes + steps 2 + episodes 2 + mean reward 5 + name 2 + n ≤ 32 → n = 19.
  assert.equal(recorder.close().name, 'x'.repeat(19));
  const bytes = readFileSync(path);
  assert.equal(bytes[0], 32);
  assert.equal(readDemoFile(path).meta.name, 'x'.repeat(19));
});

test('a folder of demo files is one dataset: rows joined in name order, each file an episode start', () => {
  const dir = join(work, 'folder');
  mkdirSync(dir);
  const basic = readDemoFile(join(demosDir, 'ExpertBasic.demo'));
  writeDemoFile(join(dir, 'b.demo'), basic, { name: 'SecondHalf' });
  writeDemoFile(join(dir, 'a.demo'), basic);
  writeFileSync(join(dir, 'notes.txt'), 'not a demonstration; ignored');
  const both = readDemonstrations(dir);
  assert.deepEqual(both.files, [join(dir, 'a.demo'), join(dir, 'b.demo')]);
  assert.equal(both.steps, 146);
  assert.deepEqual(both.fileStarts, [0, 73]);
  assert.deepEqual([...both.episodeStarts], [...basic.episodeStarts, ...[...basic.episodeStarts].map((s) => s + 73)]);
  assert.deepEqual(both.discreteActions, Int32Array.from([...basic.discreteActions, ...basic.discreteActions]));
  assert.deepEqual(both.observations[0], Float32Array.from([...basic.observations[0]!, ...basic.observations[0]!]));
  assert.equal(both.actionMasks, null);
  assert.deepEqual(both.fileMetas.map((m) => m.name), ['ExpertBasic', 'SecondHalf']);
  assert.equal(both.meta.numberSteps, 146);
  assert.equal(both.meta.numberEpisodes, 22);
  assert.ok(Math.abs(both.meta.meanReward - basic.meta.meanReward) < 1e-6);
  assert.equal(both.meta.name, 'ExpertBasic,SecondHalf');
});

test('in a folder, a file with masks and one without join with zeros (all allowed) for the second', () => {
  const dir = join(work, 'masks');
  mkdirSync(dir);
  const withMasks = recordHybrid(join(dir, '1.demo'), [1, 1, 1], [0, 0, 1], 3);
  writeDemoFile(join(dir, '2.demo'), { ...withMasks, actionMasks: null });
  const both = readDemonstrations(dir);
  assert.deepEqual(both.actionMasks, Uint8Array.from([...withMasks.actionMasks!, ...new Uint8Array(15)]));
});

test('a folder whose files disagree on the spec is refused, naming both files', () => {
  const dir = join(work, 'mixed');
  mkdirSync(dir);
  writeDemoFile(join(dir, 'a.demo'), readDemoFile(join(demosDir, 'ExpertBasic.demo')));
  writeDemoFile(join(dir, 'b.demo'), readDemoFile(join(demosDir, 'Expert3DBall.demo')));
  assert.throws(
    () => readDemonstrations(dir),
    (e: unknown) =>
      isShivaError(e, 'SHIVA_ERR_DEMO_FILE') &&
      e.message === `${join(dir, 'b.demo')}: observation 0 shape: expected [20] as in ${join(dir, 'a.demo')} (the files of one folder are one dataset of one behavior), got [8]`,
  );
});

test('a write that fails leaves neither a file nor a temporary behind, and an existing file untouched', () => {
  const dir = join(work, 'atomic');
  mkdirSync(dir);
  const basic = readDemoFile(join(demosDir, 'ExpertBasic.demo'));
  const path = join(dir, 'out.demo');
  const bad = { ...basic, discreteActions: Int32Array.from(basic.discreteActions, (a, i) => (i === 40 ? 3 : a)) };
  assert.throws(() => writeDemoFile(path, bad), (e: unknown) => isShivaError(e, 'SHIVA_ERR_ACTION_VALUE') && /step 40: discrete action of agent #0 branch 0: expected 0\.\.2, got 3/.test(e.message));
  assert.deepEqual(readdirSync(dir), []);
  writeDemoFile(path, basic);
  const before = readFileSync(path);
  assert.throws(() => writeDemoFile(path, bad));
  assert.deepEqual(readFileSync(path), before);
  assert.deepEqual(readdirSync(dir), ['out.demo']);
  // A recorder closed with nothing recorded writes nothing.
  const empty = DemoRecorder.open(join(dir, 'empty.demo'), basic.spec);
  assert.throws(() => empty.close(), /nothing recorded/);
  assert.equal(existsSync(join(dir, 'empty.demo')), false);
  assert.deepEqual(readdirSync(dir), ['out.demo']);
});
