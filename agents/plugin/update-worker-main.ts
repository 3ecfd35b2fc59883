/**
 * The worker side of an update thread (update-thread.ts), loaded by update-worker.ts: builds a replica of the learner from the same spec,
 * settings and seed (so its weights start equal to the original's), then answers requests in order: `update`
 * (train on a batch, answer with stats and the new acting state), `save`, `export`, `load` and `retune`. Each reply is
 * posted on the reply port and counted on the shared counter, which is what the other thread waits on.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { BACKEND_REQUESTS, chooseBackend, isBackendRequest } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { ShivaError } from '../../src/core/errors.js';
import { readDemonstrations } from '../../src/protocol/demo-file/index.js';
import { algorithmOf } from '../registry.js';
import type { Learner, LearnerState } from './learner.js';
import { errorReply, hasThreadedUpdates, postReply, type ThreadedUpdates, type UpdateThreadReply, type UpdateThreadRequest, type UpdateThreadSetup } from './update-thread.js';

const { setup, replies, counter } = workerData as { setup: UpdateThreadSetup; replies: MessagePort; counter: SharedArrayBuffer };
const count = new Int32Array(counter);

const reply = (message: UpdateThreadReply): void => postReply(replies, count, message);

async function start(): Promise<Learner & ThreadedUpdates> {
  // The chooser's names ('wasm-threads' gives this thread XNNPACK's pool, which pays here: the other thread mostly
  // waits), or tfjs's where the chooser was not used; 'auto' would race the backends again.
  const backend = setup.backend;
  if (!isBackendRequest(backend) || backend === 'auto') throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `backend: expected one of ${BACKEND_REQUESTS.filter((b) => b !== 'auto').join(', ')}, got "${backend}"`);
  await chooseBackend(backend);
  const plugin = algorithmOf(setup.trainerType);
  if (!plugin?.createLearner) throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `trainer_type "${setup.trainerType}" has no learner`);
  // The replica trains here itself: it must not start an update thread of its own. GAIL's demonstrations are read
  // again here from the same files (a function cannot cross between threads).
  const gail = setup.settings.gail;
  const settings = { ...setup.settings, threaded: false, ...(gail ? { gailExpert: () => readDemonstrations(gail.demoPath) } : {}) };
  const learner = plugin.createLearner(setup.spec, settings, new RunSeeds(setup.seed));
  if (!hasThreadedUpdates(learner)) throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `trainer_type "${setup.trainerType}" cannot update in a thread of its own`);
  return learner;
}

function answer(learner: Learner & ThreadedUpdates, request: UpdateThreadRequest): void {
  switch (request.method) {
    case 'update': {
      const { stats, acting } = learner.updateInThread(request.args);
      reply({ id: request.id, ok: true, value: { stats, acting } });
      return;
    }
    case 'save':
      reply({ id: request.id, ok: true, value: learner.save() });
      return;
    case 'export':
      if (!learner.exportPolicy) throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `trainer_type "${setup.trainerType}" exports no policy`);
      reply({ id: request.id, ok: true, value: learner.exportPolicy() });
      return;
    case 'load': {
      const { state, where } = request.args as { state: LearnerState; where: string };
      learner.load(state, where);
      reply({ id: request.id, ok: true, value: null });
      return;
    }
    case 'retune': {
      const { values, where } = request.args as { values: Record<string, number>; where: string };
      if (!learner.setHyperparameters) throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `trainer_type "${setup.trainerType}" takes no new hyperparameters`);
      learner.setHyperparameters(values, where);
      reply({ id: request.id, ok: true, value: null });
      return;
    }
  }
}

try {
  const learner = await start();
  parentPort!.on('message', (request: UpdateThreadRequest) => {
    try {
      answer(learner, request);
    } catch (error) {
      reply(errorReply(request.id, error));
    }
  });
  reply({ id: 0, ok: true, value: null });
} catch (error) {
  reply(errorReply(0, error));
}
