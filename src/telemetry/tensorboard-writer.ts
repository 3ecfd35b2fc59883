/**
 * Writes scalars to a TensorBoard event file, `events.out.tfevents.<unix seconds>.<hostname>` in a run
 * directory (TensorBoard picks up any file whose name holds "tfevents"). The first record announces the
 * file version; each scalar is one Event at its step.
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BufferedAppender, type FlushPolicy } from './buffered-appender.js';
import { encodeFileVersionEvent, encodeScalarEvent } from './tensorboard-event.js';
import { encodeRecord } from './tensorboard-record.js';

export interface TensorBoardWriterOptions extends FlushPolicy {
  /** The clock, in seconds since the epoch (tests pin it). Default: Date.now() / 1000. */
  readonly now?: () => number;
  /** The host part of the file name. Default: os.hostname(). */
  readonly hostname?: string;
}

export class TensorBoardWriter {
  /** The event file being written. */
  readonly path: string;
  private readonly out: BufferedAppender;
  private readonly now: () => number;

  constructor(readonly dir: string, options: TensorBoardWriterOptions = {}) {
    this.now = options.now ?? (() => Date.now() / 1000);
    mkdirSync(dir, { recursive: true });
    const created = this.now();
    const base = `events.out.tfevents.${Math.floor(created)}.${options.hostname ?? hostname()}`;
    // Two writers in one directory within the same second (a resumed run, two behaviors sharing a folder)
    // get distinct files instead of interleaving records into one: 'ax' refuses a file that exists.
    let out: BufferedAppender | null = null;
    for (let n = 0; out === null; n += 1) {
      try {
        out = new BufferedAppender(join(dir, n === 0 ? base : `${base}.${n}`), 'ax', options);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    this.out = out;
    this.path = out.path;
    this.out.append(encodeRecord(encodeFileVersionEvent(created)));
    // The header goes to disk at once so that TensorBoard sees the run as soon as it starts.
    this.out.flush();
  }

  /** Queues one point; `wallTime` defaults to now. The value is stored as float32, as TensorBoard does. */
  addScalar(tag: string, value: number, step: number, wallTime?: number): void {
    if (typeof tag !== 'string' || tag.length === 0) throw new TypeError(`${this.path}: a scalar's tag must be a non-empty string, got ${JSON.stringify(tag)}`);
    if (!Number.isSafeInteger(step)) throw new RangeError(`${this.path}: scalar "${tag}": step must be a safe integer, got ${step}`);
    if (typeof value !== 'number') throw new TypeError(`${this.path}: scalar "${tag}": value must be a number, got ${typeof value}`);
    this.out.append(encodeRecord(encodeScalarEvent({ tag, value, step, wallTime: wallTime ?? this.now() })));
  }

  flush(): void {
    this.out.flush();
  }

  close(): void {
    this.out.close();
  }
}
