/**
 * Bad input stays on its own connection: each case gets a clear error on that session only, while a healthy
 * stand-in on the same server keeps stepping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import type { BridgeSession, SessionEnd } from '../../src/bridge/session.js';
import { RemoteEnv } from '../../src/core/env/remote-env.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { decodeActions } from '../../src/protocol/actions.js';
import { grpcConnection } from '../../envs/standin/trainer-connection.js';
import { runCli } from '../helpers/processes.js';

const encode = (m: co.UnityMessageProto.$Properties) => co.UnityMessageProto.encode(m).finish();
const statusOf = (b: Uint8Array) => co.UnityMessageProto.decode(b).header?.status;

function initMessage(version: string): Uint8Array {
  return encode({ header: { status: 200 }, unityOutput: { rlInitializationOutput: { name: 'AcademySingleton', communicationVersion: version, packageVersion: 'fake', capabilities: { baseRLCapabilities: true, hybridActions: true } } } });
}

function outputWith(agent: co.AgentInfoProto.$Properties): Uint8Array {
  return encode({
    header: { status: 200 },
    unityOutput: {
      rlOutput: { agentInfos: { 'Fake?team=0': { value: [agent] } } },
      rlInitializationOutput: { brainParameters: [{ brainName: 'Fake?team=0', isTraining: true, actionSpec: { numDiscreteActions: 1, discreteBranchSizes: [2] } }] },
    },
  });
}

test('each kind of bad input fails only its own session while a healthy stand-in keeps stepping', async (t) => {
  const server = await new GrpcBridgeServer(0, { maxMessageBytes: 256 * 1024, timeoutMs: 20_000 }).start();
  const sessions: BridgeSession[] = [];
  server.hub.sessions$.subscribe((s) => sessions.push(s));
  const nextNewSession = async (): Promise<BridgeSession> => {
    const seen = sessions.length;
    while (sessions.length === seen) await new Promise((r) => setTimeout(r, 5));
    return sessions[seen]!;
  };
  const healthy = runCli(['unity-standin', '--env', 'gridworld', '--port', String(server.boundPort)]);
  const healthyEnv = new RemoteEnv(await server.hub.nextSession(60_000));
  let healthySteps = 0;
  let stop = false;
  const rng = new Rng(0);
  const loop = (async () => {
    await healthyEnv.reset();
    while (!stop) {
      for (const [name, spec] of healthyEnv.behaviorSpecs) {
        const d = healthyEnv.getSteps(name).decisionSteps;
        if (d.count > 0) healthyEnv.setActions(name, randomActions(spec.actionSpec, d, rng));
      }
      await healthyEnv.step();
      healthySteps++;
    }
  })();
  const stillStepping = async () => {
    const before = healthySteps;
    while (healthySteps < before + 5) await new Promise((r) => setTimeout(r, 2));
  };
  const endedWith = async (session: BridgeSession, code: string, pattern: RegExp): Promise<SessionEnd> => {
    const end = await session.ended;
    assert.equal(end.by, 'error');
    assert.equal(end.error?.code, code, end.error?.message);
    assert.match(end.error!.message, pattern);
    assert.match(end.error!.message, /grpc localhost:\d+ <- /, 'the error names the connection');
    return end;
  };

  try {
    await t.test('a wrong major version: handshake answered, second call refused with 400', async () => {
      const conn = grpcConnection(server.boundPort);
      const session = nextNewSession();
      const reply1 = co.UnityMessageProto.decode(await conn.call(initMessage('2.0.0')));
      assert.equal(reply1.unityInput?.rlInitializationInput?.communicationVersion, '1.5.0');
      assert.equal(statusOf(await conn.call(encode({ header: { status: 200 } }))), 400);
      await endedWith(await session, 'SHIVA_ERR_VERSION', /expected major version 1 .*got "2\.0\.0"/);
      conn.close();
      await stillStepping();
    });

    await t.test('a 0.x version must match major and minor; a malformed version string is refused', async () => {
      for (const version of ['0.15.0', '1.x']) {
        const conn = grpcConnection(server.boundPort);
        const session = nextNewSession();
        await conn.call(initMessage(version));
        assert.equal(statusOf(await conn.call(encode({ header: { status: 200 } }))), 400);
        await endedWith(await session, 'SHIVA_ERR_VERSION', new RegExp(version.replace('.', '\\.')));
        conn.close();
      }
      await stillStepping();
    });

    await t.test('malformed bytes get a 400 and a decode error', async () => {
      const conn = grpcConnection(server.boundPort);
      const session = nextNewSession();
      assert.equal(statusOf(await conn.call(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]))), 400);
      await endedWith(await session, 'SHIVA_ERR_PROTOCOL_DECODE', /message of 6 bytes: expected a UnityMessageProto/);
      conn.close();
      await stillStepping();
    });

    await t.test('a message over the size limit gets a 400 and a size error', async () => {
      const conn = grpcConnection(server.boundPort);
      const session = nextNewSession();
      const big = encode({ header: { status: 200 }, unityOutput: { rlOutput: { sideChannel: new Uint8Array(300 * 1024) } } });
      assert.equal(statusOf(await conn.call(big)), 400);
      await endedWith(await session, 'SHIVA_ERR_MESSAGE_TOO_LARGE', /expected at most 262144 bytes .*got 30\d{4}/);
      conn.close();
      await stillStepping();
    });

    const cases: [string, co.AgentInfoProto.$Properties, string, RegExp][] = [
      ['NaN in an observation', { id: 4, observations: [{ shape: [3], floatData: { data: [0, NaN, 1] } }] }, 'SHIVA_ERR_OBSERVATION', /agent 4 .*observation 0.*NaN/],
      ['Inf in an observation', { id: 5, observations: [{ shape: [3], floatData: { data: [Infinity, 0, 1] } }] }, 'SHIVA_ERR_OBSERVATION', /agent 5 .*observation 0.*Infinity/],
      ['NaN in a reward', { id: 6, reward: NaN, observations: [{ shape: [3], floatData: { data: [0, 0, 1] } }] }, 'SHIVA_ERR_REWARD', /agent 6 .*reward: expected a finite number, got NaN/],
      ['Inf in a group reward', { id: 7, groupReward: -Infinity, observations: [{ shape: [3], floatData: { data: [0, 0, 1] } }] }, 'SHIVA_ERR_REWARD', /agent 7 .*group_reward: expected a finite number, got -Infinity/],
    ];
    for (const [label, agent, code, pattern] of cases) {
      await t.test(`${label}: the step fails with a clear error and the simulation is told to stop`, async () => {
        const conn = grpcConnection(server.boundPort);
        const sessionPromise = nextNewSession();
        await conn.call(initMessage('1.5.0'));
        const second = conn.call(encode({ header: { status: 200 } }));
        const session = await sessionPromise;
        const env = new RemoteEnv(session);
        const reset = env.reset();
        await second;
        const outcome = assert.rejects(reset, (e: Error & { code?: string }) => e.code === code && pattern.test(e.message));
        assert.equal(statusOf(await conn.call(outputWith(agent))), 400);
        await outcome;
        await endedWith(session, code, pattern);
        conn.close();
        await stillStepping();
      });
    }

    await t.test('the wrong number of actions is refused before anything is sent, and the session goes on', async () => {
      const conn = grpcConnection(server.boundPort);
      const sessionPromise = nextNewSession();
      await conn.call(initMessage('1.5.0'));
      const second = conn.call(encode({ header: { status: 200 } }));
      const env = new RemoteEnv(await sessionPromise);
      const reset = env.reset();
      await second;
      const third = conn.call(outputWith({ id: 1, observations: [{ shape: [3], floatData: { data: [0, 0, 1] } }] }));
      await reset;
      assert.throws(
        () => env.setActions('Fake?team=0', { continuous: new Float32Array(0), discrete: Int32Array.from([1, 0]) }),
        (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_ACTION_SHAPE' && /behavior "Fake\?team=0": discrete actions: expected 1 agents × 1 branches = 1 int32 values, got Int32Array of length 2/.test(e.message),
      );
      assert.throws(() => env.setActions('Fake?team=0', { continuous: new Float32Array(0), discrete: Int32Array.from([2]) }), /branch 0: expected 0\.\.1, got 2/);
      env.setActions('Fake?team=0', { continuous: new Float32Array(0), discrete: Int32Array.from([1]) });
      const step = env.step();
      const sent = co.UnityMessageProto.decode(await third);
      assert.deepEqual(sent.unityInput?.rlInput?.agentActions?.['Fake?team=0']?.value?.map((a) => a.discreteActions), [[1]]);
      void step.catch(() => undefined);
      conn.close();
      // And a simulation receiving the wrong number of actions names what it expected.
      assert.throws(() => decodeActions([{ discreteActions: [1] }], { continuousSize: 0, discreteBranches: [2] }, 2, 'stand-in'), /agent_actions: expected 2 actions \(one per agent that asked for a decision\), got 1/);
      await stillStepping();
    });

    await t.test('a connection dropped mid-episode fails that session at once', async () => {
      const doomed = runCli(['unity-standin', '--env', 'cartpole', '--port', String(server.boundPort)]);
      const env = new RemoteEnv(await server.hub.nextSession(60_000));
      await env.reset();
      for (let i = 0; i < 5; i++) await env.step();
      doomed.child.kill('SIGKILL');
      const error = await (async () => {
        for (;;) await env.step();
      })().catch((e: Error & { code?: string }) => e);
      assert.equal(error.code, 'SHIVA_ERR_DISCONNECTED', error.message);
      assert.match(error.message, /the simulation (dropped the connection|cancelled its call)/);
      await stillStepping();
    });
  } finally {
    stop = true;
    await loop;
    await healthyEnv.close();
    assert.equal((await healthy.done).code, 0, 'the healthy stand-in was never disturbed and exits 0');
    await server.stop();
  }
});
