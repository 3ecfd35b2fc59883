/**
 * Behavioral cloning on Unity's own expert demonstrations (the ML-Agents demos copied into test/fixtures/mlagents),
 * scored on held-out episodes it never trained on:
 * - Pyramids (4 observations, one branch of 5; 10 episodes, the last two held out): greedy accuracy ≥ 0.65, where
 *   always answering the most frequent training action scores 0.51 on the held-out episode;
 * - 3DBall (8 observations, 2 continuous actions; one episode, its last 20% held out): MSE ≤ 0.125, where
 *   predicting the training mean scores 0.137 (measured: 0.75 and 0.11 with these seeds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BehavioralCloning, datasetFromDemonstration, splitHeldOut } from '../../../agents/imitation/index.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { readDemonstrations } from '../../../src/protocol/demo-file/index.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { fixtureDemos } from '../../helpers/paths.js';

await chooseBackend('wasm');
const demos = fixtureDemos;

function fit(file: string, epochs: number, heldOutFraction: number) {
  const demo = readDemonstrations(join(demos, file));
  const { dataset } = datasetFromDemonstration(demo, demo.spec);
  const { train, heldOut } = splitHeldOut(dataset, heldOutFraction);
  const policy = new ActorCritic(demo.spec, { hiddenUnits: 64, numLayers: 2, normalize: true }, new Rng(1));
  policy.updateNormalizers(train.observations, train.size);
  policy.syncHost();
  const bc = new BehavioralCloning(policy, { numEpoch: 1, batchSize: 64, samplesPerUpdate: 0, learningRate: 3e-3 }, new Rng(2));
  const untrained = bc.evaluate(heldOut);
  for (let e = 0; e < epochs; e++) bc.update(train);
  const result = { train, heldOut, untrained, trained: bc.evaluate(heldOut) };
  policy.dispose();
  return result;
}

test('Pyramids: held-out greedy accuracy ≥ 0.65 (the majority action scores 0.51)', () => {
  const { train, heldOut, untrained, trained } = fit('ExpertPyramid.demo', 12, 0.2);
  assert.equal(train.size + heldOut.size, 1742); // 1751 records, 9 of them episode ends
  const counts = new Map<number, number>();
  for (const a of train.discreteActions) counts.set(a, (counts.get(a) ?? 0) + 1);
  const majority = [...counts].sort((x, y) => y[1] - x[1])[0]![0];
  const majorityAccuracy = heldOut.discreteActions.filter((a) => a === majority).length / heldOut.size;
  assert.ok(majorityAccuracy < 0.55, `majority baseline ${majorityAccuracy}`);
  assert.ok(trained.accuracy! >= 0.65, `held-out accuracy ${trained.accuracy} (untrained ${untrained.accuracy}, majority ${majorityAccuracy})`);
});

test('3DBall: held-out MSE ≤ 0.125 (the training mean scores 0.137)', () => {
  const { train, heldOut, trained } = fit('Expert3DBall.demo', 10, 0.2);
  const C = 2;
  const mean = [0, 0];
  for (let i = 0; i < train.continuousActions.length; i++) mean[i % C]! += train.continuousActions[i]! / train.size;
  let sum = 0;
  for (let i = 0; i < heldOut.continuousActions.length; i++) sum += (heldOut.continuousActions[i]! - mean[i % C]!) ** 2;
  const meanPredictor = sum / heldOut.continuousActions.length;
  assert.ok(meanPredictor > 0.13, `mean predictor ${meanPredictor}`);
  assert.ok(trained.mse! <= 0.125, `held-out MSE ${trained.mse} (mean predictor ${meanPredictor})`);
});
