/**
 * The error-code registry, the code that throws, and docs/ERRORS.md stay in step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/core/errors.js';
import { repoRoot } from '../helpers/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

test('every code thrown in the source is registered, and every registered code is documented', () => {
  const registered = new Set(Object.keys(ERROR_CODES));
  const used = new Set<string>();
  for (const dir of ['src', 'envs', 'agents']) {
    for (const file of sources(join(repoRoot, dir))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(SHIVA_ERR_[A-Z_]+)'/g)) used.add(m[1]!);
    }
  }
  for (const code of used) assert.ok(registered.has(code), `${code} is thrown but not in src/core/errors.ts`);
  const docs = readFileSync(join(repoRoot, 'docs', 'ERRORS.md'), 'utf8');
  const documented = new Set([...docs.matchAll(/^\| `(SHIVA_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]!));
  assert.deepEqual([...documented].sort(), [...registered].sort(), 'docs/ERRORS.md lists exactly the registered codes');
});
