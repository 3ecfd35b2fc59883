/**
 * Many simulations at once, launched as executables: Unity's player flags, a crashed instance restarted and
 * its environment recovered, and clean shutdown (held calls answered with 400, children ended), also on
 * SIGINT/SIGTERM of the `shiva` process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BridgePool } from '../../src/bridge/bridge-pool.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import type { Environment } from '../../src/core/env/environment.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { cliMain } from '../helpers/paths.js';
import { runCli } from '../helpers/processes.js';

async function stepRandomly(env: Environment, rng: Rng, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    for (const [name, spec] of env.behaviorSpecs) {
      const d = env.getSteps(name).decisionSteps;
      if (d.count > 0) env.setActions(name, randomActions(spec.actionSpec, d, rng));
    }
    await env.step();
  }
}

const alive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('the pool launches stand-ins like Unity builds, restarts a crashed one, and shuts down cleanly', async () => {
  const logDir = mkdtempSync(join(tmpdir(), 'shiva-pool-'));
  const pool = new BridgePool({
    basePort: 0,
    numEnvs: 2,
    launch: { command: process.execPath, args: [cliMain, 'unity-standin', '--env', 'cartpole'], noGraphics: true, logDir, maxRestarts: 2 },
    connectTimeoutMs: 20_000,
  });
  await pool.start();
  try {
    const [first, second] = pool.processes;
    assert.deepEqual(first!.argv.slice(1), ['unity-standin', '--env', 'cartpole', '--mlagents-port', String(pool.servers[0]!.boundPort), '-batchmode', '-nographics', '-logFile', join(logDir, 'Player-0.log')]);
    const rng = new Rng(2);
    await Promise.all(pool.envs.map((e) => e.reset()));
    await Promise.all(pool.envs.map((e) => stepRandomly(e, rng, 20)));

    // Crash worker 0: its environment waits for the restarted instance, resets it, and goes on.
    const crashedPid = first!.pid;
    process.kill(crashedPid!, 'SIGKILL');
    await Promise.all(pool.envs.map((e) => stepRandomly(e, rng, 30)));
    assert.equal(pool.envs[0]!.restarts, 1);
    assert.equal(first!.restarts, 1);
    assert.notEqual(first!.pid, crashedPid);
    assert.equal(pool.envs[1]!.restarts, 0);
    assert.ok(pool.envs[0]!.getSteps('CartPole?team=0').decisionSteps.count > 0);

    const pids = [first!.pid, second!.pid];
    await pool.shutdown();
    assert.deepEqual(pids.map(alive), [false, false], 'no stand-in outlives the pool');
    // Each stand-in wrote its player log, as -logFile asks, and saw the trainer's 400.
    const log = readFileSync(join(logDir, 'Player-1.log'), 'utf8');
    assert.match(log, /"endedBy":"status-400"/);
  } finally {
    await pool.shutdown();
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} to a running \`shiva bridge-demo\`: held calls answered with 400, children ended, clean exit`, async () => {
    const logDir = mkdtempSync(join(tmpdir(), 'shiva-signal-'));
    const demo = runCli(['bridge-demo', '--env', 'cartpole', '--num-envs', '2', '--steps', '1000000', '--base-port', '0', '--log-dir', logDir], { SHIVA_LOG_LEVEL: 'info' });
    let stderr = '';
    demo.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const deadline = Date.now() + 20_000;
    while ((stderr.match(/simulation connected/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal((stderr.match(/simulation connected/g) ?? []).length, 2, stderr);
    await new Promise((r) => setTimeout(r, 200));
    demo.child.kill(signal);
    const result = await demo.done;
    assert.equal(result.code, signal === 'SIGINT' ? 130 : 143, result.stderr);
    const logs = readdirSync(logDir).filter((f) => f.startsWith('Player-')).map((f) => readFileSync(join(logDir, f), 'utf8'));
    assert.equal(logs.length, 2);
    for (const log of logs) assert.match(log, /"endedBy":"status-400"/, 'each stand-in was told to stop with status 400');
  });
}
