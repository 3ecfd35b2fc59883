/**
 * The byte layout of a `.demo` file (as Unity's DemonstrationWriter makes it and ML-Agents' demo_loader reads it):
 *
 *   byte 0            varint length + DemonstrationMetaProto, zero-padded up to byte 33
 *   byte 33           varint length + BrainParametersProto
 *   then              number_steps × (varint length + AgentInfoActionPairProto)
 *   then (optional)   anything: Unity appends a stray copy of the meta record when it closes; readers stop
 *                     after number_steps records
 *
 * The writer reserves 32 bytes for the meta record and seeks to 32 + 1 for the content, so the meta record
 * with its one-byte length prefix must fit in bytes 0..32.
 */
import pkg from 'protobufjs/minimal.js';
import { communicator_objects as co } from '../generated/communicator.js';
import { ShivaError } from '../../core/errors.js';
import type { DemoMeta } from './demonstration.js';

const { Reader } = pkg;

/** Where the content (brain parameters) starts. */
export const CONTENT_OFFSET = 33;
/** The longest meta record that fits before CONTENT_OFFSET behind its one-byte length prefix. */
export const MAX_META_BYTES = CONTENT_OFFSET - 1;
/** demo_loader's SUPPORTED_DEMONSTRATION_VERSIONS. */
export const SUPPORTED_API_VERSIONS: readonly number[] = [0, 1];
/** The version Unity's recorder (com.unity.ml-agents 1.x to 3.x) writes, and so do we. */
export const WRITTEN_API_VERSION = 1;

export function demoError(message: string, cause?: unknown): ShivaError {
  return new ShivaError('SHIVA_ERR_DEMO_FILE', message, cause === undefined ? undefined : { cause });
}

/** One length-delimited record: its prefix starts at `offset`, its message bytes are [start, end). */
export interface Frame {
  readonly offset: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Reads the varint length at `offset` and checks the message fits in the file (and in `maxLength`, checked
 * first: a wrong file shows itself as an absurd length before it shows as a short file).
 */
export function readFrame(bytes: Uint8Array, offset: number, what: string, file: string, maxLength = Infinity): Frame {
  if (offset >= bytes.length) {
    throw demoError(`${file}: byte ${offset}: expected the length of ${what}, got the end of the file (${bytes.length} bytes): truncated`);
  }
  const reader = Reader.create(bytes);
  reader.pos = offset;
  let length: number;
  try {
    length = reader.uint32();
  } catch (error) {
    const reason = offset + 5 <= bytes.length ? 'a varint longer than 5 bytes' : `the end of the file (${bytes.length} bytes) inside it: truncated`;
    throw demoError(`${file}: byte ${offset}: expected the varint length of ${what}, got ${reason}`, error);
  }
  if (length > maxLength) {
    throw demoError(`${file}: byte ${offset}: expected the length of ${what}, at most ${maxLength} bytes, got ${length}: not an ML-Agents .demo file, or a corrupt one`);
  }
  const start = reader.pos;
  const end = start + length;
  if (end > bytes.length) {
    throw demoError(`${file}: ${what} at byte ${offset}: expected ${length} bytes (to byte ${end}), got ${bytes.length - start} (the file ends at byte ${bytes.length}): truncated`);
  }
  return { offset, start, end };
}

/** Decodes one framed message, naming the file, the byte offset and the message type when the bytes are not one. */
export function decodeFrame<T>(decode: (bytes: Uint8Array) => T, bytes: Uint8Array, frame: Frame, what: string, file: string): T {
  try {
    return decode(bytes.subarray(frame.start, frame.end));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw demoError(`${file}: ${what} at byte ${frame.offset}: expected ${frame.end - frame.start} bytes of a valid message, got undecodable bytes (${reason})`, error);
  }
}

/**
 * The meta record as it will be written: a name that would push the record past the meta area is shortened
 * (Unity keeps names to 16 characters for the same reason).
 */
export function fitMeta(meta: DemoMeta): DemoMeta {
  let name = meta.name;
  while (encodeMeta({ ...meta, name }).length > MAX_META_BYTES) {
    if (name.length === 0) throw demoError(`meta record of ${encodeMeta(meta).length} bytes does not fit the ${MAX_META_BYTES} bytes before byte ${CONTENT_OFFSET}`);
    name = [...name].slice(0, -1).join('');
  }
  return name === meta.name ? meta : { ...meta, name };
}

/** The first CONTENT_OFFSET bytes of a file: the length-delimited meta record (fitted), zero-padded. */
export function encodeMetaArea(meta: DemoMeta): Uint8Array {
  const record = encodeMeta(fitMeta(meta));
  const area = new Uint8Array(CONTENT_OFFSET);
  area[0] = record.length;
  area.set(record, 1);
  return area;
}

function encodeMeta(meta: DemoMeta): Uint8Array {
  return co.DemonstrationMetaProto.encode({
    apiVersion: meta.apiVersion,
    demonstrationName: meta.name,
    numberSteps: meta.numberSteps,
    numberEpisodes: meta.numberEpisodes,
    meanReward: meta.meanReward,
  }).finish();
}

export function metaFromProto(proto: co.DemonstrationMetaProto): DemoMeta {
  return {
    apiVersion: proto.apiVersion,
    name: proto.demonstrationName,
    numberSteps: proto.numberSteps,
    numberEpisodes: proto.numberEpisodes,
    meanReward: proto.meanReward,
  };
}
