import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CAUGHT_STAT,
  FOOD_STAT,
  FORAGER_BEHAVIOR,
  FORAGER_SPEC,
  GUARD_BEHAVIOR,
  GUARD_SPEC,
  GridworldScene,
} from '../../envs/gridworld/gridworld-scene.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import type { SceneContext } from '../../src/core/env/scene.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { isShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';

const SIZE = 5;
const F = 14; // forager observation size
const G = 15; // guard observation size
// Moves: 0 stay, 1 up (y+1), 2 down (y-1), 3 left (x-1), 4 right (x+1).
const DX = [0, 0, 0, -1, 1];
const DY = [0, 1, -1, 0, 0];

type Policy = (steps: DecisionSteps, row: number) => number[];

function makeEnv(seed: number, numAreas = 1, params: Record<string, number> = {}): LocalEnv {
  const env = new LocalEnv('builtin:gridworld', (c, o) => new GridworldScene(c, o), { seed, numAreas });
  env.setEnvironmentParameters(params);
  return env;
}

/** Grid coordinate from an observation component (positions and offsets are divided by size − 1). */
const cell = (v: number) => Math.round(v * (SIZE - 1));

/** Sets one action row per decision agent of each behavior from the policies, then steps. */
async function stepWith(env: LocalEnv, forager: Policy, guard: Policy): Promise<void> {
  for (const [behavior, policy] of [[FORAGER_BEHAVIOR, forager], [GUARD_BEHAVIOR, guard]] as const) {
    const { decisionSteps } = env.getSteps(behavior);
    const rows: number[] = [];
    for (let i = 0; i < decisionSteps.count; i++) rows.push(...policy(decisionSteps, i));
    env.setActions(behavior, { continuous: new Float32Array(0), discrete: Int32Array.from(rows) });
  }
  await env.step();
}

/** Uniform among the allowed choices of each branch, read from the mask. */
function randomAllowed(rng: Rng, branches: readonly number[]): Policy {
  const width = branches.reduce((a, b) => a + b, 0);
  return (steps, row) => {
    let at = row * width;
    return branches.map((size) => {
      const allowed = [];
      for (let k = 0; k < size; k++) if (!steps.actionMasks![at + k]) allowed.push(k);
      at += size;
      return allowed[rng.int(allowed.length)]!;
    });
  };
}

/** Picks up when it can, otherwise random allowed moves. */
function eager(rng: Rng): Policy {
  const random = randomAllowed(rng, [5, 2]);
  return (steps, row) => (steps.actionMasks![row * 7 + 6] ? random(steps, row) : [0, 1]);
}

/**
 * Walks to the nearest food along the longer axis first, never onto the guard's cell, and picks it up.
 * With a guard that stands still this eats both food items in most episodes.
 */
const greedyForager: Policy = (steps, row) => {
  const o = steps.observations[0]!.subarray(row * F, row * F + F);
  let best: [number, number] | null = null;
  for (const at of [7, 10]) {
    if (!o[at + 2]) continue;
    const d: [number, number] = [cell(o[at]!), cell(o[at + 1]!)];
    if (!best || Math.abs(d[0]) + Math.abs(d[1]) < Math.abs(best[0]) + Math.abs(best[1])) best = d;
  }
  if (!best) return [0, 0];
  if (best[0] === 0 && best[1] === 0) return [0, 1];
  const [gx, gy] = [cell(o[5]!), cell(o[6]!)];
  const masked = (m: number) => steps.actionMasks![row * 7 + m] === 1 || (DX[m] === gx && DY[m] === gy);
  const toward = [best[1] > 0 ? 1 : 2, best[0] > 0 ? 4 : 3].filter((m, k) => (k === 0 ? best![1] : best![0]) !== 0);
  if (Math.abs(best[0]) > Math.abs(best[1])) toward.reverse();
  const move = toward.find((m) => !masked(m)) ?? [1, 2, 3, 4].find((m) => !masked(m)) ?? 0;
  return [move, 0];
};

/** Steps toward the nearest forager still in its episode. */
const chasingGuard: Policy = (steps, row) => {
  const o = steps.observations[0]!.subarray(row * G, row * G + G);
  const targets = [2, 5].filter((at) => o[at + 2]).map((at) => [cell(o[at]!), cell(o[at + 1]!)] as const);
  targets.sort((a, b) => Math.abs(a[0]) + Math.abs(a[1]) - Math.abs(b[0]) - Math.abs(b[1]));
  const t = targets[0];
  if (!t) return [0];
  if (t[0] !== 0) return [t[0] > 0 ? 4 : 3];
  return [t[1] > 0 ? 1 : t[1] < 0 ? 2 : 0];
};

const stay: Policy = (steps) => (steps.actionMasks!.length / steps.count === 7 ? [0, 0] : [0]);

function ids(steps: DecisionSteps | TerminalSteps): number[] {
  return Array.from(steps.agentIds);
}

test('specs: Forager?team=0 with branches [5, 2] and Guard?team=1 with [5]; three agents per area with ids area×3 + slot', () => {
  const context: SceneContext = { parameter: (_k, f) => f, recordStat: () => {} };
  const scene = new GridworldScene(context, { numAreas: 3, seed: 0 });
  assert.deepEqual(scene.behaviorSpecs.map((s) => s.name), ['Forager?team=0', 'Guard?team=1']);
  assert.deepEqual(FORAGER_SPEC.actionSpec.discreteBranches, [5, 2]);
  assert.deepEqual(GUARD_SPEC.actionSpec.discreteBranches, [5]);
  scene.reset();
  const out = scene.collect(true);
  const foragers = out.get(FORAGER_BEHAVIOR)!;
  const guards = out.get(GUARD_BEHAVIOR)!;
  assert.deepEqual(Array.from(foragers.agentIds), [0, 1, 3, 4, 6, 7]);
  assert.deepEqual(Array.from(foragers.groupIds), [1, 1, 2, 2, 3, 3]);
  assert.deepEqual(Array.from(guards.agentIds), [2, 5, 8]);
  assert.deepEqual(Array.from(guards.groupIds), [0, 0, 0]);
  assert.equal(foragers.actionMasks!.length, 6 * 7);
  assert.equal(guards.actionMasks!.length, 3 * 5);
  for (let area = 0; area < 3; area++) {
    // Five distinct cells: both foragers, the guard and both food items, read from forager 0's view.
    const o = foragers.observations[0]!.subarray(2 * area * F, 2 * area * F + F);
    const [x, y] = [cell(o[0]!), cell(o[1]!)];
    const cells = [[x, y], [x + cell(o[2]!), y + cell(o[3]!)], [x + cell(o[5]!), y + cell(o[6]!)], [x + cell(o[7]!), y + cell(o[8]!)], [x + cell(o[10]!), y + cell(o[11]!)]];
    assert.equal(new Set(cells.map((c) => c.join())).size, 5, `area ${area}: ${JSON.stringify(cells)}`);
    assert.deepEqual([o[4], o[9], o[12], o[13]], [1, 1, 1, 0], 'mate active, both food present, time 0');
  }
});

test('masks forbid exactly the moves that leave the grid, and pick-up unless food is underfoot', async () => {
  const env = makeEnv(1, 3);
  const rng = new Rng(7);
  await env.reset();
  const endings = { food: 0, caught: 0, interrupted: 0 };
  for (let step = 0; step < 1500; step++) {
    for (const [behavior, size, width] of [[FORAGER_BEHAVIOR, F, 7], [GUARD_BEHAVIOR, G, 5]] as const) {
      const { decisionSteps, terminalSteps } = env.getSteps(behavior);
      for (let i = 0; i < decisionSteps.count; i++) {
        const o = decisionSteps.observations[0]!.subarray(i * size, i * size + size);
        const [x, y] = [cell(o[0]!), cell(o[1]!)];
        assert.ok(x >= 0 && x < SIZE && y >= 0 && y < SIZE, `on the grid: (${x}, ${y})`);
        const expected = [0, y === SIZE - 1 ? 1 : 0, y === 0 ? 1 : 0, x === 0 ? 1 : 0, x === SIZE - 1 ? 1 : 0];
        if (width === 7) {
          const onFood = [7, 10].some((at) => o[at + 2] === 1 && cell(o[at]!) === 0 && cell(o[at + 1]!) === 0);
          expected.push(0, onFood ? 0 : 1);
        }
        assert.deepEqual(Array.from(decisionSteps.actionMasks!.subarray(i * width, i * width + width)), expected, `mask at (${x}, ${y})`);
      }
      for (let i = 0; i < terminalSteps.count; i++) {
        const o = terminalSteps.observations[0]!;
        assert.ok(o[i * size]! >= 0 && o[i * size]! <= 1 && o[i * size + 1]! >= 0 && o[i * size + 1]! <= 1, 'final position on the grid');
        if (terminalSteps.interrupted[i]) endings.interrupted++;
        else if (behavior === FORAGER_BEHAVIOR) endings[terminalSteps.rewards[i]! > 0 ? 'food' : 'caught']++;
      }
    }
    await stepWith(env, eager(rng), randomAllowed(rng, [5]));
  }
  // Random play goes through every kind of ending.
  assert.ok(endings.food > 20 && endings.caught > 20 && endings.interrupted > 20, JSON.stringify(endings));
});

test('a masked action is refused with SHIVA_ERR_ACTION_VALUE', async () => {
  const env = makeEnv(3);
  await env.reset();
  const { decisionSteps } = env.getSteps(GUARD_BEHAVIOR);
  const masked = Array.from(decisionSteps.actionMasks!).indexOf(1);
  assert.ok(masked > 0, 'the guard starts next to an edge in this seed');
  env.setActions(GUARD_BEHAVIOR, { continuous: new Float32Array(0), discrete: Int32Array.from([masked]) });
  await assert.rejects(env.step(), (e) => isShivaError(e, 'SHIVA_ERR_ACTION_VALUE') && /agent 2 branch 0: action \d \(\w+\) is masked/.test(e.message));

  const env2 = makeEnv(3);
  await env2.reset();
  const f = env2.getSteps(FORAGER_BEHAVIOR).decisionSteps;
  assert.deepEqual([f.actionMasks![6], f.actionMasks![13]], [1, 1], 'no forager starts on food');
  env2.setActions(FORAGER_BEHAVIOR, { continuous: new Float32Array(0), discrete: Int32Array.from([0, 1, 0, 0]) });
  await assert.rejects(env2.step(), (e) => isShivaError(e, 'SHIVA_ERR_ACTION_VALUE') && /agent 0 branch 1: .*pick up.*masked/.test(e.message));
});

test('a forager that ends early is terminal while its mate keeps deciding, and waits for its area to restart', async () => {
  const env = makeEnv(5, 2);
  const rng = new Rng(8);
  await env.reset();
  const out = new Set<number>(); // foragers whose episode ended early
  let lonelyDecisions = 0;
  for (let step = 0; step < 600; step++) {
    const f = env.getSteps(FORAGER_BEHAVIOR);
    const g = env.getSteps(GUARD_BEHAVIOR);
    const restarted = new Set(ids(g.terminalSteps).map((id) => (id - 2) / 3));
    for (let i = 0; i < f.terminalSteps.count; i++) {
      const id = f.terminalSteps.agentIds[i]!;
      if (!f.terminalSteps.interrupted[i]) out.add(id);
    }
    for (const area of restarted) [0, 1].forEach((slot) => out.delete(area * 3 + slot));
    const expected = [0, 1, 3, 4].filter((id) => !out.has(id));
    assert.deepEqual(ids(f.decisionSteps), expected, `step ${step}: deciding foragers`);
    assert.deepEqual(ids(g.decisionSteps), [2, 5], 'the guards always decide');
    for (const area of [0, 1]) if (expected.filter((id) => Math.floor(id / 3) === area).length === 1) lonelyDecisions++;
    await stepWith(env, eager(rng), randomAllowed(rng, [5]));
  }
  assert.ok(lonelyDecisions > 50, `a forager played on alone for ${lonelyDecisions} steps`);
});

test('both foragers eating gives the group reward +1 in the records of those still in the episode', async () => {
  const env = makeEnv(9, 4);
  await env.reset();
  const eaten = new Map<number, number>(); // area → food eaten this area episode
  let groupRewards = 0;
  let sameStep = 0;
  for (let step = 0; step < 400; step++) {
    const f = env.getSteps(FORAGER_BEHAVIOR);
    const g = env.getSteps(GUARD_BEHAVIOR);
    for (let i = 0; i < f.decisionSteps.count; i++) {
      assert.equal(f.decisionSteps.groupRewards[i], 0, 'no group reward in decisions');
      assert.ok([0, Math.fround(-0.01)].includes(f.decisionSteps.rewards[i]!), `step penalty only, got ${f.decisionSteps.rewards[i]}`);
      assert.equal(f.decisionSteps.groupIds[i], Math.floor(f.decisionSteps.agentIds[i]! / 3) + 1);
    }
    const eatersNow = new Map<number, number[]>();
    for (let i = 0; i < f.terminalSteps.count; i++) {
      const area = Math.floor(f.terminalSteps.agentIds[i]! / 3);
      assert.equal(f.terminalSteps.groupIds[i], area + 1);
      // Eating pays +1 − 0.01; the guard never moves and the foragers avoid it, so nobody is caught.
      assert.equal(f.terminalSteps.rewards[i], Math.fround(f.terminalSteps.interrupted[i] ? -0.01 : 0.99));
      if (!f.terminalSteps.interrupted[i]) eatersNow.set(area, [...(eatersNow.get(area) ?? []), i]);
      else assert.equal(f.terminalSteps.groupRewards[i], 0);
    }
    for (const [area, rows] of eatersNow) {
      const total = (eaten.get(area) ?? 0) + rows.length;
      eaten.set(area, total);
      const expected = total === 2 ? 1 : 0;
      for (const r of rows) assert.equal(f.terminalSteps.groupRewards[r], expected, `area ${area}, food ${total}`);
      if (total === 2) groupRewards++;
      if (total === 2 && rows.length === 2) sameStep++;
    }
    for (let i = 0; i < g.terminalSteps.count; i++) {
      const id = g.terminalSteps.agentIds[i]!;
      const area = (id - 2) / 3;
      if (!g.terminalSteps.interrupted[i]) {
        assert.equal(eaten.get(area), 2, 'the guard ends with done when both foragers are out');
        assert.equal(g.terminalSteps.rewards[i], 0);
        assert.ok(ids(g.decisionSteps).includes(id), 'same id decides at once in its new episode');
        assert.equal(g.decisionSteps.rewards[ids(g.decisionSteps).indexOf(id)], 0);
      }
      eaten.set(area, 0);
    }
    await stepWith(env, greedyForager, stay);
  }
  assert.ok(groupRewards > 20, `${groupRewards} group rewards (${sameStep} with both eating at once)`);
  const stats = env.drainStats();
  assert.ok(stats.get(FOOD_STAT)!.value > 1.5, `food per area episode ${stats.get(FOOD_STAT)!.value}`);
  assert.equal(stats.get(CAUGHT_STAT)!.value, 0);
});

test('a caught forager gets −1 and the guard +1; two catches end the guard with done', async () => {
  const env = makeEnv(12, 2, { step_penalty: 0 });
  await env.reset();
  const caughtAt = new Map<number, number>();
  let guardEnds = 0;
  for (let step = 1; step <= 60; step++) {
    await stepWith(env, stay, chasingGuard);
    const f = env.getSteps(FORAGER_BEHAVIOR);
    const g = env.getSteps(GUARD_BEHAVIOR);
    for (let i = 0; i < f.terminalSteps.count; i++) {
      assert.equal(f.terminalSteps.interrupted[i], 0, 'caught well before the max step');
      assert.equal(f.terminalSteps.rewards[i], -1);
      caughtAt.set(f.terminalSteps.agentIds[i]!, step);
    }
    const guardRewards = new Map<number, number>();
    for (const s of [g.terminalSteps, g.decisionSteps]) for (let i = 0; i < s.count; i++) if (s.rewards[i]) guardRewards.set(s.agentIds[i]!, s.rewards[i]!);
    const expectedGuardRewards = new Map<number, number>();
    for (let i = 0; i < f.terminalSteps.count; i++) {
      const guard = Math.floor(f.terminalSteps.agentIds[i]! / 3) * 3 + 2;
      expectedGuardRewards.set(guard, (expectedGuardRewards.get(guard) ?? 0) + 1);
    }
    assert.deepEqual(guardRewards, expectedGuardRewards, `step ${step}: +1 per catch, in the guard's next record`);
    for (let i = 0; i < g.terminalSteps.count; i++) {
      assert.equal(g.terminalSteps.interrupted[i], 0);
      guardEnds++;
    }
  }
  assert.ok(guardEnds >= 4, `${guardEnds} area episodes ended by two catches in 60 steps`);
  assert.equal(env.drainStats().get(CAUGHT_STAT)!.value, 2);
});

test('after max_steps every agent still playing is interrupted, then all three restart', async () => {
  const env = makeEnv(4, 1, { max_steps: 10 });
  await env.reset();
  for (let step = 1; step <= 10; step++) {
    await stepWith(env, stay, stay);
    const f = env.getSteps(FORAGER_BEHAVIOR);
    const g = env.getSteps(GUARD_BEHAVIOR);
    if (step < 10) {
      assert.equal(f.terminalSteps.count + g.terminalSteps.count, 0);
      assert.deepEqual(Array.from(f.decisionSteps.rewards), [Math.fround(-0.01), Math.fround(-0.01)]);
      closeTo(f.decisionSteps.observations[0]![13]!, step / 10, 'time feature');
      continue;
    }
    assert.deepEqual(ids(f.terminalSteps), [0, 1]);
    assert.deepEqual(Array.from(f.terminalSteps.interrupted), [1, 1]);
    assert.deepEqual(Array.from(f.terminalSteps.groupIds), [1, 1]);
    assert.deepEqual(Array.from(f.terminalSteps.rewards), [Math.fround(-0.01), Math.fround(-0.01)]);
    assert.equal(f.terminalSteps.observations[0]![13], 1, 'final observation at time 10/10');
    assert.deepEqual(ids(g.terminalSteps), [2]);
    assert.deepEqual(Array.from(g.terminalSteps.interrupted), [1]);
    assert.deepEqual(ids(f.decisionSteps), [0, 1]);
    assert.deepEqual(Array.from(f.decisionSteps.rewards), [0, 0]);
    assert.equal(f.decisionSteps.observations[0]![13], 0, 'a new episode');
    assert.deepEqual(ids(g.decisionSteps), [2]);
  }
});

test('agent ids and group ids are stable across episodes', async () => {
  const env = makeEnv(6, 2);
  const rng = new Rng(2);
  await env.reset();
  const seen = new Set<number>();
  for (let step = 0; step < 400; step++) {
    const f = env.getSteps(FORAGER_BEHAVIOR);
    const g = env.getSteps(GUARD_BEHAVIOR);
    for (const s of [f.decisionSteps, f.terminalSteps]) {
      for (let i = 0; i < s.count; i++) {
        const id = s.agentIds[i]!;
        assert.ok([0, 1, 3, 4].includes(id), `forager id ${id}`);
        assert.equal(s.groupIds[i], Math.floor(id / 3) + 1);
        seen.add(id);
      }
    }
    for (const s of [g.decisionSteps, g.terminalSteps]) {
      for (let i = 0; i < s.count; i++) {
        assert.ok([2, 5].includes(s.agentIds[i]!));
        assert.equal(s.groupIds[i], 0);
        seen.add(s.agentIds[i]!);
      }
    }
    await stepWith(env, eager(rng), randomAllowed(rng, [5]));
  }
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4, 5]);
});

test('the same seed replays the same episodes; another seed does not', async () => {
  const run = async (seed: number) => {
    const env = makeEnv(seed, 2);
    const rng = new Rng(31);
    const trace: number[] = [];
    await env.reset();
    for (let step = 0; step < 300; step++) {
      for (const behavior of [FORAGER_BEHAVIOR, GUARD_BEHAVIOR]) {
        const { decisionSteps: d, terminalSteps: t } = env.getSteps(behavior);
        trace.push(...d.agentIds, ...d.observations[0]!, ...d.rewards, ...t.agentIds, ...t.observations[0]!, ...t.rewards, ...t.groupRewards);
      }
      await stepWith(env, eager(rng), randomAllowed(rng, [5]));
    }
    return trace;
  };
  const a = await run(17);
  assert.deepEqual(await run(17), a);
  assert.notDeepEqual(await run(18), a);
});

test('grid_size is read at episode start and out-of-range values are refused', async () => {
  const env = makeEnv(2, 1, { grid_size: 3 });
  await env.reset();
  const o = env.getSteps(FORAGER_BEHAVIOR).decisionSteps.observations[0]!;
  // Positions are divided by size − 1 = 2, so every coordinate is 0, 0.5 or 1.
  for (const at of [0, 1, F, F + 1]) assert.ok([0, 0.5, 1].includes(o[at]!), `coordinate ${o[at]}`);
  const bad = makeEnv(2, 1, { grid_size: 40 });
  await assert.rejects(bad.reset(), (e) => isShivaError(e, 'SHIVA_ERR_ENV') && /"grid_size": expected 3\.\.16, got 40/.test(e.message));
});

function closeTo(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: expected ${expected}, got ${actual}`);
}
