/**
 * The dashboard thread's entry (dashboard-thread.ts starts it): DashboardServer on the options it was given; its
 * address or its refusal posted back; closed on the word `close`, after which the thread has nothing left and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isShivaError } from '../../core/errors.js';
import { DashboardServer } from './dashboard-server.js';
import type { DashboardThreadMessage, DashboardThreadOptions } from './dashboard-thread.js';

const port = parentPort;
if (port === null) throw new Error('dashboard-thread-main.ts runs as a worker thread (started by DashboardThread.open), not as a script');
const options = workerData as DashboardThreadOptions;
const post = (m: DashboardThreadMessage) => port.postMessage(m);
try {
  const server = await DashboardServer.open({ resultsDir: options.resultsDir, port: options.port });
  port.on('message', (m: unknown) => {
    if (m !== 'close') return;
    void server.close().then(() => {
      post({ kind: 'closed' });
      port.close();
    });
  });
  post({ kind: 'listening', url: server.url, port: server.port });
} catch (error) {
  post({ kind: 'refused', code: isShivaError(error) ? error.code : null, message: error instanceof Error ? error.message : String(error) });
  port.close();
}
