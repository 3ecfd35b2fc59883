/**
 * An append-only file fed whole chunks (records, CSV lines) and written in batches: at least every
 * `everyChunks` chunks or `everySeconds` seconds, on flush(), and on close(). Each batch goes out in one
 * write, so a flush never stops inside a chunk unless the process dies during that very write; close()
 * flushes, fsyncs and closes, leaving only whole chunks behind.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

export interface FlushPolicy {
  /** Write once this many chunks are waiting (default 64). */
  readonly everyChunks?: number;
  /** Write once the oldest waiting chunk is this old, checked on append and by a timer (default 5). */
  readonly everySeconds?: number;
}

export class BufferedAppender {
  private fd: number | null;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private oldestPendingAt = 0;
  private readonly everyChunks: number;
  private readonly everyMs: number;
  private readonly timer: NodeJS.Timeout;

  /** `flag` 'ax' creates a new file (failing if it exists), 'a' appends to an existing one or creates it. */
  constructor(readonly path: string, flag: 'a' | 'ax', policy: FlushPolicy = {}) {
    this.everyChunks = Math.max(1, Math.floor(policy.everyChunks ?? 64));
    this.everyMs = Math.max(0, (policy.everySeconds ?? 5) * 1000);
    this.fd = openSync(path, flag);
    // The timer covers a run that logs a few points and then stalls; unref'd so it never keeps Node alive.
    this.timer = setInterval(() => this.flushFromTimer(), Math.max(100, this.everyMs)).unref();
  }

  get closed(): boolean {
    return this.fd === null;
  }

  append(chunk: Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.path}: append after close`);
    this.throwTimerError();
    if (this.pending.length === 0) this.oldestPendingAt = Date.now();
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pending.length >= this.everyChunks) this.flush();
    else this.flushIfDue();
  }

  flush(): void {
    this.throwTimerError();
    if (this.fd === null || this.pending.length === 0) return;
    const batch = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let written = 0;
    while (written < batch.length) written += writeSync(this.fd, batch, written, batch.length - written);
  }

  /** Flushes, syncs to disk and closes; later calls do nothing. */
  close(): void {
    if (this.fd === null) return;
    clearInterval(this.timer);
    try {
      this.flush();
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  // A write error inside the timer would be an uncaught exception; keep it for the next caller instead.
  private timerError: unknown = null;

  private flushFromTimer(): void {
    try {
      this.flushIfDue();
    } catch (error) {
      this.timerError ??= error;
    }
  }

  private throwTimerError(): void {
    if (this.timerError === null) return;
    const error = this.timerError;
    this.timerError = null;
    throw error;
  }

  private flushIfDue(): void {
    if (this.pending.length > 0 && Date.now() - this.oldestPendingAt >= this.everyMs) this.flush();
  }
}
