/**
 * An rxjs operator that batches items by count or by a short time window, whichever comes first: the buffer
 * goes out as soon as `isFull(buffer)` holds after an item arrives (a count, or "every producer has asked"),
 * or `windowMs` after its first item arrived, or when `recheck` fires and `isFull` now holds (a producer left).
 *
 * Unlike bufferTime, the window opens with the first item of a batch (no timer runs, and no empty buffers are
 * emitted, while nothing is waiting), and `isFull` may depend on state outside the stream. A full buffer goes
 * out synchronously inside the `next` that filled it, so producers in lock-step never wait for a timer.
 */
import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';

export interface BufferUntilOptions<T> {
  /** True when the buffer should go now. */
  readonly isFull: (buffer: readonly T[]) => boolean;
  /**
   * The longest an item waits, from the first item of its batch; 0 sends on the scheduler's next turn; null: no
   * clock, the buffer goes only when `isFull` holds.
   */
  readonly windowMs: number | null;
  /** Each emission tests isFull again on a waiting buffer. */
  readonly recheck?: Observable<unknown>;
  /** Default asyncScheduler; tests pass a TestScheduler for virtual time. */
  readonly scheduler?: SchedulerLike;
}

export function bufferUntil<T>(options: BufferUntilOptions<T>): OperatorFunction<T, T[]> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return (source) =>
    new Observable<T[]>((subscriber) => {
      let buffer: T[] = [];
      let timer: Subscription | null = null;
      const emit = (): void => {
        timer?.unsubscribe();
        timer = null;
        if (buffer.length === 0) return;
        const batch = buffer;
        buffer = [];
        subscriber.next(batch);
      };
      const recheck = options.recheck?.subscribe(() => {
        if (buffer.length > 0 && options.isFull(buffer)) emit();
      });
      const upstream = source.subscribe({
        next: (item) => {
          buffer.push(item);
          if (options.isFull(buffer)) emit();
          else if (timer === null && options.windowMs !== null) timer = scheduler.schedule(emit, options.windowMs);
        },
        error: (error: unknown) => {
          buffer = [];
          subscriber.error(error);
        },
        complete: () => {
          emit();
          subscriber.complete();
        },
      });
      return () => {
        timer?.unsubscribe();
        recheck?.unsubscribe();
        upstream.unsubscribe();
      };
    });
}
