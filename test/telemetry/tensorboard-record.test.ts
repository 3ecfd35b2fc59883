/**
 * TFRecord framing and Event encoding against bytes written by TensorBoard's own Python code (see
 * tensorboard-golden.ts), every flipped byte, and every truncation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRecords, encodeRecord, RECORD_OVERHEAD } from '../../src/telemetry/tensorboard-record.js';
import { decodeEvent, encodeFileVersionEvent, encodeScalarEvent } from '../../src/telemetry/tensorboard-event.js';
import { isShivaError } from '../../src/core/errors.js';
import { TENSORBOARD_GOLDEN } from './tensorboard-golden.js';

/** The record boundaries of the golden file: data lengths 24, 41, 52, each plus 16 bytes of framing. */
const BOUNDARIES = [0, 40, 97, 165];

test('records and events encode to the bytes TensorBoard writes', () => {
  const encoded = Buffer.concat([
    encodeRecord(encodeFileVersionEvent(1700000000.25)),
    encodeRecord(encodeScalarEvent({ wallTime: 1700000001.5, step: 1234, tag: 'Losses/Policy Loss', value: 0.5 })),
    encodeRecord(encodeScalarEvent({ wallTime: 1700000002, step: 1235, tag: 'Environment/Cumulative Reward', value: 0 })),
  ]);
  assert.equal(encoded.length, 165);
  assert.equal(encoded.toString('hex'), TENSORBOARD_GOLDEN.toString('hex'));
});

test('the golden file decodes to its three events, a zero value included', () => {
  const records = decodeRecords(TENSORBOARD_GOLDEN, 'golden');
  assert.deepEqual(records.map((r) => r.length + RECORD_OVERHEAD), [40, 57, 68]);
  const events = records.map((data, i) => decodeEvent(data, `golden record ${i}`));
  assert.deepEqual(events, [
    { wallTime: 1700000000.25, step: 0, fileVersion: 'brain.Event:2', scalars: [] },
    { wallTime: 1700000001.5, step: 1234, fileVersion: null, scalars: [{ tag: 'Losses/Policy Loss', value: 0.5 }] },
    { wallTime: 1700000002, step: 1235, fileVersion: null, scalars: [{ tag: 'Environment/Cumulative Reward', value: 0 }] },
  ]);
});

test('steps beyond 32 bits and negative steps survive the int64 field', () => {
  for (const step of [2 ** 40 + 3, -5, Number.MAX_SAFE_INTEGER]) {
    const event = decodeEvent(encodeScalarEvent({ wallTime: 1, step, tag: 't', value: 1 }), 'x');
    assert.equal(event.step, step);
  }
});

test('a flipped byte anywhere in the file fails a CRC check, naming the file and record', () => {
  for (let at = 0; at < TENSORBOARD_GOLDEN.length; at += 1) {
    const bad = Buffer.from(TENSORBOARD_GOLDEN);
    bad[at]! ^= 0x01;
    const record = BOUNDARIES.findIndex((start, i) => at >= start && at < BOUNDARIES[i + 1]!);
    assert.throws(
      () => decodeRecords(bad, 'run/events.out.tfevents.1.host'),
      (error: unknown) =>
        isShivaError(error, 'SHIVA_ERR_TELEMETRY_FILE') &&
        error.message.startsWith(`run/events.out.tfevents.1.host: record ${record} at byte ${BOUNDARIES[record]}: `) &&
        /CRC mismatch: expected masked CRC32C 0x[0-9a-f]{8} .*found 0x[0-9a-f]{8}/.test(error.message),
      `flip at byte ${at}`,
    );
  }
});

test('a file cut inside a record is reported as truncated; a cut between records leaves the whole records', () => {
  for (let length = 0; length < TENSORBOARD_GOLDEN.length; length += 1) {
    const cut = TENSORBOARD_GOLDEN.subarray(0, length);
    const whole = BOUNDARIES.indexOf(length);
    if (whole >= 0) {
      assert.equal(decodeRecords(cut, 'f').length, whole, `cut at ${length}`);
      continue;
    }
    const record = BOUNDARIES.findIndex((start, i) => length > start && length < BOUNDARIES[i + 1]!);
    const inHeader = length - BOUNDARIES[record]! < 12;
    assert.throws(
      () => decodeRecords(cut, 'f'),
      (error: unknown) =>
        isShivaError(error, 'SHIVA_ERR_TELEMETRY_FILE') &&
        error.message.startsWith(`f: record ${record} at byte ${BOUNDARIES[record]}: `) &&
        (inHeader ? /header truncated: expected 12 bytes/ : /truncated: the record needs \d+ bytes \(data length \d+\), the file has \d+ left/).test(error.message),
      `cut at ${length}`,
    );
  }
});

test('record data that is not an Event is rejected with the record named', () => {
  const garbage = encodeRecord(Uint8Array.from([0x0a, 0xff])); // field 1 as a length-delimited field of 255 bytes
  const [data] = decodeRecords(garbage, 'g');
  assert.throws(() => decodeEvent(data!, 'g: record 0'), (error: unknown) => isShivaError(error, 'SHIVA_ERR_TELEMETRY_FILE') && error.message.startsWith('g: record 0: not a valid Event message'));
});
