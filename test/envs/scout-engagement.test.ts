import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandOf, coneOf, distanceToSegment, hitProbability, inLineOfFire, type ShotConditions } from '../../envs/scout/engagement.js';
import { gridMapJson } from '../../envs/scout/grid-map.js';
import { parseScoutMap } from '../../envs/scout/scout-map-json.js';
import { BLUE_BEHAVIOR, RED_BEHAVIOR, ScoutScene, scoutSceneFactory } from '../../envs/scout/scout-scene.js';
import { LocalEnv } from '../../src/core/env/local-env.js';

const open: ShotConditions = { distance: 100, shooterProne: false, targetProne: false, targetFacingShooter: true, targetCover: 0, shooterHealth: 1, accuracy: 1 };

test('the probability table, row by row (hand-computed)', () => {
  const rows: [Partial<ShotConditions>, number][] = [
    [{ distance: 0 }, 0.4],
    [{ distance: 50 }, 0.4],
    [{ distance: 50.01 }, 0.35],
    [{ distance: 150 }, 0.35],
    [{ distance: 151 }, 0.31],
    [{ distance: 300 }, 0.31],
    [{ distance: 301 }, 0],
    [{ shooterProne: true }, 0.4375],
    [{ targetProne: true }, 0.175],
    [{ targetFacingShooter: false }, 0.525],
    [{ targetCover: 0.5 }, 0.175],
    [{ targetCover: 0.8, distance: 40 }, 0.08],
    [{ shooterHealth: 0.5 }, 0.2625],
    [{ shooterHealth: 0 }, 0.175],
    [{ accuracy: 0.5 }, 0.175],
    [{ accuracy: 1.5, distance: 250, shooterProne: true, targetProne: true }, 0.290625],
    // Everything in the shooter's favour saturates at 1.
    [{ distance: 20, shooterProne: true, targetFacingShooter: false, accuracy: 1.5 }, 1],
  ];
  for (const [change, expected] of rows) {
    const p = hitProbability({ ...open, ...change });
    assert.ok(Math.abs(p - expected) < 1e-12, `${JSON.stringify(change)}: expected ${expected}, got ${p}`);
  }
  assert.deepEqual([bandOf(0), bandOf(50), bandOf(120), bandOf(300), bandOf(300.5)], [0, 0, 1, 2, -1]);
});

test('look cones split the plane: diagonals go north or south, the same waypoint counts as north', () => {
  const cases: [number, number, number][] = [
    [0, 10, 0], [0, -10, 1], [-10, 0, 2], [10, 0, 3],
    [10, 10, 0], [-10, 10, 0], [10, -10, 1], [-10, -10, 1],
    [10, 9, 3], [-10, -9, 2], [0, 0, 0],
  ];
  for (const [dx, dy, cone] of cases) assert.equal(coneOf(dx, dy), cone, `(${dx}, ${dy})`);
  assert.equal(distanceToSegment(0, 0, 0, 100, 20, 50), 20);
  assert.equal(distanceToSegment(0, 0, 0, 100, 0, 130), 30, 'beyond the target: distance to its end');
  assert.equal(distanceToSegment(0, 0, 0, 0, 3, 4), 5);
  assert.deepEqual([inLineOfFire(0, 0, 0, 100, 25, 50), inLineOfFire(0, 0, 0, 100, 26, 50), inLineOfFire(0, 0, 0, 100, 0, 120)], [true, false, true]);
});

interface Setup {
  readonly label: string;
  readonly blueNode: number;
  readonly blueCover?: number;
  readonly red: readonly [look: number, posture: number];
  readonly blue: readonly [look: number, posture: number];
  readonly difficulty?: number;
  /** Red's health held at this fraction before every step. */
  readonly redHealth?: number;
  /** Expected hit chance per shot of red at blue, and of blue at red (null: not firing). */
  readonly redP: number | null;
  readonly blueP: number | null;
}

const N = 0; // looks: 0 north, 1 south, 2 west
const S = 1;
const W = 2;

/**
 * Samples the scene's own engagement: red on waypoint 0 of a column 50 units apart, blue `blueNode` waypoints
 * north; both hold their place with huge health (damage 1), so every decision step is 4 independent shots.
 */
async function sample(setup: Setup, steps: number, seed: number): Promise<{ red: number; blue: number; redFired: number; blueFired: number }> {
  const map = parseScoutMap(
    gridMapJson({ cols: 1, rows: 9, red: [0], blue: [setup.blueNode], objectives: [{ name: 'far', node: 8, range: 1 }], cover: setup.blueCover ? { [setup.blueNode]: setup.blueCover } : {} }),
    `column-${setup.label}`,
  );
  const env = new LocalEnv('scout', scoutSceneFactory({ maps: [map] }), { seed });
  env.setEnvironmentParameters({ red_count: 1, blue_count: 1, civilians: 0, trainee: 0, max_steps: 100_000, red_health: 1e9, blue_health: 1e9, damage: 1, difficulty: setup.difficulty ?? 0.5 });
  await env.reset();
  const world = (env.academy.scene as ScoutScene).world;
  const counts = { red: 0, blue: 0, redFired: 0, blueFired: 0 };
  for (let i = 0; i < steps; i++) {
    if (setup.redHealth !== undefined) world.health[0] = 1e9 * setup.redHealth;
    env.setActions(RED_BEHAVIOR, { continuous: new Float32Array(0), discrete: Int32Array.from([0, ...setup.red]) });
    env.setActions(BLUE_BEHAVIOR, { continuous: new Float32Array(0), discrete: Int32Array.from([0, ...setup.blue]) });
    await env.step();
    counts.red += world.hitsDealt[0]!;
    counts.blue += world.hitsDealt[4]!;
    counts.redFired += world.fired[0]!;
    counts.blueFired += world.fired[4]!;
  }
  assert.equal(world.node[0], 0, 'red held its place');
  return counts;
}

test('sampled hit rates through the scene match the table (seeded, 6000 shots per setup)', async () => {
  const setups: Setup[] = [
    { label: '50, both standing, facing', blueNode: 1, red: [N, 0], blue: [S, 0], redP: 0.4, blueP: 0.4 },
    { label: '100, blue looks away', blueNode: 2, red: [N, 0], blue: [W, 0], redP: 0.525, blueP: null },
    { label: '150, band edge', blueNode: 3, red: [N, 0], blue: [S, 0], redP: 0.35, blueP: 0.35 },
    { label: '250, both prone', blueNode: 5, red: [N, 1], blue: [S, 1], redP: 0.31 * 1.25 * 0.5, blueP: 0.31 * 1.25 * 0.5 },
    { label: '100, blue in cover 0.5', blueNode: 2, blueCover: 0.5, red: [N, 0], blue: [S, 0], redP: 0.175, blueP: 0.35 },
    { label: '100, difficulty 0', blueNode: 2, difficulty: 0, red: [W, 0], blue: [S, 0], redP: null, blueP: 0.35 * 0.5 * 1.5 },
    { label: '100, difficulty 1', blueNode: 2, difficulty: 1, red: [N, 0], blue: [S, 0], redP: 0.35, blueP: 0.525 },
    { label: '100, red at half health', blueNode: 2, redHealth: 0.5, red: [N, 0], blue: [W, 0], redP: 0.525 * 0.75, blueP: null },
    { label: '350: beyond the outer band', blueNode: 7, red: [N, 0], blue: [S, 0], redP: null, blueP: null },
  ];
  const steps = 1500;
  for (const [k, setup] of setups.entries()) {
    const got = await sample(setup, steps, 100 + k);
    for (const side of ['red', 'blue'] as const) {
      const p = side === 'red' ? setup.redP : setup.blueP;
      const fired = side === 'red' ? got.redFired : got.blueFired;
      if (p === null) {
        assert.equal(fired, 0, `${setup.label}: ${side} never fires`);
        assert.equal(got[side], 0);
        continue;
      }
      assert.equal(fired, steps, `${setup.label}: ${side} fires every step`);
      const rate = got[side] / (steps * 4);
      const tolerance = 4 * Math.sqrt((p * (1 - p)) / (steps * 4));
      assert.ok(Math.abs(rate - p) < tolerance, `${setup.label}: ${side} hit rate ${rate.toFixed(4)}, table ${p} ± ${tolerance.toFixed(4)}`);
    }
  }
});
