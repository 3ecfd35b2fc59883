/**
 * Every demonstration recorded by Unity ML-Agents in the shared data decodes: its counts agree with its own meta
 * record (as Unity's DemonstrationWriter computes them), its shapes with its brain parameters and first record.
 * The expected values below were read off the files with a plain protobuf dump when this test was written.
 * Basic, 3DBall and Pyramids are copied unchanged into test/fixtures/mlagents/demos and always checked; GridWorld,
 * Hallway and PushBlock (7.8 MB together) are read from the shared folder, and their tests skip where it is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { CONTENT_OFFSET, readDemoFile, type Demonstration } from '../../src/protocol/demo-file/index.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import { fixtureDemos, needsShared, sharedDemos } from '../helpers/paths.js';

/** The demonstrations copied into the repository; the others are only in the shared folder. */
const FIXTURES = ['Expert3DBall.demo', 'ExpertBasic.demo', 'ExpertPyramid.demo'];
const SHARED_ONLY = ['ExpertGridWorld.demo', 'ExpertHallway.demo', 'ExpertPushBlock.demo'];
/** false where the shared demos folder exists, else why the tests that need it skip. */
const noShared = needsShared(sharedDemos);
const skipUnlessFixture = (file: string): string | false => (FIXTURES.includes(file) ? false : noShared);
const pathOf = (file: string): string => join(FIXTURES.includes(file) ? fixtureDemos : sharedDemos, file);

interface Expected {
  behavior: string;
  name: string;
  shapes: number[][];
  continuous: number;
  branches: number[];
  masks: boolean;
  steps: number;
  episodes: number;
  agents: number;
}

const EXPECTED: Record<string, Expected> = {
  'Expert3DBall.demo': { behavior: '3DBallLearning', name: 'Expert3DBall', shapes: [[8]], continuous: 2, branches: [], masks: false, steps: 549, episodes: 1, agents: 1 },
  'ExpertBasic.demo': { behavior: 'BasicLearning', name: 'ExpertBasic', shapes: [[20]], continuous: 0, branches: [3], masks: false, steps: 73, episodes: 11, agents: 1 },
  // Visual observations stored as raw floats, height × width × channels (the layout of the Unity version that recorded it).
  'ExpertGridWorld.demo': { behavior: 'GridWorld?team=0', name: 'ExpertGrid', shapes: [[64, 84, 3]], continuous: 0, branches: [5], masks: true, steps: 53, episodes: 14, agents: 14 },
  'ExpertHallway.demo': { behavior: 'Hallway', name: 'ExpertHallwayLon', shapes: [[105], [3]], continuous: 0, branches: [5], masks: false, steps: 4395, episodes: 91, agents: 1 },
  'ExpertPushBlock.demo': { behavior: 'PushBlock', name: 'ExpertPush', shapes: [[105], [105]], continuous: 0, branches: [7], masks: false, steps: 2558, episodes: 96, agents: 1 },
  'ExpertPyramid.demo': { behavior: 'Pyramids?team=0', name: 'ExpertPyramid', shapes: [[56], [56], [56], [4]], continuous: 0, branches: [5], masks: false, steps: 1751, episodes: 10, agents: 10 },
};

// Decoded once for the whole file, when first needed: the big ones are 2–3 MB.
const decoded = new Map<string, Demonstration>();
function demoOf(file: string): Demonstration {
  let demo = decoded.get(file);
  if (!demo) decoded.set(file, (demo = readDemoFile(pathOf(file))));
  return demo;
}
const demoFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.demo')).sort();

test('the fixtures folder holds the three demonstrations copied from the shared data', () => {
  assert.deepEqual(demoFiles(fixtureDemos), FIXTURES);
  assert.deepEqual([...FIXTURES, ...SHARED_ONLY].sort(), Object.keys(EXPECTED).sort());
});

test('the shared folder holds the six demonstrations this test knows', { skip: noShared }, () => {
  assert.deepEqual(demoFiles(sharedDemos), Object.keys(EXPECTED).sort());
});

test('the fixtures are the shared files, unchanged', { skip: noShared }, () => {
  for (const file of FIXTURES) {
    assert.ok(existsSync(join(sharedDemos, file)), `${file} in the shared folder`);
    assert.ok(readFileSync(join(fixtureDemos, file)).equals(readFileSync(join(sharedDemos, file))), `${file}: same bytes`);
  }
});

for (const file of Object.keys(EXPECTED)) {
  test(`${file}: spec, counts and meta record agree`, { skip: skipUnlessFixture(file) }, () => {
    const want = EXPECTED[file]!;
    const demo = demoOf(file);
    assert.equal(demo.meta.apiVersion, 1);
    assert.equal(demo.meta.name, want.name);
    assert.equal(demo.spec.name, want.behavior);
    assert.deepEqual(demo.spec.observationSpecs.map((o) => o.shape), want.shapes);
    assert.deepEqual(demo.spec.actionSpec, { continuousSize: want.continuous, discreteBranches: want.branches });
    // Steps: number_steps records were read.
    assert.equal(demo.steps, want.steps);
    assert.equal(demo.meta.numberSteps, want.steps);
    // Episodes as Unity's writer counts them: one per done record, and one more when the recorder closes.
    const doneCount = demo.dones.reduce((n, d) => n + d, 0);
    assert.equal(doneCount + 1, demo.meta.numberEpisodes);
    assert.equal(demo.meta.numberEpisodes, want.episodes);
    // Mean reward as Unity's writer computes it: a float32 running sum of every record's reward over the episodes.
    let sum = 0;
    for (const r of demo.rewards) sum = Math.fround(sum + r);
    assert.equal(Math.fround(sum / demo.meta.numberEpisodes), demo.meta.meanReward);
    // Typed arrays sized by the spec.
    demo.spec.observationSpecs.forEach((o, i) => assert.equal(demo.observations[i]!.length, want.steps * observationSize(o)));
    assert.equal(demo.continuousActions.length, want.steps * want.continuous);
    assert.equal(demo.discreteActions.length, want.steps * want.branches.length);
    assert.equal(demo.actionMasks !== null, want.masks);
    for (const key of ['rewards', 'dones', 'interrupted', 'agentIds'] as const) assert.equal(demo[key].length, want.steps);
    assert.equal(new Set(demo.agentIds).size, want.agents);
    // Episodes start at 0 and after each done record but the last.
    const starts = [0];
    demo.dones.forEach((d, i) => d && i + 1 < demo.steps && starts.push(i + 1));
    assert.deepEqual([...demo.episodeStarts], starts);
    // Discrete actions inside their branches.
    demo.discreteActions.forEach((a, i) => assert.ok(a >= 0 && a < want.branches[i % want.branches.length]!, `${file} action ${i}: ${a}`));
  });
}

function assertBrainParameters(files: readonly string[]): void {
  for (const file of files) {
    const bytes = readFileSync(pathOf(file));
    const length = bytes[CONTENT_OFFSET]!;
    const brain = co.BrainParametersProto.decode(bytes.subarray(CONTENT_OFFSET + 1, CONTENT_OFFSET + 1 + length));
    const demo = demoOf(file);
    assert.equal(brain.brainName, demo.spec.name);
    assert.equal(brain.actionSpec ?? null, null, `${file}: api_version 1 files carry the action space in the deprecated fields only`);
    if (brain.vectorActionSpaceTypeDeprecated === co.SpaceTypeProto.continuous) {
      assert.deepEqual(brain.vectorActionSizeDeprecated, [demo.spec.actionSpec.continuousSize]);
    } else {
      assert.deepEqual(brain.vectorActionSizeDeprecated, demo.spec.actionSpec.discreteBranches);
    }
  }
}

test('the spec agrees with the file\'s brain parameters (deprecated action fields) and its first record', () => {
  assertBrainParameters(FIXTURES);
});

test('the spec agrees with the brain parameters of GridWorld, Hallway and PushBlock (shared folder)', { skip: noShared }, () => {
  assertBrainParameters(SHARED_ONLY);
});

test('values land where the records put them (spot checks against dumps of the files)', () => {
  const ball = demoOf('Expert3DBall.demo');
  assert.deepEqual([...ball.continuousActions.subarray(0, 4)], [-0.06460361927747726, -0.11970854550600052, 0.2999913990497589, -0.3159567415714264].map(Math.fround));
  // The last record holds no action (the recording stopped before the agent acted): zeros.
  assert.deepEqual([...ball.continuousActions.subarray(548 * 2)], [0, 0]);
  assert.equal(ball.rewards[1], Math.fround(0.1));
  assert.equal(ball.agentIds[0], -69816);

  const basic = demoOf('ExpertBasic.demo');
  assert.deepEqual([...basic.discreteActions.subarray(0, 2)], [2, 2]);
  assert.equal(basic.discreteActions[72], 0, 'no action in the last record');
  assert.equal(basic.rewards[1], Math.fround(-0.01));

  const pyramid = demoOf('ExpertPyramid.demo');
  assert.deepEqual([...pyramid.discreteActions.subarray(0, 3)], [1, 3, 1]);
  assert.deepEqual([...pyramid.observations[0]!.subarray(0, 2)], [0, 1]);
});

test('GridWorld values land where the records put them (spot checks; shared folder)', { skip: noShared }, () => {
  const grid = demoOf('ExpertGridWorld.demo');
  // Record 2 ends an episode with reward 1; record 3 (the next agent) carries the mask [0, 0, 0, 0, 1]: action 4
  // not allowed. Records without a mask (records 1 and 2) allow everything.
  assert.equal(grid.dones[1], 1);
  assert.equal(grid.rewards[1], 1);
  assert.deepEqual([...grid.actionMasks!.subarray(2 * 5, 3 * 5)], [0, 0, 0, 0, 1]);
  assert.deepEqual([...grid.actionMasks!.subarray(0, 5)], [0, 0, 0, 0, 0]);
  assert.deepEqual([...grid.agentIds.subarray(0, 3)], [6, 6, 9]);
  // Camera pixels are k / 255: the first pixel of the first frame is (137, 139, 143) / 255.
  assert.deepEqual([...grid.observations[0]!.subarray(0, 3)], [137, 139, 143].map((k) => Math.fround(k / 255)));
  for (const v of grid.observations[0]!) assert.ok(v >= 0 && v <= 1);
});
