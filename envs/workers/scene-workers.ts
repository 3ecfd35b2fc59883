/**
 * Built-in environments stepped in worker threads (`shiva.env_workers`, `--env-workers N`): NUM_ENVS environments
 * spread over N threads (environment i in thread i mod N), each a RemoteEnv over a WorkerLink. The rollout loop runs
 * one loop per environment, so while one thread simulates, the main thread acts for the others, and N threads
 * simulate on N cores at once. Each environment has the name and seed it has in-process (`builtin:NAME#i`, seed + i),
 * so a seeded run steps the same episodes either way. `environments` names and seeds each one otherwise: several
 * owners may share one pool (population-based training gives each member its slice of the environments, named and
 * seeded as its in-process ones); the pool is closed by whoever opened it, once every owner is done.
 */
import { Worker } from 'node:worker_threads';
import { RemoteEnv } from '../../src/core/env/remote-env.js';
import { ShivaError } from '../../src/core/errors.js';
import { getBuiltinEnv } from '../registry.js';
import { SceneWorker } from './scene-worker.js';
import { WorkerLink } from './worker-link.js';
import type { HostedEnvironment, SceneWorkerData } from './worker-messages.js';

export interface SceneWorkersOptions {
  /** A built-in scene's name (envs/registry.ts). */
  readonly scene: string;
  readonly numEnvs: number;
  /** Threads, 1..numEnvs. */
  readonly numWorkers: number;
  readonly numAreas: number;
  /** Environment i is seeded with seed + i, as in-process. */
  readonly seed: number;
  /** Each environment's name and seed instead (numEnvs of them), for environments named and seeded as their owner's. */
  readonly environments?: readonly { readonly name: string; readonly seed: number }[];
}

export interface SceneWorkers {
  readonly envs: RemoteEnv[];
  readonly workers: readonly SceneWorker[];
  /** Ends every thread (terminated when one does not end on its own). */
  close(): Promise<void>;
}

const ENTRY = new URL('./scene-worker-entry.js', import.meta.url);

export function openSceneWorkers(o: SceneWorkersOptions): SceneWorkers {
  const builtin = getBuiltinEnv(o.scene);
  if (!Number.isInteger(o.numWorkers) || o.numWorkers < 1 || o.numWorkers > o.numEnvs) {
    throw new ShivaError('SHIVA_ERR_ENV', `builtin:${builtin.name} in worker threads: workers: expected an integer from 1 to num_envs (${o.numEnvs}), got ${o.numWorkers}`);
  }
  if (o.environments !== undefined && o.environments.length !== o.numEnvs) {
    throw new ShivaError('SHIVA_ERR_ENV', `builtin:${builtin.name} in worker threads: environments: expected num_envs (${o.numEnvs}) names and seeds, got ${o.environments.length}`);
  }
  const named = (i: number) => o.environments?.[i] ?? { name: `builtin:${builtin.name}#${i}`, seed: o.seed + i };
  const hosted: HostedEnvironment[][] = Array.from({ length: o.numWorkers }, () => []);
  for (let i = 0; i < o.numEnvs; i++) {
    hosted[i % o.numWorkers]!.push({ index: i, ...named(i), numAreas: o.numAreas, decisionPeriod: builtin.decisionPeriod });
  }
  const workers = hosted.map((environments, w) => {
    const data: SceneWorkerData = { scene: builtin.name, environments };
    return new SceneWorker(`scene worker ${w}`, new Worker(ENTRY, { workerData: data }), new Map(environments.map((e) => [e.index, e.name])));
  });
  const envs = Array.from({ length: o.numEnvs }, (_, i) => {
    const worker = workers[i % o.numWorkers]!;
    return new RemoteEnv(new WorkerLink(named(i).name, i, worker));
  });
  return { envs, workers, close: async () => void (await Promise.all(workers.map((w) => w.close()))) };
}
