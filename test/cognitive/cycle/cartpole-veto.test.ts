import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';
import { SeededRandom } from '../../../cognitive/random.js';

const examples = fileURLToPath(new URL('../../../../cognitive/examples/', import.meta.url));

test('CartPole veto file: no push left when x < −2.0; elsewhere the policy acts unchanged', () => {
  const cycle = DecisionCycle.fromFile(`${examples}cartpole-veto.yaml`);
  assert.deepEqual(cycle.branchSizes, [2]);
  assert.equal(cycle.observationSize, 1);
  const rng = new SeededRandom(4);
  let lefts = 0;
  for (let k = 0; k < 400; k++) {
    const pLeft = Math.fround(0.02 + 0.96 * rng.next());
    const policy = Float32Array.of(pLeft, 1 - pLeft);
    const x = -2.4 + 4.8 * rng.next();
    const d = cycle.decide(policy, Float32Array.of(x, 0, 0, 0), { trace: false });
    if (x < -2.0) {
      assert.equal(d.action, 1, `x ${x}`);
      assert.deepEqual(Array.from(d.factors[0]!), [0, 1]);
      assert.deepEqual(Array.from(d.combined[0]!), [0, 1]);
    } else {
      assert.deepEqual(Array.from(d.factors[0]!), [1, 1]);
      assert.ok(Math.abs(d.combined[0]![0]! - pLeft / (pLeft + policy[1]!)) < 1e-15);
      if (d.action === 0) lefts++;
    }
  }
  assert.ok(lefts > 50, 'left pushes still happen away from the edge');
});
