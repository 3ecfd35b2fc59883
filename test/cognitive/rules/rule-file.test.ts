import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { CognitiveError, type CognitiveErrorCode } from '../../../cognitive/errors.js';
import { loadRuleFile, parseRuleFile } from '../../../cognitive/rules/rule-file.js';
import { editDistance, nearestName } from '../../../cognitive/rules/rule-file-context.js';

const examples = fileURLToPath(new URL('../../../../cognitive/examples/', import.meta.url));

const BASE = `version: 1
types:
  operator: [fire, hold, cover]
predicates:
  civilian: {}
  selected: { args: { op: operator! } }
perception:
  - { predicate: civilian, index: 0, above: 0.5 }
branches: [selected]
conditionals:
  - name: no-fire
    conditions: [civilian]
    reject: selected(op=fire)
`;

function fails(text: string, code: CognitiveErrorCode, line: number, field: string, ...res: RegExp[]): CognitiveError {
  try {
    parseRuleFile(text, 'rules.yaml');
  } catch (e) {
    assert.ok(e instanceof CognitiveError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.file, 'rules.yaml');
    assert.equal(e.line, line, e.message);
    assert.equal(e.field, field, e.message);
    assert.ok(e.message.startsWith(`rules.yaml:${line}:`), e.message);
    for (const re of res) assert.match(e.message, re);
    return e;
  }
  assert.fail('expected a CognitiveError');
}

test('the example rule files load', () => {
  const roe = loadRuleFile(`${examples}rules-of-engagement.yaml`);
  assert.equal(roe.name, 'rules-of-engagement');
  assert.deepEqual(roe.predicates.map((p) => p.name), ['civilian', 'health', 'selected']);
  assert.equal(roe.conditionals.length, 2);
  assert.deepEqual(roe.branches[0]!.fallback.none, { kind: 'action', label: 'hold' });
  assert.deepEqual(roe.perception[1]!.test, { kind: 'bins', edges: [0.3], labels: ['low', 'high'] });
  const cp = loadRuleFile(`${examples}cartpole-veto.yaml`);
  assert.deepEqual(cp.perception[0], { predicate: 'near_left_edge', index: 0, args: {}, test: { kind: 'threshold', op: '<', value: -2 } });
  assert.equal(cp.conditionals[0]!.idioms[0]!.kind, 'reject');
  const base = parseRuleFile(BASE);
  assert.equal(base.decide.mode, 'best');
  assert.deepEqual(base.branches[0]!.fallback, { none: { kind: 'policy' }, tie: { kind: 'policy' } });
  assert.equal(base.learning.rate, 0.05);
});

test('unknown keys name the line and suggest the nearest known key', () => {
  fails(BASE.replace('  civilian: {}', '  civilian: { wrold: open }'), 'COG_RULES_INVALID', 5, 'predicates.civilian.wrold', /unknown key "wrold"/, /did you mean "world"\?/);
  fails(BASE + 'decied: { mode: best }\n', 'COG_RULES_INVALID', 14, 'decied', /expected one of version, name, types/, /did you mean "decide"\?/);
  fails(BASE.replace('    reject: selected(op=fire)', '    rejcet: selected(op=fire)'), 'COG_RULES_INVALID', 13, 'conditionals[0].rejcet', /did you mean "reject"\?/);
});

test('references: unknown predicates, arguments, labels and types name the line and the nearest name', () => {
  fails(BASE.replace('conditions: [civilian]', 'conditions: [civilain]'), 'COG_RULES_REFERENCE', 12, 'conditionals[0].conditions[0]', /unknown predicate "civilain"/, /did you mean "civilian"\?/);
  fails(BASE.replace('selected(op=fire)', 'selected(op=fir)'), 'COG_RULES_REFERENCE', 13, 'conditionals[0].reject', /label of operator/, /expected one of fire, hold, cover/, /did you mean "fire"\?/);
  fails(BASE.replace('selected(op=fire)', 'selected(pp=fire)'), 'COG_RULES_REFERENCE', 13, 'conditionals[0].reject', /unknown argument of selected "pp"/);
  fails(BASE.replace('op: operator!', 'op: operater!'), 'COG_RULES_REFERENCE', 6, 'predicates.selected.args.op', /unknown type "operater"/, /did you mean "operator"\?/);
  fails(BASE.replace("branches: [selected]", 'branches: [selectd]'), 'COG_RULES_REFERENCE', 9, 'branches[0]', /did you mean "selected"\?/);
  fails(BASE.replace('index: 0', 'index: cart_x'), 'COG_RULES_REFERENCE', 8, 'perception[0].index', /unknown observation name "cart_x"/);
});

test('wrong values say what was expected and what came', () => {
  fails(BASE.replace('index: 0', 'index: -1'), 'COG_RULES_INVALID', 8, 'perception[0].index', /expected an integer >= 0, got -1 \(a number\)/);
  fails(BASE.replace('above: 0.5', 'above: 0.5, below: 0.2'), 'COG_RULES_INVALID', 8, 'perception[0]', /expected exactly one of below, at_most, above/, /got below and above/);
  fails(BASE.replace('reject: selected(op=fire)', 'reject: 42'), 'COG_RULES_INVALID', 13, 'conditionals[0].reject', /expected a pattern/, /got 42 \(a number\)/);
  fails(BASE.replace('reject: selected(op=fire)', 'reject: selected(op=fire'), 'COG_PATTERN_SYNTAX', 13, 'conditionals[0].reject', /closing/);
  fails(BASE.replace('reject: selected(op=fire)', 'reject: civilian'), 'COG_RULES_INVALID', 13, 'conditionals[0].reject', /expected a selection predicate \(selected\), got civilian/);
  fails(BASE + 'decide: { mode: greedy }\n', 'COG_RULES_REFERENCE', 14, 'decide.mode', /expected one of best, probability-matching, boltzmann/);
  fails(BASE + 'fallback: { none: { action: flee } }\n', 'COG_RULES_REFERENCE', 14, 'fallback.none.action', /unknown action label "flee"/);
  fails(BASE.replace('  civilian: {}', '  civilian: { args: { a: operator!, b: operator! } }'), 'COG_RULES_INVALID', 5, 'predicates.civilian.args', /at most one unique argument/);
  fails(BASE.replace('branches: [selected]', 'branches: []'), 'COG_RULES_INVALID', 9, 'branches', /expected at least one selection predicate, got an empty list/);
  fails(BASE.replace('branches: [selected]', 'branches: [civilian]'), 'COG_RULES_INVALID', 9, 'branches[0]', /exactly one unique argument/);
  fails(BASE.replace('    conditions: [civilian]', '    conditions: [selected(op=hold)]'), 'COG_RULES_INVALID', 12, 'conditionals[0].conditions[0]', /may not read selection predicate/);
});

test('variables, functions and learning are checked', () => {
  const withZone = BASE.replace('  civilian: {}', '  civilian: {}\n  zone: { args: { z: side! } }').replace('types:\n', 'types:\n  side: [left, right]\n');
  // ?o binds a side and then an operator
  fails(
    withZone.replace('    conditions: [civilian]\n    reject: selected(op=fire)', '    conditions: ["zone(z=?o)"]\n    actions: ["selected(op=?o)"]'),
    'COG_RULES_INVALID', 15, 'conditionals[0].actions[0]', /\?o to bind arguments of one type \(side\)/, /got type operator/,
  );
  const fn = (values: string): string =>
    withZone.replace(
      '    conditions: [civilian]\n    reject: selected(op=fire)',
      `    conditions: ["zone(z=?z)"]\n    actions: ["selected(op=?o)"]\n    function: { over: [z, o], values: ${values} }\n    normal: o\n    learn: true`,
    );
  const ok = parseRuleFile(fn('{ left: { fire: 1, hold: 1, cover: 2 }, right: [0, 1, 1] }'));
  assert.deepEqual(ok.conditionals[0]!.fn, { over: ['z', 'o'], values: [1, 1, 2, 0, 1, 1] });
  fails(fn('[[1, 1, 2], [0, 1]]'), 'COG_RULES_INVALID', 16, 'conditionals[0].function.values[1]', /expected 3 entries along \?o/);
  fails(fn('{ left: { fire: 1, hold: 1, cover: 2 }, rigth: [0, 1, 1] }'), 'COG_RULES_REFERENCE', 16, 'conditionals[0].function.values.rigth', /did you mean "right"\?/);
  fails(fn('[[1, 1, 2], [0, 1, -1]]'), 'COG_RULES_INVALID', 16, 'conditionals[0].function.values[1][2]', /expected a number >= 0, got -1/);
  fails(fn('[[1, 1, 2], [0, 1, 1]]').replace('normal: o', 'normal: q'), 'COG_RULES_REFERENCE', 17, 'conditionals[0].normal', /unknown function variable "q"/);
  fails(fn('[[1, 1, 2], [0, 1, 1]]').replace('    normal: o\n', ''), 'COG_RULES_INVALID', 17, 'conditionals[0].learn', /needs a function and its normal/);
});

test('YAML syntax errors and unreadable files', () => {
  const e = fails('types:\n  a: [x, y\npredicates: {}\n', 'COG_RULES_SYNTAX', 3, undefined as unknown as string, /not well-formed YAML/);
  assert.equal(e.column, 1);
  assert.throws(() => loadRuleFile('/nonexistent/rules.yaml'), (e: unknown) => e instanceof CognitiveError && e.code === 'COG_RULES_READ' && e.file === '/nonexistent/rules.yaml');
});

test('did-you-mean: edit distance with transpositions, only for plausible typos', () => {
  assert.equal(editDistance('unqiue', 'unique'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(nearestName('conditons', ['conditions', 'condacts', 'actions']), 'conditions');
  assert.equal(nearestName('zzzzzz', ['conditions', 'actions']), undefined);
});
