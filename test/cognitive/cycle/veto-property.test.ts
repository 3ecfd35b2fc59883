/**
 * Property: over random rule files, policies and observations, a vetoed (rejected) or masked action is never
 * chosen while any other action stands, and its combined probability and rule factor are exactly 0. When
 * nothing stands, the impasse is `none` and the fallback acts. 500 seeded cases with our own PRNG
 * (fast-check is not a dependency of this project).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';
import { SeededRandom } from '../../../cognitive/random.js';

interface Case {
  readonly text: string;
  readonly actions: number;
  /** per reject rule: its target and its conditions as [predicate, negated] */
  readonly rejects: { target: number; conditions: [number, boolean][] }[];
  readonly thresholds: number[];
}

const MODES = ['best', 'probability-matching', 'boltzmann'];

function randomRules(rng: SeededRandom, k: number): Case {
  const actions = 2 + rng.int(4);
  const preds = 3 + rng.int(4);
  const labels = Array.from({ length: actions }, (_, i) => `a${i}`);
  const thresholds = Array.from({ length: preds }, () => rng.next());
  const cond = (): [number, boolean][] => Array.from({ length: 1 + rng.int(2) }, () => [rng.int(preds), rng.next() < 0.3] as [number, boolean]);
  const fmt = (cs: [number, boolean][]): string => `[${cs.map(([p, neg]) => `"${neg ? 'not ' : ''}p${p}"`).join(', ')}]`;
  const lines: string[] = [
    `types: { act: [${labels.join(', ')}] }`,
    'predicates:',
    ...thresholds.map((_, p) => `  p${p}: {}`),
    '  sel: { args: { a: act! } }',
    'perception:',
    ...thresholds.map((t, p) => `  - { predicate: p${p}, index: ${p}, above: ${t} }`),
    'branches: [sel]',
    `decide: { mode: ${MODES[k % 3]}, seed: ${k + 1}, temperature: 0.5, anneal: 0.99 }`,
    'conditionals:',
  ];
  const rejects: Case['rejects'] = [];
  const nRules = 2 + rng.int(5);
  for (let r = 0; r < nRules; r++) {
    const conditions = cond();
    const a = rng.int(actions);
    const kind = rng.int(4);
    if (kind <= 1) {
      rejects.push({ target: a, conditions });
      lines.push(`  - { name: r${r}, conditions: ${fmt(conditions)}, reject: "sel(a=a${a})" }`);
    } else if (kind === 2) {
      lines.push(`  - { name: r${r}, conditions: ${fmt(conditions)}, ${rng.next() < 0.5 ? 'best' : 'acceptable'}: "sel(a=a${a})" }`);
    } else {
      const b = (a + 1 + rng.int(actions - 1)) % actions;
      lines.push(`  - { name: r${r}, conditions: ${fmt(conditions)}, better: { this: "sel(a=a${a})", than: "sel(a=a${b})", ratio: ${0.1 + 0.8 * rng.next()} } }`);
    }
  }
  return { text: lines.join('\n'), actions, rejects, thresholds };
}

test('a vetoed or masked action is never chosen (500 random cases over 25 random rule files)', () => {
  const rng = new SeededRandom(2024);
  let cases = 0;
  let impasses = 0;
  let vetoes = 0;
  for (let k = 0; k < 25; k++) {
    const c = randomRules(rng, k);
    const cycle = DecisionCycle.fromText(c.text, `random-${k}.yaml`);
    for (let j = 0; j < 20; j++) {
      const obs = Float32Array.from(c.thresholds, () => rng.next());
      const raw = Array.from({ length: c.actions }, () => (rng.next() < 0.15 ? 0 : rng.next()));
      const z = raw.reduce((s, x) => s + x, 0) || 1;
      const policy = Float32Array.from(raw, (x) => x / z);
      // the oracle: which actions a reject fires on, by reading the thresholds directly
      const holds = c.thresholds.map((t, p) => obs[p]! > t);
      const vetoed = new Set(c.rejects.filter((r) => r.conditions.every(([p, neg]) => holds[p] !== neg)).map((r) => r.target));
      const standing = Array.from({ length: c.actions }, (_, a) => a).filter((a) => !vetoed.has(a) && policy[a]! > 0);
      const d = cycle.decide(policy, obs, { trace: j % 5 === 0 });
      cases++;
      vetoes += vetoed.size;
      if (standing.length > 0) {
        assert.ok(standing.includes(d.action), `file ${k} case ${j}: chose ${d.action}, standing ${standing}\n${c.text}`);
        assert.notEqual(d.impasses[0], 'none');
        for (const a of vetoed) {
          assert.equal(d.combined[0]![a], 0);
          assert.equal(d.factors[0]![a], 0);
        }
      } else {
        impasses++;
        assert.equal(d.impasses[0], 'none', `file ${k} case ${j}`);
        // default fallback: the policy's own argmax, reported
        let best = 0;
        for (let a = 1; a < c.actions; a++) if (policy[a]! > policy[best]!) best = a;
        assert.equal(d.action, best);
      }
      const sum = d.combined[0]!.reduce((s, x) => s + x, 0);
      assert.ok(Math.abs(sum - 1) < 1e-9, `combined sums to ${sum}`);
    }
  }
  assert.equal(cases, 500);
  assert.ok(vetoes > 100 && impasses > 0, `vetoes ${vetoes}, impasses ${impasses}: the generator must exercise both`);
});
