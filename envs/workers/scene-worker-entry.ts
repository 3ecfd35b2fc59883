/**
 * The script a scene worker thread runs (started by scene-workers.ts): it builds its environments' scenes from
 * `workerData` and answers each exchange on its port until it is told to close. A thrown error inside an exchange is
 * answered as a failure of that environment (scene-host.ts); anything else that escapes ends the thread with an
 * 'error' event the main thread turns into a ShivaError naming the environments.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getBuiltinEnv } from '../registry.js';
import { SceneHost } from './scene-host.js';
import type { SceneWorkerData, ToSceneWorker } from './worker-messages.js';

const port = parentPort;
if (port === null) throw new Error('scene-worker-entry.js runs inside a worker thread (started by envs/workers/scene-workers.ts), not on its own');
const data = workerData as SceneWorkerData;
const host = new SceneHost(getBuiltinEnv(data.scene).factory, data.environments);

port.on('message', (message: ToSceneWorker) => {
  if (message.kind === 'close') {
    // Nothing else keeps the thread alive: it ends once the port is closed.
    port.close();
    return;
  }
  const { reply, transfer } = host.exchange(message);
  port.postMessage(reply, transfer);
});
