/**
 * The same scalars as the TensorBoard files, as CSV in long format: one row per point,
 *   step,wall_time,tag,value
 * so new tags never change the header and the file stays append-only (a resumed run appends to it).
 * Spreadsheets and pandas pivot it to one column per tag.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShivaError } from '../core/errors.js';
import { BufferedAppender, type FlushPolicy } from './buffered-appender.js';

export const CSV_HEADER = 'step,wall_time,tag,value';

export interface CsvScalarWriterOptions extends FlushPolicy {
  /** The clock, in seconds since the epoch. Default: Date.now() / 1000. */
  readonly now?: () => number;
}

export class CsvScalarWriter {
  private readonly out: BufferedAppender;
  private readonly now: () => number;
  private readonly tagSet = new Set<string>();

  constructor(readonly path: string, options: CsvScalarWriterOptions = {}) {
    this.now = options.now ?? (() => Date.now() / 1000);
    mkdirSync(dirname(path), { recursive: true });
    const size = existsSync(path) ? statSync(path).size : 0;
    if (size > 0) checkHeader(path);
    this.out = new BufferedAppender(path, 'a', options);
    if (size === 0) this.out.append(Buffer.from(`${CSV_HEADER}\n`));
    // A run killed mid-write can leave a last row without its newline; start on a fresh line so that row
    // stays one bad line instead of swallowing the next one.
    else if (lastByte(path, size) !== 0x0a) this.out.append(Buffer.from('\n'));
    this.out.flush();
  }

  /** The tags seen so far by this writer, in first-seen order. */
  get tags(): string[] {
    return [...this.tagSet];
  }

  addScalar(tag: string, value: number, step: number, wallTime?: number): void {
    if (typeof tag !== 'string' || tag.length === 0) throw new TypeError(`${this.path}: a scalar's tag must be a non-empty string, got ${JSON.stringify(tag)}`);
    if (!Number.isSafeInteger(step)) throw new RangeError(`${this.path}: scalar "${tag}": step must be a safe integer, got ${step}`);
    this.tagSet.add(tag);
    const line = `${step},${formatNumber(wallTime ?? this.now())},${quoteField(tag)},${formatNumber(value)}\n`;
    this.out.append(Buffer.from(line));
  }

  flush(): void {
    this.out.flush();
  }

  close(): void {
    this.out.close();
  }
}

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
export function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** JavaScript's shortest round-trip form; NaN and ±Infinity as pandas reads them. */
function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

function lastByte(path: string, size: number): number {
  const fd = openSync(path, 'r');
  try {
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, size - 1);
    return one[0]!;
  } finally {
    closeSync(fd);
  }
}

/** Appending rows of another shape to a file would corrupt it for every reader, so refuse instead. */
function checkHeader(path: string): void {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(CSV_HEADER.length + 1);
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const found = head.subarray(0, read).toString('utf8');
  if (found !== `${CSV_HEADER}\n`) {
    throw new ShivaError('SHIVA_ERR_TELEMETRY_FILE', `${path}: cannot append scalars: expected the header line "${CSV_HEADER}", found ${JSON.stringify(found)}`);
  }
}
