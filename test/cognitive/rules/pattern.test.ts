import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitiveError } from '../../../cognitive/errors.js';
import { formatPattern, parsePattern } from '../../../cognitive/rules/pattern.js';

test('patterns: bare names, constants, variables, negation', () => {
  assert.deepEqual(parsePattern('civilian'), { text: 'civilian', negated: false, predicate: 'civilian', args: [] });
  const p = parsePattern('  not selected( op = fire , who=?w ) ');
  assert.equal(p.negated, true);
  assert.equal(p.predicate, 'selected');
  assert.deepEqual(p.args, [
    { arg: 'op', term: { kind: 'const', label: 'fire' } },
    { arg: 'who', term: { kind: 'var', name: 'w' } },
  ]);
  assert.equal(formatPattern(p), 'not selected(op=fire, who=?w)');
  assert.deepEqual(parsePattern('lvl(l=3)').args[0]!.term, { kind: 'const', label: '3' });
  assert.deepEqual(parsePattern('notice').negated, false); // "not" only as a separate word
});

test('pattern syntax errors name the column and what was expected', () => {
  const bad = (text: string, re: RegExp): void =>
    assert.throws(() => parsePattern(text), (e: unknown) => e instanceof CognitiveError && e.code === 'COG_PATTERN_SYNTAX' && re.test(e.message), text);
  bad('selected(op=fire', /column 17: expected a closing "\)"/);
  bad('selected(op)', /column 10: expected arg=value or arg=\?var, got "op"/);
  bad('selected(op=?)', /expected a variable name after \?/);
  bad('9lives', /column 1: expected a predicate name/);
  bad('sel(a=1, a=2)', /each argument once/);
  bad('not  sel(a=fi re)', /column 12: expected a label or \?var, got "fi re"/);
});
