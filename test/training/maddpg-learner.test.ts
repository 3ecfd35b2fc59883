/**
 * MADDPG as a learner on simple spread: learning against a seeded threshold, the three critic variants through the
 * meta-learner and the Trainer, and a bit-exact checkpoint round trip.
 */
import { MADDPG_PAPER } from '../helpers/earlier-defaults.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maddpgHyperparameters, type MaddpgHyperparameters } from '../../agents/maddpg/hyperparameters.js';
import { SPREAD_BEHAVIOR, createSpreadScene } from '../../envs/spread/spread-scene.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { MaddpgLearner } from '../../agents/maddpg/maddpg-learner.js';

await chooseBackend('wasm');

const NETWORK = { hiddenUnits: 64, numLayers: 2, activation: 'relu' as const };

function newLearner(env: LocalEnv, hp: Partial<MaddpgHyperparameters>, seed: number): MaddpgLearner {
  const spec = env.behaviorSpecs.get(SPREAD_BEHAVIOR)!;
  const hyperparameters = maddpgHyperparameters({ ...MADDPG_PAPER, batch_size: 64, buffer_size: 20_000, buffer_init_steps: 400, steps_per_update: 8, ...hp });
  return new MaddpgLearner(spec, { id: 'spread', hyperparameters, network: NETWORK, maxSteps: 1e9, rewardStrength: 1 }, new RunSeeds(seed));
}

async function spreadEnv(agents: number, seed: number, numAreas: number): Promise<LocalEnv> {
  const env = new LocalEnv('builtin:spread', createSpreadScene, { seed, numAreas });
  env.setEnvironmentParameters({ agents });
  await env.reset();
  return env;
}

/**
 * Steps `env` with `learner` until `agentSteps` agent steps were taken (learning, updating) or `episodes` area
 * episodes ended (evaluating, deterministic); returns the team return of every finished episode.
 */
async function run(env: LocalEnv, learner: MaddpgLearner, agents: number, until: { agentSteps?: number; episodes?: number }): Promise<number[]> {
  const learn = until.agentSteps !== undefined;
  const returns: number[] = [];
  const running = new Map<number, number>();
  let taken = 0;
  for (;;) {
    const { decisionSteps: d, terminalSteps: t } = env.getSteps(SPREAD_BEHAVIOR);
    // Every agent of an area gets the shared reward: follow slot 0 of each area.
    for (let i = 0; i < t.count; i++) {
      if (t.agentIds[i]! % agents !== 0) continue;
      returns.push((running.get(t.agentIds[i]!) ?? 0) + t.rewards[i]!);
      running.set(t.agentIds[i]!, 0);
    }
    if (until.episodes !== undefined && returns.length >= until.episodes) return returns.slice(0, until.episodes);
    if (until.agentSteps !== undefined && taken >= until.agentSteps) return returns;
    for (let i = 0; i < d.count; i++) if (d.agentIds[i]! % agents === 0) running.set(d.agentIds[i]!, (running.get(d.agentIds[i]!) ?? 0) + d.rewards[i]!);
    const [actions] = decide(learner, [{ source: 0, decisionSteps: d, terminalSteps: t }], { learn, deterministic: !learn });
    taken += d.count;
    env.setActions(SPREAD_BEHAVIOR, actions!);
    await env.step();
    if (learn) learner.maybeUpdate();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('MADDPG on 2-agent spread beats its untrained policy by a stated margin within 6000 agent steps (seeded)', async (t) => {
  const agents = 2;
  const learner = newLearner(await spreadEnv(agents, 1, 4), { critic: 'per_agent', team_size: agents, learning_rate: 0.003, batch_size: 128 }, 1);
  // The untrained actors output ≈ 0 (output gain 0.01): agents barely move, and the return is about minus the start
  // distances summed over 25 steps: −37.7 on these 16 seeded evaluation episodes (a uniformly random policy scores
  // ≈ −43 on 2-agent spread). Trained for 6000 agent steps (700 updates of 128 joint transitions at lr 0.003, the
  // paper's 0.01 being too noisy for so few updates) this seed reaches −29.9 (wasm backend): a gain of 7.8. Learner
  // seeds 1–6 gained 7.8, 7.1, 6.3, 7.6, 6.2 and 1.7 (MADDPG is that noisy this early); the assertion asks for 4.
  const before = mean(await run(await spreadEnv(agents, 100, 4), learner, agents, { episodes: 16 }));
  await run(await spreadEnv(agents, 1, 4), learner, agents, { agentSteps: 6000 });
  const after = mean(await run(await spreadEnv(agents, 100, 4), learner, agents, { episodes: 16 }));
  t.diagnostic(`maddpg spread-2: untrained ${before.toFixed(2)}, trained ${after.toFixed(2)}, updates ${learner.save().updates}`);
  assert.ok(after > before + 4, `trained return ${after} should beat the untrained ${before} by 4`);
});

test('a checkpoint round trip is bit-exact: the restored learner saves the same state and then acts and learns the same', async () => {
  const agents = 2;
  const hp: Partial<MaddpgHyperparameters> = { critic: 'shared', team_size: agents, save_replay_buffer: true, buffer_init_steps: 200 };
  const a = newLearner(await spreadEnv(agents, 4, 2), hp, 8);
  await run(await spreadEnv(agents, 4, 2), a, agents, { agentSteps: 600 });
  assert.ok(a.save().updates > 0, 'the saved learner has taken gradient steps');
  const saved = JSON.parse(JSON.stringify(a.save())) as ReturnType<MaddpgLearner['save']>;
  const b = newLearner(await spreadEnv(agents, 4, 2), hp, 999);
  b.load(saved, 'test checkpoint');
  assert.deepEqual(b.save(), a.save());
  // Both continue from a fresh episode (the open team steps are not part of a checkpoint).
  a.forgetSource(0);
  await run(await spreadEnv(agents, 6, 2), a, agents, { agentSteps: 200 });
  await run(await spreadEnv(agents, 6, 2), b, agents, { agentSteps: 200 });
  assert.deepEqual(JSON.parse(JSON.stringify(b.save())), JSON.parse(JSON.stringify(a.save())));
  a.dispose();
  b.dispose();
});

test('variants: shared critic, independent critics (DDPG), shared actor, discrete actions stored one-hot', async () => {
  const agents = 3;
  const shared = newLearner(await spreadEnv(agents, 1, 1), { critic: 'shared', shared_actor: true, team_size: agents }, 1);
  assert.equal(shared.maddpg!.critics.length, 1);
  assert.equal(shared.maddpg!.actors.length, 1);
  // 3 agents × (14 observations + 2 actions).
  assert.equal(shared.maddpg!.critics[0]!.shape.inSize, 48);
  const independent = newLearner(await spreadEnv(agents, 1, 1), { independent: true, team_size: agents }, 1);
  assert.equal(independent.maddpg!.critics.length, 3);
  assert.equal(independent.maddpg!.critics[0]!.shape.inSize, 16);

  // Discrete spread (one branch of 5): team size found from the first batch's groups, actions one-hot, updates run.
  const env = new LocalEnv('builtin:spread', createSpreadScene, { seed: 2, numAreas: 2 });
  env.setEnvironmentParameters({ agents, discrete: 1 });
  await env.reset();
  const discrete = newLearner(env, { buffer_init_steps: 150, batch_size: 16, gumbel_temperature: 0.5 }, 2);
  assert.equal(discrete.teamSize, 0);
  await run(env, discrete, agents, { agentSteps: 300 });
  assert.equal(discrete.teamSize, 3);
  assert.ok(discrete.save().updates > 0);
  const batch = discrete.buffer!.sample(32, new RunSeeds(0).rng('x'));
  for (let k = 0; k < 32 * agents; k++) {
    const row = Array.from(batch.actions.subarray(k * 5, (k + 1) * 5));
    assert.deepEqual(row.slice().sort(), [0, 0, 0, 0, 1], `stored action ${k} is one-hot: ${row}`);
  }
  // 300 agent steps = 50 decisions per area: the first 25-step episode gives 25 transitions (the last one ends at its
  // terminal records), the next 25 decisions 24 (the 50th waits for its next observation): 49 per area.
  assert.equal(discrete.buffer!.size, 2 * 49);
  for (const l of [shared, independent, discrete]) l.dispose();
});
