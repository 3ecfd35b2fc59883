/**
 * Picks the TensorFlow.js backend for this process. The fast ones are optional dependencies that usually are not
 * there: tfjs-node-gpu (CUDA), tfjs-node (libtensorflow on the CPU), both failing to install where their install
 * script cannot download libtensorflow, and webgpu (Dawn's Node binding; it installs from npm but needs a GPU
 * with Vulkan drivers). "Not there" is an expected outcome, recorded and skipped. wasm is always there, then the
 * pure-JS cpu backend. See docs/tfjs-on-node.md (shared) and docs/PERFORMANCE.md for the measurements.
 *
 * `auto`: every fast backend that loads is timed on one representative training step against wasm
 * (backend-speed.ts) and the fastest kept, the timings recorded in the choice; with none loaded, wasm (then cpu)
 * as before, nothing measured. `wasm-threads` (wasm-threads.ts) is taken only when named: its threads share the
 * cores with the environments' worker threads and every other process, which a probe run alone cannot see, and
 * tfjs has one wasm backend per process, so racing it against wasm means building the wasm module twice.
 *
 * The choice is returned, not printed: callers log it with their own logger.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { isShivaError, ShivaError } from '../errors.js';
import { SPEED_PROBE, timeTrainingStep, type SpeedProbe } from './backend-speed.js';
import { describeAdapter, registerWebgpu, releaseWebgpu } from './webgpu-backend.js';
import { activateWasm, wasmDistDirectory, wasmThreadsRequested } from './wasm-threads.js';
import { BACKEND_ENV_VAR, BACKEND_REQUESTS, WASM_THREADS_ENV_VAR, type BackendName, type BackendRequest } from './backend-names.js';

// The names live apart so that the help can read them without loading tfjs; importers of this file keep them here.
export { BACKEND_ENV_VAR, BACKEND_REQUESTS, WASM_THREADS_ENV_VAR, type BackendName, type BackendRequest };
export { wasmDistDirectory };

export interface BackendAttempt {
  readonly name: BackendName;
  /** Why this backend was skipped (or, under `auto`, that it measured slower); absent for the one chosen. */
  readonly error?: string;
}

/** One backend's time for the representative training step (backend-speed.ts), when `auto` measured. */
export interface BackendTiming {
  readonly name: BackendName;
  readonly msPerStep: number;
}

export interface BackendChoice {
  /** The backend in use, in our names ('tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'wasm-threads', 'cpu'). */
  readonly name: BackendName;
  /** tfjs's own name for it (tf.getBackend()): 'tensorflow', 'webgpu', 'wasm' (also for wasm-threads) or 'cpu'. */
  readonly tfName: string;
  /** What was asked for after the environment override, and from where. */
  readonly request: BackendRequest;
  readonly requestSource: 'argument' | 'environment' | 'default';
  /** Every backend tried, in order, with the reason each failed one was skipped. */
  readonly tried: BackendAttempt[];
  /** The GPU in use, for webgpu ("NVIDIA H100 (vulkan)"); the thread count, for wasm-threads ("4 threads"). */
  readonly device?: string;
  /** `auto` with more than one candidate: each one's time per training step, fastest first. */
  readonly timings?: readonly BackendTiming[];
}

/** Tried by `auto`; every one that loads is measured against wasm. */
const FAST: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'webgpu'];
/** `auto` with no fast backend: the first of these that works, nothing measured. */
const FALLBACK: readonly BackendName[] = ['wasm', 'cpu'];
const require = createRequire(import.meta.url);
/** The backend the last chooseBackend() settled on, in our names (tfjs calls wasm-threads 'wasm' too). */
let active: BackendName | null = null;

/**
 * The backend chosen for this process, in our names; null before chooseBackend() ran (or when tfjs was set up
 * without it, as some tests do). A learner's update thread starts the same one.
 */
export function activeBackend(): BackendName | null {
  return active !== null && tf.getBackend() === tfNameOf(active) ? active : null;
}

function tfNameOf(name: BackendName): string {
  return name === 'wasm-threads' ? 'wasm' : name === 'tensorflow-gpu' ? 'tensorflow' : name;
}

/**
 * Chooses and initialises a backend. `SHIVA_BACKEND` overrides `request`. With 'auto' every candidate is tried
 * and failures are recorded in `tried`; a backend named explicitly must work or a ShivaError says why.
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
  const tried: BackendAttempt[] = [];
  const chosen = request === 'auto' ? await chooseAuto(tried) : await chooseExplicit(request, tried);
  if (chosen === null) {
    const reasons = tried.map((t) => `${t.name}: ${t.error}`).join('; ');
    throw new ShivaError('SHIVA_ERR_BACKEND', `backend "${request}" (${requestSource}): no backend could be initialised (${reasons})`);
  }
  active = chosen.name;
  return { name: chosen.name, tfName: tf.getBackend(), request, requestSource, tried, ...(chosen.device ? { device: chosen.device } : {}), ...(chosen.timings ? { timings: chosen.timings } : {}) };
}

interface Chosen {
  readonly name: BackendName;
  readonly device?: string;
  readonly timings?: readonly BackendTiming[];
}

async function chooseExplicit(name: BackendName, tried: BackendAttempt[]): Promise<Chosen | null> {
  const before = tf.getBackend();
  try {
    const device = await activate(name);
    tried.push({ name });
    return { name, ...(device ? { device } : {}) };
  } catch (error) {
    // A malformed setting (SHIVA_WASM_THREADS) is the caller's to fix, said as it is.
    if (isShivaError(error, 'SHIVA_ERR_USAGE')) throw error;
    tried.push({ name, error: describeError(error) });
    // A failed request leaves the backend that was in use (webgpu's release may have unset it).
    if (before && tf.getBackend() !== before) await tf.setBackend(before);
    return null;
  }
}

async function chooseAuto(tried: BackendAttempt[]): Promise<Chosen | null> {
  const loaded: { name: BackendName; device?: string }[] = [];
  for (const name of FAST) {
    // Both native packages provide tfjs's one 'tensorflow' backend; the second would only reuse the first.
    if (name === 'tensorflow' && loaded.some((l) => l.name === 'tensorflow-gpu')) {
      tried.push({ name, error: "not tried: tensorflow-gpu already provides tfjs's 'tensorflow' backend" });
      continue;
    }
    try {
      const device = await activate(name);
      loaded.push({ name, ...(device ? { device } : {}) });
    } catch (error) {
      tried.push({ name, error: describeError(error) });
    }
  }
  if (loaded.length === 0) {
    for (const name of FALLBACK) {
      const chosen = await chooseExplicit(name, tried);
      if (chosen !== null) return chosen;
    }
    return null;
  }
  return pickFastest([...loaded.map((l) => l.name), 'wasm'], tried, loaded.find((l) => l.name === 'webgpu')?.device);
}

/**
 * Times the representative training step on each of `names` (each activated in turn) and keeps the fastest;
 * the others are recorded in `tried` as slower, with their times; one that fails to run is skipped with why.
 * Exported for the tests, which race wasm against cpu on a smaller `probe`.
 */
export async function pickFastest(names: readonly BackendName[], tried: BackendAttempt[], webgpuDevice?: string, probe: SpeedProbe = SPEED_PROBE): Promise<Chosen | null> {
  const timings: BackendTiming[] = [];
  for (const name of names) {
    try {
      await activate(name);
      timings.push({ name, msPerStep: timeTrainingStep(200, probe).msPerStep });
    } catch (error) {
      tried.push({ name, error: describeError(error) });
      if (name === 'webgpu') releaseWebgpu();
    }
  }
  if (timings.length === 0) return null;
  timings.sort((a, b) => a.msPerStep - b.msPerStep);
  const best = timings[0]!;
  for (const slower of timings.slice(1)) {
    tried.push({ name: slower.name, error: `slower: ${formatMs(slower.msPerStep)} per training step against ${best.name}'s ${formatMs(best.msPerStep)}` });
    // The GPU's memory and device go back when it loses; the other backends hold nothing worth freeing.
    if (slower.name === 'webgpu') releaseWebgpu();
  }
  await activate(best.name);
  tried.push({ name: best.name });
  return { name: best.name, ...(best.name === 'webgpu' && webgpuDevice ? { device: webgpuDevice } : {}), ...(timings.length > 1 ? { timings } : {}) };
}

/**
 * The choice in words: `line` for everyone ("backend: wasm"; with the GPU and, when `auto` measured, each time per
 * training step: "backend: webgpu (NVIDIA H100 (vulkan); ms per training step: webgpu 2.1, wasm 6.3)"),
 * `details` for --debug: what was asked for and why each other backend was skipped ("asked for auto (default);
 * skipped tensorflow-gpu: not installed (…); …").
 */
export function describeBackendChoice(choice: BackendChoice): { line: string; details: string } {
  const skipped = choice.tried.filter((t) => t.error !== undefined).map((t) => `skipped ${t.name}: ${t.error}`);
  const notes = [
    ...(choice.device ? [choice.device] : []),
    ...(choice.timings ? [`ms per training step: ${choice.timings.map((t) => `${t.name} ${t.msPerStep.toFixed(1)}`).join(', ')}`] : []),
  ];
  const line = notes.length > 0 ? `backend: ${choice.name} (${notes.join('; ')})` : `backend: ${choice.name}`;
  return { line, details: [`backend: asked for ${choice.request} (${choice.requestSource})`, ...skipped, `using ${choice.name}`].join('; ') };
}

export function isBackendRequest(value: string): value is BackendRequest {
  return (BACKEND_REQUESTS as readonly string[]).includes(value);
}

/** Makes `name` the backend in use; returns the GPU's description for webgpu, the threads for wasm-threads. */
async function activate(name: BackendName): Promise<string | undefined> {
  switch (name) {
    case 'tensorflow-gpu':
      // Both native packages register a backend that tfjs calls 'tensorflow'.
      require('@tensorflow/tfjs-node-gpu');
      await setOrThrow('tensorflow');
      return undefined;
    case 'tensorflow':
      require('@tensorflow/tfjs-node');
      await setOrThrow('tensorflow');
      return undefined;
    case 'webgpu':
      return activateWebgpu();
    case 'wasm':
      await activateWasm(0);
      return undefined;
    case 'wasm-threads': {
      const threads = await activateWasm(wasmThreadsRequested());
      return `${threads} thread${threads === 1 ? '' : 's'}`;
    }
    case 'cpu':
      await setOrThrow('cpu');
      return undefined;
  }
}

/**
 * Shiva's learners read tensors synchronously (dataSync: gradients for the host Adam, losses, the acting
 * weights). tfjs-backend-webgpu 4.22 reads a GPU tensor synchronously through OffscreenCanvas, a browser API that
 * Node lacks, so on Node it can only read asynchronously. The check runs a real read rather than assuming, so a
 * release that can read synchronously on Node passes it unchanged.
 */
export const WEBGPU_SYNC_READ_REASON =
  "cannot read GPU tensors synchronously on Node (tfjs-backend-webgpu's dataSync goes through OffscreenCanvas, a browser API), and Shiva's learners read synchronously (the host Adam, losses, acting weights)";

/** The synchronous-read check's failure, kept: it cannot pass later in the same process. */
let webgpuCannotReadSync: Error | null = null;

async function activateWebgpu(): Promise<string> {
  if (webgpuCannotReadSync !== null) throw webgpuCannotReadSync;
  const device = describeAdapter(await registerWebgpu());
  try {
    await setOrThrow('webgpu');
  } catch (error) {
    releaseWebgpu();
    throw new Error(`${device}: ${describeError(error)}`);
  }
  // The backend warns once per instance about slow synchronous reads; the check below is one on purpose.
  (tf.backend() as { hasReadSyncWarned?: boolean }).hasReadSyncWarned = true;
  try {
    // 65,536 elements: above the size under which the backend computes on the CPU and keeps values there.
    tf.tidy(() => tf.sum(tf.add(tf.ones([65536]), 1)).dataSync());
  } catch (error) {
    releaseWebgpu();
    webgpuCannotReadSync = new Error(`adapter ${device} found, but tfjs's webgpu backend ${WEBGPU_SYNC_READ_REASON} (${describeError(error)})`);
    throw webgpuCannotReadSync;
  }
  return device;
}

async function setOrThrow(tfName: string): Promise<void> {
  if (tf.getBackend() === tfName && tf.findBackend(tfName)) return;
  const ok = await tf.setBackend(tfName);
  if (!ok) throw new Error(`tf.setBackend('${tfName}') returned false (the backend failed to initialise)`);
  await tf.ready();
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

function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}
