/**
 * Every message recorded between the real mlagents_envs trainer and a Unity-side client decodes with our
 * .proto files and re-encodes to the same bytes, and decodes to what the recording's text form says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { readTrace, traceBytes } from '../helpers/trace.js';

test('every recorded message decodes and re-encodes to the same bytes', () => {
  const trace = readTrace();
  assert.ok(trace.length >= 10);
  for (const line of trace) {
    const bytes = traceBytes(line);
    assert.equal(bytes.length, line.bytes);
    const message = co.UnityMessageProto.decode(bytes);
    assert.equal(Buffer.from(co.UnityMessageProto.encode(message).finish()).toString('hex'), line.hex, `seq ${line.seq} ${line.dir}`);
    assert.equal(message.header?.status, Number(/status: (\d+)/.exec(line.text)![1]));
  }
});

test('the recorded messages mean what their text form says', () => {
  const trace = readTrace();
  const unity0 = co.UnityMessageProto.decode(traceBytes(trace[0]!));
  const init = unity0.unityOutput!.rlInitializationOutput!;
  assert.equal(init.name, 'AcademySingleton');
  assert.equal(init.communicationVersion, '1.5.0');
  assert.equal(init.packageVersion, '3.0.0-fake');
  assert.deepEqual(Object.values(co.UnityRLCapabilitiesProto.toObject(init.capabilities as co.UnityRLCapabilitiesProto)), [true, true, true, true, true, true, true]);
  const observations = co.UnityMessageProto.decode(traceBytes(trace.find((l) => l.seq === 2 && l.dir === 'unity->python')!));
  const agents = observations.unityOutput!.rlOutput!.agentInfos!['FakeBehavior?team=0']!.value!;
  assert.deepEqual(agents.map((a) => a.id), [0, 1]);
  assert.deepEqual(agents[0]!.observations![0]!.floatData!.data, [0, 0, 0, 1]);
  assert.deepEqual(agents[0]!.observations![0]!.dimensionProperties, [1]);
  assert.equal(agents[0]!.observations![0]!.name, 'VectorSensor_size4');
  const bp = observations.unityOutput!.rlInitializationOutput!.brainParameters![0]!;
  assert.equal(bp.brainName, 'FakeBehavior?team=0');
  assert.deepEqual(bp.actionSpec!.discreteBranchSizes, [3]);
  const close = co.UnityMessageProto.decode(traceBytes(trace[trace.length - 1]!));
  assert.equal(close.header?.status, 400);
});
