import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COGNITIVE_ERROR_CODES, CognitiveError } from '../../cognitive/errors.js';

test('every error code has a one-line description and the codes share the COG_ prefix', () => {
  for (const [code, description] of Object.entries(COGNITIVE_ERROR_CODES)) {
    assert.match(code, /^COG_[A-Z_]+$/);
    assert.ok(description.length > 10 && !description.includes('\n'), code);
  }
});

test('messages put file:line:column and the field first, leaving out what is unknown', () => {
  const full = new CognitiveError('COG_RULES_INVALID', 'expected 1, got 2', { file: 'r.yaml', line: 3, column: 5, field: 'decide.seed' });
  assert.equal(full.message, 'r.yaml:3:5: decide.seed: expected 1, got 2');
  assert.deepEqual([full.code, full.file, full.line, full.column, full.field, full.name], ['COG_RULES_INVALID', 'r.yaml', 3, 5, 'decide.seed', 'CognitiveError']);
  assert.equal(new CognitiveError('COG_STATE', 'too early').message, 'too early');
  assert.equal(new CognitiveError('COG_INPUT_SHAPE', 'bad', { field: 'policy' }).message, 'policy: bad');
  assert.ok(new CognitiveError('COG_STATE', 'x') instanceof Error);
});
