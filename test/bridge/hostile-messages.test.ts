/**
 * Issue 18, item 1: single small messages that used to crash or exhaust Shiva (a 190-byte first output announcing a
 * branch of 2³¹ − 1 options aborted `shiva probe`; branches, continuous sizes or observation shapes of 10⁸ took the
 * probe and the trainer past 3 GB; a 94 KB PNG inflating to a huge image did the same; `[-2, -2]` was accepted).
 * Every hand-made hostile case (bench/fuzz/cases.ts) goes to a live trainer over gRPC and WebSocket, to a real
 * `shiva probe` child, and its hostile answers to a live stand-in and to real `shiva unity-standin` children. Each
 * must end its session with the code the case names and an error that names the field; nothing crashes or hangs;
 * the listeners still serve a well-behaved peer afterwards; and every process stays within a stated memory ceiling.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCases, HOSTILE_STANDIN_CASES, HOSTILE_TRAINER_CASES } from '../../bench/fuzz/cases.js';
import { runFuzz } from '../../bench/fuzz/runner.js';
import { DECODE_BUDGET_FACTOR, SIMULATION_MAX_MESSAGE_BYTES } from '../../src/protocol/limits.js';

/**
 * The ceiling on any process's peak RSS: an idle trainer or stand-in (about 100–160 MB here, with tfjs loaded) plus
 * the decode budget of one message (DECODE_BUDGET_FACTOR × the 16 MiB message limit = 256 MiB). Before the limits,
 * single cases took processes past 3 GB.
 */
const CEILING_MB = 200 + (DECODE_BUDGET_FACTOR * SIMULATION_MAX_MESSAGE_BYTES) / 2 ** 20;

test(`every hand-made hostile message ends its session with its code and names the field; no crash or hang; each process under ${CEILING_MB} MB`, async (t) => {
  const report = await runFuzz({ cases: generateCases(1, 0), probe: true, cliEvery: 1, caseTimeoutMs: 10_000 });
  for (const o of [...report.crashes, ...report.hangs, ...report.uncoded]) t.diagnostic(`${o.result} ${o.target} ${o.transport} ${o.family}: ${o.message}`);
  assert.equal(report.crashes.length, 0, 'crashes');
  assert.equal(report.hangs.length, 0, 'hangs');
  assert.equal(report.uncoded.length, 0, 'errors without a code');

  const expected = new Map<string, { code: string | null; names: RegExp | null }>();
  for (const h of HOSTILE_TRAINER_CASES) expected.set(`hostile:${h.name}`, h);
  for (const h of HOSTILE_STANDIN_CASES) expected.set(`hostile:${h.name}`, h);
  const seen = new Map<string, Set<string>>();
  for (const o of report.outcomes) {
    const want = expected.get(o.family);
    if (!want) continue;
    const where = `${o.family} → ${o.target} over ${o.transport}`;
    (seen.get(o.family) ?? seen.set(o.family, new Set()).get(o.family)!).add(o.target);
    if (want.code === null) {
      assert.ok(o.result === 'accepted' || o.result === 'rejected', `${where}: ${o.result} ${o.message}`);
      continue;
    }
    assert.equal(o.result, 'rejected', `${where}: expected ${want.code}, got ${o.result}: ${o.message}`);
    assert.equal(o.code, want.code, `${where}: ${o.message}`);
    // The CLI children print one line; the hosts report the whole message: both must name the field.
    if (want.names && !o.target.endsWith('cli') && o.target !== 'probe') assert.match(o.message, want.names, where);
  }
  for (const h of HOSTILE_TRAINER_CASES) assert.deepEqual([...(seen.get(`hostile:${h.name}`) ?? [])].sort(), ['probe', 'trainer'], `${h.name} reached the trainer and the probe`);
  for (const h of HOSTILE_STANDIN_CASES) assert.deepEqual([...(seen.get(`hostile:${h.name}`) ?? [])].sort(), ['standin', 'standin-cli'], `${h.name} reached the stand-in and its CLI`);

  const healthy = report.outcomes.filter((o) => o.target.endsWith('-healthy'));
  assert.equal(healthy.length, 4, 'a well-behaved peer on each host and transport');
  for (const o of healthy) assert.equal(o.result, 'accepted', `${o.target} ${o.transport}: ${o.message}`);

  t.diagnostic(`peak RSS (MB): ${JSON.stringify(report.peakRssMb)}`);
  for (const [process, mb] of Object.entries(report.peakRssMb)) assert.ok(mb < CEILING_MB, `${process}: peak RSS ${mb} MB, ceiling ${CEILING_MB} MB`);
});
