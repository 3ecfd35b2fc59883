/**
 * configs/gridworld-visual.yaml trains: PPO for Forager and Guard on gridworld's 84×84×3 camera (the 'simple'
 * encoder), through the config, the plan resolver, the meta-learner and the Trainer as `shiva train` wires them,
 * shrunk to a few seconds (one area, buffer and batch 16, one epoch, 50 forager and 25 guard steps). The run
 * completes, each learner updates, the first convolution's weights move, and the trained Forager exports to ONNX
 * whose deterministic actions on camera images are Shiva's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { Learner } from '../../agents/plugin/learner.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { parseRunConfig } from '../../src/config/index.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { planResolver } from '../../src/training/plan-resolver.js';
import { Trainer } from '../../src/training/trainer.js';
import { exportBytes, runOnnx, shivaActions } from '../protocol/onnx/export-fixtures.js';

await chooseBackend('wasm');

const CONFIG = 'configs/gridworld-visual.yaml';

function shrunkConfig() {
  const doc = parseDocument(readFileSync(CONFIG, 'utf8'));
  doc.setIn(['behaviors', 'Forager', 'max_steps'], 50);
  doc.setIn(['behaviors', 'Guard', 'max_steps'], 25);
  // The Guard's hyperparameters are an alias of the Forager's (a YAML anchor): set here, both read them.
  doc.setIn(['behaviors', 'Forager', 'hyperparameters', 'buffer_size'], 16);
  doc.setIn(['behaviors', 'Forager', 'hyperparameters', 'batch_size'], 16);
  doc.setIn(['behaviors', 'Forager', 'hyperparameters', 'num_epoch'], 1);
  return parseRunConfig(doc.toString(), `${CONFIG} (shrunk by the test)`, { seed: 3 });
}

/** The first convolution's kernel of the actor, as the exported policy holds it. */
function firstKernel(learner: Learner): Float32Array {
  const visual = learner.exportPolicy!()!.observations[0]!.visual;
  assert.ok(visual && visual.kind === 'conv', 'a convolutional encoder');
  return Float32Array.from(visual.convs[0]!.weights);
}

test('PPO trains Forager and Guard on the gridworld camera from configs/gridworld-visual.yaml, and the Forager exports to ONNX', async () => {
  const config = shrunkConfig();
  assert.equal(config.envSettings.builtinEnv, 'gridworld');
  const env = new LocalEnv('builtin:gridworld#0', getBuiltinEnv('gridworld').factory, { numAreas: 1, seed: 3 });
  // The config's environment_parameters (camera: 1), as shiva train hands them to its environments.
  env.setEnvironmentParameters(config.environmentParameters);
  const meta = new MetaLearner(planResolver(config), new RunSeeds(3));
  const learners = new Map<string, { learner: Learner; kernel: Float32Array }>();
  const learnerFor = meta.learnerFor.bind(meta);
  meta.learnerFor = (spec) => {
    const l = learnerFor(spec);
    if (l && !learners.has(l.id)) learners.set(l.id, { learner: l, kernel: firstKernel(l) });
    return l;
  };
  try {
    const { summary, stopped } = await new Trainer([env], meta, { summaryFreq: () => 1e9, checkpointInterval: () => 1e9 }).run();
    assert.equal(stopped, false, 'ran to max_steps');
    assert.deepEqual([...learners.keys()].sort(), ['Forager', 'Guard']);
    for (const [id, { learner, kernel }] of learners) {
      assert.deepEqual(learner.spec.observationSpecs[0]!.shape, [3, 84, 84], `${id} observes the camera`);
      assert.ok(summary[id]!.steps >= learner.maxSteps, `${id}: ${summary[id]!.steps} steps of ${learner.maxSteps}`);
      const updates = learner.save().updates;
      assert.ok(updates >= 1, `${id} updated ${updates} times`);
      const moved = firstKernel(learner).reduce((most, w, i) => Math.max(most, Math.abs(w - kernel[i]!)), 0);
      assert.ok(moved > 0 && Number.isFinite(moved), `${id}: the first convolution's weights moved by up to ${moved}`);
    }

    // The trained Forager on the images the scene renders now, through onnxruntime: the same greedy actions.
    const forager = learners.get('Forager')!.learner;
    const steps = env.getSteps('Forager?team=0').decisionSteps;
    assert.ok(steps.count > 0, 'foragers are deciding');
    const shiva = shivaActions(forager, steps);
    const out = await runOnnx(exportBytes(forager, 'Forager'), forager.spec, steps);
    assert.deepEqual(Array.from(out['deterministic_discrete_actions']!.data as BigInt64Array, Number), Array.from(shiva.discrete));
  } finally {
    meta.dispose();
  }
});
