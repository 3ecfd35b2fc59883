/**
 * tfjs-backend-wasm in either of its builds: single-threaded (`wasm`) or multi-threaded (`wasm-threads`: XNNPACK
 * on a pool of Emscripten pthreads, each a Node worker thread). Both are tfjs's one backend named 'wasm', so a
 * process has one of them at a time; switching rebuilds it, refused while it holds tensors.
 *
 * Why the shim around the threaded build's initialisation: tfjs 4.22 turns threads off under Node (its
 * WASM_HAS_MULTITHREAD_SUPPORT flag answers false on Node, tfjs issue 3830). With the flag forced on, its glue
 * starts the pool's workers from `URL.createObjectURL(new Blob([script]))`, and Node's Worker takes only file paths
 * (ERR_WORKER_PATH on a blob: URL); the worker script itself supports Node. So, while the backend initialises and
 * only then, `Blob` and `URL.createObjectURL` are a pair that writes each script to a file in a private temporary
 * folder and hands out its path. Initialisation waits until every worker has loaded its scripts, so the folder is
 * removed as soon as it ends (at the latest when the process exits). Appended to each file (after the worker
 * script's "use strict"), for the worker: the main script tfjs sends it is its factory's source, which names the
 * bundle's module-scope imports (require$$0, 1, 3, 4: fs, path, perf_hooks, os) and `commonjsGlobal`, defined there
 * as globals; and that script arrives as our Blob stand-in cloned to a plain object, which the worker's
 * URL.createObjectURL answers with the file's path. Last, tfjs's C++ caps the pool at min(threads, 8, logical
 * cores / 2) (it halves the count for hyperthreads), which gives one thread on a 2-core machine: while it
 * initialises, os.cpus() lists twice the threads asked for, so the count asked for is the count used.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { ShivaError } from '../errors.js';
import { WASM_THREADS_ENV_VAR } from './backend-names.js';

/** Workers the threaded build starts (its PTHREAD_POOL_SIZE, also its C++ cap on XNNPACK's threads). */
export const WASM_POOL_WORKERS = 8;
const THREADS_FLAG = 'WASM_HAS_MULTITHREAD_SUPPORT';
const TEMP_PREFIX = 'shiva-wasm-threads-';

const require = createRequire(import.meta.url);
/** Threads of the wasm backend initialised in this process: 0 for the single-threaded build, null for none. */
let liveThreads: number | null = null;
let wasmPathsSet = false;
let lastScriptFolder: string | null = null;

/**
 * The thread count `wasm-threads` asks for: `SHIVA_WASM_THREADS`, else the machine's cores
 * (os.availableParallelism()), at most the build's 8 workers.
 */
export function wasmThreadsRequested(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[WASM_THREADS_ENV_VAR];
  if (raw === undefined || raw === '') return Math.min(os.availableParallelism(), WASM_POOL_WORKERS);
  const threads = Number(raw);
  if (!Number.isInteger(threads) || threads < 1 || threads > WASM_POOL_WORKERS) {
    throw new ShivaError('SHIVA_ERR_USAGE', `environment variable ${WASM_THREADS_ENV_VAR}: expected an integer from 1 to ${WASM_POOL_WORKERS} (tfjs's threaded wasm build starts ${WASM_POOL_WORKERS} workers), got "${raw}"`);
  }
  return threads;
}

/**
 * Makes tfjs's 'wasm' backend the one in use, single-threaded (`threads` 0) or threaded with `threads` threads;
 * returns the threads XNNPACK uses (0 for the single-threaded build). Throws when the other build is live and
 * holds tensors.
 */
export async function activateWasm(threads: number): Promise<number> {
  // Before anything is torn down: the single-threaded build in use stays when the threaded one cannot start.
  if (threads > 0 && typeof SharedArrayBuffer !== 'function') {
    throw new Error('this Node has no SharedArrayBuffer (started with --no-harmony-sharedarraybuffer?), which the threaded build needs to share its memory with its workers');
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!wasmPathsSet) {
    // In Node the .wasm files are read from disk: point at the package's dist/ directory (trailing slash
    // required, the file name is appended). Only allowed before the backend first initialises.
    wasm.setWasmPaths(wasmDistDirectory());
    wasmPathsSet = true;
  }
  const engine = tf.engine();
  const live = engine.registry['wasm'];
  // A backend initialised outside this file (tf.setBackend('wasm')) is tfjs's default on Node: single-threaded.
  if (live !== undefined && (liveThreads ?? 0) !== threads) {
    const held = live.numDataIds();
    if (held > 0) {
      throw new Error(`tfjs's wasm backend is already initialised ${describeThreads(liveThreads ?? 0)} in this process and holds ${held} tensor${held === 1 ? '' : 's'}, which rebuilding it ${describeThreads(threads)} would lose: choose the backend before building networks`);
    }
    // removeBackend also forgets the factory that the package registered on import: put it back.
    const { factory, priority } = engine.registryFactory['wasm']!;
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', factory, priority);
    liveThreads = null;
  }
  if (engine.registry['wasm'] === undefined) {
    tf.env().set(THREADS_FLAG, threads > 0);
    wasm.setThreadsCount(threads > 0 ? threads : -1);
    try {
      if (threads > 0) await initialiseThreaded(threads);
      else await setWasmBackend();
    } catch (error) {
      // Whoever sets 'wasm' next (the chooser restoring the backend in use) gets tfjs's default build.
      tf.env().set(THREADS_FLAG, false);
      wasm.setThreadsCount(-1);
      throw error;
    }
    liveThreads = threads;
  } else {
    await setWasmBackend();
  }
  return threads > 0 ? wasm.getThreadsCount() : 0;
}

/** The directory holding tfjs-backend-wasm's .wasm binaries, with a trailing separator. */
export function wasmDistDirectory(): string {
  // The package's "main" is dist/tf-backend-wasm.node.js, so its directory is dist/.
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

/** The temporary folder of the last threaded initialisation (null before one), for the tests to see it gone. */
export function wasmThreadsLastScriptFolder(): string | null {
  return lastScriptFolder;
}

async function initialiseThreaded(threads: number): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), TEMP_PREFIX));
  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  process.once('exit', removeFolder);
  const restore = installScriptFiles(folder, threads);
  lastScriptFolder = folder;
  try {
    await setWasmBackend();
    // Emscripten refs a worker while a pthread runs on it, and XNNPACK's pool threads run for good: the process
    // would never exit. They wait for work; the main thread's calls into them do not need the event loop.
    const module = (tf.engine().registry['wasm'] as unknown as { wasm?: { PThread?: { runningWorkers: Worker[] } } }).wasm;
    for (const worker of module?.PThread?.runningWorkers ?? []) worker.unref();
  } finally {
    restore();
    removeFolder();
    process.removeListener('exit', removeFolder);
  }
}

/**
 * Replaces Blob, URL.createObjectURL and os.cpus for the initialisation; returns what puts them back. Shiva
 * chooses its backend before anything else runs, so no other code makes a Blob meanwhile.
 */
function installScriptFiles(folder: string, threads: number): () => void {
  const saved = { Blob: globalThis.Blob, createObjectURL: URL.createObjectURL, cpus: os.cpus };
  const workerGlobals = workerSuffix(folder);
  const pathsByText = new Map<string, string>();
  // The glue asks for the worker script once per worker: identical texts share one file.
  class ScriptFile {
    readonly shivaPath: string;
    constructor(parts: readonly unknown[]) {
      const text = parts.map(String).join('') + workerGlobals;
      let file = pathsByText.get(text);
      if (file === undefined) {
        file = path.join(folder, `script-${pathsByText.size}.cjs`);
        writeFileSync(file, text, { mode: 0o600 });
        pathsByText.set(text, file);
      }
      this.shivaPath = file;
    }
  }
  globalThis.Blob = ScriptFile as unknown as typeof Blob;
  URL.createObjectURL = (blob: unknown) => (blob instanceof ScriptFile ? blob.shivaPath : saved.createObjectURL(blob as Blob));
  // The C++ reads the count once, at the module's start, on this thread.
  os.cpus = () => {
    const real = saved.cpus();
    return Array.from({ length: 2 * threads }, (_, i) => real[i % real.length]!);
  };
  return () => {
    globalThis.Blob = saved.Blob;
    URL.createObjectURL = saved.createObjectURL;
    os.cpus = saved.cpus;
  };
}

/**
 * Runs in each worker (a CommonJS module, so `require` is there): what the main script needs as globals. The
 * names are those of tfjs-backend-wasm 4.22's Node bundle; a release that renames them fails
 * test/core/runtime/wasm-threads.test.ts.
 */
function workerSuffix(folder: string): string {
  return `
;(function shivaWorkerGlobals() {
  if (typeof require !== 'function' || globalThis.shivaWorkerGlobals) return;
  globalThis.shivaWorkerGlobals = true;
  globalThis.require$$0 = require('fs');
  globalThis.require$$1 = require('path');
  globalThis.require$$3 = require('perf_hooks');
  globalThis.require$$4 = require('os');
  globalThis.commonjsGlobal = globalThis;
  const create = URL.createObjectURL, revoke = URL.revokeObjectURL;
  URL.createObjectURL = (b) => (b && typeof b.shivaPath === 'string' ? b.shivaPath : create(b));
  URL.revokeObjectURL = (u) => (typeof u === 'string' && u.startsWith(${JSON.stringify(folder)}) ? undefined : revoke(u));
})();
`;
}

async function setWasmBackend(): Promise<void> {
  if (tf.getBackend() === 'wasm' && tf.engine().registry['wasm'] !== undefined) return;
  const ok = await tf.setBackend('wasm');
  if (!ok) throw new Error("tf.setBackend('wasm') returned false (the backend failed to initialise)");
  await tf.ready();
}

function describeThreads(threads: number): string {
  return threads === 0 ? 'single-threaded' : `with ${threads} threads`;
}
