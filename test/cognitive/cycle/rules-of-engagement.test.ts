import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';

const examples = fileURLToPath(new URL('../../../../cognitive/examples/', import.meta.url));
const POLICY = Float64Array.of(0.6, 0.3, 0.1); // fire, hold, cover

test('the four-row rules-of-engagement table from the Sigma notes', () => {
  const cycle = DecisionCycle.fromFile(`${examples}rules-of-engagement.yaml`);
  const rows: [number, number, string, number[]][] = [
    // civilian, health, selected, scores (fire, hold, cover)
    [0, 0.9, 'fire', [0.6, 0.3, 0.1]],
    [1, 0.9, 'hold', [0, 0.3, 0.1]],
    [0, 0.1, 'cover', [0.6, 0.3, 1]],
    [1, 0.1, 'cover', [0, 0.3, 1]],
  ];
  for (const [civilian, health, expected, scores] of rows) {
    const d = cycle.decide(POLICY, Float32Array.of(civilian, health));
    const b = d.trace!.branches[0]!;
    assert.equal(b.chosenLabel, expected, `civilian ${civilian}, health ${health}`);
    assert.equal(b.impasse, null);
    b.candidates.forEach((c, i) => assert.ok(Math.abs(c.score - scores[i]!) < 1e-12, `${expected}: ${c.label} ${c.score}`));
    // the combined policy is π·f/Z, and a veto is f = 0
    const z = scores.reduce((s, x) => s + x, 0);
    for (let a = 0; a < 3; a++) {
      assert.ok(Math.abs(d.combined[0]![a]! - scores[a]! / z) < 1e-12);
      assert.ok(Math.abs((POLICY[a]! * d.factors[0]![a]!) / z - d.combined[0]![a]!) < 1e-12);
    }
    if (civilian === 1) assert.equal(d.factors[0]![0], 0);
  }
});

test('cover = 0.1 ⊕ 1 = 1.0 is traced as a policy and a best contribution', () => {
  const cycle = DecisionCycle.fromFile(`${examples}rules-of-engagement.yaml`);
  const d = cycle.decide(POLICY, Float32Array.of(1, 0.1));
  const cover = d.trace!.branches[0]!.candidates[2]!;
  assert.deepEqual(cover.contributions, [
    { conditional: '(policy)', kind: 'policy', value: 0.1 },
    { conditional: 'cover-when-hurt', kind: 'best', value: 1 },
  ]);
  assert.equal(cover.score, 1);
  assert.equal(cover.factor, 10);
  const fire = d.trace!.branches[0]!.candidates[0]!;
  assert.deepEqual(fire.contributions[1], { conditional: 'no-fire-near-civilians', kind: 'reject', value: 1 });
  assert.deepEqual(d.trace!.fired.map((f) => f.conditional), ['no-fire-near-civilians', 'cover-when-hurt']);
  assert.deepEqual(d.trace!.memory, { civilian: [1], health: [1, 0] });
});

test('four-cell colouring as condacts in a rule file: c1 blue → c2 red, c3 red, c4 blue, solved exactly', () => {
  const text = `
types: { colour: [red, blue] }
predicates:
  c1: { args: { v: colour! }, world: open }
  c2: { args: { v: colour! }, world: open }
  c3: { args: { v: colour! }, world: open }
  c4: { args: { v: colour! }, world: open }
  paint: { args: { colour: colour! } }
perception:
  - { predicate: c1, index: 0, bins: [0.5] }
branches: [paint]
conditionals:
  - { name: c1-c2, condacts: ["c1(v=?a)", "c2(v=?b)"], function: { over: [a, b], values: [[0, 1], [1, 0]] } }
  - { name: c2-c4, condacts: ["c2(v=?a)", "c4(v=?b)"], function: { over: [a, b], values: [[0, 1], [1, 0]] } }
  - { name: c4-c3, condacts: ["c4(v=?a)", "c3(v=?b)"], function: { over: [a, b], values: [[0, 1], [1, 0]] } }
  - { name: c3-c1, condacts: ["c3(v=?a)", "c1(v=?b)"], function: { over: [a, b], values: [[0, 1], [1, 0]] } }
  - { name: paint-like-c4, conditions: ["c4(v=?c)"], best: "paint(colour=?c)" }
`;
  const cycle = DecisionCycle.fromText(text, 'colouring.yaml');
  const d = cycle.decide(Float64Array.of(0.5, 0.5), Float32Array.of(1)); // observation 1 → blue
  const m = d.trace!.memory;
  const near = (a: readonly number[], b: number[]): boolean => a.every((x, i) => Math.abs(x - b[i]!) < 1e-12);
  assert.ok(near(m.c1!, [0, 1]) && near(m.c2!, [1, 0]) && near(m.c3!, [1, 0]) && near(m.c4!, [0, 1]), JSON.stringify(m));
  const inf = d.trace!.elaboration.inference!;
  assert.equal(inf.method, 'variable-elimination');
  assert.equal(inf.exact, true);
  assert.equal(d.trace!.branches[0]!.chosenLabel, 'blue');
  // c1 observed red flips the colouring
  const r = cycle.decide(Float64Array.of(0.5, 0.5), Float32Array.of(0));
  assert.ok(near(r.trace!.memory.c4!, [1, 0]));
  assert.equal(r.action, 0);
});
