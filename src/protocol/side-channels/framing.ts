/**
 * The side-channel byte stream carried in `rl_input.side_channel` / `rl_output.side_channel`, the same in both
 * directions: a concatenation of records `[16-byte channel GUID][int32 LE payload length][payload]`.
 */
import { ShivaError } from '../../core/errors.js';
import { bytesToGuid, guidToBytes } from '../guid.js';

export interface SideChannelRecord {
  /** Lower-case dashed GUID. */
  readonly channelId: string;
  readonly payload: Uint8Array;
}

const GUID_BYTES = 16;
const HEADER_BYTES = GUID_BYTES + 4;

/** Each channel's GUID bytes, parsed once: a stand-in frames a Stats record or more on every step. */
const guidBytes = new Map<string, Uint8Array>();
function guidBytesOf(channelId: string): Uint8Array {
  let bytes = guidBytes.get(channelId);
  if (!bytes) {
    bytes = guidToBytes(channelId);
    // Channel ids are few (one per registered channel); a peer cannot grow this map, only this side's code.
    if (guidBytes.size < 1024) guidBytes.set(channelId, bytes);
  }
  return bytes;
}

/** Frames the records, in order, into one buffer. */
export function encodeSideChannelRecords(records: readonly SideChannelRecord[]): Uint8Array {
  let total = 0;
  for (const record of records) total += HEADER_BYTES + record.payload.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const record of records) {
    out.set(guidBytesOf(record.channelId), at);
    view.setInt32(at + GUID_BYTES, record.payload.length, true);
    out.set(record.payload, at + HEADER_BYTES);
    at += HEADER_BYTES + record.payload.length;
  }
  return out;
}

/**
 * Splits a side-channel buffer into its records. Payloads are views into `bytes` (no copy): copy them if they
 * must outlive the message. `where` names the connection and direction for errors.
 */
export function decodeSideChannelRecords(bytes: Uint8Array, where: string): SideChannelRecord[] {
  const records: SideChannelRecord[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at < bytes.length) {
    const left = bytes.length - at;
    if (left < HEADER_BYTES) {
      throw new ShivaError(
        'SHIVA_ERR_SIDE_CHANNEL',
        `${where}: side-channel record ${records.length} at byte ${at} is truncated: expected a ${HEADER_BYTES}-byte header (GUID + int32 length), got ${left} bytes`,
      );
    }
    const length = view.getInt32(at + GUID_BYTES, true);
    if (length < 0 || length > left - HEADER_BYTES) {
      throw new ShivaError(
        'SHIVA_ERR_SIDE_CHANNEL',
        `${where}: side-channel record ${records.length} at byte ${at} (channel ${bytesToGuid(bytes, at)}) has payload length ${length}: expected 0..${left - HEADER_BYTES} (the bytes left after its header)`,
      );
    }
    const start = at + HEADER_BYTES;
    records.push({ channelId: bytesToGuid(bytes, at), payload: bytes.subarray(start, start + length) });
    at = start + length;
  }
  return records;
}
