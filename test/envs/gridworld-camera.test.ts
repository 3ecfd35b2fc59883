import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CAMERA_COLORS, CAMERA_HEIGHT, CAMERA_SIZE, CAMERA_WIDTH, cellSpan, renderGridworldCamera, type Rgb } from '../../envs/gridworld/gridworld-camera.js';
import { FORAGER_BEHAVIOR, GUARD_BEHAVIOR, GridworldScene } from '../../envs/gridworld/gridworld-scene.js';
import { GridWorld } from '../../envs/gridworld/gridworld-world.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { isShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import { RemoteEnv } from '../../src/core/env/remote-env.js';
import { runCli } from '../helpers/processes.js';

const PLANE = CAMERA_HEIGHT * CAMERA_WIDTH;

function pixel(image: Float32Array, offset: number, row: number, col: number): Rgb {
  return [0, 1, 2].map((c) => image[offset + c * PLANE + row * CAMERA_WIDTH + col]!) as unknown as Rgb;
}

/** The image pixel at the centre of cell (x, y), and one just inside the cell's left edge (under an agent's margin). */
function cellPixels(image: Float32Array, offset: number, size: number, x: number, y: number): { centre: Rgb; edge: Rgb } {
  const [x0, x1] = cellSpan(x, size, CAMERA_WIDTH);
  const [y0, y1] = cellSpan(size - 1 - y, size, CAMERA_HEIGHT);
  const row = (y0 + y1) >> 1;
  return { centre: pixel(image, offset, row, (x0 + x1) >> 1), edge: pixel(image, offset, row, x0 + 1) };
}

/** One area of a 5×5 grid: forager 0 on food 0 at (0, 0), forager 1 at (4, 4), the guard at (2, 3), food 1 at (4, 0). */
function handPlacedWorld(): GridWorld {
  const w = new GridWorld(1);
  w.size[0] = 5;
  [[0, 0], [4, 4], [2, 3]].forEach(([x, y], agent) => {
    w.x[agent] = x!;
    w.y[agent] = y!;
    w.active[agent] = 1;
  });
  [[0, 0], [4, 0]].forEach(([x, y], f) => {
    w.foodX[f] = x!;
    w.foodY[f] = y!;
    w.foodPresent[f] = 1;
  });
  return w;
}

test('camera: each agent sees itself blue, its mate light blue, opponents red, food green, on a grey floor, with y up', () => {
  const world = handPlacedWorld();
  // Rendered at an offset into a larger buffer, as a scene writes a batch row.
  const image = new Float32Array(CAMERA_SIZE + 10).fill(-1);
  renderGridworldCamera(world, 0, image, 10);
  const at = (x: number, y: number) => cellPixels(image, 10, 5, x, y);
  assert.deepEqual(at(0, 0).centre, CAMERA_COLORS.self);
  assert.deepEqual(at(0, 0).edge, CAMERA_COLORS.food, 'the food under forager 0 shows around it');
  assert.deepEqual(at(4, 4).centre, CAMERA_COLORS.mate);
  assert.deepEqual(at(4, 4).edge, CAMERA_COLORS.floor);
  assert.deepEqual(at(2, 3).centre, CAMERA_COLORS.opponent);
  assert.deepEqual(at(4, 0).centre, CAMERA_COLORS.food);
  assert.deepEqual(at(4, 0).edge, CAMERA_COLORS.food);
  assert.deepEqual(at(1, 2).centre, CAMERA_COLORS.floor);
  // Orientation: the image's top-right corner is cell (4, 4) (the mate's cell, its margin: floor), the bottom-left
  // corner cell (0, 0) (food).
  assert.deepEqual(pixel(image, 10, 0, CAMERA_WIDTH - 1), CAMERA_COLORS.floor);
  assert.deepEqual(pixel(image, 10, CAMERA_HEIGHT - 1, 0), CAMERA_COLORS.food);
  assert.ok(image.subarray(10).every((v) => v >= 0 && v <= 1), 'every value in 0..1, the whole image written');
  assert.ok(image.subarray(0, 10).every((v) => v === -1), 'nothing written before the offset');

  // Counted: the guard's inset square and nothing else red.
  const red = Array.from({ length: PLANE }, (_, i) => image[10 + i]!).filter((v) => v === 1).length;
  const [gx0, gx1] = cellSpan(2, 5, CAMERA_WIDTH);
  const [gy0, gy1] = cellSpan(1, 5, CAMERA_HEIGHT);
  const side = (a: number, b: number) => b - a - 2 * Math.round((b - a) * 0.25);
  assert.equal(red, side(gx0, gx1) * side(gy0, gy1));
});

test('camera: the guard sees both foragers as opponents; an agent out of its episode is not drawn', () => {
  const world = handPlacedWorld();
  world.active[1] = 0;
  const image = new Float32Array(CAMERA_SIZE);
  renderGridworldCamera(world, 2, image, 0);
  assert.deepEqual(cellPixels(image, 0, 5, 2, 3).centre, CAMERA_COLORS.self);
  assert.deepEqual(cellPixels(image, 0, 5, 0, 0).centre, CAMERA_COLORS.opponent);
  assert.deepEqual(cellPixels(image, 0, 5, 4, 4).centre, CAMERA_COLORS.floor, 'forager 1 is out');
  renderGridworldCamera(world, 0, image, 0);
  assert.deepEqual(cellPixels(image, 0, 5, 4, 4).centre, CAMERA_COLORS.floor, 'forager 0 no longer sees its mate');
});

function makeEnv(seed: number, camera: number): LocalEnv {
  const env = new LocalEnv('builtin:gridworld', (c, o) => new GridworldScene(c, o), { seed, numAreas: 2 });
  env.setEnvironmentParameters({ camera });
  return env;
}

/** [x, y] of agent `row`'s own square in its image: the blue cell's column and row (colours within `tolerance`). */
function selfCell(steps: DecisionSteps, row: number, tolerance = 0): [number, number] {
  const image = steps.observations[0]!;
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      const centre = cellPixels(image, row * CAMERA_SIZE, 5, x, y).centre;
      if (centre.every((v, c) => Math.abs(v - CAMERA_COLORS.self[c]!) <= tolerance)) return [x, y];
    }
  }
  throw new Error(`no blue cell in row ${row}'s image`);
}

test('scene with camera: 1 observes [3, 84, 84] images whose own square sits where the vector scene puts the agent, step after step', async () => {
  const vector = makeEnv(5, 0);
  const camera = makeEnv(5, 1);
  await vector.reset();
  await camera.reset();
  const spec = camera.behaviorSpecs.get(FORAGER_BEHAVIOR)!;
  assert.deepEqual(spec.observationSpecs.map((o) => [o.name, ...o.shape]), [['CameraSensor', 3, 84, 84]]);
  assert.deepEqual(camera.behaviorSpecs.get(GUARD_BEHAVIOR)!.observationSpecs[0]!.shape, [3, 84, 84]);
  assert.deepEqual(spec.actionSpec, vector.behaviorSpecs.get(FORAGER_BEHAVIOR)!.actionSpec);
  const rng = new Rng(9);
  let checked = 0;
  for (let step = 0; step < 60; step++) {
    for (const behavior of [FORAGER_BEHAVIOR, GUARD_BEHAVIOR]) {
      const v = vector.getSteps(behavior).decisionSteps;
      const c = camera.getSteps(behavior).decisionSteps;
      assert.deepEqual(Array.from(c.agentIds), Array.from(v.agentIds), `step ${step}: the same agents decide`);
      assert.deepEqual(c.actionMasks, v.actionMasks);
      const width = behavior === FORAGER_BEHAVIOR ? 7 : 5;
      const rows: number[] = [];
      for (let i = 0; i < v.count; i++) {
        // Vector observations start with the agent's own (x, y) divided by size − 1.
        const want = [Math.round(v.observations[0]![i * (width === 7 ? 14 : 15)]! * 4), Math.round(v.observations[0]![i * (width === 7 ? 14 : 15) + 1]! * 4)];
        assert.deepEqual(selfCell(c, i), want, `step ${step} ${behavior} agent ${v.agentIds[i]}`);
        checked++;
        const allowed = [0, 1, 2, 3, 4].filter((m) => !v.actionMasks![i * width + m]);
        rows.push(allowed[rng.int(allowed.length)]!);
        if (width === 7) rows.push(v.actionMasks![i * width + 6] ? 0 : 1);
      }
      const actions = { continuous: new Float32Array(0), discrete: Int32Array.from(rows) };
      vector.setActions(behavior, actions);
      camera.setActions(behavior, actions);
    }
    await vector.step();
    await camera.step();
    const vt = vector.getSteps(FORAGER_BEHAVIOR).terminalSteps;
    const ct = camera.getSteps(FORAGER_BEHAVIOR).terminalSteps;
    assert.deepEqual(Array.from(ct.agentIds), Array.from(vt.agentIds), `step ${step}: the same foragers end`);
    assert.equal(ct.observations[0]!.length, ct.count * CAMERA_SIZE, 'terminal records carry images too');
  }
  assert.ok(checked > 200, `checked ${checked} decisions`);
});

test('camera: values other than 0 and 1 are refused with SHIVA_ERR_ENV', async () => {
  await assert.rejects(makeEnv(1, 2).reset(), (e) => isShivaError(e, 'SHIVA_ERR_ENV') && /"camera": expected 0 or 1, got 2/.test(e.message));
});

test('the Unity stand-in sends the camera as PNG: [3, 84, 84] images whose pixels are the camera colours to 8 bits', async () => {
  const server = await new GrpcBridgeServer(0, { seed: 5 }).start();
  const standIn = runCli(['unity-standin', '--env', 'gridworld', '--num-areas', '1', '--port', String(server.boundPort)]);
  try {
    const env = new RemoteEnv(await server.hub.nextSession(20_000));
    // As shiva train hands a config's environment_parameters to a Unity scene: before the first reset.
    env.setEnvironmentParameters({ camera: 1 });
    await env.reset();
    const spec = env.behaviorSpecs.get(FORAGER_BEHAVIOR)!;
    assert.deepEqual(spec.observationSpecs[0]!.shape, [3, 84, 84]);
    const steps = env.getSteps(FORAGER_BEHAVIOR).decisionSteps;
    assert.equal(steps.count, 2);
    // PNG holds 8 bits per channel: each value is the nearest k/255 to a camera colour component.
    const allowed = new Set([0, 0.25, 0.5, 1].map((v) => Math.round(v * 255)));
    const image = steps.observations[0]!;
    assert.ok(image.every((v) => allowed.has(Math.round(v * 255)) && Math.abs(v * 255 - Math.round(v * 255)) < 1e-3), 'every pixel a camera colour');
    for (let row = 0; row < 2; row++) {
      const [x, y] = selfCell(steps, row, 1 / 255);
      assert.ok(x >= 0 && y >= 0, `forager ${row} sees itself`);
    }
    await env.close();
    const result = await standIn.done;
    assert.equal(result.code, 0, result.stderr.slice(-1500));
  } finally {
    standIn.child.kill('SIGKILL');
    await server.stop();
  }
});
