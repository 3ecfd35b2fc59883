/**
 * The script an update thread runs (update-thread.ts). It first makes sure the other thread hears of this one's
 * end, then loads the worker proper (update-worker-main.ts): an import that fails (a missing file, a module that
 * throws while loading) is answered as the failure of the start, not left for the other thread to wait on.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { errorReply, EXITED_SLOT, postReply, REPLIES_SLOT } from './update-thread.js';

const { replies, counter } = workerData as { replies: MessagePort; counter: SharedArrayBuffer };
const count = new Int32Array(counter);

// Whatever ends this thread (but running out of memory, which skips 'exit'), the other must stop waiting for it.
process.on('exit', () => {
  Atomics.store(count, EXITED_SLOT, 1);
  Atomics.notify(count, REPLIES_SLOT);
});

try {
  await import('./update-worker-main.js');
} catch (error) {
  postReply(replies, count, errorReply(0, error));
}
