import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVersion, versionIncompatibility } from '../../src/protocol/version.js';

test('versions parse like StrictVersion: X.Y or X.Y.Z, no suffix', () => {
  assert.deepEqual(parseVersion('1.5.0'), [1, 5, 0]);
  assert.deepEqual(parseVersion('1.5'), [1, 5, 0]);
  assert.equal(parseVersion('1.5.0-preview'), null);
  assert.equal(parseVersion('v1.5'), null);
  assert.equal(parseVersion(''), null);
});

test('only the major version must match; for 0.x, major and minor', () => {
  assert.equal(versionIncompatibility('1.5.0'), null);
  assert.equal(versionIncompatibility('1.0.0'), null);
  assert.equal(versionIncompatibility('1.9.3'), null);
  assert.match(versionIncompatibility('2.0.0')!, /expected major version 1 \(1\.5\.0\), got "2\.0\.0"/);
  assert.match(versionIncompatibility('0.15.0')!, /expected major version 1/);
  assert.equal(versionIncompatibility('0.15.1', '0.15.0'), null);
  assert.match(versionIncompatibility('0.16.0', '0.15.0')!, /expected 0\.15\.x for a 0\.x version, got "0\.16\.0"/);
  assert.match(versionIncompatibility('1.5.0-beta')!, /expected a version like X\.Y or X\.Y\.Z, got "1\.5\.0-beta"/);
});
