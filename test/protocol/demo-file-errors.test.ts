/**
 * Corrupt, truncated and foreign files get errors that name the file, the byte offset, what was expected and
 * what came. The byte offsets are found here independently, by walking ExpertBasic.demo's varint lengths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { readDemoFile, readDemonstrations } from '../../src/protocol/demo-file/index.js';
import { isShivaError } from '../../src/core/errors.js';
import { fixtureDemos, traceFile } from '../helpers/paths.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-demo-errors-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const basic = readFileSync(join(fixtureDemos, 'ExpertBasic.demo'));

function varint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return { value, next: at };
  }
}

// ExpertBasic.demo's layout: meta record at 0, brain parameters at 33, then 73 records.
const meta = varint(basic, 0);
const brain = varint(basic, 33);
const records: { offset: number; start: number; end: number }[] = [];
for (let at = brain.next + brain.value; records.length < 73; ) {
  const { value, next } = varint(basic, at);
  records.push({ offset: at, start: next, end: next + value });
  at = next + value;
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

function assertDemoError(path: string, expected: string | RegExp): void {
  assert.throws(
    () => readDemoFile(path),
    (e: unknown) => {
      assert.ok(isShivaError(e, 'SHIVA_ERR_DEMO_FILE'), `a SHIVA_ERR_DEMO_FILE, got ${String(e)}`);
      if (typeof expected === 'string') assert.equal(e.message, `${path}: ${expected}`);
      else {
        assert.ok(e.message.startsWith(`${path}: `), e.message);
        assert.match(e.message, expected);
      }
      return true;
    },
  );
}

test('the layout walked here is the one the reader found', () => {
  assert.equal(meta.value, 24);
  assert.equal(records[72]!.end, basic.length, 'ExpertBasic.demo ends with its last record');
});

test('files cut at several points say where and what is missing', () => {
  const cut = (n: number) => write(`cut-${n}.demo`, basic.subarray(0, n));
  assertDemoError(cut(0), 'expected a .demo file starting with a DemonstrationMetaProto, got an empty file');
  assertDemoError(cut(10), 'the DemonstrationMetaProto at byte 0: expected 24 bytes (to byte 25), got 9 (the file ends at byte 10): truncated');
  assertDemoError(cut(30), 'expected the brain parameters at byte 33, got the end of the file (30 bytes): truncated');
  assertDemoError(cut(33), 'expected the brain parameters at byte 33, got the end of the file (33 bytes): truncated');
  assertDemoError(cut(40), `the BrainParametersProto at byte 33: expected ${brain.value} bytes (to byte ${34 + brain.value}), got 6 (the file ends at byte 40): truncated`);
  const r5 = records[4]!;
  // ExpertBasic's records are under 128 bytes (one-byte lengths): end the file on the first byte of a longer one.
  const inVarint = write('cut-varint.demo', Buffer.concat([basic.subarray(0, r5.offset), Buffer.of(0xf3)]));
  assertDemoError(inVarint, `byte ${r5.offset}: expected the varint length of record 5 of 73, got the end of the file (${r5.offset + 1} bytes) inside it: truncated`);
  assertDemoError(cut(r5.offset + 1), `record 5 of 73 at byte ${r5.offset}: expected ${r5.end - r5.start} bytes (to byte ${r5.end}), got 0 (the file ends at byte ${r5.offset + 1}): truncated`);
  assertDemoError(cut(r5.start + 7), `record 5 of 73 at byte ${r5.offset}: expected ${r5.end - r5.start} bytes (to byte ${r5.end}), got 7 (the file ends at byte ${r5.start + 7}): truncated`);
  assertDemoError(cut(records[10]!.offset), `byte ${records[10]!.offset}: expected the length of record 11 of 73, got the end of the file (${records[10]!.offset} bytes): truncated`);
  const last = records[72]!;
  assertDemoError(cut(basic.length - 1), `record 73 of 73 at byte ${last.offset}: expected ${last.end - last.start} bytes (to byte ${last.end}), got ${last.end - last.start - 1} (the file ends at byte ${basic.length - 1}): truncated`);
});

/** ExpertBasic.demo with its meta area replaced. */
function withMeta(props: co.DemonstrationMetaProto.$Properties): Uint8Array {
  const bytes = Uint8Array.from(basic);
  const record = co.DemonstrationMetaProto.encode(props).finish();
  bytes.fill(0, 0, 33);
  bytes[0] = record.length;
  bytes.set(record, 1);
  return bytes;
}

test('a bad meta record: a length past the meta area, undecodable bytes, an unknown version, wrong step counts', () => {
  const long = Uint8Array.from(basic);
  long[0] = 127;
  assertDemoError(write('meta-length.demo', long), 'byte 0: expected the length of the DemonstrationMetaProto, at most 32 bytes, got 127: not an ML-Agents .demo file, or a corrupt one');
  const garbage = Uint8Array.from(basic);
  garbage.fill(0xff, 1, 25);
  assertDemoError(write('meta-garbage.demo', garbage), /^.*: the DemonstrationMetaProto at byte 0: expected 24 bytes of a valid message, got undecodable bytes \(.+\)$/);
  const base = { apiVersion: 1, demonstrationName: 'ExpertBasic', numberSteps: 73, numberEpisodes: 11, meanReward: 0.84 };
  assertDemoError(write('meta-version.demo', withMeta({ ...base, apiVersion: 7 })), 'meta record api_version: expected one of 0, 1, got 7');
  assertDemoError(write('meta-zero.demo', withMeta({ ...base, numberSteps: 0 })), 'meta record number_steps: expected at least 1 (the observation spec comes from the first record), got 0');
  assertDemoError(write('meta-more.demo', withMeta({ ...base, numberSteps: 74 })), `byte ${basic.length}: expected the length of record 74 of 74, got the end of the file (${basic.length} bytes): truncated`);
  // Fewer steps than the file holds: the reader stops there, as demo_loader does.
  const fewer = readDemoFile(write('meta-fewer.demo', withMeta({ ...base, numberSteps: 5 })));
  assert.equal(fewer.steps, 5);
});

test('a bad record: undecodable bytes, and decodable ones that break the spec', () => {
  const broken = Uint8Array.from(basic);
  const r3 = records[2]!;
  broken.fill(0xff, r3.start, r3.end);
  assertDemoError(write('record-garbage.demo', broken), new RegExp(`: record 3 of 73 \\(AgentInfoActionPairProto\\) at byte ${r3.offset}: expected ${r3.end - r3.start} bytes of a valid message, got undecodable bytes \\(.+\\)$`));

  // Files assembled here, one field wrong each, to see the reader name it.
  const spec = { brainName: 'B', vectorActionSizeDeprecated: [3], vectorActionSpaceTypeDeprecated: co.SpaceTypeProto.discrete };
  const record = (floats: number, action: co.AgentActionProto.$Properties): co.AgentInfoActionPairProto.$Properties => ({
    agentInfo: { observations: [{ shape: [floats], floatData: { data: new Array(floats).fill(0.5) } }] },
    actionInfo: action,
  });
  const assemble = (name: string, recs: co.AgentInfoActionPairProto.$Properties[]) => {
    const head = new Uint8Array(33);
    const metaBytes = co.DemonstrationMetaProto.encode({ apiVersion: 1, numberSteps: recs.length }).finish();
    head[0] = metaBytes.length;
    head.set(metaBytes, 1);
    const parts = [head, co.BrainParametersProto.encodeDelimited(spec).finish(), ...recs.map((r) => co.AgentInfoActionPairProto.encodeDelimited(r).finish())];
    return { path: write(name, Buffer.concat(parts)), second: 33 + parts[1]!.length + parts[2]!.length, first: 33 + parts[1]!.length };
  };
  const shape = assemble('record-shape.demo', [record(20, { discreteActions: [1] }), record(19, { discreteActions: [1] })]);
  assertDemoError(shape.path, `record 2 of 2 at byte ${shape.second}: behavior "B" agent 0 (#0): observation 0 shape: expected [20], got [19]`);
  const range = assemble('record-range.demo', [record(20, { discreteActions: [5] })]);
  assertDemoError(range.path, `record 1 of 1 at byte ${range.first}: discrete action of branch 0: expected an integer in 0..2, got 5`);
  const legacy = assemble('record-legacy.demo', [record(20, { vectorActionsDeprecated: [1, 2] })]);
  assertDemoError(legacy.path, `record 1 of 1 at byte ${legacy.first}: action_info.vector_actions_deprecated: expected 1 values (0 continuous + 1 branches), got 2`);
  const count = assemble('record-count.demo', [record(20, { continuousActions: [0.5], discreteActions: [1] })]);
  assertDemoError(count.path, `record 1 of 1 at byte ${count.first}: action_info.continuous_actions: expected 0 values, got 1`);
});

test('a file that is not a demonstration, a missing file and an empty folder', () => {
  // The recorded gRPC trace (JSON lines) starts with '{' = 123.
  assertDemoError(traceFile, 'byte 0: expected the length of the DemonstrationMetaProto, at most 32 bytes, got 123: not an ML-Agents .demo file, or a corrupt one');
  const missing = join(work, 'missing.demo');
  assertDemoError(missing, 'expected a readable .demo file, but it does not exist');
  assert.throws(() => readDemonstrations(missing), (e: unknown) => isShivaError(e, 'SHIVA_ERR_DEMO_FILE') && e.message === `${missing}: expected a .demo file or a folder of them, but it does not exist`);
  const empty = join(work, 'empty-folder');
  mkdirSync(empty);
  assert.throws(() => readDemonstrations(empty), (e: unknown) => isShivaError(e, 'SHIVA_ERR_DEMO_FILE') && e.message === `${empty}: expected at least one .demo file in the folder, got none`);
});
