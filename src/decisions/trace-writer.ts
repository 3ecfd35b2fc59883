/**
 * Decision traces as JSONL: one decision per line, appended. Each batch of lines goes out in one write(2) on a
 * file opened with O_APPEND, so a reader (or a crash) sees whole lines only, except possibly the very last one;
 * `shiva explain` skips a torn last line. The file is bounded: before a write would take it past `maxBytes` it
 * is rotated (NAME.jsonl → NAME.1.jsonl → NAME.2.jsonl …, keeping `keep` old files), as log rotators do.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShivaError } from '../core/errors.js';

export interface TraceSink {
  /** Appends one line per record (JSON-serialisable). */
  write(records: readonly unknown[]): void;
  close(): void;
}

export interface TraceWriterOptions {
  /** The file is rotated before it would grow past this (a single larger batch still goes whole into a fresh file). */
  readonly maxBytes: number;
  /** Rotated files kept beside the current one; 0 keeps none. */
  readonly keep: number;
}

export const TRACE_WRITER_DEFAULTS: TraceWriterOptions = { maxBytes: 64 * 1024 * 1024, keep: 2 };

export class TraceWriter implements TraceSink {
  private fd: number | null = null;
  private size = 0;
  private readonly options: TraceWriterOptions;

  constructor(
    /** …/NAME.jsonl; created (with its folder) on the first write, appended to if it exists. */
    readonly path: string,
    options: Partial<TraceWriterOptions> = {},
  ) {
    this.options = { ...TRACE_WRITER_DEFAULTS, ...options };
  }

  write(records: readonly unknown[]): void {
    if (records.length === 0) return;
    const bytes = Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n', 'utf8');
    if (this.fd === null) this.open();
    if (this.size > 0 && this.size + bytes.length > this.options.maxBytes) {
      this.rotate();
      this.open();
    }
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd!, bytes, written, bytes.length - written);
    this.size += bytes.length;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** The path of rotated file `i` (1 = the most recent). */
  rotated(i: number): string {
    return rotatedPath(this.path, i);
  }

  private open(): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'a');
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      throw new ShivaError('SHIVA_ERR_TRACE', `${this.path}: expected a writable decision-trace file, got ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  private rotate(): void {
    this.close();
    const { keep } = this.options;
    if (keep === 0) {
      rmSync(this.path, { force: true });
      return;
    }
    rmSync(this.rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(this.rotated(i))) renameSync(this.rotated(i), this.rotated(i + 1));
    renameSync(this.path, this.rotated(1));
  }
}

/** NAME.jsonl → NAME.I.jsonl. */
export function rotatedPath(path: string, i: number): string {
  return path.endsWith('.jsonl') ? `${path.slice(0, -'.jsonl'.length)}.${i}.jsonl` : `${path}.${i}`;
}
