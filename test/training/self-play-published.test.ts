/**
 * A cluster actor's ghost learner following the learner's published versions (GhostLearner.loadPublished,
 * src/cluster/policy-store.ts): a version whose schedule did not move keeps every agent's memory, the learning
 * team's and the opponents'; one that drew a new opponent forgets the opponents' memories only, as a swap does in
 * one process; the actor's own random streams stay its own. Recurrent PPO on the duel, seeded, no learning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { actionsOnly } from '../../agents/plugin/learner.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { RecurrentPpoLearner } from '../../agents/ppo/recurrent-ppo-learner.js';
import { DUEL_BEHAVIORS } from '../../envs/duel/duel-scene.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { GhostLearner } from '../../src/training/ghost-learner.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';

await chooseBackend('cpu');

const PLAN: LearnerPlan = {
  learnerId: 'Duel',
  trainerType: 'ppo',
  hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 32, buffer_size: 128, num_epoch: 1, time_horizon: 16 }),
  network: { hiddenUnits: 8, numLayers: 1, activation: 'tanh', memory: { sequenceLength: 4, memorySize: 8 } },
  maxSteps: 100_000,
  rewardStrength: 1,
  summaryFreq: 1e9,
  checkpointInterval: 1e9,
  keepCheckpoints: 1,
  // A new opponent after every opponent decision; no team change, no snapshot in this test.
  selfPlay: { saveSteps: 1e9, teamChange: 1e9, swapSteps: 1, window: 3, playAgainstLatestModelRatio: 1, initialElo: 1200 },
};

function ghostOf(meta: MetaLearner): GhostLearner {
  const ghost = meta.learners.get('Duel');
  assert.ok(ghost instanceof GhostLearner);
  return ghost;
}

function memoriesOf(ghost: GhostLearner): { learning: number; opponent: number } {
  assert.ok(ghost.learner instanceof RecurrentPpoLearner && ghost.opponent instanceof RecurrentPpoLearner);
  return { learning: ghost.learner.memories(true)!.size, opponent: ghost.opponent.memories(false)!.size };
}

test("an actor's ghost learner keeps its agents' memories across published versions, and forgets the opponents' where the learner drew a new opponent", async () => {
  const env = new LocalEnv('builtin:duel#0', getBuiltinEnv('duel').factory, { numAreas: 2, seed: 1 });
  await env.reset();
  const specs = DUEL_BEHAVIORS.map((b) => env.behaviorSpecs.get(b)!);
  const learnerMeta = new MetaLearner((b) => (b.startsWith('Duel?team=') ? PLAN : null), new RunSeeds(1));
  const actorMeta = new MetaLearner((b) => (b.startsWith('Duel?team=') ? PLAN : null), new RunSeeds(2));
  try {
    const published = specs.map((s) => learnerMeta.learnerFor(s)!);
    const acting = specs.map((s) => actorMeta.learnerFor(s)!);
    const learner = ghostOf(learnerMeta);
    const actor = ghostOf(actorMeta);
    acting[0]!.loadPublished!(published[0]!.save(), 'version 0');
    const actRng = (ghost: GhostLearner) => JSON.stringify((ghost.learner.save() as { rngs?: unknown }).rngs);
    // The actor plays both teams a few steps: team 0 learns (the learner's first team), team 1 is the opponent.
    for (let i = 0; i < 3; i++) {
      specs.forEach((spec, team) => env.setActions(spec.name, decide(acting[team]!, [{ source: 0, ...env.getSteps(spec.name) }])[0]!));
      await env.step();
    }
    assert.deepEqual(memoriesOf(actor), { learning: 2, opponent: 2 }, 'each area\'s agent of each team has a memory');

    // A version whose schedule did not move (here: the same one again): nothing is forgotten, the random streams are the actor's.
    const ownRng = actRng(actor);
    assert.notEqual(ownRng, actRng(learner));
    acting[1]!.loadPublished!(published[1]!.save(), 'version 1');
    assert.deepEqual(memoriesOf(actor), { learning: 2, opponent: 2 });
    assert.equal(actRng(actor), ownRng, "the actor's random streams are its own, not the learner's");

    // The learner counts an opponent decision and swaps (swap_steps 1): the next version forgets the opponents' memories only.
    const swapsBefore = learner.swaps;
    const opponentSteps = env.getSteps(specs[1]!.name).decisionSteps;
    published[1]!.acting(true).sink!.addDecisions(0, opponentSteps, actionsOnly(opponentSteps.count, new Float32Array(0), new Int32Array(opponentSteps.count)));
    learner.maybeUpdate();
    assert.equal(learner.swaps, swapsBefore + 1, 'the learner drew a new opponent');
    acting[0]!.loadPublished!(published[0]!.save(), 'version 2');
    assert.deepEqual(memoriesOf(actor), { learning: 2, opponent: 0 }, "the opponents start from zeros under the new snapshot; the learning team's memories stay");
  } finally {
    learnerMeta.dispose();
    actorMeta.dispose();
    await env.close();
  }
});
