// The built-in channels' payloads, both directions, against hand-computed bytes and the recorded trainer's bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isShivaError } from '../../src/core/errors.js';
import { DEFAULT_ENGINE_CONFIGURATION } from '../../src/core/env/environment-parameters.js';
import { StatAggregation } from '../../src/core/env/stats.js';
import { decodeEngineConfiguration, encodeEngineConfiguration } from '../../src/protocol/side-channels/engine-configuration.js';
import { decodeEnvironmentParameter, encodeEnvironmentParameter } from '../../src/protocol/side-channels/environment-parameters.js';
import { decodeStatRecord, encodeStatRecord, StatsChannel } from '../../src/protocol/side-channels/stats.js';
import { OutgoingMessage } from '../../src/protocol/side-channels/message-io.js';
import {
  decodeTrainingAnalytics,
  encodeTrainingBehaviorInitialized,
  encodeTrainingEnvironmentInitialized,
} from '../../src/protocol/side-channels/training-analytics.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const ascii = (text: string): string => Buffer.from(text, 'ascii').toString('hex');

function throwsCode(fn: () => unknown, ...fragments: string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(isShivaError(error, 'SHIVA_ERR_SIDE_CHANNEL'), `expected SHIVA_ERR_SIDE_CHANNEL, got ${String(error)}`);
    for (const f of fragments) assert.ok(error.message.includes(f), `message ${JSON.stringify(error.message)} lacks ${JSON.stringify(f)}`);
    return true;
  });
}

test('EngineConfiguration: one record per set field, in mlagents_envs order', () => {
  const payloads = encodeEngineConfiguration(DEFAULT_ENGINE_CONFIGURATION).map(hex);
  assert.deepEqual(payloads, [
    '00000000' + '54000000' + '54000000', // SCREEN_RESOLUTION 84 × 84
    '01000000' + '05000000', // QUALITY_LEVEL 5
    '02000000' + '0000a041', // TIME_SCALE 20.0f
    '03000000' + 'ffffffff', // TARGET_FRAME_RATE -1
    '04000000' + '3c000000', // CAPTURE_FRAME_RATE 60
  ]);
  assert.deepEqual(encodeEngineConfiguration({ timeScale: 20 }).map(hex), ['020000000000a041']);
  assert.deepEqual(encodeEngineConfiguration({}), []);
});

test('EngineConfiguration: width and height go together', () => {
  throwsCode(() => encodeEngineConfiguration({ width: 84 }), 'width 84', 'height undefined');
  throwsCode(() => encodeEngineConfiguration({ height: 84 }), 'width undefined');
  throwsCode(() => encodeEngineConfiguration({ qualityLevel: 2.5 }), 'qualityLevel', '2.5');
});

test('EngineConfiguration: the simulation side decodes each record back', () => {
  const merged = encodeEngineConfiguration(DEFAULT_ENGINE_CONFIGURATION).reduce((acc, p) => ({ ...acc, ...decodeEngineConfiguration(p, 'sim') }), {});
  assert.deepEqual(merged, DEFAULT_ENGINE_CONFIGURATION);
  assert.deepEqual(decodeEngineConfiguration(fromHex('020000000000a041'), 'sim'), { timeScale: 20 });
  throwsCode(() => decodeEngineConfiguration(fromHex('07000000'), 'sim'), 'sim', 'type 7', 'expected 0..4');
});

test('EnvironmentParameters: FLOAT matches the recorded trainer bytes', () => {
  // basic_2agents trace seq 1: key "difficulty", FLOAT, 0.5.
  assert.equal(hex(encodeEnvironmentParameter('difficulty', 0.5)), '0a000000' + ascii('difficulty') + '00000000' + '0000003f');
});

test('EnvironmentParameters: samplers lay out seed, sampler type and their floats', () => {
  assert.equal(
    hex(encodeEnvironmentParameter('k', { sampler: 'uniform', min: 1, max: 2, seed: 7 })),
    '01000000' + ascii('k') + '01000000' + '07000000' + '00000000' + '0000803f' + '00000040',
  );
  assert.equal(
    hex(encodeEnvironmentParameter('k', { sampler: 'gaussian', mean: -1, stddev: 0.5 })),
    '01000000' + ascii('k') + '01000000' + '00000000' + '01000000' + '000080bf' + '0000003f',
  );
  assert.equal(
    hex(encodeEnvironmentParameter('k', { sampler: 'multirange_uniform', intervals: [[1, 2], [4, 8]], seed: -3 })),
    '01000000' + ascii('k') + '01000000' + 'fdffffff' + '02000000' + '04000000' + '0000803f' + '00000040' + '00008040' + '00000041',
  );
});

test('EnvironmentParameters: the simulation side decodes what the trainer wrote', () => {
  const cases = [
    ['difficulty', 0.5],
    ['u', { sampler: 'uniform', min: 1, max: 2, seed: 7 }],
    ['g', { sampler: 'gaussian', mean: -1, stddev: 0.5, seed: 0 }],
    ['m', { sampler: 'multirange_uniform', intervals: [[1, 2], [4, 8]], seed: 11 }],
  ] as const;
  for (const [key, parameter] of cases) {
    assert.deepEqual(decodeEnvironmentParameter(encodeEnvironmentParameter(key, parameter), 'sim'), { key, parameter });
  }
  throwsCode(() => decodeEnvironmentParameter(fromHex('01000000' + ascii('k') + '02000000'), 'sim'), 'sim', '"k"', 'data type 2');
  throwsCode(() => decodeEnvironmentParameter(fromHex('01000000' + ascii('k') + '01000000 00000000 05000000'), 'sim'), 'sampler type 5');
  const odd = '01000000' + ascii('k') + '01000000' + '00000000' + '02000000' + '03000000' + '0000803f'.repeat(3);
  throwsCode(() => decodeEnvironmentParameter(fromHex(odd), 'sim'), 'even number', 'got 3');
});

test('Stats: decodes key, float32 value and aggregation', () => {
  const payload = fromHex('0c000000' + ascii('Score/reward') + '0000c03f' + '02000000');
  assert.deepEqual(decodeStatRecord(payload, 'conn'), { key: 'Score/reward', value: 1.5, aggregation: StatAggregation.SUM });
  assert.equal(hex(encodeStatRecord({ key: 'Score/reward', value: 1.5, aggregation: StatAggregation.SUM })), hex(payload));
  throwsCode(() => decodeStatRecord(fromHex('01000000' + ascii('k') + '0000c03f' + '04000000'), 'conn'), 'conn', '"k"', 'aggregation 4');
});

test('Stats: the one-allocation writer gives OutgoingMessage\'s bytes, and its errors for non-ASCII keys', () => {
  const viaMessage = (key: string, value: number, aggregation: number) => new OutgoingMessage('x').writeString(key).writeFloat32(value).writeInt32(aggregation).toBytes();
  const cases: [string, number, number][] = [['', 0, 0], ['Episode/length', -0, 1], ['a/b c', 3.25e-40, 3], ['k', NaN, 2], ['x'.repeat(300), Infinity, 0]];
  for (const [key, value, aggregation] of cases) assert.equal(hex(encodeStatRecord({ key, value, aggregation: aggregation as StatAggregation })), hex(viaMessage(key, value, aggregation)), key);
  throwsCode(() => encodeStatRecord({ key: 'Reward é', value: 1, aggregation: StatAggregation.SUM }), 'Stats "Reward é"', 'ASCII');
});

test('StatsChannel collects records until drained', () => {
  const channel = new StatsChannel('conn');
  channel.onMessage(encodeStatRecord({ key: 'a', value: 1, aggregation: StatAggregation.AVERAGE }));
  channel.onMessage(encodeStatRecord({ key: 'b', value: -2, aggregation: StatAggregation.HISTOGRAM }));
  assert.deepEqual(channel.drain(), [
    { key: 'a', value: 1, aggregation: 0 },
    { key: 'b', value: -2, aggregation: 3 },
  ]);
  assert.deepEqual(channel.drain(), []);
});

const RECORDED_ANALYTICS_PAYLOAD =
  '0a47' + ascii('type.googleapis.com/communicator_objects.TrainingEnvironmentInitialized') +
  '1229' + '0a06' + ascii('Custom') + '1205' + ascii('1.0.0') + '1a06' + ascii('3.11.2') + '2207' + ascii('Unknown') + '2a07' + ascii('Unknown');

test('TrainingAnalytics: TrainingEnvironmentInitialized in an Any, byte for byte as mlagents_envs sent it', () => {
  const payload = encodeTrainingEnvironmentInitialized({
    mlagentsVersion: 'Custom',
    mlagentsEnvsVersion: '1.0.0',
    pythonVersion: '3.11.2',
    torchVersion: 'Unknown',
    torchDeviceType: 'Unknown',
  });
  assert.equal(hex(payload), RECORDED_ANALYTICS_PAYLOAD);
  assert.equal(payload.length, 0x74);
  const decoded = decodeTrainingAnalytics(payload);
  assert.equal(decoded?.kind, 'environment');
  assert.equal(decoded?.kind === 'environment' && decoded.message.pythonVersion, '3.11.2');
});

test('TrainingAnalytics: TrainingBehaviorInitialized and payloads Unity would ignore', () => {
  const payload = encodeTrainingBehaviorInitialized({ behaviorName: '3DBall', trainerType: 'ppo', numNetworkLayers: 2 });
  const decoded = decodeTrainingAnalytics(payload);
  assert.equal(decoded?.kind, 'behavior');
  if (decoded?.kind !== 'behavior') return;
  assert.equal(decoded.message.behaviorName, '3DBall');
  assert.equal(decoded.message.trainerType, 'ppo');
  assert.equal(decoded.message.numNetworkLayers, 2);
  assert.ok(hex(payload).startsWith('0a44' + ascii('type.googleapis.com/communicator_objects.TrainingBehaviorInitialized')));
  assert.equal(decodeTrainingAnalytics(fromHex('0a03' + ascii('abc'))), null, 'unknown type url');
  assert.equal(decodeTrainingAnalytics(fromHex('ffffffff')), null, 'unparsable');
});
