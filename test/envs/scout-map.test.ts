import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinMap, builtinMapPath, generatedMap } from '../../envs/scout/builtin-maps.js';
import { gridMapJson } from '../../envs/scout/grid-map.js';
import { segmentCrossesBlocker } from '../../envs/scout/line-of-sight.js';
import { generateScoutMap, generateScoutMapLayers } from '../../envs/scout/map-generator.js';
import { loadScoutMap, parseScoutMap, type ScoutMapJson } from '../../envs/scout/scout-map-json.js';
import { DIRECTIONS, MAX_DIRECTIONS, OPPOSITE, type ScoutMap } from '../../envs/scout/scout-map.js';
import { deriveLayer, layerCorrespondence } from '../../envs/scout/terrain.js';
import { isShivaError } from '../../src/core/errors.js';

/** Three nodes in a column, 50 apart: 0 (red) — 1 — 2 (blue, objective). */
function tiny(): ScoutMapJson {
  return gridMapJson({ cols: 1, rows: 3, red: [0], blue: [2], objectives: [{ name: 'top', node: 2 }] });
}

function mapError(json: unknown, file: string): string {
  try {
    parseScoutMap(json, file);
  } catch (e) {
    assert.ok(isShivaError(e, 'SHIVA_ERR_MAP'), String(e));
    return e.message;
  }
  assert.fail('the map was accepted');
}

/** Checks the invariants every valid map has: symmetric edges along their directions, symmetric sight. */
function assertConsistent(map: ScoutMap): void {
  for (let u = 0; u < map.nodeCount; u++) {
    for (let d = 0; d < map.connectivity; d++) {
      const v = map.neighbor(u, d);
      if (v < 0) continue;
      assert.equal(map.neighbor(v, OPPOSITE[d]!), u, `${map.name}: edge ${u} ${DIRECTIONS[d]} → ${v} goes back`);
    }
    for (let k = map.losStart[u]!; k < map.losStart[u + 1]!; k++) assert.ok(map.canSee(map.losNodes[k]!, u), `${map.name}: sight ${u} ↔ ${map.losNodes[k]}`);
  }
}

test('the reference map: 116 waypoints, 4-connected, two objectives, spawns and three patrols; the coarse file is its layer at stride 4', () => {
  const map = builtinMap('scout-116');
  assert.equal(map.nodeCount, 116);
  assert.equal(map.connectivity, 4);
  assert.deepEqual(map.objectives.map((o) => [o.name, o.range]), [['hilltop', 100], ['compound', 100]]);
  assert.equal(map.redSpawns.length, 4);
  assert.equal(map.patrols.length, 3);
  assert.deepEqual([map.minX, map.minY, map.extent], [0, 0, 550]);
  assertConsistent(map);
  for (let u = 0; u < map.nodeCount; u++) for (let d = 4; d < MAX_DIRECTIONS; d++) assert.equal(map.neighbor(u, d), -1, 'no diagonal edges');
  // Node 0 is the south-west corner; walls between waypoints cut some edges (node 25 has no east edge).
  assert.deepEqual([map.x[0], map.y[0], map.neighbor(0, 0), map.neighbor(0, 3)], [0, 0, 12, 1]);
  assert.equal(map.neighbor(25, 3), -1);

  const coarse = builtinMap('scout-116-coarse');
  const derived = deriveLayer(map, { name: 'scout-116-coarse', stride: 4 });
  assert.deepEqual(JSON.parse(readFileSync(builtinMapPath('scout-116-coarse'), 'utf8')), JSON.parse(JSON.stringify(derived)), 'maps/scout-116-coarse.json is deriveLayer(scout-116, stride 4)');
  assert.equal(coarse.nodeCount, 28);
  assertConsistent(coarse);
  // Fine waypoints map to a coarse one within a coarse cell (100 units), except in the north-east corner:
  // a building stands on the coarse cell (20, 16), and the coarse rows stop at 16 (the fine ones at 18).
  const toCoarse = layerCorrespondence(map, coarse);
  const far: number[] = [];
  for (let i = 0; i < map.nodeCount; i++) if (Math.hypot(map.x[i]! - coarse.x[toCoarse[i]!]!, map.y[i]! - coarse.y[toCoarse[i]!]!) > 100) far.push(i);
  assert.deepEqual(far.map((i) => [map.x[i], map.y[i]]), [[550, 400], [500, 450], [550, 450]]);
});

test('line of sight: blocked by a rectangle between, not by one touched at an edge, and never beyond losRange', () => {
  const wall = { x0: -10, y0: 60, x1: 10, y1: 90 }; // across the column between y = 50 and y = 100
  const map = parseScoutMap(gridMapJson({ cols: 2, rows: 8, red: [0], blue: [2], objectives: [{ name: 'o', node: 2 }], blockers: [wall] }), 'los');
  // Column x = 0 holds even ids (0, 2, 4, …); column x = 50 the odd ones.
  assert.equal(map.canSee(0, 2), true, '(0,0) sees (0,50)');
  assert.equal(map.canSee(0, 4), false, '(0,0) → (0,100) crosses the wall');
  assert.equal(map.canSee(4, 0), false, 'sight is symmetric');
  assert.equal(map.canSee(1, 5), true, 'the other column is clear');
  assert.equal(map.canSee(0, 0), true);
  assert.equal(map.canSee(1, 13), true, '300 apart: within the default 300');
  assert.equal(map.canSee(1, 15), false, '350 apart: beyond losRange');
  assert.equal(segmentCrossesBlocker(0, 0, 100, 0, { x0: 0, y0: 0, x1: 50, y1: 50 }), false, 'along an edge');
  assert.equal(segmentCrossesBlocker(0, 0, 100, 100, { x0: 50, y0: 0, x1: 100, y1: 50 }), false, 'through a corner');
  assert.equal(segmentCrossesBlocker(0, 10, 100, 10, { x0: 50, y0: 0, x1: 60, y1: 50 }), true);
  const short = parseScoutMap({ ...gridMapJson({ cols: 1, rows: 4, red: [0], blue: [1], objectives: [{ name: 'o', node: 3 }] }), losRange: 100 }, 'short');
  assert.deepEqual([short.canSee(0, 2), short.canSee(0, 3)], [true, false]);
});

test('shortest-path guidance: hops and first moves on a grid with a missing edge', () => {
  const json = gridMapJson({ cols: 3, rows: 3, red: [0], blue: [8], objectives: [{ name: 'o', node: 8 }] });
  // Cut 0 ↔ 1 (east/west): from 0 the way to 2 now starts north.
  delete json.nodes[0]!.edges.east;
  delete json.nodes[1]!.edges.west;
  const map = parseScoutMap(json, 'guidance');
  assert.deepEqual(Array.from(map.hopsToward(2)), [4, 1, 0, 3, 2, 1, 4, 3, 2]);
  assert.equal(map.firstMove(0, 2), 1, 'north (move 1)');
  assert.equal(map.firstMove(1, 2), 4, 'east (move 4)');
  assert.equal(map.firstMove(8, 0), 2, 'south before west: ties go to the first direction');
  assert.equal(map.firstMove(4, 4), 0);
});

test('map errors name the file, the field, what was expected and what came', () => {
  const f = 'maps/bad.json';
  const edit = (change: (m: ScoutMapJson) => void): ScoutMapJson => {
    const m = tiny();
    change(m);
    return m;
  };
  assert.equal(mapError([], f), 'maps/bad.json: (root): expected an object, got []');
  assert.equal(mapError(edit((m) => ((m as { version: number }).version = 2)), f), 'maps/bad.json: version: expected 1, got 2');
  assert.equal(mapError(edit((m) => (m.connectivity = 6 as 4)), f), 'maps/bad.json: connectivity: expected 4 or 8, got 6');
  assert.equal(mapError(edit((m) => (m.nodes = [])), f), 'maps/bad.json: nodes: expected a non-empty array, got []');
  assert.equal(mapError(edit((m) => (m.nodes[2]!.id = 5)), f), 'maps/bad.json: nodes[2].id: expected 2 (its index in nodes), got 5');
  assert.equal(mapError(edit((m) => ((m.nodes[1] as { x: unknown }).x = '50')), f), 'maps/bad.json: nodes[1].x: expected a finite number, got "50"');
  assert.equal(mapError(edit((m) => (m.nodes[0]!.cover = 1.5)), f), 'maps/bad.json: nodes[0].cover: expected a number in [0, 0.9], got 1.5');
  assert.equal(mapError(edit((m) => (m.nodes[1]!.edges.north = 7)), f), 'maps/bad.json: nodes[1].edges.north: expected a node id 0..2, got 7');
  assert.equal(mapError(edit((m) => (m.nodes[1]!.edges.north = 1)), f), 'maps/bad.json: nodes[1].edges.north: expected another node (an edge to itself), got 1');
  assert.equal(
    mapError(edit((m) => (m.nodes[0]!.edges.northeast = 1)), f),
    'maps/bad.json: nodes[0].edges.northeast: expected a direction of a 4-connected map (north, south, west, east), got "northeast"',
  );
  assert.equal(
    mapError(edit((m) => delete m.nodes[1]!.edges.south), f),
    'maps/bad.json: nodes[0].edges.north: expected a node whose edges.south is 0 (edges go both ways), got node 1, whose edges.south is missing',
  );
  assert.equal(
    mapError(edit((m) => {
      m.nodes[0]!.edges = { east: 1 };
      m.nodes[1]!.edges = { west: 0, north: 2 };
    }), f),
    'maps/bad.json: nodes[0].edges.east: expected a node within 45° east of (0, 0), got node 1 at (0, 50)',
  );
  assert.equal(mapError(edit((m) => (m.spawns.red = [])), f), 'maps/bad.json: spawns.red: expected a non-empty array of node ids, got []');
  assert.equal(mapError(edit((m) => (m.spawns.blue = [0, 3])), f), 'maps/bad.json: spawns.blue[1]: expected a node id 0..2, got 3');
  assert.equal(mapError(edit((m) => delete (m as Partial<ScoutMapJson>).spawns), f), 'maps/bad.json: spawns: expected an object, got nothing');
  assert.match(mapError(edit((m) => (m.objectives = [1, 2, 3, 4, 5].map((i) => ({ name: `o${i}`, node: 2 })))), f), /^maps\/bad\.json: objectives: expected an array of 1 to 4 objectives, got \[/);
  assert.equal(mapError(edit((m) => (m.objectives[0]!.range = 0)), f), 'maps/bad.json: objectives[0].range: expected a positive number, got 0');
  assert.equal(
    mapError(edit((m) => {
      delete m.nodes[1]!.edges.north;
      delete m.nodes[2]!.edges.south;
    }), f),
    'maps/bad.json: objectives[0].node: expected a node reachable along edges from a red spawn (0), got 2, which is not',
  );
  assert.equal(mapError(edit((m) => (m.patrols = [[1], []])), f), 'maps/bad.json: patrols[1]: expected a non-empty array of node ids, got []');
  assert.equal(mapError(edit((m) => (m.blockers = [{ x0: 0, y0: 5, x1: 10, y1: 5 }])), f), 'maps/bad.json: blockers[0].y1: expected a number above y0 = 5, got 5');
  assert.equal(mapError(edit((m) => (m.losRange = -1)), f), 'maps/bad.json: losRange: expected a positive number, got -1');
  assert.equal(
    mapError(edit((m) => {
      m.nodes[0]!.visible = [1];
      m.nodes[1]!.visible = [2];
      m.nodes[2]!.visible = [1];
    }), f),
    'maps/bad.json: nodes[0].visible[0]: expected a node whose visible list holds 0 (sight goes both ways), got node 1, whose list does not',
  );
  assert.equal(
    mapError(edit((m) => (m.nodes[0]!.visible = [1])), f),
    'maps/bad.json: nodes[1].visible: expected an array of node ids (nodes[0] lists its visible nodes, so every node must), got nothing',
  );
  assert.equal(mapError(edit((m) => (m.terrain = { cellSize: 25, rows: ['..', '.x'] })), f), 'maps/bad.json: terrain.rows[1]: expected a string of 2 characters from ". + * #", got ".x"');
});

test('map files: unreadable, not JSON, or invalid, each named by path; explicit sight lists are used as given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scout-map-'));
  try {
    const missing = join(dir, 'missing.json');
    assert.throws(() => loadScoutMap(missing), (e) => isShivaError(e, 'SHIVA_ERR_MAP') && e.message === `${missing}: expected a readable scout map file, got ENOENT`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "version": 1, ');
    assert.throws(() => loadScoutMap(broken), (e) => isShivaError(e, 'SHIVA_ERR_MAP') && e.message.startsWith(`${broken}: expected JSON, got a syntax error: `));
    const bad = join(dir, 'bad.json');
    const json = tiny();
    json.nodes[2]!.edges.south = 0;
    writeFileSync(bad, JSON.stringify(json));
    assert.throws(() => loadScoutMap(bad), (e) => isShivaError(e, 'SHIVA_ERR_MAP') && e.message.startsWith(`${bad}: nodes[1].edges.north: expected a node whose edges.south is 1`));
    const good = join(dir, 'good.json');
    const withSight = tiny();
    withSight.nodes[0]!.visible = [2];
    withSight.nodes[1]!.visible = [];
    withSight.nodes[2]!.visible = [0];
    writeFileSync(good, JSON.stringify(withSight));
    const map = loadScoutMap(good);
    assert.deepEqual([map.canSee(0, 2), map.canSee(0, 1), map.canSee(1, 2), map.source], [true, false, false, good]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the generator: seeded, any size, a fine and a coarse layer over one terrain, 4- or 8-connected', () => {
  const a = generateScoutMap({ width: 12, seed: 3 });
  assert.deepEqual(generateScoutMap({ width: 12, seed: 3 }), a, 'same seed, same map');
  assert.notDeepEqual(generateScoutMap({ width: 12, seed: 4 }), a);
  for (const [width, height] of [[4, 4], [12, 10], [40, 25]] as const) {
    const layers = generateScoutMapLayers({ width, height, seed: 11 });
    const fine = parseScoutMap(layers.fine, 'fine');
    const coarse = parseScoutMap(layers.coarse, 'coarse');
    assertConsistent(fine);
    assert.ok(fine.nodeCount <= width * height && fine.nodeCount >= (width * height) / 2, `${width}×${height}: ${fine.nodeCount} waypoints`);
    assert.ok(coarse.nodeCount < fine.nodeCount);
    assert.equal(layers.terrain.cols, (width - 1) * 2 + 1);
    assert.deepEqual(fine.terrain, coarse.terrain, 'both layers carry the same terrain');
    assert.equal(fine.objectives.length, 2);
    // Spacing: fine waypoints 50 apart, coarse ones 100.
    assert.equal(fine.distance(0, fine.neighbor(0, 3) >= 0 ? fine.neighbor(0, 3) : fine.neighbor(0, 0)), 50);
    assert.equal(coarse.distance(0, coarse.neighbor(0, 3) >= 0 ? coarse.neighbor(0, 3) : coarse.neighbor(0, 0)), 100);
  }
  const eight = parseScoutMap(generateScoutMap({ width: 10, seed: 2, connectivity: 8 }), 'eight');
  assert.equal(eight.connectivity, 8);
  assertConsistent(eight);
  let diagonals = 0;
  for (let u = 0; u < eight.nodeCount; u++) for (let d = 4; d < 8; d++) if (eight.neighbor(u, d) >= 0) diagonals++;
  assert.ok(diagonals > 50, `${diagonals} diagonal edges`);
  assert.equal(generatedMap(12, 3), generatedMap(12, 3), 'generated maps are cached');
  assert.throws(() => generateScoutMap({ width: 2, seed: 0 }), (e) => isShivaError(e, 'SHIVA_ERR_MAP') && /width: expected an integer 4\.\.500 \(waypoints per side\), got 2/.test(e.message));
});
