/**
 * Where tests find the repository, the compiled CLI and the shared ML-Agents artifacts (../shared beside the
 * checkout, or SHIVA_SHARED_DIR).
 */
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** Tests run compiled from dist/test/…; the repository root is three levels above this file. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
export const cliMain = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
export const sharedDir = process.env.SHIVA_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
export const mlagentsData = join(sharedDir, 'data', 'mlagents');
export const traceFile = join(mlagentsData, 'traces', 'basic_2agents_vec4_disc3.jsonl');
