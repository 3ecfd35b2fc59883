import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatAggregation, type AggregatedStat } from '../../src/core/env/stats.js';
import { RecentStats, formatStatValue } from '../../src/telemetry/progress.js';

const drain = (entries: Record<string, [mean: number, count: number]>) =>
  new Map<string, AggregatedStat>(Object.entries(entries).map(([k, [value, count]]) => [k, { aggregation: StatAggregation.AVERAGE, value, count }]));

test('RecentStats: the mean of the last `window` reports, a straddling drain counted in part', () => {
  const recent = new RecentStats([
    { stat: 'Win', label: 'win rate', window: 4, percent: true },
    { stat: 'Violations', label: 'violations', window: 100, percent: false },
  ]);
  assert.equal(recent.mean('Win'), null);
  assert.equal(recent.format(), 'win rate - | violations -');
  recent.add(drain({ Win: [0, 2], Other: [5, 1] }));
  assert.deepEqual(recent.mean('Win'), { mean: 0, count: 2 });
  recent.add(drain({ Win: [1, 1] }));
  // Reports so far: 0 0 1 → mean 1/3 over 3.
  assert.deepEqual(recent.mean('Win'), { mean: 1 / 3, count: 3 });
  recent.add(drain({ Win: [0.5, 2], Violations: [0, 3] }));
  // Last 4 of 0 0 | 1 | 0.5 0.5: one of the first drain (0), then 1, 0.5, 0.5 → 2 / 4.
  assert.deepEqual(recent.mean('Win'), { mean: 0.5, count: 4 });
  recent.add(drain({ Win: [1, 4] }));
  assert.deepEqual(recent.mean('Win'), { mean: 1, count: 4 });
  assert.equal(recent.format(), 'win rate 100.0% (last 4) | violations 0 (last 3)');
  assert.deepEqual(recent.values(), { 'win rate': 1, violations: 0 });
  assert.equal(recent.mean('Other'), null, 'stats not listed are not kept');
});

test('formatStatValue: percentages with one decimal, other values with at most three', () => {
  assert.equal(formatStatValue(0.935, true), '93.5%');
  assert.equal(formatStatValue(0, false), '0');
  assert.equal(formatStatValue(2.34567, false), '2.346');
  assert.equal(formatStatValue(1234.56, false), '1235');
});
