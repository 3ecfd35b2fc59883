/**
 * The generated protobuf code is reproducible: `npm run proto` from proto/ gives exactly the committed files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

test('regenerating from proto/ reproduces src/protocol/generated/ byte for byte', () => {
  const out = mkdtempSync(join(tmpdir(), 'shiva-proto-'));
  execFileSync(process.execPath, ['scripts/generate-proto.mjs', '--out', out], { cwd: repoRoot, stdio: 'pipe' });
  for (const file of ['communicator.js', 'communicator.d.ts', 'shiva.js', 'shiva.d.ts', 'onnx.js', 'onnx.d.ts']) {
    assert.equal(readFileSync(join(out, file), 'utf8'), readFileSync(join(repoRoot, 'src', 'protocol', 'generated', file), 'utf8'), file);
  }
});
