/**
 * TFRecord framing, the container of TensorBoard event files. Each record is
 *   uint64 LE  length of the data
 *   uint32 LE  masked CRC32C of those 8 length bytes
 *   bytes      data (here: one serialized Event)
 *   uint32 LE  masked CRC32C of the data
 */
import { ShivaError } from '../core/errors.js';
import { hex32, maskedCrc32c } from './crc32c.js';

/** Bytes of framing around each record's data: 8 + 4 before, 4 after. */
export const RECORD_OVERHEAD = 16;
const HEADER_BYTES = 12;

/** One framed record around `data`. */
export function encodeRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + RECORD_OVERHEAD);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, HEADER_BYTES);
  view.setUint32(HEADER_BYTES + data.length, maskedCrc32c(data), true);
  return out;
}

/**
 * The data of every record in `bytes`, both CRCs checked. `source` names the file in errors, which also give
 * the record's index and byte offset, so a user can tell a truncated tail from corruption in the middle.
 */
export function decodeRecords(bytes: Uint8Array, source: string): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const where = `${source}: record ${records.length} at byte ${offset}`;
    const left = bytes.length - offset;
    if (left < HEADER_BYTES) {
      throw fail(`${where}: header truncated: expected ${HEADER_BYTES} bytes (length and its CRC), found ${left}`);
    }
    const lengthCrc = view.getUint32(offset + 8, true);
    const expectedLengthCrc = maskedCrc32c(bytes.subarray(offset, offset + 8));
    if (lengthCrc !== expectedLengthCrc) {
      throw fail(`${where}: length CRC mismatch: expected masked CRC32C ${hex32(expectedLengthCrc)} of the length bytes, found ${hex32(lengthCrc)}`);
    }
    const length = view.getBigUint64(offset, true);
    const needed = BigInt(HEADER_BYTES) + length + 4n;
    if (needed > BigInt(left)) {
      throw fail(`${where}: truncated: the record needs ${needed} bytes (data length ${length}), the file has ${left} left`);
    }
    const start = offset + HEADER_BYTES;
    const end = start + Number(length);
    const data = bytes.subarray(start, end);
    const dataCrc = view.getUint32(end, true);
    const expectedDataCrc = maskedCrc32c(data);
    if (dataCrc !== expectedDataCrc) {
      throw fail(`${where}: data CRC mismatch: expected masked CRC32C ${hex32(expectedDataCrc)} of ${length} data bytes, found ${hex32(dataCrc)}`);
    }
    records.push(data);
    offset = end + 4;
  }
  return records;
}

function fail(message: string): ShivaError {
  return new ShivaError('SHIVA_ERR_TELEMETRY_FILE', message);
}
