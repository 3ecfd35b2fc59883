/**
 * End to end over real loopback sockets: stand-ins run as child processes against the server, over gRPC and
 * over WebSocket, several at once; both sides' counts agree, and episodes through the wire equal in-process
 * episodes step for step under the same seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import { WebSocketBridgeServer } from '../../src/bridge/websocket-server.js';
import type { SessionHub } from '../../src/bridge/session-hub.js';
import { EnvPool } from '../../src/core/env/env-pool.js';
import type { Environment } from '../../src/core/env/environment.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import { RemoteEnv } from '../../src/core/env/remote-env.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import type { StandInReport } from '../../envs/standin/unity-standin.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';

interface Tally {
  decisions: number;
  terminals: number;
  rewardSum: number;
  groupRewardSum: number;
  ids: Set<number>;
}

function tally(env: Environment, into: Tally): void {
  for (const name of env.behaviorSpecs.keys()) {
    const { decisionSteps: d, terminalSteps: t } = env.getSteps(name);
    into.decisions += d.count;
    into.terminals += t.count;
    for (const a of [d, t]) {
      a.agentIds.forEach((id) => into.ids.add(id));
      into.rewardSum += a.rewards.reduce((s, r) => s + r, 0);
      into.groupRewardSum += a.groupRewards.reduce((s, r) => s + r, 0);
    }
  }
}

function actRandomly(env: Environment, rng: Rng): void {
  for (const [name, spec] of env.behaviorSpecs) {
    const { decisionSteps } = env.getSteps(name);
    if (decisionSteps.count > 0) env.setActions(name, randomActions(spec.actionSpec, decisionSteps, rng));
  }
}

const standIns = [
  { env: 'gridworld', numAreas: 2 },
  { env: 'gridworld', numAreas: 3 },
  { env: 'cartpole', numAreas: 4 },
];

for (const transport of ['grpc', 'ws'] as const) {
  test(`three stand-ins at once over ${transport}: decision and terminal counts, rewards, ids and group rewards agree on both sides`, async () => {
    const server = transport === 'grpc' ? await new GrpcBridgeServer(0, { seed: 3 }).start() : await new WebSocketBridgeServer(0, { seed: 3 }).start();
    const hub: SessionHub = server.hub;
    const target = transport === 'grpc' ? ['--port', String(server.boundPort)] : ['--ws', (server as WebSocketBridgeServer).url];
    const children = standIns.map((s) => runCli(['unity-standin', '--env', s.env, '--num-areas', String(s.numAreas), ...target]));
    try {
      const envs = await Promise.all(standIns.map(async () => new RemoteEnv(await hub.nextSession(60_000))));
      const pool = new EnvPool(envs);
      const tallies = envs.map((): Tally => ({ decisions: 0, terminals: 0, rewardSum: 0, groupRewardSum: 0, ids: new Set() }));
      const rng = new Rng(5);
      await pool.reset();
      envs.forEach((e, i) => tally(e, tallies[i]!));
      // At least 150 steps, and on until some forager pair has earned a group reward (rare under random play).
      const groupRewarded = () => tallies.some((t) => t.groupRewardSum > 0);
      for (let step = 0; step < 3000 && (step < 150 || !groupRewarded()); step++) {
        envs.forEach((e) => actRandomly(e, rng));
        await pool.step();
        envs.forEach((e, i) => tally(e, tallies[i]!));
      }
      await pool.close();
      const reports = await Promise.all(children.map(async (c) => {
        const result = await c.done;
        assert.equal(result.code, 0, `stand-in exits 0 after the trainer's 400; stderr: ${result.stderr}`);
        return lastJsonLine<StandInReport & { env: string }>(result.stdout);
      }));
      for (const report of reports) {
        assert.equal(report.endedBy, 'status-400');
        // Match each report to its session by the agent ids it served.
        const i = tallies.findIndex((t) => t.ids.size === report.agentIds.length && report.agentIds.every((id) => t.ids.has(id)));
        assert.ok(i >= 0, `a session saw exactly the ids ${report.agentIds.join(',')}`);
        const t = tallies[i]!;
        assert.equal(t.decisions, report.decisionSteps);
        assert.equal(t.terminals, report.terminalSteps);
        assert.ok(Math.abs(t.rewardSum - report.rewardSum) < 1e-3, `reward sums ${t.rewardSum} vs ${report.rewardSum}`);
        assert.ok(Math.abs(t.groupRewardSum - report.groupRewardSum) < 1e-3, `group reward sums ${t.groupRewardSum} vs ${report.groupRewardSum}`);
        assert.ok(report.terminalSteps > 0, 'episodes ended during the run');
        assert.equal(report.resets, 1);
      }
      // The gridworld stand-ins delivered group rewards.
      assert.ok(reports.filter((r) => r.env === 'gridworld').some((r) => r.groupRewardSum > 0));
    } finally {
      children.forEach((c) => c.child.kill());
      await server.stop();
    }
  });
}

for (const envName of ['cartpole', 'gridworld', 'pendulum', 'scout', 'spread']) {
  test(`${envName}: episodes through the stand-in over gRPC equal in-process episodes step for step`, async () => {
    const builtin = getBuiltinEnv(envName);
    const server = await new GrpcBridgeServer(0, { seed: 11, numAreas: 2 }).start();
    const child = runCli(['unity-standin', '--env', envName, '--port', String(server.boundPort)]);
    try {
      const remote = new RemoteEnv(await server.hub.nextSession(60_000));
      const local = new LocalEnv(`builtin:${envName}`, builtin.factory, { seed: 11, numAreas: 2, decisionPeriod: builtin.decisionPeriod });
      const rngRemote = new Rng(1);
      const rngLocal = new Rng(1);
      await remote.reset();
      await local.reset();
      for (let step = 0; step < 120; step++) {
        assert.deepEqual([...remote.behaviorSpecs.keys()].sort(), [...local.behaviorSpecs.keys()].sort());
        for (const name of local.behaviorSpecs.keys()) {
          const r = remote.getSteps(name);
          const l = local.getSteps(name);
          for (const key of ['decisionSteps', 'terminalSteps'] as const) {
            assert.deepEqual(Array.from(r[key].agentIds), Array.from(l[key].agentIds), `step ${step} ${name} ${key} ids`);
            assert.deepEqual(Array.from(r[key].rewards), Array.from(l[key].rewards), `step ${step} ${name} ${key} rewards`);
            r[key].observations.forEach((obs, o) => assert.deepEqual(Array.from(obs), Array.from(l[key].observations[o]!), `step ${step} ${name} ${key} observation ${o}`));
          }
          assert.deepEqual(Array.from(r.terminalSteps.interrupted), Array.from(l.terminalSteps.interrupted));
          assert.deepEqual(r.decisionSteps.actionMasks && Array.from(r.decisionSteps.actionMasks), l.decisionSteps.actionMasks && Array.from(l.decisionSteps.actionMasks));
        }
        actRandomly(remote, rngRemote);
        actRandomly(local, rngLocal);
        await Promise.all([remote.step(), local.step()]);
      }
      await remote.close();
      assert.equal((await child.done).code, 0);
    } finally {
      child.child.kill();
      await server.stop();
    }
  });
}

test('side channels reach the stand-in and are applied: environment parameters change the scene, engine settings are received, stats come back', async () => {
  const server = await new GrpcBridgeServer(0, { numAreas: 1 }).start();
  const child = runCli(['unity-standin', '--env', 'cartpole', '--port', String(server.boundPort)]);
  try {
    const env = new RemoteEnv(await server.hub.nextSession(60_000));
    env.setEnvironmentParameters({ max_steps: 15 });
    env.setEngineConfiguration({ timeScale: 20, targetFrameRate: -1 });
    await env.reset();
    // A balancing policy would survive far longer than 15 steps: every episode is cut at 15 and interrupted.
    const lengths: number[] = [];
    let length = 0;
    for (let step = 0; step < 200 && lengths.length < 3; step++) {
      const { decisionSteps, terminalSteps } = env.getSteps('CartPole?team=0');
      if (terminalSteps.count > 0) {
        lengths.push(length);
        assert.equal(terminalSteps.interrupted[0], 1);
        length = 0;
      }
      const theta = decisionSteps.observations[0]![2]!;
      const thetaDot = decisionSteps.observations[0]![3]!;
      env.setActions('CartPole?team=0', { continuous: new Float32Array(0), discrete: Int32Array.from([theta + 0.5 * thetaDot > 0 ? 1 : 0]) });
      await env.step();
      length++;
    }
    assert.deepEqual(lengths, [15, 15, 15]);
    const stats = env.drainStats();
    assert.equal(stats.get('CartPole/Episode Return')?.value, 15);
    await env.close();
    const report = lastJsonLine<StandInReport>((await child.done).stdout);
    assert.deepEqual(report.environmentParameters, { max_steps: 15 });
    assert.deepEqual(report.engineConfiguration, { timeScale: 20, targetFrameRate: -1 });
  } finally {
    child.child.kill();
    await server.stop();
  }
});
