/**
 * The dashboard's map data over HTTP: a run's recorded episodes (RUN/episodes, shiva train --record-episodes) listed
 * and read back as scene drawings (both scout teams, a line of fire), the map's scripts served as JavaScript, and
 * names that are not a recorded episode refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import vm from 'node:vm';
import { DashboardServer } from '../../../src/cli/dashboard/dashboard-server.js';
import type { SceneDrawing } from '../../../src/core/env/scene-drawing.js';
import { recordScoutEpisodes } from '../../helpers/scout-episodes.js';

function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('GET /api/runs/RUN/episodes lists recorded episodes and /episodes/FILE returns their frames: both scout teams and a line of fire', async () => {
  const results = mkdtempSync(join(tmpdir(), 'shiva-map-api-'));
  const { files, withFire } = await recordScoutEpisodes(join(results, 'scout-run'), 3);
  writeFileSync(join(results, 'scout-run', 'episodes', 'broken-0-1.jsonl'), '{"not": "a drawing"}\n');
  const server = await DashboardServer.open({ resultsDir: results, port: 0 });
  try {
    const list = await get(server.port, '/api/runs/scout-run/episodes');
    assert.equal(list.status, 200);
    const episodes = (JSON.parse(list.body) as { episodes: string[] }).episodes;
    assert.deepEqual(episodes, ['broken-0-1.jsonl', ...files.map((f) => basename(f))]);

    const one = await get(server.port, `/api/runs/scout-run/episodes/${basename(withFire)}`);
    assert.equal(one.status, 200);
    const frames = (JSON.parse(one.body) as { frames: (Omit<SceneDrawing, 'layers'> & { layers?: SceneDrawing['layers'] })[] }).frames;
    assert.ok(frames.length > 1);
    assert.ok(frames[0]!.layers!.some((l) => l.kind === 'graph'), 'the backdrop comes with the first frame');
    assert.deepEqual([...new Set(frames[0]!.entities.filter((e) => e.kind === 'agent').map((e) => e.team))].sort(), [0, 1]);
    assert.ok(frames[0]!.entities.some((e) => e.kind === 'civilian') && frames[0]!.entities.some((e) => e.kind === 'trainee'));
    assert.ok(frames.some((f) => f.links.some((l) => l.kind === 'fire')), 'a line of fire');

    const broken = await get(server.port, '/api/runs/scout-run/episodes/broken-0-1.jsonl');
    assert.equal(broken.status, 404);
    assert.match(broken.body, /SHIVA_ERR_DRAWING|\$\.bounds: expected an object/);
    assert.equal((await get(server.port, '/api/runs/scout-run/episodes/..%2F..%2Frun.json')).status, 400);
    const missing = await get(server.port, '/api/runs/scout-run/episodes/nothing.jsonl');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /expected one of run \\?"scout-run\\?"'s recorded episodes/);

    for (const script of ['/scene-map.js', '/map-view.js']) {
      const js = await get(server.port, script);
      assert.equal(js.status, 200);
      assert.match(js.type, /text\/javascript/);
      assert.doesNotThrow(() => new vm.Script(js.body, { filename: script }));
    }
    const page = await get(server.port, '/');
    assert.match(page.body, /id="tab-map"/);
    assert.match(page.body, /<script src="\/map-view\.js"><\/script>/);
  } finally {
    await server.close();
  }
});
