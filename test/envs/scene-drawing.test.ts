/**
 * Scenes describe how to draw themselves (src/core/env/scene-drawing.ts): the scout mission's drawing has the
 * terrain and waypoint graph, both teams, the civilians, the trainee and the objectives, and a line of fire when a
 * shot is fired; gridworld, spread and duel draw too; every drawing survives JSON and parseSceneDrawing, which
 * refuses malformed ones with SHIVA_ERR_DRAWING; scenes name their actions; a Unity scene's description comes
 * through the scene-drawing side channel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scriptedExpertFor } from '../../envs/experts.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { RED_BEHAVIOR, RED_SPEC, type ScoutScene } from '../../envs/scout/scout-scene.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import { parseSceneDrawing, type SceneDrawing } from '../../src/core/env/scene-drawing.js';
import { isShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { OutgoingMessage } from '../../src/protocol/side-channels/message-io.js';
import { SceneDrawingChannel, encodeSceneDrawing } from '../../src/protocol/side-channels/scene-drawing.js';

const roundTrip = (d: SceneDrawing) => parseSceneDrawing(JSON.parse(JSON.stringify(d)));

async function stepRandom(env: LocalEnv, rng: Rng): Promise<void> {
  for (const [name, spec] of env.behaviorSpecs) {
    const d = env.getSteps(name).decisionSteps;
    if (d.count > 0) env.setActions(name, randomActions(spec.actionSpec, d, rng));
  }
  await env.step();
}

test('scout draws terrain, the waypoint graph, both teams, civilians, the trainee, objectives, and a line of fire when a shot happens', async () => {
  const env = new LocalEnv('builtin:scout', getBuiltinEnv('scout').factory, { seed: 3 });
  env.setEnvironmentParameters({ civilians: 2, trainee: 1, blue_scripted: 1 });
  await env.reset();
  const scene = env.academy.scene as ScoutScene;
  const first = roundTrip(scene.draw(0));
  assert.equal(first.scene, 'scout');
  assert.equal(first.step, 0);
  const graph = first.layers.find((l) => l.kind === 'graph')!;
  assert.ok(graph.lines!.length >= 4 && graph.points!.length > 1, 'edges and waypoints');
  assert.ok(first.layers.some((l) => l.kind === 'terrain' && l.cells!.rows.length > 0), 'a terrain layer');
  const kinds = (d: SceneDrawing, kind: string) => d.entities.filter((e) => e.kind === kind);
  assert.deepEqual([...new Set(kinds(first, 'agent').map((e) => e.team))].sort(), [0, 1], 'both teams');
  assert.equal(kinds(first, 'civilian').length, 2);
  assert.equal(kinds(first, 'trainee').length, 1);
  assert.ok(kinds(first, 'objective').length > 0);
  for (const e of first.entities) {
    assert.ok(e.x >= first.bounds.minX && e.x <= first.bounds.maxX && e.y >= first.bounds.minY && e.y <= first.bounds.maxY, `${e.id} within bounds`);
  }

  // Red's scripted expert against the scene's blue: shots come within a few dozen steps.
  const expert = scriptedExpertFor(RED_BEHAVIOR)!;
  const rng = new Rng(5);
  let fire: SceneDrawing | null = null;
  for (let step = 0; step < 400 && fire === null; step++) {
    const d = env.getSteps(RED_BEHAVIOR).decisionSteps;
    if (d.count > 0) env.setActions(RED_BEHAVIOR, expert.act(RED_SPEC, d, rng));
    await env.step();
    const drawing = scene.draw(0);
    if (drawing.links.some((l) => l.kind === 'fire')) fire = roundTrip(drawing);
  }
  assert.ok(fire, 'a shot was drawn');
  const shot = fire.links.find((l) => l.kind === 'fire')!;
  assert.ok(shot.team === 0 || shot.team === 1);
  assert.notDeepEqual(shot.from, shot.to);
  const shooter = fire.entities.find((e) => e.kind === 'agent' && e.state?.includes('fired'));
  assert.ok(shooter, 'the shooter is marked');
  assert.equal(scene.draw(0).layers, scene.draw(0).layers, 'the backdrop is built once per map');

  const names = scene.actionNames(RED_BEHAVIOR, 0)!;
  assert.deepEqual(names.branches.map((b) => b.name), ['move', 'look', 'posture']);
  assert.match(names.branches[0]!.options[0]!, /^stay at waypoint \d+$/);
  assert.ok(names.branches[0]!.options.slice(1).every((o) => /^move (north|south|west|east) (to waypoint \d+|\(no edge\))$/.test(o)));
  assert.deepEqual(names.branches[2]!.options, ['stand', 'prone']);
  assert.equal(scene.actionNames('Nobody?team=0'), null);
});

test('gridworld, spread and duel draw themselves and name their actions', async () => {
  for (const [name, kinds] of [['gridworld', ['food', 'agent']], ['spread', ['landmark', 'agent']], ['duel', ['flag', 'agent']]] as const) {
    const env = new LocalEnv(`builtin:${name}`, getBuiltinEnv(name).factory, { seed: 1 });
    await env.reset();
    const rng = new Rng(2);
    await stepRandom(env, rng);
    const scene = env.academy.scene;
    const drawing = roundTrip(scene.draw!(0));
    assert.equal(drawing.scene, name);
    for (const kind of kinds) assert.ok(drawing.entities.some((e) => e.kind === kind), `${name} draws a ${kind}`);
    const agents = drawing.entities.filter((e) => e.kind === 'agent');
    assert.ok(agents.every((e) => typeof e.agentId === 'number'), `${name}: agents carry their ids`);
    for (const behavior of env.behaviorSpecs.keys()) {
      const names = scene.actionNames!(behavior)!;
      const spec = env.behaviorSpecs.get(behavior)!;
      assert.deepEqual(names.branches.map((b) => b.options.length), [...spec.actionSpec.discreteBranches], `${name} ${behavior}: one name per option`);
    }
  }
});

test('parseSceneDrawing refuses malformed drawings with SHIVA_ERR_DRAWING and the path of the field', () => {
  const ok = { scene: 'unity', step: 1, bounds: { minX: 0, minY: 0, maxX: 10, maxY: 10 }, entities: [{ id: 'a', kind: 'agent', team: 0, x: 1, y: 2 }], links: [{ kind: 'fire', from: [1, 2], to: [3, 4] }], layers: [{ kind: 'graph', lines: [0, 0, 1, 1] }] };
  assert.equal(parseSceneDrawing(ok).entities[0]!.id, 'a');
  const bad: [unknown, RegExp][] = [
    [null, /\$: expected an object/],
    [{ ...ok, bounds: { minX: 0, minY: 0, maxX: -1, maxY: 1 } }, /\$\.bounds: expected maxX ≥ minX/],
    [{ ...ok, entities: [{ id: 'a', kind: 'agent', x: 'far', y: 0 }] }, /\$\.entities\[0\]\.x: expected a finite number/],
    [{ ...ok, links: [{ kind: 'fire', from: [1], to: [3, 4] }] }, /\$\.links\[0\]\.from: expected \[x, y\]/],
    [{ ...ok, layers: [{ kind: 'graph', lines: [0, 0, 1] }] }, /\$\.layers\[0\]\.lines: expected a multiple of 4/],
    [{ ...ok, entities: Array.from({ length: 5000 }, () => ok.entities[0]) }, /\$\.entities: expected an array of at most 4096/],
  ];
  for (const [value, message] of bad) {
    assert.throws(() => parseSceneDrawing(value), (e: unknown) => isShivaError(e) && e.code === 'SHIVA_ERR_DRAWING' && message.test(e.message));
  }
});

test('a Unity scene sends the same description through the scene-drawing side channel: decoded, checked, kept per area', () => {
  const drawing: SceneDrawing = { scene: 'unity', step: 3, bounds: { minX: -5, minY: -5, maxX: 5, maxY: 5 }, layers: [], links: [{ kind: 'sight', from: [0, 0], to: [1, 1] }], entities: [{ id: 'éclaireur', kind: 'agent', team: 1, agentId: 4, x: 1, y: 1 }] };
  const channel = new SceneDrawingChannel();
  channel.onMessage(encodeSceneDrawing(drawing, 2));
  assert.equal(channel.latest(0), null);
  assert.deepEqual(channel.latest(2), drawing);
  assert.throws(() => channel.onMessage(new OutgoingMessage('t').writeString('{"bounds": 1}').toBytes()), (e: unknown) => isShivaError(e) && e.code === 'SHIVA_ERR_DRAWING');
  assert.throws(() => channel.onMessage(new OutgoingMessage('t').writeString('{"area": -1}').toBytes()), /\$\.area: expected an integer ≥ 0/);
});

test("on a training connection a malformed drawing is warned (the first three) and dropped, the area keeping its last good one", () => {
  const drawing: SceneDrawing = { scene: 'unity', step: 1, bounds: { minX: 0, minY: 0, maxX: 1, maxY: 1 }, layers: [], links: [], entities: [] };
  const warnings: string[] = [];
  const channel = new SceneDrawingChannel('grpc 127.0.0.1:5004 <- x: scene-drawing side channel', (m) => warnings.push(m));
  channel.onMessage(encodeSceneDrawing(drawing, 0));
  for (let i = 0; i < 5; i++) channel.onMessage(new OutgoingMessage('t').writeString('{"bounds": 1}').toBytes());
  channel.onMessage(new OutgoingMessage('t').writeString('{"area": 10000}').toBytes());
  assert.deepEqual(channel.latest(0), drawing);
  assert.equal(channel.rejected, 6);
  assert.equal(warnings.length, 3);
  assert.match(warnings[0]!, /^grpc 127\.0\.0\.1:5004 <- x: scene-drawing side channel: .*; the drawing is ignored$/);
  assert.match(warnings[2]!, /further refused drawings are counted, not reported/);
});
