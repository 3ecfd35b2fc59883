import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';

const UNIFORM3 = Float64Array.of(1 / 3, 1 / 3, 1 / 3);

test('rules chain through intermediate predicates whatever order the file declares them in', () => {
  const text = `
types: { op: [advance, hold, retreat], plan: [push, wait] }
predicates:
  enemy: {}
  covered: {}
  danger: {}
  intent: { args: { p: plan! }, select: best }
  selected: { args: { o: op! } }
perception:
  - { predicate: enemy, index: 0, above: 0.5 }
  - { predicate: covered, index: 1, above: 0.5 }
branches: [selected]
conditionals:
  - { name: careful, conditions: [danger], reject: "selected(o=advance)" }
  - { name: follow-plan, conditions: ["intent(p=wait)"], best: "selected(o=hold)" }
  - { name: spot-danger, conditions: [enemy, "not covered"], actions: [danger] }
  - name: plan-under-fire
    conditions: [danger]
    actions: ["intent(p=?p)"]
    function: { over: [p], values: [0.3, 0.6] }
`;
  const cycle = DecisionCycle.fromText(text);
  const exposed = cycle.decide(Float64Array.of(0.8, 0.1, 0.1), Float32Array.of(1, 0));
  assert.deepEqual(exposed.trace!.memory.danger, [1]);
  // intent gets 0.3 and 0.6, normalised, then read back by its mark `best`: wait
  assert.deepEqual(exposed.trace!.memory.intent, [0, 1]);
  assert.equal(exposed.trace!.branches[0]!.chosenLabel, 'hold');
  assert.equal(exposed.factors[0]![0], 0);
  const covered = cycle.decide(Float64Array.of(0.8, 0.1, 0.1), Float32Array.of(1, 1));
  assert.deepEqual(covered.trace!.memory.danger, [0]);
  assert.deepEqual(covered.trace!.memory.intent, [0, 0]); // closed world, nothing written
  assert.equal(covered.action, 0);
});

test('conditionals that feed each other fire in rounds until quiescence', () => {
  const text = `
types: { op: [go, stop] }
predicates:
  alarm: {}
  alert: {}
  ready: {}
  sel: { args: { o: op! } }
perception: [{ predicate: alarm, index: 0, above: 0.5 }]
branches: [sel]
conditionals:
  - { name: raise, conditions: [alarm], actions: [alert] }
  - { name: get-ready, conditions: [alert], actions: [ready] }
  - { name: stay-alert, conditions: [ready], actions: [alert] }
  - { name: stop-when-ready, conditions: [ready], reject: "sel(o=go)" }
`;
  const cycle = DecisionCycle.fromText(text);
  const d = cycle.decide(Float64Array.of(0.9, 0.1), Float32Array.of(1));
  const e = d.trace!.elaboration;
  // round 1: alert ← alarm; round 2: ready ← alert; round 3: nothing moves
  assert.deepEqual([e.rulePasses, e.ruleResidual, e.ruleConverged], [3, 0, true]);
  assert.deepEqual([d.trace!.memory.alert, d.trace!.memory.ready], [[1], [1]]);
  assert.equal(d.action, 1);
  const calm = cycle.decide(Float64Array.of(0.9, 0.1), Float32Array.of(0));
  assert.deepEqual([calm.trace!.memory.alert, calm.trace!.memory.ready, calm.action], [[0], [0], 0]);
});

test('a conditional summarises its variables: universal by max, unique by sum', () => {
  const text = `
types: { op: [fire, hold, cover], dir: [left, right], lvl: [low, high] }
predicates:
  enemy: { args: { d: dir } }
  threat: { args: { l: lvl! }, world: open }
  selected: { args: { o: op! } }
perception:
  - { predicate: enemy, index: 0, args: { d: left }, degree: true }
  - { predicate: enemy, index: 1, args: { d: right }, degree: true }
branches: [selected]
conditionals:
  - { name: shoot-the-worst, conditions: ["enemy(d=?d)"], actions: ["selected(o=fire)"] }
  - name: weigh-threat
    conditions: ["threat(l=?l)"]
    actions: ["selected(o=hold)"]
    function: { over: [l], values: [0.2, 0.6] }
`;
  const cycle = DecisionCycle.fromText(text);
  const d = cycle.decide(UNIFORM3, Float32Array.of(0.3, 0.7));
  const c = d.trace!.branches[0]!.candidates;
  // fire: max over the universal ?d of enemy(d) = 0.7
  const worst = Math.fround(0.7); // the observation is a Float32Array
  assert.deepEqual(c[0]!.contributions[1], { conditional: 'shoot-the-worst', kind: 'action', value: worst });
  // hold: Σ over the unique ?l of threat(l)·f(l) with threat unknown (open world, uniform) = 0.5·0.2 + 0.5·0.6
  assert.ok(Math.abs(c[1]!.contributions[1]!.value - 0.4) < 1e-15);
  assert.ok(Math.abs(c[0]!.score - (1 / 3 + worst - worst / 3)) < 1e-15);
});
