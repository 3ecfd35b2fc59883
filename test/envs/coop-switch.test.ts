/**
 * Coop switch: masks, the press that opens the door and takes the presser out, the group reward at the exit, the
 * time limit, and what a uniformly random policy scores (the baseline the POCA learning test must beat).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Action, COOP_SWITCH_BEHAVIOR, CoopSwitchScene, SUCCESS_STAT } from '../../envs/coop-switch/coop-switch-scene.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { Rng } from '../../src/core/runtime/rng.js';

const makeEnv = (seed: number, numAreas = 1) => new LocalEnv('builtin:coop-switch', (c, o) => new CoopSwitchScene(c, o), { seed, numAreas });
const cellOf = (steps: DecisionSteps, row: number) => Math.round(steps.observations[0]![row * 5]! * 4);
const masks = (steps: DecisionSteps, row: number) => Array.from(steps.actionMasks!.subarray(row * 4, row * 4 + 4));

async function stepWith(env: LocalEnv, policy: (steps: DecisionSteps, row: number) => number) {
  const { decisionSteps } = env.getSteps(COOP_SWITCH_BEHAVIOR);
  env.setActions(COOP_SWITCH_BEHAVIOR, { continuous: new Float32Array(0), discrete: Int32Array.from({ length: decisionSteps.count }, (_, i) => policy(decisionSteps, i)) });
  await env.step();
  return env.getSteps(COOP_SWITCH_BEHAVIOR);
}

/** The nearer member walks to the switch and presses; the other walks to the exit. */
function scripted(steps: DecisionSteps, row: number): number {
  const mine = cellOf(steps, row);
  const obs = steps.observations[0]!;
  const matePresent = obs[row * 5 + 2] === 1;
  const door = obs[row * 5 + 3] === 1;
  const mate = Math.round(obs[row * 5 + 1]! * 4);
  const presser = !door && matePresent && (mine < mate || (mine === mate && steps.agentIds[row]! % 2 === 0));
  if (presser) return mine === 0 ? Action.PRESS : Action.LEFT;
  return door || mine < 3 ? Action.RIGHT : Action.STAY;
}

test('the presser leaves with nothing; the door opens; the exit pays the group reward to who is left', async () => {
  const env = makeEnv(3);
  await env.reset();
  let steps = env.getSteps(COOP_SWITCH_BEHAVIOR);
  assert.equal(steps.decisionSteps.count, 2);
  assert.deepEqual(Array.from(steps.decisionSteps.groupIds), [1, 1]);
  const cells = [cellOf(steps.decisionSteps, 0), cellOf(steps.decisionSteps, 1)];
  assert.ok(cells[0] !== cells[1] && cells.every((c) => c >= 1 && c <= 3), `start cells ${cells}`);
  const presser = cells[0]! < cells[1]! ? 0 : 1;
  const walker = 1 - presser;
  // Press masked off the switch; right masked at cell 3 while the door is closed.
  for (let r = 0; r < 2; r++) {
    const m = masks(steps.decisionSteps, r);
    assert.equal(m[Action.PRESS], 1);
    assert.equal(m[Action.RIGHT], cells[r] === 3 ? 1 : 0);
    assert.equal(m[Action.LEFT], 0);
  }
  let pressedAt = -1;
  let exitedAt = -1;
  for (let t = 1; t <= 16 && exitedAt < 0; t++) {
    steps = await stepWith(env, scripted);
    const { terminalSteps } = steps;
    for (let i = 0; i < terminalSteps.count; i++) {
      if (terminalSteps.agentIds[i] === presser) {
        pressedAt = t;
        assert.equal(terminalSteps.groupRewards[i], 0);
        assert.equal(terminalSteps.rewards[i], 0);
        assert.equal(terminalSteps.interrupted[i], 0);
      } else {
        exitedAt = t;
        assert.equal(terminalSteps.agentIds[i], walker);
        assert.equal(terminalSteps.groupRewards[i], 1);
        assert.equal(terminalSteps.interrupted[i], 0);
      }
    }
    if (pressedAt === t && exitedAt < 0) {
      // The walker sees the door open and its mate gone.
      const row = Array.from(steps.decisionSteps.agentIds).indexOf(walker);
      const obs = steps.decisionSteps.observations[0]!.subarray(row * 5, row * 5 + 5);
      assert.equal(obs[2], 0);
      assert.equal(obs[3], 1);
      assert.equal(steps.decisionSteps.count, 1);
    }
  }
  // Presser walks cells[presser] steps left and presses: pressedAt = cells[presser] + 1; the exit follows after.
  assert.equal(pressedAt, cells[presser]! + 1);
  assert.ok(exitedAt > pressedAt, `exit at ${exitedAt} after the press at ${pressedAt}`);
  assert.deepEqual(env.drainStats().get(SUCCESS_STAT), { aggregation: 0, value: 1, count: 1 });
  assert.equal(steps.decisionSteps.count, 2, 'a new episode for both members');
});

test('without a press the door stays shut and both members are interrupted after max_steps', async () => {
  const env = makeEnv(0);
  env.setEnvironmentParameters({ max_steps: 5 });
  await env.reset();
  let steps = env.getSteps(COOP_SWITCH_BEHAVIOR);
  for (let t = 1; t <= 5; t++) {
    steps = await stepWith(env, (s, r) => (masks(s, r)[Action.RIGHT] ? Action.STAY : Action.RIGHT));
    assert.equal(steps.terminalSteps.count, t === 5 ? 2 : 0);
  }
  assert.deepEqual(Array.from(steps.terminalSteps.interrupted), [1, 1]);
  assert.deepEqual(Array.from(steps.terminalSteps.groupRewards), [0, 0]);
  assert.equal(env.drainStats().get(SUCCESS_STAT)!.value, 0);
});

test('a masked action is refused', async () => {
  const env = makeEnv(1);
  await env.reset();
  const { decisionSteps } = env.getSteps(COOP_SWITCH_BEHAVIOR);
  assert.equal(decisionSteps.count, 2);
  env.setActions(COOP_SWITCH_BEHAVIOR, { continuous: new Float32Array(0), discrete: Int32Array.from([Action.PRESS, Action.STAY]) });
  await assert.rejects(env.step(), /action 3 is masked at cell/);
});

// What the POCA learning test (test/training/poca-learner.test.ts) must beat; measured 0.284 with the seeds below.
const RANDOM_SUCCESS = { low: 0.2, high: 0.45 };

test('a uniformly random policy succeeds in about 28% of the episodes (0.284 over 1113 episodes with this seed)', async () => {
  const env = makeEnv(11, 8);
  await env.reset();
  const rng = new Rng(2);
  const random = (s: DecisionSteps, r: number) => {
    const allowed = masks(s, r).flatMap((m, a) => (m ? [] : [a]));
    return allowed[rng.int(allowed.length)]!;
  };
  let successes = 0;
  let episodes = 0;
  for (let t = 0; t < 2000; t++) {
    await stepWith(env, random);
    const stat = env.drainStats().get(SUCCESS_STAT);
    if (stat) {
      successes += stat.value * stat.count;
      episodes += stat.count;
    }
  }
  const rate = successes / episodes;
  assert.ok(episodes > 500, `${episodes} episodes`);
  assert.ok(rate > RANDOM_SUCCESS.low && rate < RANDOM_SUCCESS.high, `random success rate ${rate.toFixed(3)}`);
});
