import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binnedType, discreteType, symbolicType } from '../../../cognitive/graph/types.js';
import { Perception } from '../../../cognitive/memory/perception.js';
import { definePredicate, entryIndex } from '../../../cognitive/memory/predicate.js';
import { WorkingMemory } from '../../../cognitive/memory/working-memory.js';
import { SeededRandom } from '../../../cognitive/random.js';

const colour = symbolicType('colour', ['red', 'green', 'blue']);
const side = symbolicType('side', ['left', 'right']);
const level = discreteType('level', 0, 4);
const x = binnedType('x', -2.4, 2.4, 4);

test('unknown defaults: closed world 0; open world 1 for universal entries, uniform over a unique argument', () => {
  const mem = new WorkingMemory([
    definePredicate('flag', [], 'closed'),
    definePredicate('maybe', [], 'open'),
    definePredicate('seen', [{ name: 'c', type: colour, unique: false }], 'open'),
    definePredicate('paint', [{ name: 's', type: side, unique: false }, { name: 'c', type: colour, unique: true }], 'open'),
    definePredicate('shut', [{ name: 'c', type: colour, unique: true }], 'closed'),
  ]);
  const m = mem.describe();
  assert.deepEqual(m.flag, [0]);
  assert.deepEqual(m.maybe, [1]);
  assert.deepEqual(m.seen, [1, 1, 1]);
  assert.deepEqual(m.paint, [1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3]);
  assert.deepEqual(m.shut, [0, 0, 0]);
  const paint = mem.predicates[3]!;
  assert.equal(entryIndex(paint, [1, 2]), 5);
  assert.deepEqual(Array.from(paint.sliceStarts), [0, 3]);
});

test('perception: thresholds, bins with labels, numbers placed by the type, degrees; rebuilt each cycle', () => {
  const preds = [
    definePredicate('low', []),
    definePredicate('high', []),
    definePredicate('zone', [{ name: 'c', type: colour, unique: true }]),
    definePredicate('lvl', [{ name: 'l', type: level, unique: true }]),
    definePredicate('pos', [{ name: 'x', type: x, unique: true }]),
    definePredicate('threat', [{ name: 's', type: side, unique: false }]),
    definePredicate('sure', []),
  ];
  const mem = new WorkingMemory(preds);
  const perception = new Perception(
    [
      { predicate: 'low', index: 0, args: {}, test: { kind: 'threshold', op: '<', value: -2 } },
      { predicate: 'high', index: 0, args: {}, test: { kind: 'threshold', op: '>=', value: 2 } },
      { predicate: 'zone', index: 1, args: {}, test: { kind: 'bins', edges: [0, 10], labels: ['blue', 'red', 'green'] } },
      { predicate: 'lvl', index: 2, args: {}, test: { kind: 'number' } },
      { predicate: 'pos', index: 0, args: {}, test: { kind: 'number' } },
      { predicate: 'threat', index: 3, args: { s: 'left' }, test: { kind: 'threshold', op: '>', value: 0.5 } },
      { predicate: 'threat', index: 4, args: { s: 'right' }, test: { kind: 'threshold', op: '>', value: 0.5 } },
      { predicate: 'sure', index: 5, args: {}, test: { kind: 'degree' } },
    ],
    mem,
  );
  assert.equal(perception.requiredLength, 6);
  const see = (obs: number[]): Record<string, number[]> => {
    mem.reset();
    perception.apply(Float32Array.from(obs), 0, mem);
    return mem.describe();
  };
  let m = see([-2.1, 5, 2.6, 0, 1, 0.25]);
  assert.deepEqual(m.low, [1]);
  assert.deepEqual(m.high, [0]);
  assert.deepEqual(m.zone, [1, 0, 0]); // 0 <= 5 < 10 → second label, red
  assert.deepEqual(m.lvl, [0, 0, 0, 1, 0]); // 2.6 rounds to 3
  assert.deepEqual(m.pos, [1, 0, 0, 0]); // -2.1 in [-2.4, -1.2)
  assert.deepEqual(m.threat, [0, 1]);
  assert.deepEqual(m.sure, [0.25]);
  m = see([2, -1, 99, 1, 1, 7]);
  assert.deepEqual(m.low, [0]);
  assert.deepEqual(m.high, [1]);
  assert.deepEqual(m.zone, [0, 0, 1]); // below the first edge → blue
  assert.deepEqual(m.lvl, [0, 0, 0, 0, 1]); // clamped
  assert.deepEqual(m.pos, [0, 0, 0, 1]);
  assert.deepEqual(m.threat, [1, 1]);
  assert.deepEqual(m.sure, [1]);
  // an observation offset reads the agent's slice of a batch
  mem.reset();
  perception.apply(Float32Array.from([9, 9, 9, 9, 9, 9, -3, 0, 0, 0, 0, 0]), 6, mem);
  assert.deepEqual(mem.describe().low, [1]);
});

test('marks: best, expected and probability matching read a distribution back one-hot', () => {
  const preds = [
    definePredicate('b', [{ name: 'c', type: colour, unique: true }], 'closed', 'best'),
    definePredicate('e', [{ name: 'l', type: level, unique: true }], 'closed', 'expected'),
    definePredicate('p', [{ name: 'c', type: colour, unique: true }], 'closed', 'probability-matching'),
    definePredicate('d', [{ name: 'c', type: colour, unique: true }], 'closed', 'distribution'),
  ];
  const mem = new WorkingMemory(preds);
  const rng = new SeededRandom(3);
  const set = (i: number, v: number[]): void => mem.values.set(v, mem.offsets[i]!);
  set(0, [0.2, 0.5, 0.3]);
  set(1, [0.5, 0, 0, 0, 0.5]); // mean 2
  set(3, [2, 1, 1]);
  mem.applyMark(0, rng);
  mem.applyMark(1, rng);
  mem.applyMark(3, rng);
  mem.normaliseUnique(3);
  const m = mem.describe();
  assert.deepEqual(m.b, [0, 1, 0]);
  assert.deepEqual(m.e, [0, 0, 1, 0, 0]);
  assert.deepEqual(m.d, [0.5, 0.25, 0.25]);
  const counts = [0, 0, 0];
  for (let k = 0; k < 4000; k++) {
    set(2, [0.1, 0.3, 0.6]);
    mem.applyMark(2, rng);
    const t = Array.from(mem.table(2));
    assert.equal(t.reduce((s, v) => s + v, 0), 1);
    counts[t.indexOf(1)]!++;
  }
  assert.ok(Math.abs(counts[0]! / 4000 - 0.1) < 0.02 && Math.abs(counts[2]! / 4000 - 0.6) < 0.03, `${counts}`);
  assert.throws(() => definePredicate('bad', [{ name: 'c', type: colour, unique: true }], 'closed', 'expected'), /numeric/);
  assert.throws(() => definePredicate('bad', [], 'closed', 'best'), /unique argument/);
});
