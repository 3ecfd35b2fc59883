/**
 * `shiva record --human` driven by a real WebSocket client that behaves like the page: it reads each decision,
 * sends an action, and the resulting .demo file holds exactly the observations shown and the actions sent.
 */
import { test } from 'node:test';
import vm from 'node:vm';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { recordHuman } from '../../src/cli/record-human.js';
import { readDemoFile } from '../../src/protocol/demo-file/index.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-record-human-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('record-human-test');
logger.level = 'warn';

interface Decision {
  type: 'decision';
  step: number;
  agents: { agentId: number; observations: number[][]; mask: number[] | null }[];
}

function fetchText(url: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    }).on('error', reject);
  });
}

test('a page-like WebSocket client plays two CartPole episodes: the .demo holds its observations and actions, an invalid action is refused and asked again', async () => {
  const out = join(work, 'human.demo');
  let resolveUrl: (u: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (resolveUrl = resolve));
  const recording = recordHuman({ env: 'builtin:cartpole', episodes: 2, out, seed: 7, timeoutMs: 10_000, port: 0, onListening: (u) => resolveUrl(u), logger });
  const url = await Promise.race([listening, recording.then(() => '')]);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);

  const page = await fetchText(url);
  assert.equal(page.status, 200);
  assert.match(page.type, /text\/html/);
  // No inline code: the seat's scripts are files it serves (the CSP allows nothing else).
  assert.doesNotMatch(page.body, /<script>|<style>/);
  assert.match(page.body, /<script src="\/seat\.js"><\/script>/);
  // The page's scripts are valid JavaScript as served (compiled, not run: no browser here).
  for (const name of ['seat.js', 'scene-map.js']) {
    const script = await fetchText(`${url}${name}`);
    assert.equal(script.status, 200, name);
    assert.match(script.type, /text\/javascript/);
    if (name === 'seat.js') assert.match(script.body, /new WebSocket\(/);
    assert.doesNotThrow(() => new vm.Script(script.body, { filename: name }));
  }
  assert.equal((await fetchText(`${url}nothing`)).status, 404);

  const client = new WebSocket(`${url.replace('http', 'ws')}ws`);
  const shown = new Map<number, number[]>();
  const sent = new Map<number, number>();
  const messages: { type: string; [k: string]: unknown }[] = [];
  let episodesEnded = 0;
  let triedInvalid = false;
  let secondRefused: Promise<number> | null = null;
  client.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; [k: string]: unknown };
    messages.push(m);
    if (m.type === 'episode') episodesEnded = m['episodes'] as number;
    if (m.type !== 'decision') return;
    const d = m as unknown as Decision;
    if (!secondRefused) {
      // One page at a time: a second one is closed with 1013.
      const second = new WebSocket(`${url.replace('http', 'ws')}ws`);
      secondRefused = new Promise((resolve) => second.on('close', (code) => resolve(code)));
    }
    if (!triedInvalid) {
      triedInvalid = true;
      client.send(JSON.stringify({ type: 'action', step: d.step, continuous: [], discrete: [2] }));
      return;
    }
    shown.set(d.step, d.agents[0]!.observations[0]!);
    // The "human": always right in the first episode, always left in the second.
    const action = episodesEnded === 0 ? 1 : 0;
    sent.set(d.step, action);
    client.send(JSON.stringify({ type: 'action', step: d.step, continuous: [], discrete: [action] }));
  });
  const result = await recording;
  client.close();

  assert.equal(await secondRefused, 1013);
  const hello = messages[0]!;
  assert.deepEqual(hello, { type: 'hello', behavior: 'CartPole?team=0', observationShapes: [[4]], continuousSize: 0, discreteBranches: [2], episodes: 2, actionNames: null, map: false });
  const error = messages.find((m) => m.type === 'error');
  assert.match(String(error?.['message']), /page action: discrete\[0\] \(agent \d+, branch 0\): expected an integer in \[0, 1\], got 2/);
  // After the refusal the same decision (step 0) came again.
  assert.equal(messages.filter((m) => m.type === 'decision' && m['step'] === 0).length, 2);
  assert.equal(messages.at(-1)!.type, 'done');

  const demo = readDemoFile(out);
  assert.equal(result.episodes, 2);
  assert.equal(demo.steps, result.steps);
  assert.equal(demo.steps, sent.size + 2, 'one row per decision and one per episode end');
  assert.deepEqual(Array.from(demo.dones).reduce((a, b) => a + b, 0), 2);
  // Decision rows in order: their observations are the ones shown and their actions the ones sent.
  const steps = [...sent.keys()].sort((a, b) => a - b);
  let row = 0;
  const firstEpisode: number[] = [];
  const secondEpisode: number[] = [];
  for (const step of steps) {
    if (demo.dones[row]) row++; // the episode-end row between the two episodes
    assert.deepEqual(Array.from(demo.observations[0]!.subarray(row * 4, row * 4 + 4)), Array.from(Float32Array.from(shown.get(step)!)));
    assert.equal(demo.discreteActions[row], sent.get(step));
    (demo.episodeStarts[1]! > row ? firstEpisode : secondEpisode).push(demo.discreteActions[row]!);
    row++;
  }
  assert.ok(firstEpisode.length > 0 && firstEpisode.every((a) => a === 1));
  assert.ok(secondEpisode.length > 0 && secondEpisode.every((a) => a === 0));
  // Every step pays 1; an episode's first row carries no reward yet (it opens the episode), so each episode of k
  // rows returns k − 1.
  assert.equal(result.meanReward, (demo.steps - 2) / 2);
});

test('`shiva record --expert human --port 0` prints the page address, records one episode played over WebSocket, prints the result line', async () => {
  const out = join(work, 'cli-human.demo');
  const cli = runCli(['record', '--env', 'builtin:cartpole', '--expert', 'human', '--port', '0', '--episodes', '1', '--out', out, '--seed', '2']);
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    cli.child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/) in a browser/.exec(text);
      if (match) resolve(match[1]!);
    });
    void cli.done.then((r) => reject(new Error(`exited before serving the page: ${r.stderr}`)));
  });
  const client = new WebSocket(`${url.replace('http', 'ws')}ws`);
  let decisions = 0;
  client.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; step?: number };
    if (m.type !== 'decision') return;
    decisions++;
    client.send(JSON.stringify({ type: 'action', step: m.step, continuous: [], discrete: [0] }));
  });
  const result = await cli.done;
  client.close();
  assert.equal(result.code, 0, result.stderr);
  const line = lastJsonLine<{ file: string; behavior: string; steps: number; episodes: number }>(result.stdout);
  assert.deepEqual({ ...line, meanReward: undefined }, { file: out, behavior: 'CartPole?team=0', steps: decisions + 1, episodes: 1, meanReward: undefined });
  const demo = readDemoFile(out);
  assert.equal(demo.steps, decisions + 1);
  assert.ok(Array.from(demo.discreteActions).every((a) => a === 0));
});
