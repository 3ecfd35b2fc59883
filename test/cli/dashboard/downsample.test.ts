/**
 * The dashboard's server-side downsampling (min/max per bucket) and its reading of scalars.csv: a million points
 * come back as at most the points asked for, with the extremes, the first and the last kept, fast; the CSV is read
 * incrementally (quoted tags, a torn last row that completes later, a resumed run stepping back).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downsample, lowerBound } from '../../../src/cli/dashboard/downsample.js';
import { ScalarFile, parseRow } from '../../../src/cli/dashboard/scalar-store.js';

test('a million points downsample to at most the points asked for, keeping first, last and every bucket\'s extremes', () => {
  const n = 1_000_000;
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    steps[i] = i * 10;
    values[i] = Math.sin(i / 5000) + (i % 7919 === 0 ? 5 : 0);
  }
  values[123_457] = -50; // one dip, and one spike, that averaging would smooth away
  values[876_543] = 60;
  const started = process.hrtime.bigint();
  const d = downsample({ steps, values }, 1000);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(d.steps.length <= 1000 && d.steps.length >= 990, `${d.steps.length} points`);
  assert.equal(d.total, n);
  assert.equal(d.steps[0], 0);
  assert.equal(d.steps.at(-1), (n - 1) * 10);
  assert.ok(d.values.includes(-50) && d.values.includes(60), 'the extremes survive');
  for (let i = 1; i < d.steps.length; i++) assert.ok(d.steps[i]! > d.steps[i - 1]!, 'steps stay in order');
  // A generous bound (a shared 2-core machine); it takes a few milliseconds.
  assert.ok(ms < 500, `downsampling 1M points took ${ms.toFixed(1)} ms`);
  process.stdout.write(`# 1,000,000 points → ${d.steps.length} in ${ms.toFixed(1)} ms\n`);

  // A range: only its points, at full detail when they fit.
  const zoomed = downsample({ steps, values }, 1000, 5000, 9000);
  assert.equal(zoomed.total, 401);
  assert.equal(zoomed.steps.length, 401);
  assert.equal(zoomed.steps[0], 5000);
  assert.equal(zoomed.steps.at(-1), 9000);
  assert.equal(lowerBound(steps, 25), 3);
  // Small series come back whole.
  assert.deepEqual(downsample({ steps: [1, 2, 3], values: [3, 2, 1] }, 1000), { steps: [1, 2, 3], values: [3, 2, 1], total: 3 });
});

test('scalars.csv is read incrementally: quoted tags, a torn last row completed later, a resumed run stepping back', () => {
  assert.deepEqual(parseRow('10,1.5,"a, ""quoted"" tag",nan'), [10, 'a, "quoted" tag', NaN]);
  assert.deepEqual(parseRow('10,1.5,Environment/Cumulative Reward,-inf'), [10, 'Environment/Cumulative Reward', -Infinity]);
  assert.equal(parseRow('garbage'), null);
  const dir = mkdtempSync(join(tmpdir(), 'shiva-dashboard-csv-'));
  const path = join(dir, 'scalars.csv');
  writeFileSync(path, 'step,wall_time,tag,value\n100,1,Loss,0.5\n200,2,Loss,0.25\n300,3,Lo');
  const file = new ScalarFile(path);
  assert.ok(file.refresh());
  const first = file.series('Loss')!;
  assert.deepEqual([first.steps, first.values], [[100, 200], [0.5, 0.25]]);
  appendFileSync(path, 'ss,0.125\n150,4,Loss,1\n"x,y",oops\n');
  assert.ok(file.refresh());
  const loss = file.series('Loss')!;
  // The resumed run's step 150 sorts between 100 and 200.
  assert.deepEqual(loss.steps, [100, 150, 200, 300]);
  assert.deepEqual(loss.values, [0.5, 1, 0.25, 0.125]);
  assert.equal(file.badRows, 1);
  assert.deepEqual(file.tags(), [{ tag: 'Loss', points: 4 }]);
  // Started again (--force): the file shrank, and is read from the start.
  writeFileSync(path, 'step,wall_time,tag,value\n1,1,Other,2\n');
  file.refresh();
  assert.deepEqual(file.tags(), [{ tag: 'Other', points: 1 }]);
});
