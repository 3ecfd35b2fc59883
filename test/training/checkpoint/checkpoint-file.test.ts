/**
 * The checkpoint file: layout at hand-computed offsets, a bit-exact round trip of every section, and a clear
 * SHIVA_ERR_CHECKPOINT for every truncation at a section boundary, every flipped byte, a newer format,
 * trailing bytes, and values that cannot be written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32c } from '../../../src/telemetry/crc32c.js';
import { isShivaError } from '../../../src/core/errors.js';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  readCheckpoint,
  readCheckpointMeta,
  writeCheckpoint,
  type Checkpoint,
} from '../../../src/training/checkpoint/index.js';
import { bits, sampleCheckpoint } from './checkpoint-fixture.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'shiva-ckpt-'));

function isCheckpointError(pattern: RegExp) {
  return (error: unknown) => isShivaError(error, 'SHIVA_ERR_CHECKPOINT') && pattern.test(error.message);
}

/** Where each part of an encoded file starts, read from its own table. */
function layout(bytes: Buffer): { tableLength: number; sections: { name: string; start: number; end: number }[] } {
  const tableLength = bytes.readUInt32LE(12);
  const table = JSON.parse(bytes.subarray(24, 24 + tableLength).toString('utf8')) as { sections: { name: string; byteLength: number }[] };
  let at = 24 + tableLength;
  const sections = table.sections.map(({ name, byteLength }) => {
    const start = at;
    at += byteLength;
    return { name, start, end: at };
  });
  return { tableLength, sections };
}

test('the header holds magic, version, table length and CRCs at their offsets; sections follow back to back', () => {
  const checkpoint = sampleCheckpoint();
  const bytes = Buffer.from(encodeCheckpoint(checkpoint));
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'SHIVACKP');
  assert.equal(bytes.readUInt32LE(8), 1);
  const { tableLength, sections } = layout(bytes);
  assert.equal(bytes.readUInt32LE(16), crc32c(bytes.subarray(24, 24 + tableLength)));
  assert.equal(bytes.readUInt32LE(20), crc32c(bytes.subarray(0, 20)));
  assert.deepEqual(sections.map((s) => s.name), ['meta', 'policy/dense_0/kernel', 'policy/dense_0/bias', 'optimizer/step', 'optimizer/m/policy/dense_0/bias', 'normalizer/special']);
  assert.deepEqual(sections.slice(1).map((s) => s.end - s.start), [48, 12, 4, 0, 32]);
  assert.equal(sections.at(-1)!.end, bytes.length);
  assert.deepEqual(JSON.parse(bytes.subarray(sections[0]!.start, sections[0]!.end).toString('utf8')), checkpoint.meta);
  // float32 little-endian: the bias 0.1 is 0x3dcccccd.
  assert.equal(bytes.readUInt32LE(sections[2]!.start), 0x3dcccccd);
});

test('every section round-trips bit for bit through a file', () => {
  const dir = tempDir();
  const path = join(dir, 'run.ckpt');
  const checkpoint = sampleCheckpoint();
  writeCheckpoint(path, checkpoint);
  assert.deepEqual(readdirSync(dir), ['run.ckpt'], 'no temp file is left behind');
  const back = readCheckpoint(path);
  assert.deepEqual(back.meta, checkpoint.meta);
  assert.deepEqual(Object.keys(back.tensors), Object.keys(checkpoint.tensors));
  for (const [name, tensor] of Object.entries(checkpoint.tensors)) {
    assert.deepEqual(back.tensors[name]!.shape, tensor.shape, name);
    assert.deepEqual(bits(back.tensors[name]!.data), bits(tensor.data), name);
  }
  assert.deepEqual(readCheckpointMeta(path), checkpoint.meta);
  // Writing again replaces the file whole.
  writeCheckpoint(path, sampleCheckpoint(8192));
  assert.equal(readCheckpoint(path).meta.step, 8192);
});

test('a tensor that is a view into a larger buffer is written from its own bytes only', () => {
  const big = Float32Array.from([9, 1, 2, 3, 9]);
  const checkpoint: Checkpoint = { meta: { behavior: 'b', step: 0, episodes: 0 }, tensors: { w: { shape: [3], data: big.subarray(1, 4) } } };
  assert.deepEqual([...decodeCheckpoint(encodeCheckpoint(checkpoint), 'mem').tensors.w!.data], [1, 2, 3]);
});

test('a file cut at any section boundary, or inside the header, names the section and the missing bytes', () => {
  const dir = tempDir();
  const path = join(dir, 'cut.ckpt');
  const bytes = Buffer.from(encodeCheckpoint(sampleCheckpoint()));
  const { tableLength, sections } = layout(bytes);
  const cases: [number, RegExp][] = [
    [0, /: header: expected the magic "SHIVACKP", found an empty file$/],
    [5, /: header: expected 24 bytes \(magic, version, table length, CRCs\), found a file of 5 bytes \(truncated\)$/],
    [8, /: header: expected 24 bytes .*found a file of 8 bytes \(truncated\)$/],
    [20, /: header: expected 24 bytes .*found a file of 20 bytes \(truncated\)$/],
    [24, new RegExp(`: section table: expected ${tableLength} bytes at offset 24, found the file ends at byte 24 \\(truncated\\)$`)],
  ];
  for (const { name, start, end } of sections) {
    if (end === start) continue; // an empty section has no inside to cut
    const kind = name === 'meta' ? 'json' : 'float32';
    const escaped = name.replace(/[/]/g, '\\/');
    cases.push([start, new RegExp(`: section "${escaped}" \\(${kind}\\): expected ${end - start} bytes at offset ${start}, found the file ends at byte ${start} \\(truncated\\)$`)]);
    cases.push([end - 1, new RegExp(`: section "${escaped}" \\(${kind}\\): expected ${end - start} bytes at offset ${start}, found the file ends at byte ${end - 1} \\(truncated\\)$`)]);
  }
  assert.ok(cases.length >= 15);
  for (const [length, pattern] of cases) {
    writeFileSync(path, bytes.subarray(0, length));
    assert.throws(() => readCheckpoint(path), (error: unknown) => isShivaError(error, 'SHIVA_ERR_CHECKPOINT') && error.message.startsWith(`${path}: `) && pattern.test(error.message), `cut at ${length}`);
  }
  // readCheckpointMeta checks the meta section the same way.
  writeFileSync(path, bytes.subarray(0, sections[0]!.end - 1));
  assert.throws(() => readCheckpointMeta(path), isCheckpointError(/section "meta" \(json\): expected \d+ bytes at offset \d+, found the file ends/));
});

test('a flipped byte anywhere is caught by the magic or a CRC, naming the section', () => {
  const bytes = Buffer.from(encodeCheckpoint(sampleCheckpoint()));
  const { tableLength, sections } = layout(bytes);
  const sectionAt = (at: number) => sections.find((s) => at >= s.start && at < s.end)!;
  for (let at = 0; at < bytes.length; at += 1) {
    const bad = Buffer.from(bytes);
    bad[at]! ^= 0x10;
    let expected: RegExp;
    if (at < 8) expected = /^f\.ckpt: header: expected the magic "SHIVACKP" \(a Shiva checkpoint\), found ".*" \(bytes [0-9a-f]{16}\)$/;
    else if (at < 24) expected = /^f\.ckpt: header: expected CRC32C 0x[0-9a-f]{8} stored for bytes 0\.\.19, found 0x[0-9a-f]{8} \(corrupt header\)$/;
    else if (at < 24 + tableLength) expected = /^f\.ckpt: section table: expected CRC32C 0x[0-9a-f]{8}, found 0x[0-9a-f]{8} \(corrupt\)$/;
    else {
      const name = sectionAt(at).name.replace(/[/]/g, '\\/');
      expected = new RegExp(`^f\\.ckpt: section "${name}" \\((json|float32)\\): expected CRC32C 0x[0-9a-f]{8}, found 0x[0-9a-f]{8} \\(corrupt\\)$`);
    }
    assert.throws(() => decodeCheckpoint(bad, 'f.ckpt'), (error: unknown) => isShivaError(error, 'SHIVA_ERR_CHECKPOINT') && expected.test(error.message), `flip at byte ${at}`);
  }
});

test('another format version with a valid header CRC is named as such', () => {
  const bytes = Buffer.from(encodeCheckpoint(sampleCheckpoint()));
  bytes.writeUInt32LE(2, 8);
  bytes.writeUInt32LE(crc32c(bytes.subarray(0, 20)), 20);
  assert.throws(() => decodeCheckpoint(bytes, 'v2.ckpt'), isCheckpointError(/^v2\.ckpt: header: expected format version 1, found version 2 \(written by another version of Shiva\)$/));
});

test('bytes after the last section, and files that are not checkpoints, are refused', () => {
  const bytes = Buffer.from(encodeCheckpoint(sampleCheckpoint()));
  assert.throws(() => decodeCheckpoint(Buffer.concat([bytes, Buffer.from([0])]), 'x'), isCheckpointError(/^x: end of file: expected the sections end at byte \d+, found 1 more bytes after them$/));
  assert.throws(() => decodeCheckpoint(Buffer.from('{"weights": []}'), 'model.json'), isCheckpointError(/^model\.json: header: expected the magic "SHIVACKP" \(a Shiva checkpoint\), found "\{\\"weight" \(bytes 7b22776569676874\)$/));
  assert.throws(() => readCheckpoint(join(tempDir(), 'missing.ckpt')), isCheckpointError(/missing\.ckpt: cannot read checkpoint: ENOENT/));
});

test('a well-formed table that breaks the rules is refused with the entry named', () => {
  const rebuild = (mutate: (table: { sections: Record<string, unknown>[] }) => void): Buffer => {
    const bytes = Buffer.from(encodeCheckpoint(sampleCheckpoint()));
    const tableLength = bytes.readUInt32LE(12);
    const table = JSON.parse(bytes.subarray(24, 24 + tableLength).toString('utf8')) as { sections: Record<string, unknown>[] };
    mutate(table);
    const newTable = Buffer.from(JSON.stringify(table));
    const header = Buffer.from(bytes.subarray(0, 24));
    header.writeUInt32LE(newTable.length, 12);
    header.writeUInt32LE(crc32c(newTable), 16);
    header.writeUInt32LE(crc32c(header.subarray(0, 20)), 20);
    return Buffer.concat([header, newTable, bytes.subarray(24 + tableLength)]);
  };
  assert.throws(() => decodeCheckpoint(rebuild((t) => { t.sections[1]!.shape = [4, 4]; }), 'f'), isCheckpointError(/^f: section table entry 1 \("policy\/dense_0\/kernel"\): expected 64 bytes for shape \[4,4\] of float32, found byteLength 48$/));
  assert.throws(() => decodeCheckpoint(rebuild((t) => { t.sections[2]!.kind = 'int8'; }), 'f'), isCheckpointError(/^f: section table entry 2 \("policy\/dense_0\/bias"\): expected kind "json" or "float32", found "int8"$/));
  assert.throws(() => decodeCheckpoint(rebuild((t) => { t.sections.reverse(); }), 'f'), isCheckpointError(/^f: section table entry 0: expected the "meta" section of kind json first, found "normalizer\/special" of kind float32$/));
  assert.throws(() => decodeCheckpoint(rebuild((t) => { t.sections[3]!.name = 'policy/dense_0/bias'; }), 'f'), isCheckpointError(/^f: section table entry 3: expected unique section names, found "policy\/dense_0\/bias" twice$/));
});

test('meta without its counters is refused on read, naming the field', () => {
  const meta = Buffer.from(JSON.stringify({ behavior: 'b', step: -1, episodes: 0 }));
  const table = Buffer.from(JSON.stringify({ sections: [{ name: 'meta', kind: 'json', byteLength: meta.length, crc32c: crc32c(meta) }] }));
  const header = Buffer.alloc(24);
  header.write('SHIVACKP', 0, 'latin1');
  header.writeUInt32LE(1, 8);
  header.writeUInt32LE(table.length, 12);
  header.writeUInt32LE(crc32c(table), 16);
  header.writeUInt32LE(crc32c(header.subarray(0, 20)), 20);
  assert.throws(() => decodeCheckpoint(Buffer.concat([header, table, meta]), 'm'), isCheckpointError(/^m: section "meta" field "step": expected a non-negative integer, found -1$/));
});

test('values JSON or float32 cannot hold faithfully are refused at write time, and nothing is written', () => {
  const dir = tempDir();
  const path = join(dir, 'bad.ckpt');
  const base = sampleCheckpoint();
  const cases: [Checkpoint, RegExp][] = [
    [{ ...base, meta: { ...base.meta, config: { lr: Number.NaN } } }, /meta\.config\.lr: expected a finite number \(JSON has no NaN or Infinity\), got NaN/],
    [{ ...base, meta: { ...base.meta, step: 1.5 } }, /meta\.step: expected a non-negative integer, got 1\.5/],
    [{ ...base, meta: { ...base.meta, behavior: '' } }, /meta\.behavior: expected a non-empty string, got ""/],
    [{ ...base, meta: { ...base.meta, when: new Date(0) as unknown as string } }, /meta\.when: expected a JSON value .*got Date/],
    [{ ...base, tensors: { w: { shape: [2, 2], data: new Float32Array(3) } } }, /tensor "w": shape \[2,2\] holds 4 values, the data has 3/],
    [{ ...base, tensors: { w: { shape: [2], data: new Float64Array(2) as unknown as Float32Array } } }, /tensor "w": expected a Float32Array, got Float64Array/],
    [{ ...base, tensors: { meta: { shape: [1], data: new Float32Array(1) } } }, /tensor "meta": the name is reserved/],
  ];
  for (const [checkpoint, pattern] of cases) {
    assert.throws(() => writeCheckpoint(path, checkpoint), (error: unknown) => isShivaError(error, 'SHIVA_ERR_CHECKPOINT') && error.message.startsWith(`${path}: cannot write checkpoint: `) && pattern.test(error.message), String(pattern));
  }
  assert.deepEqual(readdirSync(dir), []);
});
