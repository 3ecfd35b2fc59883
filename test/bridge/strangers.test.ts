/**
 * Issue 18, item 4: a port with a launched player serves that player only, and a player that fails is restarted as
 * often as the restart limits allow. Before: sessions that finished the handshake but were never claimed were held
 * with no timeout, a restart claimed the oldest of them (a stranger), and recovery retried once, so a NaN-speaking
 * stranger ended the run as soon as the real player was killed, and a player killed right after reconnecting ended
 * it too. Real stand-in players launched by the pool, real strangers on loopback (a connection of their own each).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BridgePool } from '../../src/bridge/bridge-pool.js';
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import type { BridgeSession } from '../../src/bridge/session.js';
import type { Environment } from '../../src/core/env/environment.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { cliMain } from '../helpers/paths.js';
import { EMPTY_OUTPUT, INIT_MESSAGE, nanStranger, rawGrpcPeer } from '../helpers/raw-grpc.js';

async function stepRandomly(env: Environment, rng: Rng, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    for (const [name, spec] of env.behaviorSpecs) {
      const d = env.getSteps(name).decisionSteps;
      if (d.count > 0) env.setActions(name, randomActions(spec.actionSpec, d, rng));
    }
    await env.step();
  }
}

function standInPool(logDir: string, limits: { maxRestarts: number; rate?: { n: number; periodS: number } }): BridgePool {
  return new BridgePool({
    basePort: 0,
    numEnvs: 1,
    timeoutMs: 20_000,
    connectTimeoutMs: 20_000,
    launch: { command: process.execPath, args: [cliMain, 'unity-standin', '--env', 'cartpole'], noGraphics: true, logDir, maxRestarts: limits.maxRestarts, ...(limits.rate ? { restartsRateLimit: limits.rate } : {}) },
  });
}

/** Every session's end, by code, as the hub reports them. */
function endCodes(server: GrpcBridgeServer): string[] {
  const codes: string[] = [];
  server.hub.sessions$.subscribe((s) => void s.ended.then((end) => codes.push(end.error?.code ?? `by-${end.by}`)));
  return codes;
}

test('a player killed while strangers are connected: the pool relaunches it and claims the new player, never a stranger', async () => {
  const pool = standInPool(mkdtempSync(join(tmpdir(), 'shiva-strangers-')), { maxRestarts: 3 });
  await pool.start();
  const server = pool.servers[0]!;
  const codes = endCodes(server);
  const peers: Awaited<ReturnType<typeof rawGrpcPeer>>[] = [];
  try {
    const env = pool.envs[0]!;
    const rng = new Rng(4);
    await env.reset();
    await stepRandomly(env, rng, 10);
    // While the player is connected: a stranger that answers with NaN, then a silent one (the order in which a
    // restart used to claim them: oldest first).
    const nan = await rawGrpcPeer(server.boundPort);
    peers.push(nan);
    const nanRun = nanStranger(nan);
    const silent = await rawGrpcPeer(server.boundPort);
    peers.push(silent);
    const silentFirst = await silent.call(INIT_MESSAGE);
    const silentSecond = silent.call(EMPTY_OUTPUT);
    const player = pool.processes[0]!;
    const killed = player.pid!;
    process.kill(killed, 'SIGKILL');
    const t0 = performance.now();
    await stepRandomly(env, rng, 30); // was: SHIVA_ERR_OBSERVATION from the stranger, 0.5 s after the kill
    const recovered = (performance.now() - t0) / 1000;
    assert.equal(env.restarts, 1);
    assert.equal(player.restarts, 1);
    assert.notEqual(player.pid, killed);
    assert.ok(env.getSteps('CartPole?team=0').decisionSteps.count > 0);
    const nanResult = await nanRun;
    assert.equal(nanResult.taken, false, 'the NaN stranger was never sent an input');
    assert.deepEqual(nanResult.statuses, [400], 'refused at its first call');
    assert.equal(silentFirst?.header?.status, 400, 'the silent stranger is refused at its first call');
    assert.equal((await silentSecond)?.header?.status, 400);
    assert.equal(codes.filter((c) => c === 'SHIVA_ERR_STRANGER').length >= 2, true, codes.join(', '));
    assert.equal(server.hub.size, 1, 'only the player is held');
    process.stderr.write(`player killed with 2 strangers connected: recovered and stepped 30 more in ${recovered.toFixed(2)} s; session ends: ${codes.join(', ')}\n`);
  } finally {
    for (const p of peers) p.close();
    await pool.shutdown();
  }
});

test('a session that finished its handshake and is never claimed is closed after the session timeout', async () => {
  const server = await new GrpcBridgeServer(0, { timeoutMs: 300 }).start();
  const codes = endCodes(server);
  const peer = await rawGrpcPeer(server.boundPort);
  try {
    assert.equal((await peer.call(INIT_MESSAGE))?.header?.status, 200);
    const t0 = performance.now();
    const held = await Promise.race([peer.call(EMPTY_OUTPUT), new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    const seconds = (performance.now() - t0) / 1000;
    assert.ok(held !== null, 'was: held with no timeout');
    assert.equal(held?.header?.status, 400);
    assert.ok(seconds >= 0.25 && seconds < 1.5, `closed ${seconds.toFixed(2)} s after its handshake (timeout 0.3 s)`);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(codes, ['SHIVA_ERR_TIMEOUT']);
    assert.equal(server.hub.size, 0);
  } finally {
    peer.close();
    await server.stop();
  }
});

/**
 * One run: the player is killed mid-episode, and the player that replaces it is killed again right after it
 * reconnects (its handshake done, the reset under way); the run goes on with the third.
 */
async function killRightAfterReconnecting(run: number, rate: { n: number; periodS: number }): Promise<{ restarts: number; error: (Error & { code?: string }) | null }> {
  const pool = standInPool(mkdtempSync(join(tmpdir(), `shiva-rekill-${run}-`)), { maxRestarts: 10, rate });
  await pool.start();
  try {
    const env = pool.envs[0]!;
    const rng = new Rng(run);
    await env.reset();
    await stepRandomly(env, rng, 5);
    const player = pool.processes[0]!;
    // The next session to finish its handshake is the relaunched player's: kill it at that moment.
    let subscribing = true;
    const existing = new Set<BridgeSession>();
    let rekilled = false;
    const subscription = pool.servers[0]!.hub.sessions$.subscribe((s) => {
      if (subscribing) return void existing.add(s);
      void s.ready.then(
        () => {
          if (rekilled || existing.has(s)) return;
          rekilled = true;
          process.kill(player.pid!, 'SIGKILL');
        },
        () => undefined,
      );
    });
    subscribing = false;
    process.kill(player.pid!, 'SIGKILL');
    try {
      await stepRandomly(env, rng, 20);
    } catch (error) {
      return { restarts: env.restarts, error: error as Error };
    } finally {
      subscription.unsubscribe();
    }
    assert.ok(rekilled, 'the relaunched player was killed right after reconnecting');
    return { restarts: env.restarts, error: null };
  } finally {
    await pool.shutdown();
  }
}

test('a player killed right after reconnecting is restarted again, within the restart limits (5 runs), and past them the run fails at once', async () => {
  const t0 = performance.now();
  const runs = await Promise.all([1, 2, 3, 4, 5].map((run) => killRightAfterReconnecting(run, { n: 2, periodS: 60 })));
  const seconds = (performance.now() - t0) / 1000;
  for (const [i, r] of runs.entries()) {
    assert.equal(r.error, null, `run ${i + 1}: ${r.error?.message}`);
    assert.equal(r.restarts, 2, `run ${i + 1}: two restarts`);
  }
  process.stderr.write(`5 runs with a player killed mid-episode and again right after reconnecting: ${runs.filter((r) => !r.error).length} finished, ${runs.reduce((a, r) => a + r.restarts, 0)} restarts, ${seconds.toFixed(1)} s\n`);

  // The rate limit (restarts_rate_limit_n 1): the second restart is refused, and the step fails with the launcher's
  // error at once rather than waiting for a player that will not come. (Run alone: beside the five, the player's exit
  // can be seen before its dropped connection, and the step then fails with SHIVA_ERR_DISCONNECTED instead.)
  const limited = await killRightAfterReconnecting(6, { n: 1, periodS: 60 });
  assert.equal(limited.error?.code, 'SHIVA_ERR_LAUNCH', limited.error?.message);
  assert.match(limited.error!.message, /gave up after 1 restart\(s\) within the last 60 s \(restarts_rate_limit_n 1/);
});

test('a player that hangs up but keeps running is ended and restarted, instead of being waited for until the timeout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-hangup-'));
  // A "build" whose game loop (the stand-in) can lose its connection while the process lives on.
  const player = join(dir, 'Player.x86_64');
  const inner = join(dir, 'inner.pid');
  writeFileSync(player, `#!/bin/sh\n"${process.execPath}" "${cliMain}" unity-standin --env cartpole "$@" &\necho $! > "${inner}"\nwait\nwhile :; do sleep 0.1; done\n`);
  chmodSync(player, 0o755);
  // This player never exits on its own after the closing 400 (its loop lives on): a short timeout_wait (exitWaitMs)
  // lets shutdown move on to SIGTERM at once instead of waiting the session timeout for it.
  const pool = new BridgePool({ basePort: 0, numEnvs: 1, timeoutMs: 20_000, connectTimeoutMs: 20_000, exitWaitMs: 200, launch: { command: player, logDir: dir, maxRestarts: 2 } });
  await pool.start();
  try {
    const env = pool.envs[0]!;
    const rng = new Rng(9);
    await env.reset();
    await stepRandomly(env, rng, 5);
    const launched = pool.processes[0]!;
    const firstPid = launched.pid;
    process.kill(Number(readFileSync(inner, 'utf8')), 'SIGKILL'); // the connection goes; the player process stays
    const t0 = performance.now();
    await stepRandomly(env, rng, 10); // was: a wait for a connection that never comes, then SHIVA_ERR_TIMEOUT
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(env.restarts, 1);
    assert.equal(launched.restarts, 1);
    assert.notEqual(launched.pid, firstPid);
    assert.ok(seconds < 10, `recovered in ${seconds.toFixed(1)} s`);
    process.stderr.write(`a player that hung up and stayed: ended and restarted, stepping again after ${seconds.toFixed(1)} s\n`);
  } finally {
    await pool.shutdown();
  }
});
