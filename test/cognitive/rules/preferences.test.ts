import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCEPTABLE_VALUE, BEST_VALUE, probOr, scoreOf } from '../../../cognitive/rules/preferences.js';

test('the preference algebra: 0.1 ⊕ 1 = 1, 0.6 ⊕ 0.5 = 0.8, a reject gives 0 whatever else holds', () => {
  assert.equal(probOr(ACCEPTABLE_VALUE, BEST_VALUE), 1);
  assert.ok(Math.abs(probOr(0.6, 0.5) - 0.8) < 1e-15);
  assert.equal(probOr(0.3, 0), 0.3);
  assert.equal(scoreOf([{ kind: 'policy', value: 0.1 }, { kind: 'best', value: 1 }]), 1);
  assert.ok(Math.abs(scoreOf([{ kind: 'policy', value: 0.6 }, { kind: 'action', value: 0.5 }]) - 0.8) < 1e-15);
  for (const others of [[], [{ kind: 'best' as const, value: 1 }], [{ kind: 'acceptable' as const, value: 0.1 }, { kind: 'action' as const, value: 0.9 }]]) {
    assert.equal(scoreOf([{ kind: 'policy', value: 0.7 }, ...others, { kind: 'reject', value: 1 }]), 0);
  }
  // a partial negated action scales; a worse multiplier scales; a masked policy entry is 0 whatever rules say
  assert.ok(Math.abs(scoreOf([{ kind: 'policy', value: 0.5 }, { kind: 'negated-action', value: 0.25 }]) - 0.375) < 1e-15);
  assert.ok(Math.abs(scoreOf([{ kind: 'policy', value: 0.5 }, { kind: 'worse', value: 0.5 }]) - 0.25) < 1e-15);
  assert.equal(scoreOf([{ kind: 'policy', value: 0 }, { kind: 'best', value: 1 }]), 0);
});
