/**
 * The learner's side of `threaded: true` (update-thread.ts carries the messages): at most one update in flight in
 * the worker, whose result is taken when the next update is due (or when something needs the latest weights: a
 * checkpoint, an export), so what acts when does not depend on the threads' speeds. The learner hands over the
 * work and says how to take a result; the stats of each update are reported by the learner's next maybeUpdate.
 */
import type { Transferable } from 'node:worker_threads';
import type { RngState } from '../../src/core/runtime/rng.js';
import type { LearnerState } from './learner.js';
import type { UpdateThread } from './update-thread.js';

/** An update's answer from the worker: its stats, and what this thread's copy acts with from now on. */
export interface ThreadUpdateResult {
  readonly stats: Record<string, number>;
  readonly acting: unknown;
}

export class UpdatesInThread {
  private inFlight: number | null = null;
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
    if (this.inFlight === null) return;
    const id = this.inFlight;
    this.inFlight = null;
    const { stats, acting } = this.thread.receive(id) as ThreadUpdateResult;
    this.unreported = { ...(this.unreported ?? {}), ...this.take(acting), ...stats };
  }

  /** The stats of updates taken since the last call (null: none). */
  report(): Record<string, number> | null {
    const stats = this.unreported;
    this.unreported = null;
    return stats;
  }

  /** The replica's state (optimiser, update stream, every network) with this thread's counts and acting stream; settle() first. */
  save(here: { readonly steps: number; readonly updates: number; readonly act: RngState }): LearnerState {
    if (this.inFlight !== null) throw new Error('UpdatesInThread.save: settle() first, so that the counts include the update in flight');
    const remote = this.thread.call('save', null) as LearnerState & { readonly rngs: { readonly update: RngState } };
    return { ...remote, steps: here.steps, updates: here.updates, rngs: { act: here.act, update: remote.rngs.update } };
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
