/**
 * Self-play with recurrent PPO (network_settings.memory) on the duel (envs/duel): the opponents act with a
 * snapshot's LSTM and memories of their own, per agent, apart from the learning team's, reset where an agent's
 * episode ends and at every swap of the snapshot; snapshots and checkpoints carry the LSTM weights; a short run
 * completes, and a restored one trains on. Small and seeded: seconds, no learning asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { act } from '../../agents/networks/acting.js';
import type { SavedActorCritic } from '../../agents/networks/actor-critic.js';
import type { Learner, LearnerState } from '../../agents/plugin/learner.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { RecurrentPpoLearner } from '../../agents/ppo/recurrent-ppo-learner.js';
import { DUEL_BEHAVIORS } from '../../envs/duel/duel-scene.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { GhostLearner, type SavedSelfPlay } from '../../src/training/ghost-learner.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import type { SelfPlaySettings } from '../../src/training/self-play/self-play-settings.js';
import { Trainer } from '../../src/training/trainer.js';

await chooseBackend('wasm');

const MEMORY = { sequenceLength: 4, memorySize: 8 };
const WIDTH = 2 * MEMORY.memorySize;

function recurrentDuelPlan(maxSteps: number, selfPlay: Partial<SelfPlaySettings>, bufferSize = 128): LearnerPlan {
  return {
    learnerId: 'Duel',
    trainerType: 'ppo',
    hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 32, buffer_size: bufferSize, learning_rate: 3e-3, num_epoch: 2, beta: 0.005, time_horizon: 16, gamma: 0.99, lambd: 0.95 }),
    network: { hiddenUnits: 16, numLayers: 1, activation: 'tanh', memory: MEMORY },
    maxSteps,
    rewardStrength: 1,
    summaryFreq: 1e9,
    checkpointInterval: 1e9,
    keepCheckpoints: 1,
    selfPlay: { saveSteps: 1e9, teamChange: 1e9, swapSteps: 1e9, window: 3, playAgainstLatestModelRatio: 0.5, initialElo: 1200, ...selfPlay },
  };
}

function duelEnv(numAreas: number, seed: number): LocalEnv {
  return new LocalEnv('builtin:duel#0', getBuiltinEnv('duel').factory, { numAreas, seed });
}

function recurrent(learner: Learner): RecurrentPpoLearner {
  assert.ok(learner instanceof RecurrentPpoLearner, `${learner.id}: expected a recurrent PPO learner`);
  return learner;
}

function trainer(envs: LocalEnv[], meta: MetaLearner): Trainer {
  return new Trainer(envs, meta, { summaryFreq: () => 1e9, checkpointInterval: () => 1e9 });
}

test('recurrent self-play: the opponents’ memories are per agent, apart from the learning team’s, and start from zeros at an episode’s start and after every swap', async () => {
  // 3 areas: each environment step the 3 opponents (team 1: agents 1, 3, 5) decide, so with swap_steps 9 the
  // opponent is drawn anew after every third step. No update runs (buffer_size above what is collected), so the
  // weights never move: a swap that clears the memories does so although the weights it loads are the same.
  const env = duelEnv(3, 7);
  await env.reset();
  const meta = new MetaLearner((b) => (b.startsWith('Duel?team=') ? recurrentDuelPlan(1e6, { swapSteps: 9 }, 1e5) : null), new RunSeeds(3));
  const views = DUEL_BEHAVIORS.map((b) => meta.learnerFor(env.behaviorSpecs.get(b)!)!);
  const ghost = meta.learners.get('Duel') as GhostLearner;
  const learner = recurrent(ghost.learner);
  const opponent = recurrent(ghost.opponent);
  const opponentMemories = opponent.memories(false)!;
  const learningMemories = learner.memories(true)!;
  assert.equal(ghost.learningTeam, 0);

  // The test's own account of each opponent's memory: what the snapshot's LSTM gives from the memory the agent
  // should hold (zeros at its episode's start and after a swap).
  const expected = new Map<number, Float32Array>();
  let swaps = 0;
  let restarts = 0;
  let opponentDecisions = 0;
  /** Steps after which the three opponents held different memories. */
  let apart = 0;
  for (let step = 1; step <= 30; step++) {
    const teamSteps = DUEL_BEHAVIORS.map((b) => env.getSteps(b));
    const opp = teamSteps[1]!;
    for (const id of opp.terminalSteps.agentIds) {
      if (expected.delete(id) && opp.decisionSteps.agentIds.includes(id)) restarts++;
    }
    const before = new Float32Array(opp.decisionSteps.count * WIDTH);
    opp.decisionSteps.agentIds.forEach((id, r) => before.set(expected.get(id) ?? new Float32Array(WIDTH), r * WIDTH));
    const reference = act(opponent.policy, { ...opp.decisionSteps, memories: before }, new Rng(0), { deterministic: true }).memories!;

    teamSteps.forEach((s, team) => env.setActions(DUEL_BEHAVIORS[team]!, decide(views[team]!, [{ source: 0, ...s }])[0]!));
    opp.decisionSteps.agentIds.forEach((id, r) => {
      const held = opponentMemories.of(0, id);
      assert.ok(held, `step ${step}: opponent agent ${id} holds a memory`);
      assert.deepEqual(held, reference.slice(r * WIDTH, (r + 1) * WIDTH), `step ${step}: opponent agent ${id}'s memory`);
      expected.set(id, held);
      // The learning policy keeps its own agents' memories, the opponent its own: never each other's.
      assert.equal(learningMemories.of(0, id), null, `step ${step}: the learning policy holds no memory of opponent ${id}`);
    });
    for (const id of teamSteps[0]!.decisionSteps.agentIds) {
      assert.ok(learningMemories.of(0, id), `step ${step}: learning agent ${id} holds a memory`);
      assert.equal(opponentMemories.of(0, id), null, `step ${step}: the opponent holds no memory of learning agent ${id}`);
    }
    assert.equal(opponentMemories.size, 3);
    if (new Set(Array.from(opp.decisionSteps.agentIds, (id) => Array.from(opponentMemories.of(0, id)!).join(','))).size > 1) apart++;

    opponentDecisions += opp.decisionSteps.count;
    await env.step();
    ghost.maybeUpdate();
    if (opponentDecisions % 9 === 0) {
      // The swap (ghost-learner.ts advance) forgot every opponent memory: the next decisions start from zeros.
      assert.equal(opponentMemories.size, 0, `step ${step}: a swap clears the opponents' memories`);
      expected.clear();
      swaps++;
    } else {
      assert.equal(opponentMemories.size, 3, `step ${step}: no swap, the memories stay`);
    }
  }
  assert.equal(swaps, 10);
  assert.ok(restarts >= 3, `episodes restarted under the opponent: ${restarts}`);
  // Per agent: once sampled play has set the areas apart, the three opponents do not share one memory.
  assert.ok(apart >= 10, `steps with different memories: ${apart} of 30`);
  meta.dispose();
});

test('recurrent self-play on the duel: a short run completes, snapshots carry the LSTM weights, and a checkpoint restores the learner exactly and trains on', async () => {
  const envs = [duelEnv(4, 5)];
  const selfPlay = { saveSteps: 100, teamChange: 200, swapSteps: 60 };
  const meta = new MetaLearner((b) => (b.startsWith('Duel?team=') ? recurrentDuelPlan(400, selfPlay) : null), new RunSeeds(11));
  await envs[0]!.reset();
  await trainer(envs, meta).run();
  const ghost = meta.learners.get('Duel') as GhostLearner;
  const [learner, opponent] = [recurrent(ghost.learner), recurrent(ghost.opponent)];
  assert.ok(ghost.steps >= 400, `steps ${ghost.steps}`);
  const saved = JSON.parse(JSON.stringify(ghost.save())) as LearnerState & { learner: LearnerState; selfPlay: SavedSelfPlay };
  assert.ok(saved.learner.updates >= 2, `updates ${saved.learner.updates}`);
  assert.deepEqual(saved.selfPlay.teams, [0, 1], 'both teams appeared');
  assert.ok(saved.selfPlay.lastTeamChange >= 200, `the teams took turns (last change at ${saved.selfPlay.lastTeamChange})`);
  assert.equal(ghost.snapshotCount, 3);

  // Every snapshot is the actor-critic with both LSTMs, and they differ in them (the LSTMs trained between snapshots).
  const lstm = (s: SavedActorCritic) => s.parameters.filter((p) => p.name.includes('/lstm/'));
  const slots = saved.selfPlay.window.slots.map((s) => s.weights as SavedActorCritic);
  for (const snapshot of slots) {
    assert.deepEqual(snapshot.settings.memory, MEMORY);
    assert.deepEqual(lstm(snapshot).map((p) => p.name).sort(), ['actor/lstm/bias', 'actor/lstm/kernel', 'actor/lstm/recurrent_kernel', 'critic/lstm/bias', 'critic/lstm/kernel', 'critic/lstm/recurrent_kernel']);
  }
  assert.equal(new Set(slots.map((s) => JSON.stringify(lstm(s)))).size, slots.length, 'each snapshot holds other LSTM weights');
  assert.deepEqual(lstm(JSON.parse(JSON.stringify(learner.policy.save())) as SavedActorCritic), lstm(saved.learner['policy'] as SavedActorCritic));

  // Checkpoint round trip through a fresh meta-learner: the same state, and the opponent acts as the original's.
  const restored = new MetaLearner((b) => (b.startsWith('Duel?team=') ? recurrentDuelPlan(600, selfPlay) : null), new RunSeeds(99), new Map([['Duel', saved]]));
  restored.learnerFor(envs[0]!.behaviorSpecs.get(DUEL_BEHAVIORS[1])!);
  const again = restored.learners.get('Duel') as GhostLearner;
  assert.deepEqual(JSON.parse(JSON.stringify(again.save())), saved);
  const restoredOpponent = recurrent(again.opponent);
  assert.equal(restoredOpponent.memories(false)!.size, 0, 'a restored opponent starts from zeros');
  // A source of its own (9): the original opponent's memories of the run's source 0 stay out of the comparison.
  const probe = duelEnv(4, 21);
  await probe.reset();
  for (let step = 0; step < 6; step++) {
    const steps = probe.getSteps(DUEL_BEHAVIORS[1]);
    const mine = decide(opponent, [{ source: 9, ...steps }], { learn: false, deterministic: true })[0]!;
    const theirs = decide(restoredOpponent, [{ source: 9, ...steps }], { learn: false, deterministic: true })[0]!;
    assert.deepEqual(theirs.discrete, mine.discrete, `step ${step}: the restored opponent's action`);
    for (const id of steps.decisionSteps.agentIds) assert.deepEqual(restoredOpponent.memories(false)!.of(9, id), opponent.memories(false)!.of(9, id));
    probe.setActions(DUEL_BEHAVIORS[1], mine);
    probe.setActions(DUEL_BEHAVIORS[0], decide(learner, [{ source: 9, ...probe.getSteps(DUEL_BEHAVIORS[0]) }], { learn: false, deterministic: true })[0]!);
    await probe.step();
  }

  // Resume: the restored learner trains on to its new max_steps.
  const resumedEnvs = [duelEnv(4, 6)];
  await resumedEnvs[0]!.reset();
  await trainer(resumedEnvs, restored).run();
  assert.ok(again.steps >= 600, `resumed to ${again.steps} steps`);
  assert.ok((again.save().updates) > saved.learner.updates, 'the resumed learner updated');
  restored.dispose();
  meta.dispose();
});
