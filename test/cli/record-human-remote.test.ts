/**
 * The human seat with a connected scene (Environment.drawing): a Unity build that sends its drawings on the
 * scene-drawing side channel (the stand-in with --send-drawings, launched as an executable) gets its map to the seat
 * with every decision; a stand-in of a built-in scene (standin:duel) gets that scene's action names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { recordHuman } from '../../src/cli/record-human.js';
import { readDemoFile } from '../../src/protocol/demo-file/index.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { cliMain } from '../helpers/paths.js';

const logger = createLogger('record-human-remote-test');
logger.level = 'warn';

/** Records one short duel from `env` with a page-like client that always runs forward; returns what the page got. */
async function play(env: string, out: string): Promise<{ messages: Record<string, unknown>[]; steps: number }> {
  let resolveUrl: (u: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (resolveUrl = resolve));
  const recording = recordHuman({ env, behavior: 'Duel?team=0', episodes: 1, out, seed: 1, basePort: 0, timeoutMs: 30_000, port: 0, onListening: (u) => resolveUrl(u), logger, parameters: { half_length: 2, max_steps: 2 } });
  const url = await Promise.race([listening, recording.then(() => '')]);
  const messages: Record<string, unknown>[] = [];
  const client = new WebSocket(`${url.replace('http', 'ws')}ws`);
  client.on('message', (data) => {
    const m = JSON.parse(String(data)) as Record<string, unknown>;
    messages.push(m);
    if (m['type'] === 'decision') client.send(JSON.stringify({ type: 'action', step: m['step'], continuous: [], discrete: [2] }));
  });
  const result = await recording;
  client.close();
  return { messages, steps: result.steps };
}

test('the seat with connected scenes: a Unity build\'s drawings reach the page with each decision; a stand-in of a built-in scene keeps its action names', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-record-human-remote-'));
  const player = join(dir, 'Duel.x86_64');
  writeFileSync(player, `#!/bin/sh\nexec "${process.execPath}" "${cliMain}" unity-standin --env duel --send-drawings "$@"\n`);
  chmodSync(player, 0o755);
  const drawn = await play(player, join(dir, 'drawn.demo'));
  const decisions = drawn.messages.filter((m) => m['type'] === 'decision');
  assert.equal(decisions.length, 2);
  for (const d of decisions) {
    const drawing = d['drawing'] as { scene: string; entities: { kind: string }[] } | null;
    assert.ok(drawing !== null, 'the drawing the scene sent on the side channel');
    assert.equal(drawing.scene, 'duel');
    assert.equal(drawing.entities.filter((e) => e.kind === 'agent').length, 2);
  }
  assert.equal(drawn.messages[0]!['actionNames'], null, 'an executable names no actions');
  assert.equal(readDemoFile(join(dir, 'drawn.demo')).steps, drawn.steps);

  const named = await play('standin:duel', join(dir, 'named.demo'));
  const hello = named.messages.find((m) => m['type'] === 'hello')!;
  assert.deepEqual(hello['actionNames'], { branches: [{ name: 'run', options: ['back', 'stay', 'forward'] }] });
  const decision = named.messages.find((m) => m['type'] === 'decision')!;
  assert.deepEqual((decision['agents'] as { actionNames: unknown }[])[0]!.actionNames, hello['actionNames']);
  assert.equal(decision['drawing'], null, 'a stand-in that sends no drawings: the page shows the observations');
  assert.equal(named.steps, 3);
});
