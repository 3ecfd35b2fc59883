/**
 * Picks the TensorFlow.js backend for this process: tfjs-node-gpu (CUDA machines), then tfjs-node, then wasm,
 * then the pure-JS cpu backend. The two native packages are optional dependencies that usually fail to install
 * (their install script downloads libtensorflow), so "not there" is an expected outcome, recorded and skipped.
 * See docs/tfjs-on-node.md (shared) for the measurements behind the order.
 *
 * The choice is returned, not printed: callers log it with their own logger.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ShivaError } from '../errors.js';

export const BACKEND_REQUESTS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendRequest = (typeof BACKEND_REQUESTS)[number];
export type BackendName = Exclude<BackendRequest, 'auto'>;

/** The environment variable that overrides whatever the caller asked for. */
export const BACKEND_ENV_VAR = 'SHIVA_BACKEND';

export interface BackendAttempt {
  readonly name: BackendName;
  /** Why this backend was skipped; absent for the one chosen. */
  readonly error?: string;
}

export interface BackendChoice {
  /** The backend in use, in our names ('tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'). */
  readonly name: BackendName;
  /** tfjs's own name for it (tf.getBackend()): 'tensorflow', 'wasm' or 'cpu'. */
  readonly tfName: string;
  /** What was asked for after the environment override, and from where. */
  readonly request: BackendRequest;
  readonly requestSource: 'argument' | 'environment' | 'default';
  /** Every backend tried, in order, with the reason each failed one was skipped. */
  readonly tried: BackendAttempt[];
}

const AUTO_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
const require = createRequire(import.meta.url);
let wasmPathsSet = false;

/**
 * Chooses and initialises a backend. `SHIVA_BACKEND` overrides `request`. With 'auto' every candidate is tried
 * in order and failures are recorded in `tried`; a backend named explicitly must work or a ShivaError says why.
 */
export async function chooseBackend(request: BackendRequest = 'auto'): Promise<BackendChoice> {
  const fromEnv = process.env[BACKEND_ENV_VAR];
  let requestSource: BackendChoice['requestSource'] = request === 'auto' ? 'default' : 'argument';
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isBackendRequest(fromEnv)) {
      throw new ShivaError('SHIVA_ERR_USAGE', `environment variable ${BACKEND_ENV_VAR}: expected one of ${BACKEND_REQUESTS.join(', ')}, got "${fromEnv}"`);
    }
    request = fromEnv;
    requestSource = 'environment';
  }
  if (!isBackendRequest(request)) {
    throw new ShivaError('SHIVA_ERR_USAGE', `backend: expected one of ${BACKEND_REQUESTS.join(', ')}, got "${String(request)}"`);
  }
  const candidates = request === 'auto' ? AUTO_ORDER : [request];
  const tried: BackendAttempt[] = [];
  for (const name of candidates) {
    try {
      await activate(name);
      tried.push({ name });
      return { name, tfName: tf.getBackend(), request, requestSource, tried };
    } catch (error) {
      tried.push({ name, error: describeError(error) });
    }
  }
  const reasons = tried.map((t) => `${t.name}: ${t.error}`).join('; ');
  throw new ShivaError('SHIVA_ERR_BACKEND', `backend "${request}" (${requestSource}): no backend could be initialised (${reasons})`);
}

/**
 * The choice in words: `line` for everyone ("backend: wasm"), `details` for --debug: what was asked for and why
 * each backend before it was skipped ("asked for auto (default); skipped tensorflow-gpu: not installed (…); …").
 */
export function describeBackendChoice(choice: BackendChoice): { line: string; details: string } {
  const skipped = choice.tried.filter((t) => t.error !== undefined).map((t) => `skipped ${t.name}: ${t.error}`);
  return { line: `backend: ${choice.name}`, details: [`backend: asked for ${choice.request} (${choice.requestSource})`, ...skipped, `using ${choice.name}`].join('; ') };
}

export function isBackendRequest(value: string): value is BackendRequest {
  return (BACKEND_REQUESTS as readonly string[]).includes(value);
}

async function activate(name: BackendName): Promise<void> {
  switch (name) {
    case 'tensorflow-gpu':
      // Both native packages register a backend that tfjs calls 'tensorflow'.
      require('@tensorflow/tfjs-node-gpu');
      return setOrThrow('tensorflow');
    case 'tensorflow':
      require('@tensorflow/tfjs-node');
      return setOrThrow('tensorflow');
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (!wasmPathsSet) {
        // In Node the .wasm files are read from disk: point at the package's dist/ directory (trailing slash
        // required, the file name is appended). Only allowed before the backend first initialises.
        wasm.setWasmPaths(wasmDistDirectory());
        wasmPathsSet = true;
      }
      return setOrThrow('wasm');
    }
    case 'cpu':
      return setOrThrow('cpu');
  }
}

async function setOrThrow(tfName: string): Promise<void> {
  if (tf.getBackend() === tfName && tf.findBackend(tfName)) return;
  const ok = await tf.setBackend(tfName);
  if (!ok) throw new Error(`tf.setBackend('${tfName}') returned false (the backend failed to initialise)`);
  await tf.ready();
}

/** The directory holding tfjs-backend-wasm's .wasm binaries, with a trailing separator. */
export function wasmDistDirectory(): string {
  // The package's "main" is dist/tf-backend-wasm.node.js, so its directory is dist/.
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const firstLine = error.message.split('\n')[0] ?? '';
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') return `not installed (${firstLine})`;
    if (error.message.includes('tfjs_binding.node')) return `installed without its native library (${firstLine})`;
    return firstLine;
  }
  return String(error);
}
