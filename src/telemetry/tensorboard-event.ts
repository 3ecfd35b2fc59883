/**
 * TensorBoard's Event and Summary messages (the scalar subset in proto/shiva/tensorboard.proto), encoded and
 * decoded with the generated code. Event: wall_time = 1 (double), step = 2 (int64), file_version = 3,
 * summary = 5; Summary: value = 1 (repeated); Summary.Value: tag = 1, simple_value = 2 (float).
 */
import { ShivaError } from '../core/errors.js';
import { shiva } from '../protocol/generated/shiva.js';

const { Event } = shiva.tensorboard;

/** What the first record of every event file announces; TensorBoard checks the "brain.Event:" prefix. */
export const FILE_VERSION = 'brain.Event:2';

/** One scalar point as TensorBoard shows it: a tag's value at a step (x axis) and a wall-clock time. */
export interface ScalarPoint {
  /** Seconds since the Unix epoch. */
  readonly wallTime: number;
  readonly step: number;
  readonly tag: string;
  /** Stored as float32: reading back gives Math.fround of what was written. */
  readonly value: number;
}

/** One decoded Event: the file-version record, or a summary with zero or more scalars. */
export interface DecodedEvent {
  readonly wallTime: number;
  readonly step: number;
  readonly fileVersion: string | null;
  readonly scalars: ReadonlyArray<{ readonly tag: string; readonly value: number }>;
}

export function encodeFileVersionEvent(wallTime: number): Uint8Array {
  return Event.encode({ wallTime, step: 0, fileVersion: FILE_VERSION }).finish();
}

export function encodeScalarEvent(point: ScalarPoint): Uint8Array {
  return Event.encode({
    wallTime: point.wallTime,
    step: point.step,
    summary: { value: [{ tag: point.tag, simpleValue: point.value }] },
  }).finish();
}

/**
 * Decodes one record's data. Values of other kinds (images, histograms, tensors written by other tools) are
 * skipped, so a reader can still list the scalars of a mixed file. `where` names the file and record in errors.
 */
export function decodeEvent(data: Uint8Array, where: string): DecodedEvent {
  let event: ReturnType<typeof Event.decode>;
  try {
    event = Event.decode(data);
  } catch (cause) {
    throw new ShivaError('SHIVA_ERR_TELEMETRY_FILE', `${where}: not a valid Event message: ${(cause as Error).message}`, { cause });
  }
  const scalars: { tag: string; value: number }[] = [];
  for (const value of event.summary?.value ?? []) {
    if (value.value === 'simpleValue' && typeof value.simpleValue === 'number') {
      scalars.push({ tag: value.tag ?? '', value: value.simpleValue });
    }
  }
  return {
    wallTime: event.wallTime ?? 0,
    step: int64ToNumber(event.step as unknown),
    fileVersion: event.what === 'fileVersion' ? (event.fileVersion ?? '') : null,
    scalars,
  };
}

/**
 * protobufjs hands int64 fields back as a Long object when the `long` package is loadable (it is, through
 * grpc-js), whatever --force-number did for the encoder; steps stay far below 2^53, so a number is exact.
 */
function int64ToNumber(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && 'low' in value && 'high' in value) {
    const { low, high } = value as { low: number; high: number };
    return high * 0x1_0000_0000 + (low >>> 0);
  }
  return Number(value);
}
