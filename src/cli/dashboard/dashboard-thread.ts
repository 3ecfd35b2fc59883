/**
 * The live dashboard of `shiva train --dashboard` on a worker thread of its own. In the training process's event
 * loop every request would wait for a gap in acting and learning (a poll took ~250 ms on a loaded 2-core machine)
 * and every answer would be time training does not get; on its own thread the dashboard reads the results folder
 * (all it needs: it shares no memory with training) on another core, and training pays only for the OS's
 * scheduling. The thread runs DashboardServer unchanged (dashboard-thread-main.ts); this side starts it, learns its
 * address, turns its refusal into the same ShivaError DashboardServer.open would throw, and closes it.
 */
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, ShivaError, type ErrorCode } from '../../core/errors.js';

export interface DashboardThreadOptions {
  readonly resultsDir: string;
  /** 0 picks a free port. Loopback only: the live dashboard is not served elsewhere (shiva dashboard is). */
  readonly port: number;
}

/** What the thread posts: its address once listening, or why it could not listen, then `closed`. */
export type DashboardThreadMessage =
  | { readonly kind: 'listening'; readonly url: string; readonly port: number }
  | { readonly kind: 'refused'; readonly code: string | null; readonly message: string }
  | { readonly kind: 'closed' };

export class DashboardThread {
  private constructor(
    private readonly worker: Worker,
    readonly url: string,
    readonly port: number,
  ) {}

  /**
   * Starts the thread and resolves once it listens. `onFailure`: the thread died later (it never should: the
   * server answers every request, errors included); the run goes on without a dashboard.
   */
  static open(options: DashboardThreadOptions, onFailure: (error: Error) => void = () => undefined): Promise<DashboardThread> {
    const worker = new Worker(new URL('./dashboard-thread-main.js', import.meta.url), { workerData: options });
    // A dashboard never keeps a finished run's process alive.
    worker.unref();
    return new Promise((resolve, reject) => {
      let settled = false;
      worker.once('message', (m: DashboardThreadMessage) => {
        settled = true;
        if (m.kind === 'listening') return resolve(new DashboardThread(worker, m.url, m.port));
        void worker.terminate();
        reject(m.kind === 'refused' ? refusal(m.code, m.message) : new Error('dashboard thread: closed before it listened'));
      });
      worker.on('error', (error: Error) => {
        if (settled) return onFailure(error);
        settled = true;
        reject(new ShivaError('SHIVA_ERR_USAGE', `--dashboard: the dashboard's thread failed before it listened: ${error.message}`, { cause: error }));
      });
    });
  }

  /** Closes the server (open connections too) and waits for the thread to end. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    // Held by the event loop until it has ended, so that what follows the close (the run's report) still runs.
    this.worker.ref();
    this.worker.postMessage('close');
    // A thread that does not end within a few seconds is ended: closing a run must not hang on its dashboard.
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

function refusal(code: string | null, message: string): Error {
  return code !== null && code in ERROR_CODES ? new ShivaError(code as ErrorCode, message) : new Error(message);
}
