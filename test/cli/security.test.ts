/**
 * The command line's and the pages' security promises (docs/SECURITY.md): the listener flags (--allow-remote,
 * the token generated and printed once, TLS files checked), `shiva probe` off loopback with a real stand-in that
 * must present the token, the recording page's headers and Host check, no evaluation of peer data, and
 * docs/SECURITY.md naming a test that exists for each promise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { recordHuman } from '../../src/cli/record-human.js';
import { HumanPage } from '../../src/cli/record-human-server.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { listenFromFlags } from '../../src/cli/listen-flags.js';
import { isShivaError } from '../../src/core/errors.js';
import { repoRoot } from '../helpers/paths.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';
import { selfSignedCertificate } from '../helpers/tls.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-security-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function get(port: number, path: string, host: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

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

/** A connection the page records with (it got the greeting); the one before may still be closing (1013 meanwhile). */
async function recordingConnection(url: string): Promise<WebSocket> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const ws = new WebSocket(url);
    const greeted = await new Promise<boolean>((resolve) => {
      ws.once('message', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    if (greeted) return ws;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the page never took a connection');
}

test('the recording page sends CSP (scripts and styles from its own files only), X-Frame-Options, nosniff and no-referrer, and refuses a Host that is not its own', async () => {
  const page = await HumanPage.open('127.0.0.1', 0, { type: 'hello' });
  const port = Number(new URL(page.url).port);
  try {
    const ok = await get(port, '/', `127.0.0.1:${port}`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['x-frame-options'], 'DENY');
    assert.equal(ok.headers['x-content-type-options'], 'nosniff');
    assert.equal(ok.headers['referrer-policy'], 'no-referrer');
    const csp = String(ok.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // The seat's scripts and styles are files it serves: the policy allows its own origin and no inline code.
    assert.doesNotMatch(ok.body, /<script>|<style>/);
    assert.match(csp, /script-src 'self'; style-src 'self'/);
    const script = await get(port, '/seat.js', `127.0.0.1:${port}`);
    assert.equal(script.status, 200);
    assert.equal(script.headers['x-content-type-options'], 'nosniff');
    assert.match(csp, new RegExp(`connect-src 'self' [^;]*ws://127\\.0\\.0\\.1:${port}`));
    assert.equal((await get(port, '/', `localhost:${port}`)).status, 200, 'localhost:PORT is the same page');
    const missing = await get(port, '/nothing', `127.0.0.1:${port}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['x-content-type-options'], 'nosniff');

    // DNS rebinding: another site's name pointed at 127.0.0.1 reaches the port with its own Host; refused, page not served.
    const rebound = await get(port, '/', `attacker.example:${port}`);
    assert.equal(rebound.status, 421);
    assert.doesNotMatch(rebound.body, /<script>/);
    assert.equal((await get(port, '/', `127.0.0.1:${port + 1}`)).status, 421, 'another port is another host');
    const ws = `ws://127.0.0.1:${port}/ws`;
    assert.equal(await upgrade(ws, { headers: { host: `attacker.example:${port}` } }), 421, 'the WebSocket upgrade checks Host too');
    assert.equal(await upgrade(ws, { origin: 'http://attacker.example' }), 403, 'and Origin');
    assert.equal(await upgrade(ws, { origin: `http://127.0.0.1:${port}` }), 'open');
    // Its messages are bounded (64 KiB): a larger frame closes that connection (1009), and the page can reconnect.
    const big = await recordingConnection(ws);
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send('x'.repeat(65 * 1024));
    assert.equal(await closed, 1009);
    assert.equal(await upgrade(ws), 'open');
  } finally {
    await page.close();
  }
  // It listens on loopback only.
  await assert.rejects(
    recordHuman({ env: 'builtin:cartpole', episodes: 1, out: join(work, 'x.demo'), seed: 0, timeoutMs: 1000, host: '0.0.0.0', port: 0, logger: silentLogger() }),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_BIND') && /expected a loopback address for the recording page/.test(e.message),
  );
});

test('listener flags: a non-loopback host needs --allow-remote; a token is then generated and printed once, TLS files are checked', async () => {
  const printed: string[] = [];
  const env: NodeJS.ProcessEnv = {};
  await assert.rejects(listenFromFlags({ host: '0.0.0.0' }, 'shiva test', (l) => printed.push(l), env), (e: unknown) => isShivaError(e, 'SHIVA_ERR_BIND') && /\(--allow-remote\)/.test(e.message));
  await assert.rejects(listenFromFlags({ host: '127.attacker.example', allowRemote: false }, 'shiva test', (l) => printed.push(l), env), (e: unknown) => isShivaError(e, 'SHIVA_ERR_BIND'));
  assert.deepEqual(await listenFromFlags({}, 'shiva test', (l) => printed.push(l), env), {}, 'loopback: nothing asked, no token');
  assert.deepEqual(await listenFromFlags({}, 'shiva test', (l) => printed.push(l), { SHIVA_TOKEN: 'left over' }), {}, 'SHIVA_TOKEN does not lock the Editor out of a loopback trainer');
  assert.equal((await listenFromFlags({ token: 'asked' }, 'shiva test', (l) => printed.push(l), {})).token, 'asked', '--token is enforced on loopback too');
  assert.equal(printed.length, 0);

  const remote = await listenFromFlags({ host: '0.0.0.0', allowRemote: true }, 'shiva test', (l) => printed.push(l), env);
  assert.match(remote.token ?? '', /^[A-Za-z0-9_-]{32}$/, 'a generated token: 24 random bytes');
  assert.equal(printed.filter((l) => l.includes(remote.token!)).length, 1, 'printed once');
  assert.match(printed.join(''), /authorization: Bearer .*\n.*\?token=[\s\S]*stock Unity ML-Agents player cannot send it/);
  assert.match(printed.join(''), /no TLS .*the token travels in clear text/);
  assert.equal(env.SHIVA_TOKEN, remote.token, 'handed to the stand-ins the command launches');
  assert.equal((await listenFromFlags({ host: '0.0.0.0', allowRemote: true }, 'shiva test', () => undefined, { SHIVA_TOKEN: 'given' })).token, 'given', 'SHIVA_TOKEN is used as it is');
  assert.equal((await listenFromFlags({ host: '0.0.0.0', allowRemote: true, token: 'flag' }, 'shiva test', () => undefined, { SHIVA_TOKEN: 'given' })).token, 'flag', '--token wins');

  const warned: string[] = [];
  const insecure = await listenFromFlags({ host: '0.0.0.0', allowRemote: true, insecureNoToken: true }, 'shiva test', (l) => warned.push(l), {});
  assert.equal(insecure.token, undefined);
  assert.equal(insecure.insecureNoToken, true);
  assert.match(warned.join(''), /WARNING: --insecure-no-token: .*without a token/);
  await assert.rejects(listenFromFlags({ allowRemote: true, insecureNoToken: true, token: 'x' }, 'shiva test', () => undefined, {}), (e: unknown) => isShivaError(e, 'SHIVA_ERR_USAGE') && /--insecure-no-token: expected no token beside it/.test(e.message));

  await assert.rejects(listenFromFlags({ tlsCert: 'cert.pem' }, 'shiva test', () => undefined, {}), (e: unknown) => isShivaError(e, 'SHIVA_ERR_USAGE') && /--tls-key: expected it beside --tls-cert/.test(e.message));
  await assert.rejects(listenFromFlags({ tlsCert: join(work, 'none.pem'), tlsKey: join(work, 'none.pem') }, 'shiva test', () => undefined, {}), /--tls-cert: expected a readable PEM file, got ".*none\.pem" \(ENOENT\)/);
  const junk = join(work, 'junk.pem');
  writeFileSync(junk, 'not a certificate\n');
  await assert.rejects(listenFromFlags({ tlsCert: junk, tlsKey: junk }, 'shiva test', () => undefined, {}), /expected a PEM certificate and its private key/);
  const made = selfSignedCertificate();
  if (typeof made !== 'string') {
    const tls = await listenFromFlags({ tlsCert: made.certFile, tlsKey: made.keyFile }, 'shiva test', () => undefined, {});
    assert.ok(tls.tls && Buffer.from(tls.tls.cert).equals(made.cert));
  }
});

test('`shiva probe --host 0.0.0.0 --allow-remote` prints a token once; a stand-in without it is refused, one with it is probed', async () => {
  const probe = runCli(['probe', '--host', '0.0.0.0', '--allow-remote', '--port', '0', '--steps', '5', '--timeout', '20'], { SHIVA_TOKEN: undefined });
  let stderr = '';
  probe.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 20_000;
  let port = 0;
  while (!port && Date.now() < deadline) {
    port = Number(/listening on 0\.0\.0\.0:(\d+)/.exec(stderr)?.[1] ?? 0);
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(port > 0, `probe announced its port: ${stderr}`);
  const token = /this run's \(printed once, stored nowhere\): (\S+)/.exec(stderr)?.[1];
  assert.ok(token, `the token was printed: ${stderr}`);
  const stranger = await runCli(['unity-standin', '--env', 'cartpole', '--port', String(port)], { SHIVA_TOKEN: undefined }).done;
  assert.equal(stranger.code, 1, 'a stand-in without the token gets no session');
  assert.match(stranger.stderr, /gRPC status 16/);
  const scene = await runCli(['unity-standin', '--env', 'cartpole', '--port', String(port), '--token', token], { SHIVA_TOKEN: undefined }).done;
  const probed = await probe.done;
  assert.equal(probed.code, 0, probed.stderr);
  assert.equal(scene.code, 0, scene.stderr);
  assert.equal(lastJsonLine<{ steps: number }>(probed.stdout).steps, 5);
  assert.equal(probed.stderr.split(token).length - 1, 1, 'the token appears once in all the output');
});

test('no peer data is evaluated: no eval, new Function or vm in the source', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'generated') walk(path);
      } else if (name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        if (/\beval\s*\(|new\s+Function\s*\(|from\s+'node:vm'|require\(['"](node:)?vm['"]\)/.test(text)) offenders.push(path);
      }
    }
  };
  for (const dir of ['src', 'envs', 'agents', 'cognitive']) walk(join(repoRoot, dir));
  assert.deepEqual(offenders, []);
});

test('docs/SECURITY.md names, for each promise, a test that exists; the README points to it', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'SECURITY.md'), 'utf8');
  const cited = [...doc.matchAll(/`(test\/[\w/.-]+\.test\.ts)`: "([^"]+)"/g)];
  assert.ok(cited.length >= 10, `SECURITY.md cites its tests (${cited.length} found)`);
  for (const [, file, name] of cited) {
    const text = readFileSync(join(repoRoot, file!), 'utf8');
    assert.ok(text.includes(name!), `${file} has a test named "${name}"`);
  }
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  assert.match(readme, /docs\/SECURITY\.md/);
});
