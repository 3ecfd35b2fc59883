/**
 * Hostile messages against a live trainer and a live stand-in, both transports (gRPC and WebSocket): N seeded
 * mutations of the recorded ML-Agents exchange (bit flips, truncations, varint corruption, random bytes, inserted
 * and duplicated runs, splices, wrong versions, hostile numbers in decoded fields; in the handshake, the second
 * call, the first output and the steps of a live session, and in the trainer's answers to the stand-in), plus the
 * hand-made hostile cases (huge specs, PNG bombs, absurd shapes, floods) on both transports and against
 * `shiva probe` children. Prints outcomes by error code per target and transport, crashes (a process that died),
 * hangs (no answer or end within the case timeout), uncoded errors, and the peak RSS of each process; the last
 * line is the summary as JSON. Not a test (its seeded slice is: test/bridge/fuzz-slice.test.ts).
 *   npm run bench:fuzz [-- --seed 1 --count 4000 --cli-every 50 --no-probe --timeout-ms 5000]
 */
import { generateCases } from './fuzz/cases.js';
import { formatReport, runFuzz } from './fuzz/runner.js';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const seed = Number(arg('--seed') ?? 1);
const count = Number(arg('--count') ?? 4000);
const cliEvery = Number(arg('--cli-every') ?? 50);
const timeoutMs = Number(arg('--timeout-ms') ?? 5000);
const probe = !process.argv.includes('--no-probe');

const cases = generateCases(seed, count);
process.stderr.write(`fuzz-protocol: seed ${seed}, ${count} mutated cases + ${cases.length - count} hand-made hostile ones; stand-in CLI every ${cliEvery || 'never'}; probe ${probe ? 'on' : 'off'}\n`);
let last = 0;
const report = await runFuzz({
  cases,
  cliEvery,
  probe,
  caseTimeoutMs: timeoutMs,
  progress: (done, total) => {
    if (process.stderr.isTTY && Date.now() - last > 500) {
      last = Date.now();
      process.stderr.write(`\r${done}/${total}`);
    }
  },
});
if (process.stderr.isTTY) process.stderr.write('\r');
process.stdout.write(`${formatReport(report)}\n`);
process.stdout.write(
  `${JSON.stringify({ seed, count, cases: report.outcomes.length, byCode: report.byCode, crashes: report.crashes.length, hangs: report.hangs.length, uncoded: report.uncoded.length, peakRssMb: report.peakRssMb, seconds: Math.round(report.seconds) })}\n`,
);
process.exitCode = report.crashes.length + report.hangs.length + report.uncoded.length > 0 ? 1 : 0;
