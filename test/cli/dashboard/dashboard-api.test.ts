/**
 * `shiva dashboard`'s HTTP API without a browser: the runs of a results folder, a curve downsampled to the points
 * asked for (200,000 points → at most 500, extremes kept) that grows as the run appends, the decisions of a trace
 * file and one of them with its veto and `shiva explain`'s text; and what it refuses: run ids and file names with
 * `..` (plain or encoded), symbolic links out of the results folder, other Hosts, anything but GET/HEAD, and
 * requests without the token when one is set; off loopback only with --allow-remote, and then with a token. Every
 * response carries the security headers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardServer } from '../../../src/cli/dashboard/dashboard-server.js';
import { runCli } from '../../helpers/processes.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request (the path is sent as given: `..` is not folded away as fetch or URL would). */
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

function assertHeaders(r: Reply, what: string): void {
  assert.equal(r.headers['x-frame-options'], 'DENY', what);
  assert.equal(r.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(r.headers['referrer-policy'], 'no-referrer', what);
  assert.equal(r.headers['cache-control'], 'no-store', what);
}

const TAG = 'Environment/Cumulative Reward';

/** One traced decision of a two-branch behavior where rule `no-left-push` vetoes `left` and the environment masks `up`. */
function traceLine(agent: number, step: number, veto: boolean): string {
  const candidate = (index: number, label: string, p: number, rejected: boolean) => ({
    index,
    label,
    contributions: [{ conditional: '(policy)', kind: 'policy', value: p }, ...(rejected ? [{ conditional: 'no-left-push', kind: 'reject', value: 1 }] : [])],
    score: rejected ? 0 : p,
    factor: rejected || p === 0 ? 0 : 1,
    combined: rejected ? 0 : veto ? p / 0.6 : p,
  });
  return JSON.stringify({
    v: 1,
    time: '2026-01-01T00:00:00.000Z',
    behavior: 'Cart?team=0',
    learner: 'Cart',
    env: 0,
    agent,
    step,
    mode: 'sample',
    observation: [-2.5, 0],
    actions: [1, 0],
    trace: {
      version: 1,
      rules: 'cart-rules',
      branches: [
        { branch: 0, predicate: 'move', mode: 'probability-matching', temperature: null, candidates: [candidate(0, 'left', 0.4, veto), candidate(1, 'right', 0.6, false)], chosen: 1, chosenLabel: 'right', score: 0.6, impasse: null, fallback: null },
        { branch: 1, predicate: 'lift', mode: 'probability-matching', temperature: null, candidates: [candidate(0, 'down', 1, false), candidate(1, 'up', 0, false)], chosen: 0, chosenLabel: 'down', score: 1, impasse: null, fallback: null },
      ],
      elaboration: { inference: null, rulePasses: 1, ruleResidual: 0, ruleConverged: true },
      fired: veto ? [{ conditional: 'no-left-push', degree: 1, utility: 1 }] : [],
      memory: {},
    },
  });
}

function fixture(): { dir: string; csv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-dashboard-api-'));
  const results = join(dir, 'results');
  const run = join(results, 'alpha');
  mkdirSync(join(run, 'Cart'), { recursive: true });
  mkdirSync(join(run, 'traces'), { recursive: true });
  const rows = ['step,wall_time,tag,value'];
  for (let i = 0; i < 200_000; i++) rows.push(`${i * 5},${1000 + i},${TAG},${i === 77_777 ? -1000 : Math.sin(i / 1000)}`);
  rows.push('5,1,"Env/Win, red",0.5');
  const csv = join(run, 'Cart', 'scalars.csv');
  writeFileSync(csv, rows.join('\n') + '\n');
  writeFileSync(join(run, 'run.json'), '{}');
  writeFileSync(join(run, 'traces', 'Cart_team=0.jsonl'), [traceLine(3, 100, false), traceLine(3, 200, true), traceLine(4, 200, false)].join('\n') + '\n');
  // A secret beside the results folder, and a run that is a symbolic link to outside it.
  mkdirSync(join(dir, 'outside', 'Cart'), { recursive: true });
  writeFileSync(join(dir, 'outside', 'Cart', 'scalars.csv'), 'step,wall_time,tag,value\n1,1,secret,42\n');
  writeFileSync(join(dir, 'secret.jsonl'), traceLine(9, 9, true) + '\n');
  symlinkSync(join(dir, 'outside'), join(results, 'escape'));
  return { dir, csv };
}

test('the API lists runs, downsamples a curve to the points asked for and follows it as it grows, and explains a traced veto', async () => {
  const { dir, csv } = fixture();
  const server = await DashboardServer.open({ resultsDir: join(dir, 'results'), port: 0 });
  try {
    const port = server.port;
    const page = await get(port, '/');
    assert.equal(page.status, 200);
    assertHeaders(page, '/');
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(page.body, /<script>|<style>|\sstyle=|\son[a-z]+=/, 'no inline script, style or handler in the page');
    assert.doesNotMatch(page.body, /https?:\/\//, 'nothing loaded from elsewhere');
    for (const asset of ['/app.js', '/app.css', '/vendor/uPlot.iife.min.js', '/vendor/uPlot.min.css']) {
      const r = await get(port, asset);
      assert.equal(r.status, 200, asset);
      assertHeaders(r, asset);
      assert.ok(r.body.length > 500, asset);
    }

    const runs = JSON.parse((await get(port, '/api/runs')).body) as { runs: { id: string; learners: string[]; traces: string[] }[] };
    assert.deepEqual(runs.runs.map((r) => r.id), ['alpha'], 'the symbolic link out of the folder is not a run');
    assert.deepEqual(runs.runs[0]!.learners, ['Cart']);
    assert.deepEqual(runs.runs[0]!.traces, ['Cart_team=0.jsonl']);
    const detail = JSON.parse((await get(port, '/api/runs/alpha')).body) as { tags: Record<string, { tag: string; points: number }[]> };
    assert.deepEqual(detail.tags['Cart'], [{ tag: TAG, points: 200_000 }, { tag: 'Env/Win, red', points: 1 }]);

    const started = process.hrtime.bigint();
    const series = await get(port, `/api/runs/alpha/series?learner=Cart&tag=${encodeURIComponent(TAG)}&max=500`);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(series.status, 200, series.body);
    assertHeaders(series, 'series');
    const s = JSON.parse(series.body) as { total: number; points: number; max: number; steps: number[]; values: number[] };
    assert.equal(s.max, 500);
    assert.equal(s.total, 200_000);
    assert.ok(s.steps.length <= 500 && s.steps.length > 450, `${s.steps.length} points`);
    assert.ok(s.values.includes(-1000), 'the dip survives downsampling');
    process.stdout.write(`# series: 200,000 points → ${s.steps.length} (max 500) in ${ms.toFixed(1)} ms over HTTP\n`);
    const zoom = JSON.parse((await get(port, `/api/runs/alpha/series?learner=Cart&tag=${encodeURIComponent(TAG)}&max=500&from=1000&to=1995`)).body) as { total: number; steps: number[] };
    assert.equal(zoom.total, 200);
    assert.equal(zoom.steps.length, 200, 'a zoomed range at full detail');

    // Live: rows appended by the run are in the next answer.
    appendFileSync(csv, `1000000,9,${TAG},3\n1000005,9,${TAG},4\n`);
    const grown = JSON.parse((await get(port, `/api/runs/alpha/series?learner=Cart&tag=${encodeURIComponent(TAG)}&max=500`)).body) as { total: number; steps: number[] };
    assert.equal(grown.total, 200_002);
    assert.equal(grown.steps.at(-1), 1000005);

    const decisions = JSON.parse((await get(port, '/api/runs/alpha/traces/Cart_team=0.jsonl/decisions')).body) as { total: number; decisions: { line: number; agent: number; rules: string[]; vetoes: number }[] };
    assert.equal(decisions.total, 3);
    const changed = JSON.parse((await get(port, '/api/runs/alpha/traces/Cart_team=0.jsonl/decisions?changed=1')).body) as typeof decisions & { matched: number };
    assert.deepEqual(changed.decisions.map((d) => [d.line, d.agent, d.rules, d.vetoes]), [[2, 3, ['no-left-push'], 1]]);
    const byAgent = JSON.parse((await get(port, '/api/runs/alpha/traces/Cart_team=0.jsonl/decisions?agent=4')).body) as typeof decisions;
    assert.deepEqual(byAgent.decisions.map((d) => d.line), [3]);
    const one = JSON.parse((await get(port, '/api/runs/alpha/traces/Cart_team=0.jsonl/decision?line=2')).body) as {
      agent: number;
      step: number;
      branches: { predicate: string; chosen: string; candidates: { label: string; policy: number; factor: number; combined: number; chosen: boolean; excluded: string | null }[] }[];
      text: string;
    };
    assert.equal(one.agent, 3);
    assert.equal(one.step, 200);
    const move = one.branches[0]!;
    assert.equal(move.chosen, 'right');
    assert.deepEqual(move.candidates.map((c) => [c.label, c.policy, c.factor, c.chosen, c.excluded]), [
      ['left', 0.4, 0, false, 'vetoed by no-left-push'],
      ['right', 0.6, 1, true, null],
    ]);
    assert.equal(one.branches[1]!.candidates[1]!.excluded, 'masked by the environment');
    // The text is `shiva explain`'s, naming the file as RUN/traces/NAME.
    assert.match(one.text, /^decision at alpha\/traces\/Cart_team=0\.jsonl:2\n/);
    assert.match(one.text, /left: score 0, f 0, p 0 {2}\[policy 0\.4 from \(policy\); reject 1 from no-left-push\]/);
    const missing = await get(port, '/api/runs/alpha/traces/Cart_team=0.jsonl/decision?line=9');
    assert.equal(missing.status, 404);
  } finally {
    await server.close();
  }
});

test('the API refuses .. and symbolic links out of the results folder, other Hosts, writes, and requests without the token', async () => {
  const { dir } = fixture();
  const server = await DashboardServer.open({ resultsDir: join(dir, 'results'), port: 0 });
  try {
    const port = server.port;
    for (const path of [
      '/api/runs/..',
      '/api/runs/../series?learner=Cart&tag=secret',
      '/api/runs/%2e%2e/series?learner=Cart&tag=secret',
      '/api/runs/..%2Foutside/series?learner=Cart&tag=secret',
      '/api/runs/alpha/series?learner=..&tag=x',
      '/api/runs/alpha/series?learner=..%2F..%2Foutside%2FCart&tag=secret',
      '/api/runs/alpha/traces/..%2F..%2F..%2Fsecret.jsonl/decision?line=1',
      '/api/runs/alpha/traces/.hidden.jsonl/decisions',
    ]) {
      const r = await get(port, path);
      assert.equal(r.status, 400, `${path}: ${r.body}`);
      assertHeaders(r, path);
      assert.doesNotMatch(r.body, /secret"|42/);
    }
    const link = await get(port, '/api/runs/escape/series?learner=Cart&tag=secret');
    assert.equal(link.status, 404, 'a run that links out of the folder is not there');
    assert.doesNotMatch(link.body, /42/);
    const rebound = await get(port, '/api/runs', { host: `attacker.example:${port}` });
    assert.equal(rebound.status, 421);
    assertHeaders(rebound, 'wrong Host');
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await get(port, '/api/runs', {}, method);
      assert.equal(r.status, 405, method);
      assert.equal(r.headers['allow'], 'GET, HEAD');
    }
  } finally {
    await server.close();
  }

  const guarded = await DashboardServer.open({ resultsDir: join(dir, 'results'), port: 0, token: 's3cret-token' });
  try {
    const port = guarded.port;
    assert.equal((await get(port, '/api/runs')).status, 401);
    assert.equal((await get(port, '/')).status, 401);
    assert.equal((await get(port, '/api/runs', { authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await get(port, '/api/runs', { authorization: 'Bearer s3cret-token' })).status, 200);
    const entry = await get(port, '/?token=s3cret-token');
    assert.equal(entry.status, 303);
    assert.equal(entry.headers['location'], '/');
    const cookie = String(entry.headers['set-cookie']).split(';')[0]!;
    assert.match(String(entry.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
    assert.equal((await get(port, '/', { cookie })).status, 200);
    assert.equal((await get(port, '/api/runs', { cookie })).status, 200);
  } finally {
    await guarded.close();
  }
});

test('shiva dashboard off loopback: refused without --allow-remote; with it a token is printed once and required', async () => {
  const { dir } = fixture();
  const results = join(dir, 'results');
  const refused = await runCli(['dashboard', '--results-dir', results, '--port', '0', '--host', '0.0.0.0']).done;
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /shiva dashboard: host: expected a loopback address unless a non-loopback bind is asked for explicitly \(--allow-remote\), got "0\.0\.0\.0" \[SHIVA_ERR_BIND\]/);
  const remote = runCli(['dashboard', '--results-dir', results, '--port', '0', '--host', '0.0.0.0', '--allow-remote'], { SHIVA_TOKEN: '' });
  try {
    const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
      let out = '';
      let err = '';
      const check = () => {
        const line = out.split('\n').find((l) => l.startsWith('{'));
        const token = /this run's \(printed once, stored nowhere\): (\S+)/.exec(err)?.[1];
        if (line !== undefined && out.includes('\n') && token !== undefined) resolve({ port: (JSON.parse(line) as { port: number }).port, token });
      };
      remote.child.stdout!.on('data', (c: Buffer) => ((out += c.toString()), check()));
      remote.child.stderr!.on('data', (c: Buffer) => ((err += c.toString()), check()));
      void remote.done.then((r) => reject(new Error(`exited ${r.code}: ${r.stderr}`)));
    });
    assert.equal((await get(port, '/api/runs')).status, 401);
    assert.equal((await get(port, '/api/runs', { authorization: `Bearer ${token}` })).status, 200);
  } finally {
    remote.child.kill('SIGTERM');
    await remote.done;
  }
});
