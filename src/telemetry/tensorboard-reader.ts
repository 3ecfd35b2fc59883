/**
 * Reads a TensorBoard event file back: every record's framing and both CRCs are checked, and the scalars are
 * listed in file order. Used by the tests and by anyone who wants a run's curves without TensorBoard.
 */
import { readFileSync } from 'node:fs';
import { ShivaError } from '../core/errors.js';
import { decodeEvent, type DecodedEvent, type ScalarPoint } from './tensorboard-event.js';
import { decodeRecords } from './tensorboard-record.js';

/** Every Event in the file, the file-version record included. */
export function readEvents(path: string): DecodedEvent[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new ShivaError('SHIVA_ERR_TELEMETRY_FILE', `${path}: cannot read the event file: ${(cause as Error).message}`, { cause });
  }
  return decodeRecords(bytes, path).map((data, index) => decodeEvent(data, `${path}: record ${index}`));
}

/** The scalars of an event file, one point per tag and step, in the order they were written. */
export function readEventFile(path: string): ScalarPoint[] {
  const points: ScalarPoint[] = [];
  for (const event of readEvents(path)) {
    for (const { tag, value } of event.scalars) points.push({ wallTime: event.wallTime, step: event.step, tag, value });
  }
  return points;
}
