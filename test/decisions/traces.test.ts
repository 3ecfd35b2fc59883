/**
 * Decision traces: the reasoning layer writes the sampled share of decisions as JSONL (one decision per line, the
 * chosen score rebuildable from each line), the file rotates at its bound, and `shiva explain` (a child process of
 * the compiled CLI) prints one decision by line or by agent and step, and refuses what it cannot find or read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRuleFile, rebuildScore } from '../../cognitive/index.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import { parseTraceRecord, type DecisionTraceRecord } from '../../src/decisions/trace-record.js';
import { rotatedPath, TraceWriter } from '../../src/decisions/trace-writer.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { runCli } from '../helpers/processes.js';
import { CARTPOLE_SPEC, CARTPOLE_VETO_RULES, decisionSteps, discreteActOutput } from './helpers.js';

/** Runs `batches` batches of `count` random carts through a layer writing to `file`; returns the layer. */
function decideMany(file: string, sampleRate: number, batches: number, count: number, writer?: TraceWriter): ReasoningLayer {
  const sink = writer ?? new TraceWriter(file);
  const layer = new ReasoningLayer(parseRuleFile(CARTPOLE_VETO_RULES, 'veto.yaml'), CARTPOLE_SPEC, { rulesFile: 'veto.yaml', seed: 4, traces: { sink, sampleRate, rng: new Rng(8) } });
  const rng = new Rng(3);
  for (let k = 0; k < batches; k++) {
    const probs = new Float32Array(count * 2);
    for (let r = 0; r < count; r++) {
      probs[r * 2] = rng.uniform(0.05, 0.95);
      probs[r * 2 + 1] = 1 - probs[r * 2]!;
    }
    const obs = Float32Array.from({ length: count * 4 }, (_, i) => (i % 4 === 0 ? rng.uniform(-2.4, 2.4) : rng.normal()));
    // Two environments: agents 0..9 of env 3, then agents 0..count-11 of env 5.
    const ids = Int32Array.from({ length: count }, (_, i) => (i < 10 ? i : i - 10));
    layer.apply(discreteActOutput(count, [2], probs), decisionSteps(obs, 4, ids), { rows: [{ source: 3, offset: 0, count: 10 }, { source: 5, offset: 10, count: count - 10 }], step: 100 * k, learnerId: 'CartPole' });
  }
  layer.close();
  return layer;
}

function records(file: string): DecisionTraceRecord[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line, i) => parseTraceRecord(line, `${file}:${i + 1}`));
}

test('a sampled share of decisions is traced, one per line, and each line explains its decision', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-traces-'));
  const file = join(dir, 'traces', 'CartPole_team=0.jsonl');
  const layer = decideMany(file, 0.25, 40, 50);
  assert.equal(layer.decisions, 2000);
  // Binomial(2000, 0.25): mean 500, sd 19.4.
  assert.ok(layer.traced > 420 && layer.traced < 580, `traced ${layer.traced} of 2000`);
  const lines = records(file);
  assert.equal(lines.length, layer.traced);
  let atEdge = 0;
  for (const r of lines) {
    assert.equal(r.behavior, 'CartPole?team=0');
    assert.equal(r.learner, 'CartPole');
    assert.ok(r.env === 3 || r.env === 5);
    assert.ok(r.agent >= 0 && r.agent < (r.env === 3 ? 10 : 40));
    assert.equal(r.step % 100, 0);
    const branch = r.trace.branches[0]!;
    assert.equal(branch.chosen, r.actions[0]);
    assert.equal(rebuildScore(r.trace), branch.score, 'the chosen score rebuilds from the line');
    if (r.observation[0]! < -2) {
      atEdge++;
      assert.equal(r.actions[0], 1);
      assert.deepEqual(branch.candidates[0]!.contributions.map((c) => [c.conditional, c.kind]), [['(policy)', 'policy'], ['no-left-push-at-left-edge', 'reject']]);
      assert.equal(branch.candidates[0]!.combined, 0);
    }
  }
  assert.ok(atEdge > 10, `${atEdge} traced decisions at the edge`);

  const none = join(dir, 'none.jsonl');
  assert.equal(decideMany(none, 0, 5, 50).traced, 0);
  assert.equal(existsSync(none), false, 'nothing traced, no file');
  const all = join(dir, 'all.jsonl');
  decideMany(all, 1, 3, 20);
  assert.equal(records(all).length, 60, 'a rate of 1 traces every decision');
});

test('the trace file rotates before it passes its bound, keeping the newest rotated files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-rotate-'));
  const file = join(dir, 'B.jsonl');
  const writer = new TraceWriter(file, { maxBytes: 40_000, keep: 2 });
  decideMany(file, 1, 60, 12, writer); // 720 lines of about 1 kB each
  for (const path of [file, rotatedPath(file, 1), rotatedPath(file, 2)]) {
    assert.ok(existsSync(path), path);
    assert.ok(statSync(path).size <= 40_000, `${path}: ${statSync(path).size} bytes`);
  }
  assert.equal(existsSync(rotatedPath(file, 3)), false);
  // The newest decisions are in the current file, the next newest in .1: steps increase across the rotation.
  const current = records(file);
  const previous = records(rotatedPath(file, 1));
  assert.ok(previous[previous.length - 1]!.step <= current[0]!.step);
  assert.equal(current[current.length - 1]!.step, 5900);
});

test('shiva explain prints one decision by line or by agent and step, and refuses what it cannot find or read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-explain-'));
  const file = join(dir, 'CartPole_team=0.jsonl');
  decideMany(file, 0.2, 20, 30);
  const lines = records(file);
  const n = lines.findIndex((r) => r.observation[0]! < -2) + 1;
  assert.ok(n > 0, 'a traced decision at the edge');
  const r = lines[n - 1]!;

  const byLine = await runCli(['explain', file, '--line', String(n)]).done;
  assert.equal(byLine.code, 0, byLine.stderr);
  assert.match(byLine.stdout, new RegExp(`decision at .*:${n}\\n`));
  assert.match(byLine.stdout, new RegExp(`behavior CartPole\\?team=0 \\(learner CartPole\\), env ${r.env}, agent ${r.agent}, step ${r.step}, sampled`));
  assert.match(byLine.stdout, /fired no-left-push-at-left-edge \(degree 1, utility 0\)/);
  assert.match(byLine.stdout, /chose right/);
  assert.match(byLine.stdout, /left: score 0, f 0, p 0 {2}\[policy [\d.]+ from \(policy\); reject 1 from no-left-push-at-left-edge\]/);

  const byAgent = await runCli(['explain', file, '--agent', String(r.agent), '--step', String(r.step), '--env', String(r.env), '--json']).done;
  assert.equal(byAgent.code, 0, byAgent.stderr);
  assert.deepEqual(JSON.parse(byAgent.stdout), JSON.parse(JSON.stringify(r)));

  const missing = await runCli(['explain', file, '--agent', String(r.agent), '--step', '7', '--env', String(r.env)]).done;
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, new RegExp(`--agent ${r.agent} --step 7: expected a decision traced in .*, got none at that step; agent ${r.agent} of env ${r.env} was traced at steps \\d+`));
  assert.match(missing.stderr, /\[SHIVA_ERR_USAGE\]/);

  appendFileSync(file, '{"v":1,"behavior":"CartPole?team=0","env":0,"agent":0,"step":1}\n{"v":1}\n');
  const bad = await runCli(['explain', file, '--line', String(lines.length + 1)]).done;
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, new RegExp(`CartPole_team=0.jsonl:${lines.length + 1}: observation: expected an array of numbers, got nothing \\[SHIVA_ERR_TRACE\\]`));
});
