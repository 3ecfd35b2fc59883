/**
 * Every visual encoder (ML-Agents' vis_encode_type) exports: random observations through onnxruntime-node give the
 * deterministic actions Shiva's act() gives (discrete: equal; continuous: within 1e-5), as export-parity.test.ts
 * checks for the vector networks. Weights are random (fixtures' randomLearner), images in [0, 1]; each case has an
 * image and a vector observation, so the visual encoder's output is concatenated with a normalised vector.
 * Fewer observations for the heavier encoders keep the run short.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { onnx } from '../../../src/protocol/generated/onnx.js';
import { exportBytes, imageObservation, randomLearner, randomSteps, runOnnx, shivaActions, vectorObservation, type LearnerCase } from './export-fixtures.js';

await chooseBackend('cpu');

interface VisualCase extends LearnerCase {
  readonly n: number;
}

/** Conv, MaxPool and Add nodes of each encoder's graph (resnet: 3 stacks × (1 + 2 blocks × 2) convs, 6 residual Adds). */
const NODES: Readonly<Record<string, { Conv: number; MaxPool: number; Add: number }>> = {
  simple: { Conv: 2, MaxPool: 0, Add: 0 },
  nature_cnn: { Conv: 3, MaxPool: 0, Add: 0 },
  match3: { Conv: 2, MaxPool: 0, Add: 0 },
  fully_connected: { Conv: 0, MaxPool: 0, Add: 0 },
  resnet: { Conv: 15, MaxPool: 3, Add: 6 },
};

const visual = (name: string, shape: [number, number, number], visEncodeType: string, n: number, actions: { continuousSize: number; discreteBranches: number[] }): VisualCase => ({
  name,
  trainerType: 'ppo',
  spec: { name: 'Eye?team=0', observationSpecs: [imageObservation(shape), vectorObservation(3)], actionSpec: actions },
  network: { normalize: true, activation: 'swish', visEncodeType },
  n,
});

const CASES: readonly VisualCase[] = [
  visual('simple [3, 24, 21], discrete', [3, 24, 21], 'simple', 1000, { continuousSize: 0, discreteBranches: [4] }),
  visual('nature_cnn [2, 36, 40], discrete', [2, 36, 40], 'nature_cnn', 200, { continuousSize: 0, discreteBranches: [3, 2] }),
  visual('nature_cnn [1, 37, 36], continuous', [1, 37, 36], 'nature_cnn', 200, { continuousSize: 2, discreteBranches: [] }),
  visual('resnet [3, 15, 17], discrete', [3, 15, 17], 'resnet', 200, { continuousSize: 0, discreteBranches: [5] }),
  visual('resnet [1, 20, 20], continuous', [1, 20, 20], 'resnet', 200, { continuousSize: 2, discreteBranches: [] }),
  visual('match3 [4, 6, 7], discrete', [4, 6, 7], 'match3', 1000, { continuousSize: 0, discreteBranches: [6] }),
  visual('match3 [2, 5, 5], continuous', [2, 5, 5], 'match3', 1000, { continuousSize: 1, discreteBranches: [] }),
  visual('fully_connected [3, 8, 8], discrete', [3, 8, 8], 'fully_connected', 1000, { continuousSize: 0, discreteBranches: [3] }),
  visual('fully_connected [1, 1, 1], continuous', [1, 1, 1], 'fully_connected', 1000, { continuousSize: 2, discreteBranches: [] }),
];

for (const c of CASES) {
  test(`ONNX export, ${c.name}: ${c.n} observations give Shiva's deterministic actions`, async () => {
    const learner = randomLearner(c);
    try {
      const steps = randomSteps(c.spec, c.n, new Rng(12));
      const shiva = shivaActions(learner, steps);
      const bytes = exportBytes(learner);
      const ops = onnx.ModelProto.decode(bytes).graph!.node!.map((node) => node.opType);
      const count = (op: string) => ops.filter((o) => o === op).length;
      // The continuous head's sample adds noise with one Add; only the encoder's Adds are counted.
      const expected = NODES[c.network!['visEncodeType'] as string]!;
      assert.deepEqual({ Conv: count('Conv'), MaxPool: count('MaxPool'), Add: count('Add') - (c.spec.actionSpec.continuousSize > 0 ? 1 : 0) - c.spec.actionSpec.discreteBranches.length }, expected);
      const out = await runOnnx(bytes, c.spec, steps);
      const C = c.spec.actionSpec.continuousSize;
      const branches = c.spec.actionSpec.discreteBranches;
      let maxDiff = 0;
      let spread = 0;
      if (C > 0) {
        const det = out['deterministic_continuous_actions']!.data as Float32Array;
        assert.equal(det.length, c.n * C);
        for (let k = 0; k < det.length; k++) maxDiff = Math.max(maxDiff, Math.abs(det[k]! - shiva.continuous[k]!));
        assert.ok(maxDiff <= 1e-5, `max |ONNX − Shiva| = ${maxDiff}`);
        spread = new Set(Array.from(det, (v) => v.toFixed(3))).size;
      }
      let disagree = 0;
      if (branches.length > 0) {
        const det = Array.from(out['deterministic_discrete_actions']!.data as BigInt64Array, Number);
        assert.equal(det.length, c.n * branches.length);
        for (let k = 0; k < det.length; k++) if (det[k] !== shiva.discrete[k]) disagree++;
        assert.equal(disagree, 0, `${disagree} of ${det.length} discrete actions differ`);
        spread = new Set(det).size;
      }
      // Random weights must make the encoder matter: the actions are not all one value.
      assert.ok(spread > 1, 'the deterministic actions vary across observations');
      console.log(`# ${c.name}: ${c.n} observations, continuous max |diff| ${C > 0 ? maxDiff.toExponential(2) : '—'}, discrete mismatches ${branches.length > 0 ? disagree : '—'}`);
    } finally {
      learner.dispose();
    }
  });
}
