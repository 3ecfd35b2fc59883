/**
 * The terminal display's parts: a status line laid out for a width (what gives way, in which order), the status
 * area that prints logs above its lines (read back through a headless terminal), colour rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorEnabled, cutToWidth, layoutStatus, StatusArea, visibleWidth } from '../../src/telemetry/terminal.js';
import { learnerProgress, RecentStats } from '../../src/telemetry/progress.js';
import { StatAggregation, type AggregatedStat } from '../../src/core/env/stats.js';
import { screenOf } from '../helpers/terminal.js';

/** A terminal-like output that keeps what was written. */
function fakeTerminal(columns: number): { out: { isTTY: boolean; columns: number; write(s: string): boolean }; written: () => string } {
  let text = '';
  return {
    out: {
      isTTY: true,
      columns,
      write(s: string) {
        text += s;
        return true;
      },
    },
    written: () => text,
  };
}

function scoutStats(): RecentStats {
  const recent = new RecentStats([
    { stat: 'Scout/Red/Win', label: 'win rate', window: 200, percent: true },
    { stat: 'Scout/Red/ROE Violations', label: 'ROE violations', window: 200, percent: false },
  ]);
  const drain = new Map<string, AggregatedStat>([
    ['Scout/Red/Win', { aggregation: StatAggregation.AVERAGE, value: 0.935, count: 200 }],
    ['Scout/Red/ROE Violations', { aggregation: StatAggregation.AVERAGE, value: 0, count: 200 }],
  ]);
  recent.add(drain);
  return recent;
}

test('a learner status line keeps its headline figures from 160 columns down to 80, the rest giving way in order', async () => {
  const widths = [200, 160, 120, 100, 90, 80, 70];
  const seen: string[] = [];
  for (const columns of widths) {
    const term = fakeTerminal(columns);
    const area = new StatusArea(term.out, false);
    const bar = learnerProgress('Red', scoutStats(), area);
    bar.update({ steps: 312_345, maxSteps: 400_000, episodes: 12_345, meanReturn: 3.1234, stepsPerSecond: 1860.4 });
    const screen = await screenOf(term.written(), columns);
    assert.equal(screen.length, 1);
    const line = screen[0]!.text;
    assert.ok(line.length <= columns - 1, `${columns}: ${line}`);
    seen.push(line);
    // Headline figures at every width from 80 up.
    if (columns >= 80) {
      assert.match(line, /^Red( \[[█░]+\] 78%)? \| (312345\/400000|312k\/400k) \| /);
      assert.match(line, / \| return 3\.1 \| /);
      assert.match(line, / \| win rate 93\.5%( \(last 200\))? \| ROE violations 0( \(last 200\))?$/);
    }
    if (columns >= 90) assert.match(line, / \| 1860 steps\/s \| /);
  }
  assert.equal(seen[0], 'Red [███████████████████████░░░░░░░] 78% | 312345/400000 | ETA 47s | return 3.1 | 12345 episodes | 1860 steps/s | win rate 93.5% (last 200) | ROE violations 0 (last 200)');
  // The bar shrinks first, then goes; then the ETA, the percentage, the episodes, the stats' windows, the full step counts, steps/s.
  assert.match(seen[1]!, /^Red \[█{8,}░*\] 78% \| 312345\/400000 \| ETA 47s \| return 3\.1 \| 12345 episodes \| 1860 steps\/s \| win rate 93\.5% \(last 200\)/);
  assert.equal(seen[2], 'Red | 312345/400000 | return 3.1 | 1860 steps/s | win rate 93.5% (last 200) | ROE violations 0 (last 200)');
  assert.equal(seen[3], 'Red | 312345/400000 | return 3.1 | 1860 steps/s | win rate 93.5% | ROE violations 0');
  assert.equal(seen[5], 'Red | 312k/400k | return 3.1 | 1860 steps/s | win rate 93.5% | ROE violations 0');
  assert.equal(seen[6], 'Red | 312k/400k | return 3.1 | win rate 93.5% | ROE violations 0');
});

test('a log line goes above the status lines, which are drawn again below it; the last state stays when one stops', async () => {
  const term = fakeTerminal(100);
  const area = new StatusArea(term.out, false);
  const a = learnerProgress('Striker', null, area);
  const b = learnerProgress('Goalie', null, area);
  a.update({ steps: 10, maxSteps: 100, episodes: 1, meanReturn: 0.5, stepsPerSecond: 10 });
  b.update({ steps: 20, maxSteps: 100, episodes: 2, meanReturn: -0.5, stepsPerSecond: 20 });
  area.log('[12:00:00.000] INFO: checkpoint saved\n');
  a.update({ steps: 50, maxSteps: 100, episodes: 5, meanReturn: 0.7, stepsPerSecond: 12 });
  area.log('[12:00:01.000] INFO: another line\n');
  a.stop();
  b.update({ steps: 100, maxSteps: 100, episodes: 9, meanReturn: 0.1, stepsPerSecond: 25 });
  b.stop();
  area.log('after\n');
  const screen = (await screenOf(term.written(), 100)).map((l) => l.text);
  assert.deepEqual(screen.map((l) => l.replace(/\[[█░]+\] /, '[bar] ')), [
    '[12:00:00.000] INFO: checkpoint saved',
    '[12:00:01.000] INFO: another line',
    'Striker [bar] 50% | 50/100 | ETA 4s | return 0.7 | 5 episodes | 12 steps/s',
    'Goalie [bar] 100% | 100/100 | ETA 0s | return 0.1 | 9 episodes | 25 steps/s',
    'after',
  ]);
  assert.match(term.written(), /\x1b\[\?25h/, 'the cursor is shown again');
});

test('colour only on a terminal, and not with NO_COLOR or TERM=dumb; widths ignore escape sequences', () => {
  assert.equal(colorEnabled({ isTTY: true }, {}), true);
  assert.equal(colorEnabled({ isTTY: false }, {}), false);
  assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
  assert.equal(colorEnabled({ isTTY: true }, { TERM: 'dumb' }), false);
  const coloured = layoutStatus({ label: 'Red', fraction: 0.5, fields: [{ forms: ['50%'] }], yields: [] }, 40, true);
  assert.match(coloured, /\x1b\[36m/);
  assert.equal(visibleWidth(coloured), visibleWidth(layoutStatus({ label: 'Red', fraction: 0.5, fields: [{ forms: ['50%'] }], yields: [] }, 40, false)));
  assert.equal(cutToWidth('\x1b[36mabcdef\x1b[39m', 3), '\x1b[36mabc\x1b[0m');
});
