/**
 * Where tests find the repository, the compiled CLI, the ML-Agents fixtures copied into the repository
 * (test/fixtures/mlagents: small, unchanged Unity ML-Agents artifacts) and the large shared ML-Agents artifacts
 * (../shared beside the checkout, or SHIVA_SHARED_DIR), which tests only use when present.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/**
 * Tests run compiled from dist/test/… (or another output folder at the same depth, such as dist-x/ from
 * `tsc --outDir dist-x`); the repository root is three levels above this file, the compiled tree two.
 */
const compiledRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const repoRoot = resolve(compiledRoot, '..');
/** The CLI compiled beside these tests. */
export const cliMain = join(compiledRoot, 'src', 'cli', 'main.js');

/** In-repo fixtures (read from the source tree: the compiler copies no data into dist/). */
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
export const mlagentsFixtures = join(fixturesDir, 'mlagents');
/** ExpertBasic.demo, Expert3DBall.demo and ExpertPyramid.demo. */
export const fixtureDemos = join(mlagentsFixtures, 'demos');
export const traceFile = join(mlagentsFixtures, 'traces', 'basic_2agents_vec4_disc3.jsonl');

/** The large shared data: optional; a test that needs it skips with {@link needsShared}'s reason when it is absent. */
export const sharedDir = process.env.SHIVA_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
export const mlagentsData = join(sharedDir, 'data', 'mlagents');
/** All six demonstrations, GridWorld, Hallway and PushBlock (7.8 MB together) among them. */
export const sharedDemos = join(mlagentsData, 'demos');

/**
 * `false` when `path` exists, else the reason to skip a test that needs it (for node:test's `{ skip }` option or
 * `t.skip`).
 */
export function needsShared(path: string = sharedDemos, what = 'large Unity ML-Agents demos'): string | false {
  if (existsSync(path)) return false;
  return `needs ${path} (${what}); set SHIVA_SHARED_DIR or place shared/ beside the checkout`;
}
