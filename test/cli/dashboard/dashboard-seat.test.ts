/**
 * The human seat on the dashboard's server, without a browser: without --seat the dashboard stays view-only (no
 * /seat, no Seat tab, no WebSocket upgrade taken, /api/seat says null); with a seat, its files under /seat/ and its
 * WebSocket at /seat/ws under the dashboard's rules (Host 421, token 401, foreign Origin 403, one page at a time:
 * 1013), the page's CSP naming its WebSocket; the seat is loopback-only (--allow-remote or a non-loopback --host is
 * refused); `shiva dashboard --seat builtin:duel` records a duel played by a page-like client, writes the .demo, says
 * so on stdout, to the page and at /api/seat, and keeps serving; Ctrl-C during a recording leaves no file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { WebSocket } from 'ws';
import { DashboardServer } from '../../../src/cli/dashboard/dashboard-server.js';
import { isShivaError } from '../../../src/core/errors.js';
import { readDemoFile } from '../../../src/protocol/demo-file/index.js';
import { runCli, type RunningCli } from '../../helpers/processes.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** 'open' when the upgrade is taken, else the HTTP status of the refusal. */
function upgrade(url: string, options: { origin?: string; headers?: Record<string, string> } = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => resolve(-1));
  });
}

/** A connection the seat plays with (it got the greeting); the one before may still be closing (1013 meanwhile). */
async function recordingConnection(url: string, origin: string): Promise<{ socket: WebSocket; greeting: Record<string, unknown> }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const socket = new WebSocket(url, { origin });
    const greeting = await new Promise<Record<string, unknown> | null>((resolve) => {
      socket.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>));
      socket.once('close', () => resolve(null));
    });
    if (greeting) return { socket, greeting };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the seat never took a connection');
}

function resultsFolder(): { dir: string; results: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-dashboard-seat-'));
  const results = join(dir, 'results');
  mkdirSync(results);
  return { dir, results };
}

/** Resolves with the first stdout line of `cli` that parses as JSON and satisfies `wanted`. */
function jsonLine<T>(cli: RunningCli, wanted: (value: Record<string, unknown>) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what}: no such JSON line on stdout within ${timeoutMs} ms: ${text}`)), timeoutMs);
    const look = () => {
      for (const line of text.split('\n').slice(0, -1)) {
        if (!line.startsWith('{')) continue;
        const value = JSON.parse(line) as Record<string, unknown>;
        if (wanted(value)) {
          clearTimeout(timer);
          resolve(value as T);
          return;
        }
      }
    };
    cli.child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      look();
    });
    void cli.done.then((r) => {
      clearTimeout(timer);
      reject(new Error(`${what}: exited (${r.code}) first: ${r.stderr.slice(-1500)}`));
    });
  });
}

/** A page-like client of the seat: answers every decision with `action` (all agents the same). */
function playSeat(url: string, origin: string, action: number): { messages: Record<string, unknown>[]; socket: WebSocket } {
  const messages: Record<string, unknown>[] = [];
  const socket = new WebSocket(url, { origin });
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as Record<string, unknown>;
    messages.push(m);
    if (m['type'] === 'decision') {
      const agents = (m['agents'] as unknown[]).length;
      socket.send(JSON.stringify({ type: 'action', step: m['step'], continuous: [], discrete: new Array(agents).fill(action) }));
    }
  });
  return { messages, socket };
}

async function stop(cli: RunningCli, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), 15_000);
  const r = await cli.done;
  clearTimeout(timer);
  return r;
}

test('without --seat the dashboard stays view-only: /seat is 404, no Seat tab, /api/seat is null, a WebSocket upgrade is refused', async () => {
  const { results } = resultsFolder();
  const server = await DashboardServer.open({ resultsDir: results, port: 0 });
  try {
    const port = server.port;
    assert.equal(server.seat, null);
    for (const path of ['/seat', '/seat/', '/seat/seat.js', '/seat/tab.js', '/seat/ws']) {
      const r = await get(port, path);
      assert.equal(r.status, 404, path);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    }
    const page = await get(port, '/');
    assert.doesNotMatch(page.body, /tab-seat|seat\.js/);
    assert.match(String(page.headers['content-security-policy']), /connect-src 'self';/);
    assert.deepEqual(JSON.parse((await get(port, '/api/seat')).body), { seat: null });
    for (const path of ['/seat/ws', '/ws', '/']) {
      assert.equal(await upgrade(`ws://127.0.0.1:${port}${path}`, { origin: `http://127.0.0.1:${port}` }), 404, `no upgrade at ${path}`);
    }
    assert.equal((await get(port, '/seat/ws', {}, 'POST')).status, 405);
  } finally {
    await server.close();
  }
});

test('with a seat: its files under /seat/, a Seat tab, its WebSocket at /seat/ws with Host, token and Origin checked, one page at a time; refused off loopback', async () => {
  const { results } = resultsFolder();
  await assert.rejects(
    DashboardServer.open({ resultsDir: results, port: 0, host: '0.0.0.0', allowRemote: true, token: 't', seat: { describe: () => ({}) } }),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_USAGE') && /--seat: expected a dashboard on loopback/.test(e.message),
  );
  const server = await DashboardServer.open({ resultsDir: results, port: 0, seat: { describe: () => ({ env: 'builtin:duel', out: 'x.demo', episodes: 1, state: 'recording' }) } });
  try {
    const port = server.port;
    assert.equal(server.seat?.url, `http://127.0.0.1:${port}/seat/`);
    const page = await get(port, '/');
    assert.match(page.body, /<button id="tab-seat" class="tab" aria-selected="false">Seat<\/button>/);
    assert.match(page.body, /data-seat-ws="\/seat\/ws" data-seat-lazy/);
    assert.doesNotMatch(page.body, /<script>|<style>|\sstyle=|\son[a-z]+=/, 'still no inline code');
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, new RegExp(`script-src 'self'; style-src 'self'; connect-src 'self' ws://127\\.0\\.0\\.1:${port} ws://localhost:${port};`));
    assert.match(csp, /frame-ancestors 'none'/);
    const own = await get(port, '/seat/');
    assert.equal(own.status, 200);
    assert.equal(own.headers['content-security-policy'], csp);
    assert.equal(own.headers['x-frame-options'], 'DENY');
    assert.match(own.body, /<script src="\/seat\/seat\.js"><\/script>/);
    assert.match(own.body, /<link rel="stylesheet" href="\/seat\/seat\.css">/);
    assert.match(own.body, /data-seat-ws="\/seat\/ws"/);
    for (const name of ['seat.js', 'scene-map.js', 'tab.js']) {
      const script = await get(port, `/seat/${name}`);
      assert.equal(script.status, 200, name);
      assert.match(String(script.headers['content-type']), /text\/javascript/);
      assert.doesNotThrow(() => new vm.Script(script.body, { filename: name }));
    }
    assert.doesNotMatch((await get(port, '/seat/seat.js')).body, /'\/ws'/, 'the WebSocket path comes from the page');
    assert.deepEqual(JSON.parse((await get(port, '/api/seat')).body), { seat: { page: '/seat/', ws: '/seat/ws', env: 'builtin:duel', out: 'x.demo', episodes: 1, state: 'recording' } });

    const ws = `ws://127.0.0.1:${port}/seat/ws`;
    const origin = `http://127.0.0.1:${port}`;
    assert.equal(await upgrade(ws, { origin: 'http://attacker.example' }), 403, 'a foreign Origin');
    assert.equal(await upgrade(ws, { origin: `http://127.0.0.1:${port + 1}` }), 403, 'another port is another origin');
    assert.equal(await upgrade(ws, { origin, headers: { host: `attacker.example:${port}` } }), 421, 'a foreign Host');
    assert.equal(await upgrade(`ws://127.0.0.1:${port}/elsewhere`, { origin }), 400, 'only the seat\'s path');
    assert.equal(await upgrade(ws, { origin: `http://localhost:${port}` }), 'open');

    // One page at a time; it is greeted, asked, and the next one is refused with 1013 until it leaves.
    server.seat!.greet({ type: 'hello', behavior: 'X' });
    const { socket: first, greeting } = await recordingConnection(ws, origin);
    assert.deepEqual(greeting, { type: 'hello', behavior: 'X' });
    const second = new WebSocket(ws, { origin });
    assert.equal(await new Promise<number>((resolve) => second.once('close', (code) => resolve(code))), 1013);
    const answer = server.seat!.ask(0, { type: 'decision', step: 0 }, (m) => m['discrete']);
    first.send(JSON.stringify({ type: 'action', step: 0, continuous: [], discrete: [2] }));
    assert.deepEqual(await answer, [2]);
    first.close();
  } finally {
    await server.close();
  }

  // With a token, the upgrade needs it too (the page's cookie, or the header).
  const guarded = await DashboardServer.open({ resultsDir: results, port: 0, token: 's3cret', seat: { describe: () => ({}) } });
  try {
    const port = guarded.port;
    const origin = `http://127.0.0.1:${port}`;
    const ws = `ws://127.0.0.1:${port}/seat/ws`;
    assert.equal((await get(port, '/seat/')).status, 401);
    assert.equal(await upgrade(ws, { origin }), 401);
    assert.equal(await upgrade(ws, { origin, headers: { authorization: 'Bearer wrong' } }), 401);
    assert.equal(await upgrade(ws, { origin, headers: { cookie: 'shiva_dashboard=s3cret' } }), 'open');
    assert.equal(await upgrade(ws, { origin: 'http://attacker.example', headers: { authorization: 'Bearer s3cret' } }), 403);
  } finally {
    await guarded.close();
  }
});

test('shiva dashboard --seat refuses --allow-remote, a non-loopback --host, a missing --seat-out, and seat flags without --seat', async () => {
  const { dir, results } = resultsFolder();
  const out = join(dir, 'x.demo');
  const remote = await runCli(['dashboard', '--results-dir', results, '--port', '0', '--host', '0.0.0.0', '--allow-remote', '--token', 't', '--seat', 'builtin:duel', '--seat-out', out]).done;
  assert.equal(remote.code, 1);
  assert.match(remote.stderr, /--seat: expected a dashboard on loopback .*got --allow-remote.*\[SHIVA_ERR_USAGE\]/);
  const host = await runCli(['dashboard', '--results-dir', results, '--port', '0', '--host', '0.0.0.0', '--seat', 'builtin:duel', '--seat-out', out]).done;
  assert.equal(host.code, 1);
  assert.match(host.stderr, /--seat: expected a loopback --host .*got "0\.0\.0\.0".*\[SHIVA_ERR_BIND\]/);
  const noOut = await runCli(['dashboard', '--results-dir', results, '--port', '0', '--seat', 'builtin:duel']).done;
  assert.equal(noOut.code, 1);
  assert.match(noOut.stderr, /--seat-out: expected the \.demo file the seat records to .*\[SHIVA_ERR_USAGE\]/);
  const stray = await runCli(['dashboard', '--results-dir', results, '--port', '0', '--seat-out', out, '--seat-episodes', '2']).done;
  assert.equal(stray.code, 1);
  assert.match(stray.stderr, /--seat-out, --seat-episodes: expected only with --seat ENV, got no --seat \[SHIVA_ERR_USAGE\]/);
  const unknown = await runCli(['dashboard', '--results-dir', results, '--port', '0', '--seat', 'builtin:duel', '--seat-out', out, '--seat-behavior', 'Nobody']).done;
  assert.equal(unknown.code, 1, 'a seat that cannot start ends the command');
  assert.match(unknown.stderr, /--behavior: expected one of \[.*Duel\?team=0.*\], got "Nobody" \[SHIVA_ERR_UNKNOWN_BEHAVIOR\]/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.demo')), [], 'nothing written');
});

test('shiva dashboard --seat builtin:duel: a page-like client plays a two-step duel; the .demo is written, stdout, the page and /api/seat say so, the dashboard keeps serving', { timeout: 60_000 }, async () => {
  const { dir, results } = resultsFolder();
  const out = join(dir, 'seat.demo');
  const cli = runCli(['dashboard', '--results-dir', results, '--port', '0', '--seat', 'builtin:duel', '--seat-behavior', 'Duel?team=0', '--seat-out', out, '--seat-param', 'half_length=2', '--seat-param', 'max_steps=2', '--seat-seed', '1']);
  try {
    const ready = await jsonLine<{ url: string; port: number; seat: string }>(cli, (v) => 'url' in v, 'shiva dashboard');
    assert.equal(ready.seat, `${ready.url}seat/`);
    const origin = ready.url.replace(/\/$/, '');
    const done = jsonLine<{ seat: { file: string; behavior: string; steps: number; episodes: number } }>(cli, (v) => 'seat' in v && typeof v['seat'] === 'object', 'the seat');
    const { messages, socket } = playSeat(`${origin.replace('http', 'ws')}/seat/ws`, origin, 2); // forward, twice
    const { seat } = await done;
    assert.deepEqual({ ...seat, meanReward: undefined }, { file: out, behavior: 'Duel?team=0', steps: 3, episodes: 1, meanReward: undefined });
    const hello = messages.find((m) => m['type'] === 'hello')!;
    assert.deepEqual(hello['actionNames'], { branches: [{ name: 'run', options: ['back', 'stay', 'forward'] }] }, 'the scene names its actions');
    assert.equal(hello['map'], true);
    const decisions = messages.filter((m) => m['type'] === 'decision');
    assert.equal(decisions.length, 2);
    assert.equal((decisions[0]!['drawing'] as { scene: string }).scene, 'duel', 'the map goes with each decision');
    for (let i = 0; i < 50 && !messages.some((m) => m['type'] === 'done'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual({ ...messages.find((m) => m['type'] === 'done'), meanReward: undefined }, { type: 'done', file: out, behavior: 'Duel?team=0', steps: 3, episodes: 1, meanReward: undefined });
    socket.close();
    const demo = readDemoFile(out);
    assert.equal(demo.steps, 3);
    assert.deepEqual(Array.from(demo.discreteActions.subarray(0, 2)), [2, 2]);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);

    // It keeps serving; a page that comes back is greeted and told the recording is done.
    assert.equal((await get(ready.port, '/')).status, 200);
    const api = JSON.parse((await get(ready.port, '/api/seat')).body) as { seat: { state: string; result: { steps: number } } };
    assert.equal(api.seat.state, 'done');
    assert.equal(api.seat.result.steps, 3);
    const again = playSeat(`${origin.replace('http', 'ws')}/seat/ws`, origin, 2);
    for (let i = 0; i < 100 && again.messages.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(again.messages.map((m) => m['type']), ['hello', 'done']);
    again.socket.close();
    const info = await runCli(['demo', 'info', out]).done;
    assert.equal(info.code, 0, info.stderr);
  } finally {
    const r = await stop(cli, 'SIGTERM');
    assert.equal(r.code, 143, r.stderr);
  }
});

test('Ctrl-C during a seat recording: the command ends, and no .demo, whole or partial, is left', { timeout: 60_000 }, async () => {
  const { dir, results } = resultsFolder();
  const out = join(dir, 'stopped.demo');
  const cli = runCli(['dashboard', '--results-dir', results, '--port', '0', '--seat', 'builtin:duel', '--seat-behavior', 'Duel?team=0', '--seat-out', out, '--seat-param', 'max_steps=50']);
  const ready = await jsonLine<{ url: string }>(cli, (v) => 'url' in v, 'shiva dashboard');
  const origin = ready.url.replace(/\/$/, '');
  const messages: Record<string, unknown>[] = [];
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/seat/ws`, { origin });
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as Record<string, unknown>;
    messages.push(m);
    // Two decisions answered (stay), the third left waiting.
    if (m['type'] === 'decision' && (m['step'] as number) < 2) socket.send(JSON.stringify({ type: 'action', step: m['step'], continuous: [], discrete: [1] }));
  });
  for (let i = 0; i < 500 && !messages.some((m) => m['type'] === 'decision' && m['step'] === 2); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(messages.some((m) => m['type'] === 'decision' && m['step'] === 2), 'the recording was under way');
  assert.ok(readdirSync(dir).some((f) => f.endsWith('.tmp')), 'its temporary file exists while it records');
  const r = await stop(cli, 'SIGINT');
  socket.close();
  assert.equal(r.code, 130, r.stderr);
  assert.equal(existsSync(out), false);
  assert.deepEqual(readdirSync(dir).filter((f) => f !== 'results'), [], 'nothing half-written');
});
