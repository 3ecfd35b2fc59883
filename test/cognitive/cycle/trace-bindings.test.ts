import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';
import { formatTrace, type Trace } from '../../../cognitive/cycle/trace.js';
import { MIXED_RULES } from './fixtures.js';

/** A veto per direction in danger (bound through ?d), a rule without variables, and degrees from the observation. */
const RULES = `
types: { dir: [north, south, west, east] }
predicates:
  danger: { args: { dir: dir } }
  looking: { args: { dir: dir! } }
perception:
  - { predicate: danger, index: 0, args: { dir: north }, degree: true }
  - { predicate: danger, index: 1, args: { dir: south }, degree: true }
  - { predicate: danger, index: 2, args: { dir: west }, degree: true }
  - { predicate: danger, index: 3, args: { dir: east }, degree: true }
branches: [looking]
fallback: { none: policy }
conditionals:
  - { name: avoid, conditions: ["danger(dir=?d)"], reject: "looking(dir=?d)" }
  - { name: north-watch, conditions: ["danger(dir=north)"], acceptable: "looking(dir=south)", value: 0.5 }
`;

const POLICY = Float64Array.of(0.25, 0.25, 0.25, 0.25);

test('a fired rule records the values its condition variables were bound to, strongest first', () => {
  const cycle = DecisionCycle.fromText(RULES, 'bindings.yaml');
  const d = cycle.decide(POLICY, Float32Array.of(0.5, 0, 1, 0));
  const trace = JSON.parse(JSON.stringify(d.trace)) as Trace;
  const avoid = trace.fired.find((f) => f.conditional === 'avoid')!;
  assert.deepEqual(avoid.bindings, [
    { values: { d: 'west' }, degree: 1 },
    { values: { d: 'north' }, degree: 0.5 },
  ]);
  // A rule whose conditions name no variable has no bindings.
  const watch = trace.fired.find((f) => f.conditional === 'north-watch')!;
  assert.equal(watch.bindings, undefined);
  assert.match(formatTrace(trace), /fired avoid \(degree 1, utility 0\) with \?d=west; \?d=north \(0\.5\)\n/);
  assert.match(formatTrace(trace), /fired north-watch \(degree 0\.5, utility 0\)\n/);

  // Nothing in danger: nothing fired, nothing bound.
  assert.deepEqual(cycle.decide(POLICY, Float32Array.of(0, 0, 0, 0)).trace!.fired, []);
});

test('variables only the actions name are not bindings: r5 binds ?l by its condition, for every ?x', () => {
  const cycle = DecisionCycle.fromText(MIXED_RULES, 'mixed.yaml');
  const t = cycle.decide([Float64Array.of(0.5, 0.3, 0.2), Float64Array.of(0.2, 0.3, 0.5)], Float32Array.of(1, 1, 1, 1)).trace!;
  assert.deepEqual(t.fired.find((f) => f.conditional === 'r5')!.bindings, [{ values: { l: 'high' }, degree: 1 }]);
  assert.equal(t.fired.find((f) => f.conditional === 'r1')!.bindings, undefined);
});
