/**
 * The seeded slice of bench/fuzz-protocol in `npm test`: 300 mutations of the recorded ML-Agents exchange (bit
 * flips, truncations, bogus varints, random bytes, splices, wrong versions, hostile numbers in decoded fields),
 * half to a live trainer and half to a live stand-in, over gRPC and WebSocket alternately, a sample of them through
 * real `shiva unity-standin` children. Each must be accepted or refused with a coded error; nothing crashes, hangs
 * or throws an uncoded error; the listeners still serve a well-behaved peer afterwards; memory stays under a ceiling.
 * The bench runs the same with more cases: `npm run bench:fuzz -- --count 4000`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCases } from '../../bench/fuzz/cases.js';
import { runFuzz } from '../../bench/fuzz/runner.js';
import { DECODE_BUDGET_FACTOR, SIMULATION_MAX_MESSAGE_BYTES } from '../../src/protocol/limits.js';

const SEED = 7;
const COUNT = 300;
/** An idle process (about 100–160 MB with tfjs) plus one message's decode budget (256 MiB). */
const CEILING_MB = 200 + (DECODE_BUDGET_FACTOR * SIMULATION_MAX_MESSAGE_BYTES) / 2 ** 20;

test(`${COUNT} seeded mutated messages (seed ${SEED}) on both transports: each accepted or refused with a code, no crash, hang or uncoded error, RSS under ${CEILING_MB} MB`, async (t) => {
  const report = await runFuzz({ cases: generateCases(SEED, COUNT, { hostile: false }), cliEvery: 50, probe: false, caseTimeoutMs: 10_000 });
  for (const o of [...report.crashes, ...report.hangs, ...report.uncoded]) t.diagnostic(`${o.result} #${o.id} ${o.target} ${o.transport} ${o.phase} ${o.family}: ${o.message}`);
  t.diagnostic(`outcomes: ${JSON.stringify(report.byCode)}`);
  t.diagnostic(`peak RSS (MB): ${JSON.stringify(report.peakRssMb)}`);
  assert.equal(report.outcomes.filter((o) => !o.target.endsWith('-healthy') && o.target !== 'standin-cli').length, COUNT, 'every case ran');
  assert.equal(report.crashes.length, 0, 'crashes');
  assert.equal(report.hangs.length, 0, 'hangs');
  assert.equal(report.uncoded.length, 0, 'errors without a code');
  // Mutations must be hostile enough to matter: most are refused, and refusals come with several different codes.
  const rejected = report.outcomes.filter((o) => o.result === 'rejected');
  assert.ok(rejected.length > COUNT / 2, `${rejected.length} of ${COUNT} refused`);
  assert.ok(new Set(rejected.map((o) => o.code)).size >= 4, 'several kinds of refusal');
  for (const o of report.outcomes.filter((x) => x.target.endsWith('-healthy'))) assert.equal(o.result, 'accepted', `${o.target} ${o.transport} still serves: ${o.message}`);
  for (const [process, mb] of Object.entries(report.peakRssMb)) assert.ok(mb < CEILING_MB, `${process}: peak RSS ${mb} MB, ceiling ${CEILING_MB} MB`);
});
