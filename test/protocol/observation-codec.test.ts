// Observation codec: float data, PNG (concatenated files, channel mappings, grayscale), specs, and the recorded trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isShivaError, type ErrorCode } from '../../src/core/errors.js';
import { DimensionProperty, ObservationType, type ObservationSpec } from '../../src/core/env/behavior-spec.js';
import { communicator_objects } from '../../src/protocol/generated/communicator.js';
import { decodeObservationInto, encodeObservation, observationSpecFromProto, type ObservationProtoLike } from '../../src/protocol/observation-codec.js';
import { encodePngRgb, splitPngFiles } from '../../src/protocol/png.js';

/** basic_2agents_vec4_disc3.jsonl, seq 2 unity->python: two agents, each a [4] vector observation [0, 0, 0, 1]. */
const RECORDED_STEP_HEX =
  '0a0308c80112a3010a7f127d0a1346616b654265686176696f723f7465616d3d3012660a306a2e0a010422120a100000000000000000000000000000803f3201014212566563746f7253656e736f725f73697a65340a3250016a2e0a010422120a100000000000000000000000000000803f3201014212566563746f7253656e736f725f73697a653412202a1e3a1346616b654265686176696f723f7465616d3d3040014a0510011a0103';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function throwsCode(fn: () => unknown, code: ErrorCode, ...fragments: string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(isShivaError(error, code), `expected ${code}, got ${String(error)}`);
    for (const f of fragments) assert.ok(error.message.includes(f), `message ${JSON.stringify(error.message)} lacks ${JSON.stringify(f)}`);
    return true;
  });
}

function visualSpec(shape: [number, number, number], name = 'CameraSensor'): ObservationSpec {
  return { name, shape, dimensionProperties: [1, 2, 2], observationType: ObservationType.DEFAULT };
}

/** Through the generated wire codec, as the bridge sees it. */
function overTheWire(obs: ObservationProtoLike): communicator_objects.ObservationProto {
  return communicator_objects.ObservationProto.decode(communicator_objects.ObservationProto.encode(obs).finish());
}

/** A PNG whose every pixel is (r, g, b). */
function solidPng(width: number, height: number, r: number, g: number, b: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) rgb.set([r, g, b], 3 * p);
  return encodePngRgb({ width, height, rgb });
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function assertClose(actual: Float32Array, expected: ArrayLike<number>, tolerance: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance, `index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

test('recorded trace: two agents\' [4] vector observations decode to [0, 0, 0, 1]', () => {
  const message = communicator_objects.UnityMessageProto.decode(Buffer.from(RECORDED_STEP_HEX, 'hex'));
  const agents = message.unityOutput?.rlOutput?.agentInfos?.['FakeBehavior?team=0']?.value ?? [];
  assert.equal(agents.length, 2);
  const batch = new Float32Array(8).fill(-1);
  agents.forEach((agent, i) => decodeObservationInto(agent.observations![0]!, [4], batch, 4 * i, `agent ${agent.id}`));
  assert.deepEqual([...batch], [0, 0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual(observationSpecFromProto(agents[0]!.observations![0]!), {
    name: 'VectorSensor_size4',
    shape: [4],
    dimensionProperties: [DimensionProperty.NONE],
    observationType: ObservationType.DEFAULT,
  });
});

test('float data is copied row-major into the slice, leaving the rest alone', () => {
  const out = new Float32Array(10).fill(9);
  decodeObservationInto({ shape: [2, 3], floatData: { data: [1, 2, 3, 4, 5, 6] } }, [2, 3], out, 2, 'here');
  assert.deepEqual([...out], [9, 9, 1, 2, 3, 4, 5, 6, 9, 9]);
});

test('float data: NaN and Inf are errors naming where and the index', () => {
  const out = new Float32Array(3);
  throwsCode(() => decodeObservationInto({ shape: [3], floatData: { data: [0, NaN, 1] } }, [3], out, 0, 'conn A agent 7'), 'SHIVA_ERR_OBSERVATION', 'conn A agent 7', 'float_data[1]', 'NaN');
  throwsCode(() => decodeObservationInto({ shape: [3], floatData: { data: [0, 1, -Infinity] } }, [3], out, 0, 'conn A'), 'SHIVA_ERR_OBSERVATION', 'float_data[2]', '-Infinity');
  // A float32 overflow on the wire arrives as Infinity too.
  const wire = overTheWire({ shape: [3], floatData: { data: [1e39, 0, 0] } });
  throwsCode(() => decodeObservationInto(wire, [3], out, 0, 'conn A'), 'SHIVA_ERR_OBSERVATION', 'float_data[0]', 'Infinity');
});

test('float data: wrong length or a shape other than the spec\'s is an error', () => {
  const out = new Float32Array(8);
  throwsCode(() => decodeObservationInto({ shape: [4], floatData: { data: [1, 2, 3] } }, [4], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'w', 'expected 4 floats', 'got 3');
  throwsCode(() => decodeObservationInto({ shape: [4] }, [4], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'got 0');
  throwsCode(() => decodeObservationInto({ shape: [2, 2], floatData: { data: [1, 2, 3, 4] } }, [4], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'expected [4], got [2, 2]');
  throwsCode(() => decodeObservationInto({ shape: [4], compressionType: 7 as communicator_objects.CompressionTypeProto }, [4], out, 0, 'w'), 'SHIVA_ERR_PROTOCOL_FIELD', 'compression_type', '7');
  assert.throws(() => decodeObservationInto({ shape: [4], floatData: { data: [1, 2, 3, 4] } }, [4], out, 6, 'w'), RangeError);
});

test('observationSpecFromProto: empty dimension_properties means all UNSPECIFIED; bad fields are errors', () => {
  assert.deepEqual(observationSpecFromProto({ shape: [3, 8, 8], name: 'Cam', observationType: 1 }), {
    name: 'Cam',
    shape: [3, 8, 8],
    dimensionProperties: [0, 0, 0],
    observationType: ObservationType.GOAL_SIGNAL,
  });
  assert.deepEqual(observationSpecFromProto({ shape: [5, 2], dimensionProperties: [4, 1] }).dimensionProperties, [4, 1]);
  throwsCode(() => observationSpecFromProto({ shape: [5], observationType: 2 as communicator_objects.ObservationTypeProto }, 'b obs 0'), 'SHIVA_ERR_PROTOCOL_FIELD', 'b obs 0', 'observation_type', 'got 2');
  throwsCode(() => observationSpecFromProto({ shape: [5, 2], dimensionProperties: [1] }), 'SHIVA_ERR_PROTOCOL_FIELD', 'dimension_properties');
});

test('encodeObservation (none) writes the header fields and the floats', () => {
  const spec: ObservationSpec = { name: 'Buffer', shape: [2, 2], dimensionProperties: [4, 1], observationType: ObservationType.GOAL_SIGNAL };
  const obs = overTheWire(encodeObservation(new Float32Array([0.5, -1, 2, 3]), spec, 'none'));
  assert.deepEqual(observationSpecFromProto(obs), spec);
  assert.deepEqual(obs.floatData?.data, [0.5, -1, 2, 3]);
  throwsCode(() => encodeObservation(new Float32Array(3), spec, 'none'), 'SHIVA_ERR_OBSERVATION', 'expected 4 values', 'got 3');
  throwsCode(() => encodeObservation(new Float32Array(4), spec, 'png'), 'SHIVA_ERR_OBSERVATION', 'rank-3');
});

for (const channels of [1, 2, 3, 4, 6, 7]) {
  test(`PNG round trip, ${channels} channel(s), within 1/255`, () => {
    const shape: [number, number, number] = [channels, 5, 7];
    const random = mulberry32(100 + channels);
    const values = Float32Array.from({ length: channels * 35 }, () => random());
    const obs = overTheWire(encodeObservation(values, visualSpec(shape), 'png'));
    assert.equal(obs.compressionType, communicator_objects.CompressionTypeProto.PNG);
    assert.equal(splitPngFiles(obs.compressedData!, 't').length, Math.ceil(channels / 3));
    const expectedMapping = channels === 1 ? [0, 0, 0] : channels % 3 === 0 ? [] : Array.from({ length: 3 * Math.ceil(channels / 3) }, (_, i) => (i < channels ? i : -1));
    assert.deepEqual(obs.compressedChannelMapping, expectedMapping);
    const out = new Float32Array(values.length + 3).fill(-5);
    decodeObservationInto(obs, shape, out, 3, 't');
    assert.deepEqual([...out.subarray(0, 3)], [-5, -5, -5]);
    assertClose(out.subarray(3), values, 0.5 / 255 + 1e-7);
  });
}

test('PNG encode clamps to [0, 1] (NaN to 0)', () => {
  const values = new Float32Array([-0.5, 2, NaN, 1, 0, 0.5]);
  const out = new Float32Array(6);
  decodeObservationInto(encodeObservation(values, visualSpec([3, 1, 2]), 'png'), [3, 1, 2], out, 0, 't');
  assertClose(out, [0, 1, 0, 1, 0, 128 / 255], 1e-7);
});

test('PNG without a mapping and one channel: the mean of R, G and B (grayscale camera)', () => {
  const out = new Float32Array(6);
  decodeObservationInto({ shape: [1, 2, 3], compressionType: 1, compressedData: solidPng(3, 2, 30, 60, 90) }, [1, 2, 3], out, 0, 't');
  assertClose(out, new Array(6).fill(60 / 255), 1e-7);
});

test('PNG without a mapping and several channels: concatenated, the first C kept', () => {
  const data = concat(solidPng(2, 1, 10, 20, 30), solidPng(2, 1, 40, 50, 60));
  const out = new Float32Array(8);
  decodeObservationInto({ shape: [4, 1, 2], compressionType: 1, compressedData: data }, [4, 1, 2], out, 0, 't');
  assertClose(out, [10, 10, 20, 20, 30, 30, 40, 40].map((v) => v / 255), 1e-7);
  const six = new Float32Array(12);
  decodeObservationInto({ shape: [6, 1, 2], compressionType: 1, compressedData: data }, [6, 1, 2], six, 0, 't');
  assertClose(six, [10, 10, 20, 20, 30, 30, 40, 40, 50, 50, 60, 60].map((v) => v / 255), 1e-7);
  throwsCode(() => decodeObservationInto({ shape: [7, 1, 2], compressionType: 1, compressedData: data }, [7, 1, 2], new Float32Array(14), 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'w', '6 channels', 'at least 7');
});

test('PNG with a mapping: -1 drops a channel, several into one are averaged', () => {
  const png = solidPng(1, 2, 30, 60, 200);
  const one = new Float32Array(2);
  decodeObservationInto({ shape: [1, 2, 1], compressionType: 1, compressedData: png, compressedChannelMapping: [0, 0, -1] }, [1, 2, 1], one, 0, 't');
  assertClose(one, [45 / 255, 45 / 255], 1e-7);
  const two = new Float32Array(4);
  decodeObservationInto({ shape: [2, 2, 1], compressionType: 1, compressedData: png, compressedChannelMapping: [1, 0, 1] }, [2, 2, 1], two, 0, 't');
  assertClose(two, [60 / 255, 60 / 255, 115 / 255, 115 / 255], 1e-7);
  // Across two files: output 0 = mean(R1, R2), output 1 = B2.
  const data = concat(solidPng(1, 1, 10, 0, 0), solidPng(1, 1, 50, 0, 255));
  const across = new Float32Array(2);
  decodeObservationInto({ shape: [2, 1, 1], compressionType: 1, compressedData: data, compressedChannelMapping: [0, -1, -1, 0, -1, 1] }, [2, 1, 1], across, 0, 't');
  assertClose(across, [30 / 255, 1], 1e-7);
});

test('PNG with a bad mapping or a mismatched size is an error', () => {
  const png = solidPng(2, 2, 1, 2, 3);
  const out = new Float32Array(12);
  const obs = (mapping: number[], shape: number[]): ObservationProtoLike => ({ shape, compressionType: 1, compressedData: png, compressedChannelMapping: mapping });
  throwsCode(() => decodeObservationInto(obs([0, 1], [2, 2, 2]), [2, 2, 2], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'w', '2 entries', '(3 = 3 × 1 PNG files)');
  throwsCode(() => decodeObservationInto(obs([0, 1, 2], [2, 2, 2]), [2, 2, 2], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'makes 3 channels, expected 2');
  throwsCode(() => decodeObservationInto(obs([0, 2, 2], [3, 2, 2]), [3, 2, 2], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'output channel 1');
  throwsCode(() => decodeObservationInto(obs([0, -2, 1], [2, 2, 2]), [2, 2, 2], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'compressed_channel_mapping[1] is -2');
  throwsCode(() => decodeObservationInto(obs([], [3, 2, 3]), [3, 2, 3], new Float32Array(18), 0, 'w'), 'SHIVA_ERR_OBSERVATION', '2×2 (H×W)', 'expected 2×3');
  const mixed = concat(png, solidPng(3, 2, 0, 0, 0));
  throwsCode(() => decodeObservationInto({ shape: [6, 2, 2], compressionType: 1, compressedData: mixed }, [6, 2, 2], new Float32Array(24), 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'PNG file 1 is 2×3');
});

test('PNG data that is not PNG, truncated, or on a non-visual shape is an error', () => {
  const png = solidPng(2, 2, 1, 2, 3);
  const out = new Float32Array(12);
  throwsCode(() => decodeObservationInto({ shape: [3, 2, 2], compressionType: 1, compressedData: new Uint8Array([1, 2, 3]) }, [3, 2, 2], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'w', 'PNG signature');
  throwsCode(() => decodeObservationInto({ shape: [3, 2, 2], compressionType: 1, compressedData: png.subarray(0, png.length - 5) }, [3, 2, 2], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'PNG file 0');
  throwsCode(() => decodeObservationInto({ shape: [3, 2, 2], compressionType: 1 }, [3, 2, 2], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'compressed_data is empty');
  throwsCode(() => decodeObservationInto({ shape: [12], compressionType: 1, compressedData: png }, [12], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'rank-3');
  const corrupt = png.slice();
  corrupt[43] = corrupt[43]! ^ 0xff; // inside IDAT's data: the CRC no longer matches
  throwsCode(() => decodeObservationInto({ shape: [3, 2, 2], compressionType: 1, compressedData: corrupt }, [3, 2, 2], out, 0, 'w'), 'SHIVA_ERR_OBSERVATION', 'not a decodable PNG');
});

test('splitPngFiles walks chunks, so signature bytes inside a file do not split it', () => {
  const a = solidPng(1, 1, 1, 2, 3);
  const b = solidPng(2, 1, 4, 5, 6);
  const files = splitPngFiles(concat(a, b), 't');
  assert.deepEqual(files.map((f) => f.length), [a.length, b.length]);
  // A private ancillary chunk ("teSt") holding a PNG signature, placed after IHDR (33 bytes in).
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const chunk = new Uint8Array([0, 0, 0, 8, 0x74, 0x65, 0x53, 0x74, ...signature, 0, 0, 0, 0]);
  const withChunk = concat(a.subarray(0, 33), chunk, a.subarray(33));
  assert.deepEqual(splitPngFiles(concat(withChunk, b), 't').map((f) => f.length), [withChunk.length, b.length]);
});
