// Side-channel plumbing: GUID byte order, record framing and the payload primitives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isShivaError } from '../../src/core/errors.js';
import {
  ENGINE_CONFIGURATION_CHANNEL_ID,
  ENVIRONMENT_PARAMETERS_CHANNEL_ID,
  STATS_CHANNEL_ID,
  TRAINING_ANALYTICS_CHANNEL_ID,
  bytesToGuid,
  guidToBytes,
} from '../../src/protocol/guid.js';
import { decodeSideChannelRecords, encodeSideChannelRecords } from '../../src/protocol/side-channels/framing.js';
import { IncomingMessage, OutgoingMessage } from '../../src/protocol/side-channels/message-io.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

function throwsCode(fn: () => unknown, code: Parameters<typeof isShivaError>[1], ...fragments: string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(isShivaError(error, code), `expected ${code}, got ${String(error)}`);
    for (const f of fragments) assert.ok(error.message.includes(f), `message ${JSON.stringify(error.message)} lacks ${JSON.stringify(f)}`);
    return true;
  });
}

test('guidToBytes writes .NET Guid.ToByteArray order (first three groups little-endian)', () => {
  assert.equal(hex(guidToBytes('e951342c-4f7e-11ea-b238-784f4387d1f7')), '2c3451e97e4fea11b238784f4387d1f7');
  assert.equal(hex(guidToBytes('E951342C-4F7E-11EA-B238-784F4387D1F7')), '2c3451e97e4fea11b238784f4387d1f7');
  // The recorded trainer's headers for the other two channels it sent (basic_2agents trace, seq 1).
  assert.equal(hex(guidToBytes(ENVIRONMENT_PARAMETERS_CHANNEL_ID)), '1e894c530f81ea11a9d0822485860400');
  assert.equal(hex(guidToBytes(TRAINING_ANALYTICS_CHANNEL_ID)), 'a9a464b66fd85f5a95cbe8353a7e8356');
  assert.equal(hex(guidToBytes(STATS_CHANNEL_ID)), 'b7f7d8a1c8cef950b78bd3e165a78520');
});

test('bytesToGuid reverses guidToBytes, lower-case and dashed, at an offset', () => {
  assert.equal(bytesToGuid(fromHex('2c3451e97e4fea11b238784f4387d1f7')), ENGINE_CONFIGURATION_CHANNEL_ID);
  const padded = fromHex('ffff' + '2c3451e97e4fea11b238784f4387d1f7');
  assert.equal(bytesToGuid(padded, 2), 'e951342c-4f7e-11ea-b238-784f4387d1f7');
  for (const id of [ENGINE_CONFIGURATION_CHANNEL_ID, ENVIRONMENT_PARAMETERS_CHANNEL_ID, STATS_CHANNEL_ID, TRAINING_ANALYTICS_CHANNEL_ID]) {
    assert.equal(bytesToGuid(guidToBytes(id)), id);
  }
  throwsCode(() => bytesToGuid(new Uint8Array(20), 5), 'SHIVA_ERR_SIDE_CHANNEL', 'byte 5', 'expected 16 bytes, got 15');
  throwsCode(() => guidToBytes('e951342c4f7e11eab238784f4387d1f7'), 'SHIVA_ERR_SIDE_CHANNEL', 'e951342c4f7e11eab238784f4387d1f7');
  throwsCode(() => guidToBytes('g951342c-4f7e-11ea-b238-784f4387d1f7'), 'SHIVA_ERR_SIDE_CHANNEL');
});

test('encodeSideChannelRecords frames [GUID][int32 LE length][payload] in order', () => {
  const bytes = encodeSideChannelRecords([
    { channelId: ENGINE_CONFIGURATION_CHANNEL_ID, payload: fromHex('0200000000 00a041'.replace(' ', '')) },
    { channelId: STATS_CHANNEL_ID, payload: new Uint8Array(0) },
    { channelId: ENVIRONMENT_PARAMETERS_CHANNEL_ID, payload: fromHex('ab') },
  ]);
  assert.equal(
    hex(bytes),
    '2c3451e97e4fea11b238784f4387d1f7' + '08000000' + '020000000000a041' +
      'b7f7d8a1c8cef950b78bd3e165a78520' + '00000000' +
      '1e894c530f81ea11a9d0822485860400' + '01000000' + 'ab',
  );
  assert.equal(encodeSideChannelRecords([]).length, 0);
});

test('decodeSideChannelRecords splits records and returns views of the payloads', () => {
  const bytes = fromHex('2c3451e97e4fea11b238784f4387d1f7 08000000 020000000000a041 b7f7d8a1c8cef950b78bd3e165a78520 00000000 1e894c530f81ea11a9d0822485860400 01000000 ab');
  const records = decodeSideChannelRecords(bytes, 'test');
  assert.deepEqual(
    records.map((r) => [r.channelId, hex(r.payload)]),
    [
      [ENGINE_CONFIGURATION_CHANNEL_ID, '020000000000a041'],
      [STATS_CHANNEL_ID, ''],
      [ENVIRONMENT_PARAMETERS_CHANNEL_ID, 'ab'],
    ],
  );
  assert.equal(records[0]!.payload.buffer, bytes.buffer, 'payloads are views, not copies');
  assert.deepEqual(decodeSideChannelRecords(new Uint8Array(0), 'test'), []);
});

test('decodeSideChannelRecords names where, the byte offset, expected and got', () => {
  const record = fromHex('2c3451e97e4fea11b238784f4387d1f7 04000000 01020304');
  // A second header cut after 10 bytes.
  const cut = new Uint8Array([...record, ...record.subarray(0, 10)]);
  throwsCode(() => decodeSideChannelRecords(cut, 'grpc A'), 'SHIVA_ERR_SIDE_CHANNEL', 'grpc A', 'record 1', 'byte 24', '20-byte header', 'got 10 bytes');
  // Payload length 5 but 4 bytes follow.
  const long = fromHex('2c3451e97e4fea11b238784f4387d1f7 05000000 01020304');
  throwsCode(() => decodeSideChannelRecords(long, 'grpc B'), 'SHIVA_ERR_SIDE_CHANNEL', 'grpc B', 'record 0', 'byte 0', 'payload length 5', 'expected 0..4');
  // Negative length (0xffffffff = -1).
  const negative = fromHex('2c3451e97e4fea11b238784f4387d1f7 ffffffff 01020304');
  throwsCode(() => decodeSideChannelRecords(negative, 'grpc C'), 'SHIVA_ERR_SIDE_CHANNEL', 'grpc C', 'payload length -1', 'expected 0..4');
});

test('OutgoingMessage writes little-endian primitives as C# BinaryWriter does', () => {
  const bytes = new OutgoingMessage()
    .writeBool(true)
    .writeBool(false)
    .writeInt32(-2)
    .writeFloat32(0.5)
    .writeString('ab')
    .writeFloatList([1, -2])
    .toBytes();
  assert.equal(hex(bytes), '01' + '00' + 'feffffff' + '0000003f' + '02000000' + '6162' + '02000000' + '0000803f' + '000000c0');
  assert.equal(hex(new OutgoingMessage().writeString('').writeFloatList([]).toBytes()), '00000000' + '00000000');
});

test('OutgoingMessage grows past its first buffer', () => {
  const values = Array.from({ length: 100 }, (_, i) => i);
  const bytes = new OutgoingMessage().writeFloatList(values).toBytes();
  assert.equal(bytes.length, 4 + 400);
  assert.deepEqual(new IncomingMessage(bytes).readFloatList(), values);
});

test('OutgoingMessage refuses non-ASCII strings and values that are not int32', () => {
  throwsCode(() => new OutgoingMessage('EnvironmentParameters key').writeString('größe'), 'SHIVA_ERR_SIDE_CHANNEL', 'EnvironmentParameters key', 'ASCII', '"ö"', 'index 2');
  throwsCode(() => new OutgoingMessage('w').writeInt32(1.5), 'SHIVA_ERR_SIDE_CHANNEL', 'int32', '1.5');
  throwsCode(() => new OutgoingMessage('w').writeInt32(2 ** 31), 'SHIVA_ERR_SIDE_CHANNEL', '2147483648');
  assert.equal(hex(new OutgoingMessage().writeInt32(-(2 ** 31)).toBytes()), '00000080');
});

test('IncomingMessage reads what OutgoingMessage wrote, then defaults past the end', () => {
  const bytes = new OutgoingMessage().writeBool(true).writeInt32(-7).writeFloat32(0.25).writeString('key').writeFloatList([3, 4]).toBytes();
  const message = new IncomingMessage(bytes);
  assert.equal(message.readBool(), true);
  assert.equal(message.readInt32(), -7);
  assert.equal(message.readFloat32(), 0.25);
  assert.equal(message.readString(), 'key');
  assert.deepEqual(message.readFloatList(), [3, 4]);
  assert.equal(message.atEnd, true);
  assert.equal(message.readBool(), false);
  assert.equal(message.readBool(true), true);
  assert.equal(message.readInt32(), 0);
  assert.equal(message.readInt32(42), 42);
  assert.equal(message.readFloat32(1.5), 1.5);
  assert.equal(message.readString(), '');
  assert.equal(message.readString('x'), 'x');
  assert.deepEqual(message.readFloatList(), []);
  assert.deepEqual(message.readFloatList([9]), [9]);
});

test('IncomingMessage refuses values cut part way and non-ASCII strings', () => {
  throwsCode(() => new IncomingMessage(fromHex('0102'), 'stats').readInt32(), 'SHIVA_ERR_SIDE_CHANNEL', 'stats', 'byte 0', 'expected 4 bytes', 'got 2 bytes');
  throwsCode(() => new IncomingMessage(fromHex('05000000 6162'), 'stats').readString(), 'SHIVA_ERR_SIDE_CHANNEL', 'byte 4', 'expected 5 bytes', 'got 2 bytes');
  throwsCode(() => new IncomingMessage(fromHex('ffffffff'), 'stats').readString(), 'SHIVA_ERR_SIDE_CHANNEL', 'string length -1');
  throwsCode(() => new IncomingMessage(fromHex('02000000 0000803f'), 'stats').readFloatList(), 'SHIVA_ERR_SIDE_CHANNEL', 'expected 8 bytes', 'got 4 bytes');
  throwsCode(() => new IncomingMessage(fromHex('01000000 e9'), 'stats').readString(), 'SHIVA_ERR_SIDE_CHANNEL', 'ASCII', '0xe9');
});
