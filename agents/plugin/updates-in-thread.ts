/**
 * The learner's side of `threaded: true` (update-thread.ts carries the messages): at most one update in flight in
 * the worker, whose result is taken when the next update is due (or when a load replaces the weights, and when
 * the run ends), so what acts when does not depend on the threads' speeds. New hyperparameters reach the replica in
 * order, after the update in flight. A checkpoint or an export waits for the update in flight and reads the
 * replica's weights, but leaves the result to be taken at its usual time: a run acts the same whatever its
 * checkpoint_interval. The learner hands over the work and says how to take a result; the stats of each update are
 * reported by the learner's next maybeUpdate.
 */
import type { Transferable } from 'node:worker_threads';
import type { RngState } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import type { LearnerState } from './learner.js';
import type { UpdateThread } from './update-thread.js';

/** An update's answer from the worker: its stats, and what this thread's copy acts with from now on. */
export interface ThreadUpdateResult {
  readonly stats: Record<string, number>;
  readonly acting: unknown;
}

export class UpdatesInThread {
  private inFlight: number | null = null;
  /** The update finished in the worker but not taken here yet (a checkpoint or export waited for it). */
  private finished: ThreadUpdateResult | null = null;
  private unreported: Record<string, number> | null = null;

  constructor(
    private readonly thread: UpdateThread,
    /** Loads an update's acting state into this thread's copy; returns stats gathered here to report with it. */
    private readonly take: (acting: unknown) => Record<string, number>,
  ) {}

  /** Takes the update in flight, if any, then sends the next one. */
  send(work: unknown, transfer: readonly Transferable[]): void {
    this.settle();
    this.inFlight = this.thread.send('update', work, transfer);
  }

  /** Waits for the update in flight, if any, and loads its result here. */
  settle(): void {
    this.awaitInFlight();
    if (this.finished === null) return;
    const { stats, acting } = this.finished;
    this.finished = null;
    this.unreported = { ...(this.unreported ?? {}), ...this.take(acting), ...stats };
  }

  /** Waits for the update in flight, if any, without taking its result; whether one is finished and not taken. */
  private awaitInFlight(): boolean {
    if (this.inFlight !== null) {
      const id = this.inFlight;
      this.inFlight = null;
      this.finished = this.thread.receive(id) as ThreadUpdateResult;
    }
    return this.finished !== null;
  }

  /** The stats of updates taken since the last call (null: none). */
  report(): Record<string, number> | null {
    const stats = this.unreported;
    this.unreported = null;
    return stats;
  }

  /**
   * The replica's state (optimiser, update stream, every network) after the update in flight, with this thread's
   * counts (that update included) and acting stream. The update's result is still taken at its usual time.
   */
  save(here: { readonly steps: number; readonly updates: number; readonly act: RngState }): LearnerState {
    const untaken = this.awaitInFlight() ? 1 : 0;
    const remote = this.thread.call('save', null) as LearnerState & { readonly rngs: { readonly update: RngState } };
    return { ...remote, steps: here.steps, updates: here.updates + untaken, rngs: { act: here.act, update: remote.rngs.update } };
  }

  /** The replica's policy after the update in flight; null when every update is taken (this thread's copy is the same). */
  exportPolicy(): ExportablePolicy | null {
    return this.awaitInFlight() ? (this.thread.call('export', null) as ExportablePolicy) : null;
  }

  /** The replica loads the state too (after this thread's copy has: its errors come first, from here). */
  load(state: LearnerState, where: string): void {
    this.thread.call('load', { state, where });
  }

  retune(values: Readonly<Record<string, number>>, where: string): void {
    this.thread.call('retune', { values, where });
  }

  close(): void {
    this.thread.close();
  }
}
