/**
 * ELO for self-play against hand-computed values (K = 16, ratings on the 400-point logistic scale), and the
 * snapshot window: its ring of the last `window` snapshots and the seeded draws of the opponent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ELO_K, eloChange, expectedScore, resultFromFinalReward } from '../../src/training/self-play/elo.js';
import { LATEST, SnapshotWindow } from '../../src/training/self-play/snapshot-window.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { isShivaError } from '../../src/core/errors.js';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('expected score and change: ML-Agents’ worked example (1200 vs 1200, A wins: 1208 / 1192) and 2100 vs 1800 (85%)', () => {
  assert.equal(ELO_K, 16);
  assert.equal(expectedScore(1200, 1200), 0.5);
  assert.equal(eloChange(1200, 1200, 1), 8);
  assert.equal(eloChange(1200, 1200, 0), -8);
  assert.equal(eloChange(1200, 1200, 0.5), 0);
  // 1 / (1 + 10^(−300/400)) = 0.849020…; a loss costs 16 × 0.849020… = 13.5843…
  close(expectedScore(2100, 1800), 0.8490204427886767);
  close(expectedScore(1800, 2100), 1 - 0.8490204427886767);
  close(eloChange(2100, 1800, 0), -13.584327084618828);
  close(eloChange(1200, 1200, 1, 32), 16);
});

test('a series of games moves both ratings by equal and opposite amounts (values computed by hand)', () => {
  let me = 1200;
  let them = 1200;
  const expected = [
    [1208.0, 1192.0], // win: +16 × (1 − 0.5)
    [1215.631846603239, 1184.368153396761], // win: E = 1 / (1 + 10^(−16/400)) = 0.523009…
    [1214.9139101641008, 1185.0860898358992], // draw
    [1206.2287816300475, 1193.7712183699525], // loss
  ];
  [1, 1, 0.5, 0].forEach((result, i) => {
    const change = eloChange(me, them, result);
    me += change;
    them -= change;
    close(me, expected[i]![0]!);
    close(them, expected[i]![1]!);
  });
});

test('the result of an episode is the sign of its final reward', () => {
  assert.deepEqual([1, 0.2, 0, -0.01, -1].map(resultFromFinalReward), [1, 1, 0.5, 0, 0]);
});

test('the window keeps the last `window` snapshots: the sixth of five slots replaces the first', () => {
  const w = new SnapshotWindow(3);
  assert.deepEqual([10, 20, 30, 40, 50].map((weights, i) => w.add(weights, 1200 + i)), [0, 1, 2, 0, 1]);
  assert.equal(w.length, 3);
  assert.deepEqual([0, 1, 2].map((slot) => [w.at(slot).weights, w.at(slot).elo]), [[40, 1203], [50, 1204], [30, 1202]]);
});

test('the opponent is the latest policy with probability play_against_latest_model_ratio, else a uniform slot (seeded)', () => {
  const w = new SnapshotWindow(4);
  for (let i = 0; i < 4; i++) w.add(i, 1200);
  // The documented draws: u = next(); u < 1 − ratio → slot = int(length), else LATEST.
  const rng = new Rng(42);
  const twin = new Rng(42);
  const counts = new Map<number, number>();
  const draws = 4000;
  for (let i = 0; i < draws; i++) {
    const chosen = w.choose(rng, 0.25);
    const expected = twin.next() < 0.75 ? twin.int(4) : LATEST;
    assert.equal(chosen, expected, `draw ${i}`);
    counts.set(chosen, (counts.get(chosen) ?? 0) + 1);
  }
  // Standard errors below 0.007: within 0.03 of 0.25 (latest) and 0.1875 (each slot).
  assert.ok(Math.abs(counts.get(LATEST)! / draws - 0.25) < 0.03, `latest ${counts.get(LATEST)! / draws}`);
  for (let slot = 0; slot < 4; slot++) assert.ok(Math.abs(counts.get(slot)! / draws - 0.1875) < 0.03, `slot ${slot}: ${counts.get(slot)! / draws}`);
  // The first few draws of seed 42, for the record.
  const first = new Rng(42);
  assert.deepEqual(Array.from({ length: 6 }, () => w.choose(first, 0.25)), [2, 0, 3, LATEST, LATEST, 3]);
});

test('ratio 1 always plays the latest policy; ratio 0 never does', () => {
  const w = new SnapshotWindow(2);
  w.add('a', 1200);
  const rng = new Rng(1);
  assert.ok(Array.from({ length: 50 }, () => w.choose(rng, 1)).every((s) => s === LATEST));
  assert.ok(Array.from({ length: 50 }, () => w.choose(rng, 0)).every((s) => s === 0));
});

test('a saved window loads back; a window of another size is refused with both sizes named', () => {
  const w = new SnapshotWindow(3);
  [1, 2, 3, 4].forEach((x) => w.add({ x }, 1000 + x));
  const saved = JSON.parse(JSON.stringify(w.save()));
  const back = new SnapshotWindow(3);
  back.load(saved, 'ckpt');
  assert.deepEqual(back.save(), w.save());
  assert.equal(back.add({ x: 5 }, 0), 1, 'the next slot is restored too');
  assert.throws(
    () => new SnapshotWindow(5).load(saved, 'run.ckpt: learner "Duel": selfPlay'),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_MODEL_STATE') && e.message === 'run.ckpt: learner "Duel": selfPlay: snapshots.size: expected 5 (self_play.window), got 3; resume with the window the checkpoint was written with',
  );
});
