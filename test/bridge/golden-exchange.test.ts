/**
 * Our gRPC server, fed the Unity-side messages recorded against the real mlagents_envs trainer over a real
 * loopback connection, answers as that trainer did: the handshake reply, the held second call, the RESET
 * with its side channels, the actions, and the closing 400.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import { RemoteEnv } from '../../src/core/env/remote-env.js';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { SHIVA_PACKAGE_VERSION } from '../../src/protocol/version.js';
import { grpcConnection } from '../../envs/standin/trainer-connection.js';
import { findLine, readTrace, traceBytes } from '../helpers/trace.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('the server answers the recorded Unity messages as the recorded Python trainer did', async () => {
  const trace = readTrace();
  const unity = (seq: number) => traceBytes(findLine(trace, seq, 'unity->python'));
  const python = (seq: number) => traceBytes(findLine(trace, seq, 'python->unity'));
  const server = await new GrpcBridgeServer(0, {
    seed: 0,
    numAreas: 1,
    // The fields the recorded trainer sent on the TrainingAnalytics channel.
    analytics: { mlagentsVersion: 'Custom', mlagentsEnvsVersion: '1.0.0', pythonVersion: '3.11.2', torchVersion: 'Unknown', torchDeviceType: 'Unknown' },
  }).start();
  const unityClient = grpcConnection(server.boundPort);
  try {
    // Call 1: the handshake. Same reply as the recorded one, but for our package version (informational only).
    const reply1 = co.UnityMessageProto.decode(await unityClient.call(unity(0)));
    const expected1 = co.UnityMessageProto.decode(python(0));
    expected1.unityInput!.rlInitializationInput!.packageVersion = SHIVA_PACKAGE_VERSION;
    assert.equal(hex(co.UnityMessageProto.encode(reply1).finish()), hex(co.UnityMessageProto.encode(expected1).finish()));
    assert.equal(reply1.unityInput?.rlInitializationInput?.communicationVersion, '1.5.0');
    assert.equal(reply1.unityInput?.rlInitializationInput?.numAreas, 1);

    // Call 2 is held until the trainer's first input.
    let call2Answered = false;
    const call2 = unityClient.call(unity(1)).then((b) => ((call2Answered = true), b));
    const session = await server.hub.nextSession(5000);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(call2Answered, false, 'the second call must be held until the first reset');
    assert.equal(session.state, 'idle');
    assert.equal(session.peer?.communicationVersion, '1.5.0');
    assert.equal(session.peer?.packageVersion, '3.0.0-fake');

    // The reset carries the side channels: byte for byte what the recorded trainer sent.
    const env = new RemoteEnv(session);
    env.setEngineConfiguration({ timeScale: 20 });
    env.setEnvironmentParameters({ difficulty: 0.5 });
    const reset = env.reset();
    assert.equal(hex(await call2), hex(python(1)));

    // Call 3: first observations and the brain parameters.
    const call3 = unityClient.call(unity(2));
    await reset;
    const spec = env.behaviorSpecs.get('FakeBehavior?team=0');
    assert.deepEqual(spec?.actionSpec, { continuousSize: 0, discreteBranches: [3] });
    assert.deepEqual(spec?.observationSpecs, [{ name: 'VectorSensor_size4', shape: [4], dimensionProperties: [1], observationType: 0 }]);
    const first = env.getSteps('FakeBehavior?team=0');
    assert.deepEqual(Array.from(first.decisionSteps.agentIds), [0, 1]);
    assert.deepEqual(Array.from(first.decisionSteps.observations[0]!), [0, 0, 0, 1, 0, 0, 0, 1]);
    assert.equal(first.terminalSteps.count, 0);

    // The recorded trainer's actions produce the recorded bytes.
    env.setActions('FakeBehavior?team=0', { continuous: new Float32Array(0), discrete: Int32Array.from([2, 1]) });
    const step1 = env.step();
    assert.equal(hex(await call3), hex(python(2)));
    const call4 = unityClient.call(unity(3));
    await step1;
    const second = env.getSteps('FakeBehavior?team=0');
    assert.deepEqual(Array.from(second.decisionSteps.rewards), [1, 0]);
    assert.deepEqual(Array.from(second.decisionSteps.observations[0]!), [0.05000000074505806, 1, 0, 0, 0.05000000074505806, 1, 0, 0]);

    env.setActionForAgent('FakeBehavior?team=0', 0, { continuous: new Float32Array(0), discrete: Int32Array.from([1]) });
    env.setActionForAgent('FakeBehavior?team=0', 1, { continuous: new Float32Array(0), discrete: Int32Array.from([0]) });
    const step2 = env.step();
    assert.equal(hex(await call4), hex(python(3)));
    const call103 = unityClient.call(unity(103));
    await step2;

    // Closing answers the held call with status 400, as the recorded trainer did.
    await env.close();
    assert.equal(hex(await call103), hex(python(103)));
    assert.equal((await session.ended).by, 'trainer');
  } finally {
    unityClient.close();
    await server.stop();
  }
});

test('a 400 from the simulation (Unity leaving play mode) ends the session and fails the pending step', async () => {
  const trace = readTrace();
  const server = await new GrpcBridgeServer(0).start();
  const unityClient = grpcConnection(server.boundPort);
  try {
    await unityClient.call(traceBytes(findLine(trace, 0, 'unity->python')));
    const call2 = unityClient.call(traceBytes(findLine(trace, 1, 'unity->python')));
    const env = new RemoteEnv(await server.hub.nextSession(5000));
    const reset = env.reset();
    const outcome = assert.rejects(reset, (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_CLOSED' && /closed the connection \(status 400\)/.test(e.message));
    await call2;
    const goodbye = co.UnityMessageProto.decode(await unityClient.call(co.UnityMessageProto.encode({ header: { status: 400 } }).finish()));
    assert.equal(goodbye.header?.status, 400);
    await outcome;
  } finally {
    unityClient.close();
    await server.stop();
  }
});
