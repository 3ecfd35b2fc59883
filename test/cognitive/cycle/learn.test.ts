import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitiveError } from '../../../cognitive/errors.js';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';
import { SeededRandom } from '../../../cognitive/random.js';

const weatherRules = (fn: string, learning: string): string => `
types: { weather: [sunny, rainy], ground: [dry, wet] }
predicates:
  weather: { args: { w: weather! }, world: open }
  ground: { args: { g: ground! }, world: open }
  go: { args: { x: ground! } }
perception:
  - { predicate: weather, index: 0, bins: [0.5] }
  - { predicate: ground, index: 1, bins: [0.5] }
branches: [go]
learning: ${learning}
conditionals:
  - name: rain-wets
    condacts: ["weather(w=?w)", "ground(g=?g)"]
    function: { over: [w, g], values: ${fn} }
    normal: g
    learn: true
`;

const UNIFORM = Float64Array.of(0.5, 0.5);

test('function learning on a condact converges to the empirical frequencies', () => {
  const rng = new SeededRandom(21);
  const data: [number, number][] = [];
  for (let k = 0; k < 3000; k++) {
    const w = rng.next() < 0.6 ? 0 : 1;
    const g = rng.next() < (w === 0 ? 0.2 : 0.9) ? 1 : 0;
    data.push([w, g]);
  }
  const counts = [[0, 0], [0, 0]];
  for (const [w, g] of data) counts[w]![g]!++;

  // rate 'average': the function is the running frequency with the initial table as one prior observation
  const avg = DecisionCycle.fromText(weatherRules('[[0.5, 0.5], [0.5, 0.5]]', '{ rate: average }'));
  for (const [w, g] of data) {
    avg.decide(UNIFORM, Float32Array.of(w, g), { trace: false });
    assert.deepEqual(avg.learn().updated, ['rain-wets']);
  }
  const f = avg.functionTable('rain-wets');
  for (let w = 0; w < 2; w++) {
    const n = counts[w]![0]! + counts[w]![1]!;
    for (let g = 0; g < 2; g++) {
      const expected = (0.5 + counts[w]![g]!) / (1 + n);
      assert.ok(Math.abs(f[w * 2 + g]! - expected) < 1e-9, `F(${w},${g}) = ${f[w * 2 + g]} vs ${expected}`);
      assert.ok(Math.abs(f[w * 2 + g]! - counts[w]![g]! / n) < 1e-3);
    }
  }
  // Sigma's constant rate (0.05) tracks the same frequencies, within its noise
  const sigma = DecisionCycle.fromText(weatherRules('[[0.5, 0.5], [0.5, 0.5]]', '{ rate: 0.05 }'));
  for (const [w, g] of data) {
    sigma.decide(UNIFORM, Float32Array.of(w, g), { trace: false });
    sigma.learn();
  }
  const s = sigma.functionTable('rain-wets');
  assert.ok(Math.abs(s[1]! - 0.2) < 0.15 && Math.abs(s[3]! - 0.9) < 0.15, `${Array.from(s)}`);
  assert.ok(Math.abs(s[0]! + s[1]! - 1) < 1e-12 && Math.abs(s[2]! + s[3]! - 1) < 1e-12, 'slices stay distributions');
});

test('learning keeps zeros at zero and floors the rest at the smoothing value', () => {
  const cycle = DecisionCycle.fromText(weatherRules('[[1, 0], [0.5, 0.5]]', '{ rate: 0.5, smoothing: 0.01 }'));
  for (let k = 0; k < 50; k++) {
    cycle.decide(UNIFORM, Float32Array.of(1, 0), { trace: false }); // rainy, dry
    cycle.learn();
    cycle.decide(UNIFORM, Float32Array.of(0, 1), { trace: false }); // sunny, wet: impossible under F
    cycle.learn();
  }
  const f = cycle.functionTable('rain-wets');
  assert.deepEqual([f[0], f[1]], [1, 0]);
  assert.ok(f[3]! >= 0.0099 && f[3]! <= 0.0101, `floored: ${f[3]}`);
  assert.ok(Math.abs(f[2]! + f[3]! - 1) < 1e-12);
});

test('a rule function learns action frequencies per condition from feedback (imitation)', () => {
  const text = `
types: { zone: [near, far], op: [fire, hold, cover] }
predicates:
  zone: { args: { z: zone! } }
  selected: { args: { o: op! } }
perception: [{ predicate: zone, index: 0, bins: [0.5] }]
branches: [selected]
learning: { rate: average }
conditionals:
  - name: zone-habit
    conditions: ["zone(z=?z)"]
    actions: ["selected(o=?o)"]
    function: { over: [z, o], values: [[1, 1, 1], [1, 1, 1]] }
    normal: o
    learn: true
`;
  const cycle = DecisionCycle.fromText(text);
  const teacher = [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]];
  const rng = new SeededRandom(5);
  const counts = [[0, 0, 0], [0, 0, 0]];
  for (let k = 0; k < 2000; k++) {
    const z = rng.int(2);
    let r = rng.next();
    let a = 0;
    while (a < 2 && r >= teacher[z]![a]!) r -= teacher[z]![a++]!;
    counts[z]![a]!++;
    cycle.decide(Float64Array.of(1 / 3, 1 / 3, 1 / 3), Float32Array.of(z), { trace: false });
    cycle.learn({ actions: [a] });
  }
  const f = cycle.functionTable('zone-habit');
  for (let z = 0; z < 2; z++) {
    const n = counts[z]!.reduce((s, x) => s + x, 0);
    for (let a = 0; a < 3; a++) {
      const expected = (1 / 3 + counts[z]![a]!) / (1 + n);
      assert.ok(Math.abs(f[z * 3 + a]! - expected) < 1e-9, `F(${z},${a})`);
    }
  }
});

test('ACT-R utilities rank a paying rule above a useless one', () => {
  const text = `
types: { op: [go, wait] }
predicates:
  cue: {}
  noise: {}
  sel: { args: { o: op! } }
perception:
  - { predicate: cue, index: 0, above: 0.5 }
  - { predicate: noise, index: 1, above: 0.5 }
branches: [sel]
learning: { utility_rate: 0.1 }
conditionals:
  - { name: paying, conditions: [cue], best: "sel(o=go)" }
  - { name: useless, conditions: [noise], acceptable: "sel(o=wait)" }
`;
  const cycle = DecisionCycle.fromText(text);
  const rng = new SeededRandom(9);
  for (let k = 0; k < 400; k++) {
    const d = cycle.decide(Float64Array.of(0.5, 0.5), Float32Array.of(rng.next(), rng.next()), { trace: false });
    const reward = d.action === 0 ? 1 : 0; // going pays
    const report = cycle.learn({ reward });
    if (report.credited.includes('useless')) assert.equal(d.action, 1, 'only rules that supported the chosen action are credited');
  }
  const u = cycle.utilityTable();
  assert.ok(u.paying! > 0.9, `paying ${u.paying}`);
  assert.ok(u.useless! < 0.1, `useless ${u.useless}`);
  // learn needs a preceding single-agent decision
  const fresh = DecisionCycle.fromText(text);
  assert.throws(() => fresh.learn({ reward: 1 }), (e: unknown) => e instanceof CognitiveError && e.code === 'COG_STATE');
});
