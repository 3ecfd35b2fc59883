/**
 * Demonstrations as BC datasets: which records become rows, the reward and done flag each row gets, masks that
 * forbid the expert's own choice, held-out splits by episode, and the errors for a demonstration that does not
 * fit the learner's spec (file, field, expected, got).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImitationDatasetBuilder, datasetFromDemonstration, splitHeldOut } from '../../../agents/imitation/index.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { isShivaError } from '../../../src/core/errors.js';
import { readDemoFile, writeDemoFile } from '../../../src/protocol/demo-file/index.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-imitation-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** Two observations of 2 and 1 floats, one branch of 3 with masks. */
const SPEC: BehaviorSpec = { name: 'Toy?team=0', observationSpecs: [vectorObservation(2), vectorObservation(1)], actionSpec: { continuousSize: 0, discreteBranches: [3] } };

/**
 * Seven records: episode A = rows 0,1,2(done); episode B = rows 3,4,5(done); then row 6 open at the end.
 * Observation 0 of row i is [i, 10 + i]; observation 1 is [100 + i]; action = i % 3; reward = i / 10.
 * Row 4's mask forbids its own action (4 % 3 = 1).
 */
function toyDemo(spec: BehaviorSpec = SPEC) {
  const steps = 7;
  const masks = new Uint8Array(steps * 3);
  masks[0 * 3 + 2] = 1; // row 0: action 2 forbidden (it chose 0)
  masks[4 * 3 + 1] = 1; // row 4: its own action 1 forbidden
  const path = join(work, `toy-${Math.random().toString(36).slice(2)}.demo`);
  writeDemoFile(path, {
    spec,
    steps,
    observations: [Float32Array.from({ length: steps * 2 }, (_, k) => (k % 2 === 0 ? k / 2 : 10 + (k - 1) / 2)), Float32Array.from({ length: steps }, (_, i) => 100 + i)],
    continuousActions: new Float32Array(0),
    discreteActions: Int32Array.from({ length: steps }, (_, i) => i % 3),
    actionMasks: masks,
    rewards: Float32Array.from({ length: steps }, (_, i) => i / 10),
    dones: Uint8Array.from([0, 0, 1, 0, 0, 1, 0]),
  });
  return { path, demo: readDemoFile(path) };
}

test('decision records become rows; each gets the reward and done flag of the record after it in its episode', () => {
  const { demo } = toyDemo();
  const { dataset, report } = datasetFromDemonstration(demo, SPEC);
  // Done records 2 and 5 hold final observations, where no decision was taken.
  assert.equal(dataset.size, 5);
  assert.deepEqual([...dataset.observations[1]!], [100, 101, 103, 104, 106]);
  assert.deepEqual([...dataset.observations[0]!], [0, 10, 1, 11, 3, 13, 4, 14, 6, 16]);
  assert.deepEqual([...dataset.discreteActions], [0, 1, 0, 1, 0]);
  // Row 0 → record 1's reward; row 1 → record 2's (done); row 3 → 4; row 4 → 5 (done); row 6 has no successor.
  assert.deepEqual([...dataset.rewards].map((r) => Math.round(r * 10)), [1, 2, 4, 5, 0]);
  assert.deepEqual([...dataset.dones], [0, 1, 0, 1, 0]);
  assert.deepEqual([...dataset.episodes], [0, 0, 1, 1, 2]);
  // Row 4 (dataset row 3) forbade its own action: its mask is dropped; row 0's mask is kept.
  assert.equal(report.maskConflicts, 1);
  assert.deepEqual([...dataset.actionMasks!.subarray(0, 3)], [0, 0, 1]);
  assert.deepEqual([...dataset.actionMasks!.subarray(9, 12)], [0, 0, 0]);
});

test('held-out splits cut between episodes (one row-split when there is a single episode)', () => {
  const { demo } = toyDemo();
  const { dataset } = datasetFromDemonstration(demo, SPEC);
  const { train, heldOut } = splitHeldOut(dataset, 0.34); // ⌈0.34 × 3⌉ = 2 episodes held out
  assert.deepEqual([...train.observations[1]!], [100, 101]);
  assert.deepEqual([...heldOut.observations[1]!], [103, 104, 106]);
  const builder = new ImitationDatasetBuilder(SPEC);
  builder.add(4, [new Float32Array(8), Float32Array.from([1, 2, 3, 4])], new Float32Array(0), Int32Array.from([0, 1, 2, 0]), null);
  const single = splitHeldOut(builder.build(), 0.25);
  assert.deepEqual([...single.train.observations[1]!], [1, 2, 3]);
  assert.deepEqual([...single.heldOut.observations[1]!], [4]);
});

test('a demonstration of another spec is refused with the file, the field, what was expected and what came', () => {
  const { path, demo } = toyDemo();
  const wider: BehaviorSpec = { ...SPEC, observationSpecs: [vectorObservation(3), vectorObservation(1)] };
  assert.throws(
    () => datasetFromDemonstration(demo, wider),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_DEMO_SPEC') && e.message === `${path}: observation #0 shape: expected [3] (behavior "Toy?team=0"), got [2]`,
  );
  const twoBranches: BehaviorSpec = { ...SPEC, actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } };
  assert.throws(() => datasetFromDemonstration(demo, twoBranches), /discrete branches: expected \[3, 2\] \(behavior "Toy\?team=0"\), got \[3\]/);
  const continuous: BehaviorSpec = { ...SPEC, actionSpec: { continuousSize: 2, discreteBranches: [3] } };
  assert.throws(() => datasetFromDemonstration(demo, continuous), /continuous actions: expected 2 \(behavior "Toy\?team=0"\), got 0/);
  const oneObservation: BehaviorSpec = { ...SPEC, observationSpecs: [vectorObservation(2)] };
  assert.throws(() => datasetFromDemonstration(demo, oneObservation), /observations: expected 1 \(\[2\]\) \(behavior \"Toy\?team=0\"\), got 2 \(\[2\], \[1\]\)/);
});

test('an expert action outside its branch is refused with the file and record', () => {
  const { path, demo } = toyDemo();
  const bad = { ...demo, discreteActions: Int32Array.from(demo.discreteActions, (a, i) => (i === 3 ? 5 : a)) };
  assert.throws(
    () => datasetFromDemonstration(bad, SPEC),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_DEMO_FILE') && e.message === `${path}: record 3 discrete action branch 0: expected 0..2, got 5`,
  );
});
