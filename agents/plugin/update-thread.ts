/**
 * A learner's updates in a thread of their own (ML-Agents' `threaded: true`): a replica of the learner lives in a
 * worker thread (update-worker.ts) and trains there, while this thread keeps stepping environments and acting with
 * its own copy of the policy.
 *
 * The Learner interface is synchronous (maybeUpdate, save and load return their results), so the calls are too:
 * a request goes to the worker as a message, and a reply is taken with `receiveMessageOnPort`, after
 * `Atomics.wait` on a shared counter that the worker bumps with every reply. Waiting blocks this thread, which is
 * what an update did here before; the point is that an update can be sent and its reply taken later
 * (`send` now, `receive` at the next update), the environments stepping in between.
 *
 * Errors thrown in the worker come back as ShivaErrors with their code and message; a worker that dies without a
 * word (out of memory) is noticed by the exit flag it sets, or by the wait's limit.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type Transferable } from 'node:worker_threads';
import { ERROR_CODES, ShivaError, isShivaError, type ErrorCode } from '../../src/core/errors.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from './algorithm-plugin.js';
import { BACKEND_ENV_VAR } from '../../src/core/runtime/backend-names.js';

/** What the worker builds its replica from: exactly what this thread's learner was built from. */
export interface UpdateThreadSetup {
  readonly trainerType: string;
  readonly spec: BehaviorSpec;
  /** Structured-cloneable (no functions: GAIL's demonstration reader cannot cross). */
  readonly settings: LearnerSettings;
  readonly seed: number;
  /** The backend in use here, in the chooser's names ('wasm', 'wasm-threads', …; tfjs's name where the chooser was not used); the worker starts the same one. */
  readonly backend: string;
}

/** The requests a worker answers (update-worker.ts). */
export type UpdateThreadMethod = 'update' | 'save' | 'export' | 'load' | 'retune';

export interface UpdateThreadRequest {
  readonly id: number;
  readonly method: UpdateThreadMethod;
  readonly args: unknown;
}

export type UpdateThreadReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly code: string; readonly message: string };

/** Slots of the shared counter: replies posted, and 1 once the worker has exited. */
export const REPLIES_SLOT = 0;
export const EXITED_SLOT = 1;

/** How long a reply may take before the wait gives up (a stuck worker must not hang the run forever). */
const REPLY_LIMIT_MS = 30 * 60 * 1000;
const WAIT_SLICE_MS = 1000;

export class UpdateThread {
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  private readonly counter: Int32Array;
  /** Replies that came while waiting for another one, by request id. */
  private readonly early = new Map<number, UpdateThreadReply>();
  private nextId = 1;
  private closed = false;
  /** Why the worker is gone, once its 'error' or 'exit' event came. */
  private died: string | null = null;

  constructor(
    setup: UpdateThreadSetup,
    /** Names the learner in errors ("learner \"Scout\""). */
    private readonly where: string,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    this.counter = new Int32Array(new SharedArrayBuffer(8));
    this.worker = new Worker(new URL('./update-worker.js', import.meta.url), {
      workerData: { setup, replies: port2, counter: this.counter.buffer },
      transferList: [port2],
      // The same backend as here, whatever SHIVA_BACKEND says (with `auto` the worker would race them again).
      env: { ...process.env, [BACKEND_ENV_VAR]: setup.backend },
    });
    // The run ends when its environments do; the worker must not keep the process alive after dispose() is missed.
    this.worker.unref();
    // Without a listener a dying worker's 'error' would be an uncaught exception of this process. It arrives only when
    // this thread's event loop runs (not while a wait blocks it): the next request then says what happened.
    this.worker.on('error', (error) => {
      this.died ??= error instanceof Error ? error.message : String(error);
    });
    this.worker.on('exit', (code) => {
      this.died ??= `it exited with code ${code}`;
    });
    // Request 0 is the worker's own start: the replica built, or why not (a bad setting, a backend that fails).
    this.receive(0);
  }

  /** Sends a request and returns its id; its reply is taken with receive(id). */
  send(method: UpdateThreadMethod, args: unknown, transfer: readonly Transferable[] = []): number {
    if (this.closed) throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `${this.where}: update thread: used after it was closed`);
    const id = this.nextId++;
    const request: UpdateThreadRequest = { id, method, args };
    this.worker.postMessage(request, [...transfer]);
    return id;
  }

  /** Blocks until request `id` is answered; its value, or the worker's error thrown here. */
  receive(id: number): unknown {
    if (this.closed) throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `${this.where}: update thread: used after it was closed`);
    const reply = this.early.get(id) ?? this.waitFor(id);
    this.early.delete(id);
    if (reply.ok) return reply.value;
    const code: ErrorCode = reply.code in ERROR_CODES ? (reply.code as ErrorCode) : 'SHIVA_ERR_UPDATE_THREAD';
    throw new ShivaError(code, `${this.where}: update thread: ${reply.message}`);
  }

  /** send() and receive() in one. */
  call(method: UpdateThreadMethod, args: unknown, transfer: readonly Transferable[] = []): unknown {
    return this.receive(this.send(method, args, transfer));
  }

  /** Ends the worker (what it was doing is dropped). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.replies.close();
    void this.worker.terminate();
  }

  private waitFor(id: number): UpdateThreadReply {
    const started = performance.now();
    for (;;) {
      const seen = Atomics.load(this.counter, REPLIES_SLOT);
      const ended = Atomics.load(this.counter, EXITED_SLOT) === 1 || this.died !== null;
      // Read after `ended`: a reply posted just before the worker ended is still found in the port.
      const reply = this.takeReplies(id);
      if (reply) return reply;
      if (ended) throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `${this.where}: update thread: the worker ended before answering request ${id}${this.died ? ` (${this.died})` : ''}`);
      if (performance.now() - started > REPLY_LIMIT_MS) {
        // A worker that ran out of memory ends without a word to this thread while it waits: only the limit tells.
        throw new ShivaError('SHIVA_ERR_UPDATE_THREAD', `${this.where}: update thread: no answer to request ${id} within ${REPLY_LIMIT_MS / 60000} minutes (a worker out of memory ends silently)`);
      }
      // Returns at once when a reply was counted since `seen` was read, so none is missed between the two.
      Atomics.wait(this.counter, REPLIES_SLOT, seen, WAIT_SLICE_MS);
    }
  }

  /** Every reply in the port: request `id`'s is returned, the others kept for their own receive(). */
  private takeReplies(id: number): UpdateThreadReply | null {
    for (let message = receiveMessageOnPort(this.replies); message; message = receiveMessageOnPort(this.replies)) {
      const reply = message.message as UpdateThreadReply;
      if (reply.id === id) return reply;
      this.early.set(reply.id, reply);
    }
    return null;
  }
}

/** Posts a reply on the worker's side and counts it, which is what the waiting thread watches. */
export function postReply(replies: MessagePort, counter: Int32Array, reply: UpdateThreadReply): void {
  replies.postMessage(reply);
  Atomics.add(counter, REPLIES_SLOT, 1);
  Atomics.notify(counter, REPLIES_SLOT);
}

/** Every distinct ArrayBuffer under these arrays, for a transfer list (a buffer may appear only once in one). */
export function buffersOf(arrays: readonly (ArrayBufferView | null | undefined)[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  return [...out];
}

/** The reply for an error thrown in the worker: a ShivaError keeps its code. */
export function errorReply(id: number, error: unknown): UpdateThreadReply {
  if (isShivaError(error)) return { id, ok: false, code: error.code, message: error.message };
  return { id, ok: false, code: 'SHIVA_ERR_UPDATE_THREAD', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** What the worker's replica does with an 'update' request: trains on the work, answers with the result. */
export interface ThreadedUpdates {
  /** Trains on `work` (what the learner here sent); its stats, and the state this thread's copy acts with next. */
  updateInThread(work: unknown): { readonly stats: Record<string, number>; readonly acting: unknown };
}

export function hasThreadedUpdates(learner: object): learner is ThreadedUpdates {
  return typeof (learner as Partial<ThreadedUpdates>).updateInThread === 'function';
}
