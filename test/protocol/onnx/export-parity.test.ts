/**
 * Every algorithm's exported policy acts as Shiva's own policy does: 1,000 random observations (random masks for
 * discrete branches) through onnxruntime-node give the deterministic actions Shiva's act() gives with
 * `deterministic` (discrete: equal; continuous: within 1e-5), and no masked action is ever chosen, deterministic or
 * sampled. Weights and normalisers are random, so the heads are far from their near-zero start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { exportBytes, goalObservation, imageObservation, randomLearner, randomSteps, runOnnx, shivaActions, vectorObservation, type LearnerCase } from './export-fixtures.js';

await chooseBackend('cpu');

const OFF_POLICY = { buffer_size: 1000, batch_size: 32 };
const CASES: readonly LearnerCase[] = [
  { name: 'ppo discrete (two branches, masks, normalised, swish, two observations)', trainerType: 'ppo', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6), vectorObservation(4)], actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } }, network: { normalize: true, activation: 'swish' } },
  { name: 'ppo continuous (clamp3, normalised)', trainerType: 'ppo', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(8)], actionSpec: { continuousSize: 2, discreteBranches: [] } }, network: { normalize: true, actionClip: 'clamp3', activation: 'swish' } },
  { name: 'ppo continuous (clip, tanh)', trainerType: 'ppo', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(5)], actionSpec: { continuousSize: 3, discreteBranches: [] } } },
  { name: 'ppo hybrid (continuous + discrete, masks)', trainerType: 'ppo', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(7)], actionSpec: { continuousSize: 2, discreteBranches: [4] } }, network: { normalize: true, activation: 'relu' } },
  { name: 'ppo visual + vector (discrete, masks)', trainerType: 'ppo', spec: { name: 'Toy?team=0', observationSpecs: [imageObservation([3, 20, 20]), vectorObservation(4)], actionSpec: { continuousSize: 0, discreteBranches: [4] } }, network: { normalize: true, activation: 'leaky_relu' } },
  { name: 'ppo discrete, goal-conditioned (hyper: a goal-signal observation, normalised, swish)', trainerType: 'ppo', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6), goalObservation(3)], actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } }, network: { normalize: true, activation: 'swish' } },
  { name: 'ppo continuous, goal-conditioned (hyper, two goals, one layer)', trainerType: 'ppo', spec: { name: 'Toy?team=0', observationSpecs: [goalObservation(2), vectorObservation(5), goalObservation(3)], actionSpec: { continuousSize: 2, discreteBranches: [] } }, network: { numLayers: 1 } },
  { name: 'sac continuous, goal-conditioned (hyper)', trainerType: 'sac', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6), goalObservation(2)], actionSpec: { continuousSize: 2, discreteBranches: [] } }, hyperparameters: { buffer_size: 1000, batch_size: 32 } },
  { name: 'poca discrete (masks)', trainerType: 'poca', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6)], actionSpec: { continuousSize: 0, discreteBranches: [5] } }, network: { activation: 'swish' } },
  { name: 'sac continuous (tanh of the mean)', trainerType: 'sac', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6)], actionSpec: { continuousSize: 2, discreteBranches: [] } }, hyperparameters: OFF_POLICY },
  { name: 'sac discrete (two branches, masks)', trainerType: 'sac', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6)], actionSpec: { continuousSize: 0, discreteBranches: [3, 3] } }, hyperparameters: OFF_POLICY },
  { name: 'dqn (dueling, two branches, masks)', trainerType: 'dqn', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6)], actionSpec: { continuousSize: 0, discreteBranches: [4, 2] } }, hyperparameters: { ...OFF_POLICY, dueling: true } },
  { name: 'dqn (plain, masks)', trainerType: 'dqn', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6)], actionSpec: { continuousSize: 0, discreteBranches: [3] } }, hyperparameters: { ...OFF_POLICY, dueling: false } },
  { name: 'td3', trainerType: 'td3', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6)], actionSpec: { continuousSize: 2, discreteBranches: [] } }, hyperparameters: OFF_POLICY },
  { name: 'ddpg', trainerType: 'ddpg', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(6)], actionSpec: { continuousSize: 1, discreteBranches: [] } }, hyperparameters: OFF_POLICY },
  { name: 'maddpg continuous actor', trainerType: 'maddpg', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(4), vectorObservation(3)], actionSpec: { continuousSize: 2, discreteBranches: [] } }, hyperparameters: { ...OFF_POLICY, team_size: 1 } },
  { name: 'maddpg discrete actor (masks)', trainerType: 'maddpg', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(5)], actionSpec: { continuousSize: 0, discreteBranches: [3] } }, hyperparameters: { ...OFF_POLICY, team_size: 1 } },
];

const N = 1000;

for (const c of CASES) {
  test(`ONNX export, ${c.name}: 1,000 observations give Shiva's deterministic actions; masks respected`, async () => {
    const learner = randomLearner(c);
    try {
      const steps = randomSteps(c.spec, N, new Rng(11));
      const shiva = shivaActions(learner, steps);
      const out = await runOnnx(exportBytes(learner), c.spec, steps);
      const C = c.spec.actionSpec.continuousSize;
      const branches = c.spec.actionSpec.discreteBranches;
      let maxDiff = 0;
      if (C > 0) {
        const det = out['deterministic_continuous_actions']!.data as Float32Array;
        assert.equal(det.length, N * C);
        for (let k = 0; k < det.length; k++) maxDiff = Math.max(maxDiff, Math.abs(det[k]! - shiva.continuous[k]!));
        assert.ok(maxDiff <= 1e-5, `max |ONNX − Shiva| = ${maxDiff}`);
        const sampled = out['continuous_actions']!.data as Float32Array;
        // onnxruntime's float Tanh may round a saturated value one ulp past ±1 (seen: −1.0000001).
        assert.ok(sampled.every((v) => Math.abs(v) <= 1 + 2 ** -22), 'sampled continuous actions lie in [-1, 1]');
      }
      let disagree = 0;
      if (branches.length > 0) {
        const det = out['deterministic_discrete_actions']!;
        const sampled = out['discrete_actions']!;
        assert.equal(det.type, 'int64');
        assert.deepEqual(det.dims, [N, branches.length]);
        const d = Array.from(det.data as BigInt64Array, Number);
        const s = Array.from(sampled.data as BigInt64Array, Number);
        const width = branches.reduce((a, b) => a + b, 0);
        for (let r = 0; r < N; r++) {
          let offset = 0;
          branches.forEach((size, b) => {
            const i = r * branches.length + b;
            if (d[i] !== shiva.discrete[i]) disagree++;
            for (const a of [d[i]!, s[i]!]) {
              assert.ok(a >= 0 && a < size, `action ${a} in branch of ${size}`);
              assert.equal(steps.actionMasks![r * width + offset + a], 0, `row ${r} branch ${b}: masked action ${a} chosen`);
            }
            offset += size;
          });
        }
        assert.equal(disagree, 0, `${disagree} of ${N * branches.length} discrete actions differ`);
      }
      console.log(`# ${c.name}: ${N} observations, continuous max |diff| ${C > 0 ? maxDiff.toExponential(2) : '—'}, discrete mismatches ${branches.length > 0 ? disagree : '—'}`);
    } finally {
      learner.dispose();
    }
  });
}

test('the stochastic outputs sample: a PPO continuous export gives different continuous_actions for the same observation', async () => {
  const c = CASES[1]!;
  const learner = randomLearner(c);
  try {
    const steps = randomSteps(c.spec, 1, new Rng(3));
    const many = { ...steps, count: 64, observations: steps.observations.map((o) => Float32Array.from({ length: 64 * o.length }, (_, k) => o[k % o.length]!)) };
    const out = await runOnnx(exportBytes(learner), c.spec, many);
    const sampled = out['continuous_actions']!.data as Float32Array;
    const distinct = new Set(Array.from(sampled, (v) => v.toFixed(6)));
    assert.ok(distinct.size > 32, `only ${distinct.size} distinct sampled values`);
    const det = out['deterministic_continuous_actions']!.data as Float32Array;
    assert.equal(new Set(Array.from(det, (v) => v.toFixed(6))).size, 2, 'the deterministic output is the same for the same observation');
  } finally {
    learner.dispose();
  }
});
