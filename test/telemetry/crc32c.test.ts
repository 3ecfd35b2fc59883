/**
 * CRC32C against published check values, and TFRecord's masking against values computed by TensorBoard's
 * own Python implementation (tensorboard 2.21, compat/tensorflow_stub/pywrap_tensorflow.masked_crc32c).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c, maskCrc32c, maskedCrc32c, unmaskCrc32c, hex32 } from '../../src/telemetry/crc32c.js';

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

test('CRC32C gives the standard check value and the iSCSI (RFC 3720) vectors', () => {
  assert.equal(crc32c(ascii('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(0)), 0);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa); // 32 bytes of zeros
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43); // 32 bytes of ones
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e); // 0, 1, ..., 31
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c); // 31, 30, ..., 0
});

test('CRC32C continues over chunks to the CRC of the whole', () => {
  assert.equal(crc32c(ascii('6789'), crc32c(ascii('12345'))), 0xe3069283);
});

test('masking matches TensorBoard: rotate right 15, add 0xa282ead8, and unmasking inverts it', () => {
  // masked_crc32c(b'123456789') and masked_crc32c(8 zero bytes) from TensorBoard's Python code.
  assert.equal(maskedCrc32c(ascii('123456789')), 0xc78ab0e5);
  assert.equal(maskCrc32c(0xe3069283), 0xc78ab0e5);
  assert.equal(maskedCrc32c(new Uint8Array(8)), 0x07980329);
  // By hand: rotr15(0) = 0, so the mask of 0 is the delta; rotr15(1) = 1 << 17 = 0x20000.
  assert.equal(maskCrc32c(0), 0xa282ead8);
  assert.equal(maskCrc32c(1), 0xa284ead8);
  // The sum wraps mod 2^32: rotr15(0x8000) = 1, rotr15(0xffffffff) = 0xffffffff.
  assert.equal(maskCrc32c(0x8000), 0xa282ead9);
  assert.equal(maskCrc32c(0xffffffff), 0xa282ead7);
  for (const crc of [0, 1, 0x8000, 0xffffffff, 0xe3069283, 0x5d7b1ac3]) assert.equal(unmaskCrc32c(maskCrc32c(crc)), crc);
});

test('hex32 formats eight hex digits', () => {
  assert.equal(hex32(0x1f), '0x0000001f');
  assert.equal(hex32(0xe3069283), '0xe3069283');
});
