// SideChannelManager: the golden RESET side_channel of the recorded trainer, routing, warnings and guards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isShivaError } from '../../src/core/errors.js';
import { StatAggregation } from '../../src/core/env/stats.js';
import { communicator_objects } from '../../src/protocol/generated/communicator.js';
import {
  ENGINE_CONFIGURATION_CHANNEL_ID,
  ENVIRONMENT_PARAMETERS_CHANNEL_ID,
  STATS_CHANNEL_ID,
  TRAINING_ANALYTICS_CHANNEL_ID,
} from '../../src/protocol/guid.js';
import { decodeEngineConfiguration } from '../../src/protocol/side-channels/engine-configuration.js';
import { decodeEnvironmentParameter } from '../../src/protocol/side-channels/environment-parameters.js';
import { encodeSideChannelRecords } from '../../src/protocol/side-channels/framing.js';
import { RawBytesChannel } from '../../src/protocol/side-channels/raw-bytes.js';
import { SideChannelManager, type SideChannel } from '../../src/protocol/side-channels/side-channel-manager.js';
import { encodeStatRecord, StatsChannel } from '../../src/protocol/side-channels/stats.js';
import { traceFile } from '../helpers/paths.js';

/**
 * basic_2agents_vec4_disc3.jsonl, seq 1 python->unity: the RESET that the real mlagents_envs 1.0.0 trainer sent,
 * copied here (and checked against the trace in test/fixtures/mlagents/traces).
 */
const RECORDED_RESET_HEX =
  '0a0308c8011ad6010ad30120012ace012c3451e97e4fea11b238784f4387d1f708000000020000000000a0411e894c530f81ea11a9d0822485860400160000000a000000646966666963756c7479000000000000003fa9a464b66fd85f5a95cbe8353a7e8356740000000a47747970652e676f6f676c65617069732e636f6d2f636f6d6d756e696361746f725f6f626a656374732e547261696e696e67456e7669726f6e6d656e74496e697469616c697a656412290a06437573746f6d1205312e302e301a06332e31312e322207556e6b6e6f776e2a07556e6b6e6f776e';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function manager(role: 'trainer' | 'simulation' = 'trainer'): { m: SideChannelManager; warnings: string[] } {
  const warnings: string[] = [];
  return { m: new SideChannelManager('grpc test', (w) => warnings.push(w), role), warnings };
}

test('the embedded RESET bytes are the recorded ones', () => {
  const line = readFileSync(traceFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { seq: number; dir: string; hex: string })
    .find((r) => r.seq === 1 && r.dir === 'python->unity');
  assert.equal(line?.hex, RECORDED_RESET_HEX);
});

test('golden: TIME_SCALE 20, difficulty 0.5 and TrainingEnvironmentInitialized frame exactly as mlagents_envs did', () => {
  const recorded = communicator_objects.UnityMessageProto.decode(Buffer.from(RECORDED_RESET_HEX, 'hex'));
  const expected = recorded.unityInput?.rlInput?.sideChannel;
  assert.ok(expected && expected.length === 206);
  const { m } = manager();
  m.queueEngineConfiguration({ timeScale: 20 });
  m.queueEnvironmentParameter('difficulty', 0.5);
  m.queueTrainingEnvironmentInitialized({
    mlagentsVersion: 'Custom',
    mlagentsEnvsVersion: '1.0.0',
    pythonVersion: '3.11.2',
    torchVersion: 'Unknown',
    torchDeviceType: 'Unknown',
  });
  assert.equal(hex(m.takeOutgoing()), hex(expected));
});

test('takeOutgoing frames in queue order, then is empty', () => {
  const { m } = manager();
  assert.equal(m.takeOutgoing().length, 0);
  m.queueEnvironmentParameters(new Map([['a', 1], ['b', 2]]));
  m.queue(ENGINE_CONFIGURATION_CHANNEL_ID.toUpperCase(), new Uint8Array([9]));
  const bytes = m.takeOutgoing();
  const { m: sim } = manager('simulation');
  const seen: string[] = [];
  const spy = (channelId: string): SideChannel => ({ channelId, onMessage: (p) => seen.push(`${channelId.slice(0, 4)}:${hex(p)}`) });
  sim.register(spy(ENVIRONMENT_PARAMETERS_CHANNEL_ID));
  sim.register(spy(ENGINE_CONFIGURATION_CHANNEL_ID));
  sim.processIncoming(bytes);
  assert.deepEqual(seen, [
    '534c:01000000' + '61' + '00000000' + '0000803f',
    '534c:01000000' + '62' + '00000000' + '00000040',
    'e951:09',
  ]);
  assert.equal(m.takeOutgoing().length, 0);
});

test('the simulation side reads back what the trainer queued', () => {
  const { m } = manager();
  m.queueEngineConfiguration({ width: 64, height: 48, timeScale: 5 });
  m.queueEnvironmentParameters({ gravity: { sampler: 'uniform', min: -10, max: -9, seed: 3 } });
  const engine: object[] = [];
  const params: object[] = [];
  const { m: sim } = manager('simulation');
  sim.register({ channelId: ENGINE_CONFIGURATION_CHANNEL_ID, onMessage: (p) => engine.push(decodeEngineConfiguration(p, 'sim')) });
  sim.register({ channelId: ENVIRONMENT_PARAMETERS_CHANNEL_ID, onMessage: (p) => params.push(decodeEnvironmentParameter(p, 'sim')) });
  sim.processIncoming(m.takeOutgoing());
  assert.deepEqual(engine, [{ width: 64, height: 48 }, { timeScale: 5 }]);
  assert.deepEqual(params, [{ key: 'gravity', parameter: { sampler: 'uniform', min: -10, max: -9, seed: 3 } }]);
});

test('processIncoming delivers stats; unknown ids are skipped with one warning per id', () => {
  const { m, warnings } = manager();
  const stats = new StatsChannel('grpc test');
  m.register(stats);
  const unknownA = '11111111-2222-3333-4444-555555555555';
  const unknownB = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const bytes = encodeSideChannelRecords([
    { channelId: unknownA, payload: new Uint8Array([1]) },
    { channelId: STATS_CHANNEL_ID, payload: encodeStatRecord({ key: 'x', value: 2, aggregation: StatAggregation.MOST_RECENT }) },
    { channelId: unknownA, payload: new Uint8Array([2]) },
    { channelId: unknownB, payload: new Uint8Array([3, 4]) },
    { channelId: STATS_CHANNEL_ID, payload: encodeStatRecord({ key: 'y', value: 0.25, aggregation: StatAggregation.AVERAGE }) },
  ]);
  m.processIncoming(bytes);
  m.processIncoming(bytes);
  assert.equal(warnings.length, 2);
  assert.ok(warnings[0]!.includes(unknownA) && warnings[0]!.includes('grpc test'));
  assert.ok(warnings[1]!.includes(unknownB));
  assert.deepEqual(
    stats.drain().map((r) => `${r.key}=${r.value}/${r.aggregation}`),
    ['x=2/1', 'y=0.25/0', 'x=2/1', 'y=0.25/0'],
  );
  m.processIncoming(new Uint8Array(0));
  m.processIncoming(undefined);
  assert.deepEqual(stats.drain(), []);
});

test('records for send-only channels are errors naming the connection', () => {
  for (const id of [ENGINE_CONFIGURATION_CHANNEL_ID, ENVIRONMENT_PARAMETERS_CHANNEL_ID, TRAINING_ANALYTICS_CHANNEL_ID]) {
    const { m } = manager();
    const bytes = encodeSideChannelRecords([{ channelId: id, payload: new Uint8Array(3) }]);
    assert.throws(
      () => m.processIncoming(bytes),
      (e: unknown) => isShivaError(e, 'SHIVA_ERR_SIDE_CHANNEL') && e.message.includes('grpc test') && e.message.includes(id) && e.message.includes('send-only'),
    );
  }
  const { m: sim } = manager('simulation');
  const stats = encodeSideChannelRecords([{ channelId: STATS_CHANNEL_ID, payload: encodeStatRecord({ key: 'k', value: 1, aggregation: 0 }) }]);
  assert.throws(() => sim.processIncoming(stats), (e: unknown) => isShivaError(e, 'SHIVA_ERR_SIDE_CHANNEL') && e.message.includes('Stats'));
});

test('malformed framing is an error naming the connection', () => {
  const { m } = manager();
  assert.throws(() => m.processIncoming(new Uint8Array(7)), (e: unknown) => isShivaError(e, 'SHIVA_ERR_SIDE_CHANNEL') && e.message.includes('grpc test'));
});

test('registering an id twice is an error; a guard may be replaced once', () => {
  const { m } = manager();
  m.register(new StatsChannel());
  assert.throws(() => m.register(new StatsChannel()), (e: unknown) => isShivaError(e, 'SHIVA_ERR_SIDE_CHANNEL') && e.message.includes(STATS_CHANNEL_ID));
  const received: number[] = [];
  m.register({ channelId: ENGINE_CONFIGURATION_CHANNEL_ID, onMessage: (p) => received.push(p.length) });
  m.processIncoming(encodeSideChannelRecords([{ channelId: ENGINE_CONFIGURATION_CHANNEL_ID, payload: new Uint8Array(4) }]));
  assert.deepEqual(received, [4]);
  assert.throws(() => m.register({ channelId: ENGINE_CONFIGURATION_CHANNEL_ID, onMessage: () => undefined }), (e: unknown) => isShivaError(e, 'SHIVA_ERR_SIDE_CHANNEL'));
});

test('RawBytesChannel sends through the manager and keeps copies of what it receives', () => {
  const id = '621f0a70-4f87-11ea-a6bf-784f4387d1f7';
  const { m: trainer } = manager();
  const { m: sim } = manager('simulation');
  const callbacks: string[] = [];
  const trainerRaw = new RawBytesChannel(id.toUpperCase(), trainer, (p) => callbacks.push(hex(p)));
  const simRaw = new RawBytesChannel(id, sim);
  trainer.register(trainerRaw);
  sim.register(simRaw);
  assert.equal(trainerRaw.channelId, id);

  const sent = new Uint8Array([1, 2, 3]);
  trainerRaw.send(sent);
  sent[0] = 99; // the queued bytes were copied
  const wire = trainer.takeOutgoing();
  assert.equal(hex(wire), '700a1f62874fea11a6bf784f4387d1f7' + '03000000' + '010203');
  sim.processIncoming(wire);
  assert.deepEqual(simRaw.received.map(hex), ['010203']);
  wire[20] = 0; // received payloads do not alias the message
  assert.deepEqual(simRaw.received.map(hex), ['010203']);

  simRaw.send(new Uint8Array([7]));
  simRaw.send(new Uint8Array([]));
  trainer.processIncoming(sim.takeOutgoing());
  assert.deepEqual(trainerRaw.received.map(hex), ['07', '']);
  assert.deepEqual(callbacks, ['07', '']);
});
