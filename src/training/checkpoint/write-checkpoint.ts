/**
 * Encodes a checkpoint (layout in checkpoint-format.ts) and writes it atomically. What is written is checked
 * first, so a bad value (NaN in the meta, a shape that does not fit its data) fails at save time with the
 * name of the field, not at resume time.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShivaError } from '../../core/errors.js';
import { crc32c } from '../../telemetry/crc32c.js';
import { writeFileAtomicSync } from './atomic-write.js';
import {
  CHECKPOINT_FORMAT_VERSION,
  CHECKPOINT_MAGIC,
  HEADER_BYTES,
  HOST_IS_LITTLE_ENDIAN,
  META_SECTION,
  formatShape,
  shapeSize,
  type Checkpoint,
  type JsonValue,
  type SectionEntry,
} from './checkpoint-format.js';

/** Writes `checkpoint` to `path` atomically (temp file, fsync, rename), creating the folder if needed. */
export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const chunks = encodeCheckpointChunks(checkpoint, path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, chunks);
}

/** The whole file as one buffer. */
export function encodeCheckpoint(checkpoint: Checkpoint, target = 'checkpoint'): Uint8Array {
  return Buffer.concat(encodeCheckpointChunks(checkpoint, target));
}

function encodeCheckpointChunks(checkpoint: Checkpoint, target: string): Uint8Array[] {
  checkMeta(checkpoint.meta, target);
  const sections: Uint8Array[] = [Buffer.from(JSON.stringify(checkpoint.meta), 'utf8')];
  const entries: SectionEntry[] = [{ name: META_SECTION, kind: 'json', byteLength: sections[0]!.length, crc32c: crc32c(sections[0]!) }];
  for (const [name, tensor] of Object.entries(checkpoint.tensors)) {
    checkTensor(name, tensor.shape, tensor.data, target);
    const bytes = float32Bytes(tensor.data);
    sections.push(bytes);
    entries.push({ name, kind: 'float32', byteLength: bytes.length, crc32c: crc32c(bytes), shape: [...tensor.shape] });
  }
  const table = Buffer.from(JSON.stringify({ sections: entries }), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(CHECKPOINT_MAGIC, 0, 'latin1');
  header.writeUInt32LE(CHECKPOINT_FORMAT_VERSION, 8);
  header.writeUInt32LE(table.length, 12);
  header.writeUInt32LE(crc32c(table), 16);
  header.writeUInt32LE(crc32c(header.subarray(0, 20)), 20);
  return [header, table, ...sections];
}

function float32Bytes(data: Float32Array): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i += 1) view.setFloat32(i * 4, data[i]!, true);
  return out;
}

function fail(target: string, message: string): ShivaError {
  return new ShivaError('SHIVA_ERR_CHECKPOINT', `${target}: cannot write checkpoint: ${message}`);
}

function checkMeta(meta: Checkpoint['meta'], target: string): void {
  if (typeof meta.behavior !== 'string' || meta.behavior.length === 0) {
    throw fail(target, `meta.behavior: expected a non-empty string, got ${JSON.stringify(meta.behavior)}`);
  }
  for (const counter of ['step', 'episodes'] as const) {
    const value = meta[counter];
    if (!Number.isSafeInteger(value) || value < 0) throw fail(target, `meta.${counter}: expected a non-negative integer, got ${value}`);
  }
  checkJson(meta, 'meta', target);
}

/** JSON.stringify would turn NaN into null and drop undefined without a word; refuse both instead. */
function checkJson(value: JsonValue | undefined, path: string, target: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw fail(target, `${path}: expected a finite number (JSON has no NaN or Infinity), got ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkJson(item, `${path}[${index}]`, target));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) checkJson(item, `${path}.${key}`, target);
    return;
  }
  throw fail(target, `${path}: expected a JSON value (null, boolean, finite number, string, array, plain object), got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'an object';
  return typeof value;
}

function checkTensor(name: string, shape: readonly number[], data: unknown, target: string): void {
  if (name.length === 0) throw fail(target, 'a tensor has an empty name');
  if (name === META_SECTION) throw fail(target, `tensor "${name}": the name is reserved for the meta section`);
  if (!(data instanceof Float32Array)) throw fail(target, `tensor "${name}": expected a Float32Array, got ${describe(data)}`);
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) {
    throw fail(target, `tensor "${name}": expected a shape of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (shapeSize(shape) !== data.length) {
    throw fail(target, `tensor "${name}": shape ${formatShape(shape)} holds ${shapeSize(shape)} values, the data has ${data.length}`);
  }
}
