/**
 * ONNX import: ML-Agents' own models (test/fixtures/mlagents/onnx, release 21) act through onnxruntime-node under
 * Shiva's decision pipeline. Basic's model plays the Basic scene at its optimum (0.93 a episode, seven steps);
 * 3DBall's gives finite actions in [−1, 1] for random observations; PushBlock's (two observations, masks) acts
 * and respects masks; a model that does not fit the behavior is SHIVA_ERR_ONNX_MODEL naming the input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OnnxPolicy } from '../../agents/onnx/onnx-policy.js';
import { BASIC_OPTIMAL_RETURN, BASIC_OPTIMAL_STEPS, BASIC_SPEC } from '../../envs/basic/basic-scene.js';
import { evaluate } from '../../src/cli/evaluate.js';
import { loadRunConfig } from '../../src/config/index.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { isShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { mlagentsFixtures } from '../helpers/paths.js';

const models = join(mlagentsFixtures, 'onnx');
const work = mkdtempSync(join(tmpdir(), 'shiva-onnx-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('onnx-test');
logger.level = 'warn';

const BALL_SPEC: BehaviorSpec = { name: '3DBall?team=0', observationSpecs: [vectorObservation(8)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
const PUSH_SPEC: BehaviorSpec = { name: 'PushBlock?team=0', observationSpecs: [vectorObservation(105, 'a'), vectorObservation(105, 'b')], actionSpec: { continuousSize: 0, discreteBranches: [7] } };

function randomSteps(spec: BehaviorSpec, count: number, rng: Rng, scale: number, masks: Uint8Array | null = null): DecisionSteps {
  return {
    count,
    agentIds: Int32Array.from({ length: count }, (_, i) => i),
    observations: spec.observationSpecs.map((o) => Float32Array.from({ length: count * o.shape[0]! }, () => rng.uniform(-scale, scale))),
    rewards: new Float32Array(count),
    groupIds: new Int32Array(count),
    groupRewards: new Float32Array(count),
    actionMasks: masks,
  };
}

test("Basic's model plays the Basic scene (in-process, the rollout loop and the pipeline) at its optimum: 0.93 in 7 steps", async () => {
  const file = join(work, 'basic.yaml');
  writeFileSync(file, 'behaviors:\n  Basic:\n    trainer_type: ppo\nenv_settings:\n  env_path: builtin:basic\n  num_envs: 2\n  num_areas: 3\n');
  const result = await evaluate(loadRunConfig(file), { checkpoint: `onnx:${join(models, 'Basic.onnx')}`, episodes: 30, deterministic: true, seed: 7, logger });
  const basic = result.behaviors['Basic?team=0']!;
  assert.equal(basic.episodes, 30);
  // ±1e-6: the scene's rewards travel as float32 (0.93 reads back as 0.9300000108…).
  assert.ok(Math.abs(basic.meanReturn - BASIC_OPTIMAL_RETURN) < 1e-6, `mean return ${basic.meanReturn}, optimum ${BASIC_OPTIMAL_RETURN}`);
  assert.ok(Math.abs(basic.minReturn - BASIC_OPTIMAL_RETURN) < 1e-6);
  assert.equal(basic.meanLength, BASIC_OPTIMAL_STEPS);
});

test("3DBall's model: 1,000 random observations give finite continuous actions within [−1, 1], greedy and sampled", async (t) => {
  const policy = await OnnxPolicy.load(join(models, '3DBall.onnx'), BALL_SPEC);
  try {
    assert.equal(policy.contract.version, 3);
    assert.equal(policy.contract.memorySize, 0);
    assert.equal(policy.ruleRefusal !== null, true);
    const steps = randomSteps(BALL_SPEC, 1000, new Rng(3), 5);
    for (const deterministic of [true, false]) {
      const out = await policy.act(steps, { deterministic });
      assert.equal(out.continuous.length, 2000);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of out.continuous) {
        assert.ok(Number.isFinite(v));
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      assert.ok(lo >= -1 && hi <= 1, `actions in [${lo}, ${hi}]`);
      assert.ok(hi - lo > 0.1, `actions vary: [${lo}, ${hi}]`);
      t.diagnostic(`3DBall ${deterministic ? 'greedy' : 'sampled'} actions in [${lo.toFixed(4)}, ${hi.toFixed(4)}]`);
    }
  } finally {
    await policy.release();
  }
});

test("PushBlock's model (two observations, masks) acts; a mask leaving one action gets that action", async () => {
  const policy = await OnnxPolicy.load(join(models, 'PushBlock.onnx'), PUSH_SPEC);
  try {
    assert.equal(policy.contract.hasMasks, true);
    const rng = new Rng(5);
    const free = await policy.act(randomSteps(PUSH_SPEC, 64, rng, 1), { deterministic: true });
    assert.ok(free.discrete.every((a) => a >= 0 && a < 7));
    // 1 = NOT allowed: only action 3 stands.
    const masks = new Uint8Array(64 * 7).fill(1);
    for (let r = 0; r < 64; r++) masks[r * 7 + 3] = 0;
    for (const deterministic of [true, false]) {
      const out = await policy.act(randomSteps(PUSH_SPEC, 64, rng, 1, masks), { deterministic });
      assert.ok(out.discrete.every((a) => a === 3), `masked actions: ${[...out.discrete.slice(0, 8)]}`);
    }
  } finally {
    await policy.release();
  }
});

test('a model that does not fit the behavior is SHIVA_ERR_ONNX_MODEL naming the input, what was expected and what came', async () => {
  const basic = join(models, 'Basic.onnx');
  await assert.rejects(OnnxPolicy.load(basic, BALL_SPEC), (e: unknown) => {
    assert.ok(isShivaError(e, 'SHIVA_ERR_ONNX_MODEL'));
    assert.match(e.message, /Basic\.onnx: input obs_0: expected float32 \[batch, 8\] .*got float32 \[batch, 20\]/);
    return true;
  });
  await assert.rejects(OnnxPolicy.load(basic, { ...BASIC_SPEC, actionSpec: { continuousSize: 0, discreteBranches: [4] } }), (e: unknown) => {
    assert.ok(isShivaError(e, 'SHIVA_ERR_ONNX_MODEL'));
    assert.match(e.message, /input action_masks: expected \[batch, 4\].*got \[batch, 3\]/);
    return true;
  });
  await assert.rejects(OnnxPolicy.load(join(models, 'PushBlock.onnx'), { ...PUSH_SPEC, observationSpecs: [vectorObservation(105)] }), (e: unknown) => {
    assert.ok(isShivaError(e, 'SHIVA_ERR_ONNX_MODEL'));
    assert.match(e.message, /inputs: expected obs_0 \(behavior "PushBlock\?team=0" has 1 observation\), got obs_0, obs_1, action_masks/);
    return true;
  });
  await assert.rejects(OnnxPolicy.load(join(work, 'missing.onnx'), BASIC_SPEC), (e: unknown) => isShivaError(e, 'SHIVA_ERR_ONNX_MODEL'));
});
