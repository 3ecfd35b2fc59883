/**
 * Reads and validates a checkpoint: magic, format version, header and table CRCs, the section table, every
 * section's length and CRC, and the counters in the meta. Anything wrong is a SHIVA_ERR_CHECKPOINT naming
 * the file, the section, what was expected and what was found: a damaged checkpoint is never mistaken for a
 * missing one, so a resumed run never silently starts fresh.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { ShivaError } from '../../core/errors.js';
import { crc32c, hex32 } from '../../telemetry/crc32c.js';
import {
  CHECKPOINT_FORMAT_VERSION,
  CHECKPOINT_MAGIC,
  HEADER_BYTES,
  HOST_IS_LITTLE_ENDIAN,
  META_SECTION,
  formatShape,
  shapeSize,
  type Checkpoint,
  type CheckpointMeta,
  type CheckpointTensor,
  type SectionEntry,
} from './checkpoint-format.js';

export function readCheckpoint(path: string): Checkpoint {
  return decodeCheckpoint(readWhole(path), path);
}

/** Only the meta section (counters, config), for listing checkpoints without loading their tensors. */
export function readCheckpointMeta(path: string): CheckpointMeta {
  const size = fileSize(path);
  const fd = openSync(path, 'r');
  try {
    const read = (offset: number, length: number): Uint8Array => {
      const out = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < out.length) done += readSync(fd, out, done, out.length - done, offset + done);
      return out;
    };
    const header = parseHeader(read(0, HEADER_BYTES), size, path);
    const table = parseTable(read(HEADER_BYTES, header.tableLength), header, size, path);
    const metaEntry = table[0]!;
    const start = HEADER_BYTES + header.tableLength;
    return parseMeta(sectionBytes(read(start, metaEntry.byteLength), metaEntry, start, size, path), path);
  } finally {
    closeSync(fd);
  }
}

/** Decodes a checkpoint held in memory; `source` names it in errors. */
export function decodeCheckpoint(bytes: Uint8Array, source: string): Checkpoint {
  const header = parseHeader(bytes.subarray(0, HEADER_BYTES), bytes.length, source);
  const table = parseTable(bytes.subarray(HEADER_BYTES, HEADER_BYTES + header.tableLength), header, bytes.length, source);
  let offset = HEADER_BYTES + header.tableLength;
  let meta: CheckpointMeta | null = null;
  const tensors: Record<string, CheckpointTensor> = {};
  for (const entry of table) {
    const data = sectionBytes(bytes.subarray(offset, offset + entry.byteLength), entry, offset, bytes.length, source);
    if (entry.kind === 'json') meta = parseMeta(data, source);
    else tensors[entry.name] = { shape: entry.shape ?? [], data: float32FromBytes(data) };
    offset += entry.byteLength;
  }
  if (offset !== bytes.length) {
    throw fail(source, 'end of file', `the sections end at byte ${offset}`, `${bytes.length - offset} more bytes after them`);
  }
  return { meta: meta!, tensors };
}

interface Header {
  readonly tableLength: number;
  readonly tableCrc: number;
}

function fail(source: string, section: string, expected: string, found: string): ShivaError {
  return new ShivaError('SHIVA_ERR_CHECKPOINT', `${source}: ${section}: expected ${expected}, found ${found}`);
}

function readWhole(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${path}: cannot read checkpoint: ${(cause as Error).message}`, { cause });
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (cause) {
    throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${path}: cannot read checkpoint: ${(cause as Error).message}`, { cause });
  }
}

/** `bytes` holds what the file has of the first 24 bytes; `size` is the whole file's length. */
function parseHeader(bytes: Uint8Array, size: number, source: string): Header {
  const magicFound = Buffer.from(bytes.subarray(0, Math.min(8, bytes.length)));
  if (size === 0) throw fail(source, 'header', `the magic "${CHECKPOINT_MAGIC}"`, 'an empty file');
  if (!magicFound.equals(Buffer.from(CHECKPOINT_MAGIC, 'latin1').subarray(0, magicFound.length))) {
    throw fail(source, 'header', `the magic "${CHECKPOINT_MAGIC}" (a Shiva checkpoint)`, `${JSON.stringify(magicFound.toString('latin1'))} (bytes ${magicFound.toString('hex')})`);
  }
  if (size < HEADER_BYTES) {
    throw fail(source, 'header', `${HEADER_BYTES} bytes (magic, version, table length, CRCs)`, `a file of ${size} bytes (truncated)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const headerCrc = view.getUint32(20, true);
  const computed = crc32c(bytes.subarray(0, 20));
  if (headerCrc !== computed) {
    throw fail(source, 'header', `CRC32C ${hex32(headerCrc)} stored for bytes 0..19`, `${hex32(computed)} (corrupt header)`);
  }
  const version = view.getUint32(8, true);
  if (version !== CHECKPOINT_FORMAT_VERSION) {
    throw fail(source, 'header', `format version ${CHECKPOINT_FORMAT_VERSION}`, `version ${version} (written by another version of Shiva)`);
  }
  return { tableLength: view.getUint32(12, true), tableCrc: view.getUint32(16, true) };
}

function parseTable(bytes: Uint8Array, header: Header, size: number, source: string): SectionEntry[] {
  const section = 'section table';
  if (bytes.length < header.tableLength) {
    throw fail(source, section, `${header.tableLength} bytes at offset ${HEADER_BYTES}`, `the file ends at byte ${size} (truncated)`);
  }
  const computed = crc32c(bytes);
  if (computed !== header.tableCrc) {
    throw fail(source, section, `CRC32C ${hex32(header.tableCrc)}`, `${hex32(computed)} (corrupt)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (cause) {
    throw fail(source, section, 'JSON', `${(cause as Error).message}`);
  }
  const sections = (parsed as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(sections) || sections.length === 0) throw fail(source, section, 'a non-empty "sections" array', JSON.stringify(parsed).slice(0, 200));
  const names = new Set<string>();
  const entries = sections.map((raw: unknown, index): SectionEntry => {
    const entry = checkEntry(raw, index, source);
    if (names.has(entry.name)) throw fail(source, `${section} entry ${index}`, 'unique section names', `"${entry.name}" twice`);
    names.add(entry.name);
    return entry;
  });
  const first = entries[0]!;
  if (first.name !== META_SECTION || first.kind !== 'json') {
    throw fail(source, `${section} entry 0`, `the "${META_SECTION}" section of kind json first`, `"${first.name}" of kind ${first.kind}`);
  }
  if (entries.slice(1).some((entry) => entry.kind === 'json')) {
    throw fail(source, section, 'one json section (meta)', `${entries.filter((entry) => entry.kind === 'json').length}`);
  }
  return entries;
}

function checkEntry(raw: unknown, index: number, source: string): SectionEntry {
  const where = `section table entry ${index}`;
  if (typeof raw !== 'object' || raw === null) throw fail(source, where, 'an object', JSON.stringify(raw));
  const { name, kind, byteLength, crc32c: crc, shape } = raw as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0) throw fail(source, where, 'a non-empty "name"', JSON.stringify(name));
  const at = `${where} ("${name}")`;
  if (kind !== 'json' && kind !== 'float32') throw fail(source, at, 'kind "json" or "float32"', JSON.stringify(kind));
  if (!Number.isSafeInteger(byteLength) || (byteLength as number) < 0) throw fail(source, at, 'a non-negative integer byteLength', JSON.stringify(byteLength));
  if (!Number.isSafeInteger(crc) || (crc as number) < 0 || (crc as number) > 0xffffffff) throw fail(source, at, 'a uint32 crc32c', JSON.stringify(crc));
  if (kind === 'json') return { name, kind, byteLength: byteLength as number, crc32c: crc as number };
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) {
    throw fail(source, at, 'a shape of non-negative integers', JSON.stringify(shape));
  }
  const dims = shape as number[];
  if (shapeSize(dims) * 4 !== byteLength) {
    throw fail(source, at, `${shapeSize(dims) * 4} bytes for shape ${formatShape(dims)} of float32`, `byteLength ${byteLength}`);
  }
  return { name, kind, byteLength: byteLength as number, crc32c: crc as number, shape: dims };
}

/** `bytes` is what the file has of this section from `offset` on (possibly short, when truncated). */
function sectionBytes(bytes: Uint8Array, entry: SectionEntry, offset: number, size: number, source: string): Uint8Array {
  const section = `section "${entry.name}" (${entry.kind})`;
  if (bytes.length < entry.byteLength) {
    throw fail(source, section, `${entry.byteLength} bytes at offset ${offset}`, `the file ends at byte ${size} (truncated)`);
  }
  const computed = crc32c(bytes);
  if (computed !== entry.crc32c) throw fail(source, section, `CRC32C ${hex32(entry.crc32c)}`, `${hex32(computed)} (corrupt)`);
  return bytes;
}

function parseMeta(bytes: Uint8Array, source: string): CheckpointMeta {
  const section = `section "${META_SECTION}"`;
  let meta: unknown;
  try {
    meta = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (cause) {
    throw fail(source, section, 'JSON', (cause as Error).message);
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw fail(source, section, 'a JSON object', JSON.stringify(meta).slice(0, 200));
  const { behavior, step, episodes } = meta as Record<string, unknown>;
  if (typeof behavior !== 'string' || behavior.length === 0) throw fail(source, `${section} field "behavior"`, 'a non-empty string', JSON.stringify(behavior));
  for (const [field, value] of [['step', step], ['episodes', episodes]] as const) {
    if (!Number.isSafeInteger(value) || (value as number) < 0) throw fail(source, `${section} field "${field}"`, 'a non-negative integer', JSON.stringify(value));
  }
  return meta as CheckpointMeta;
}

function float32FromBytes(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length / 4);
  if (HOST_IS_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i += 1) out[i] = view.getFloat32(i * 4, true);
  return out;
}
