/**
 * Reads a growing text file by whole lines, incrementally: each call reads only the bytes appended since the last
 * one (at most `maxReadBytes` per call, so one request never holds the server for long; the rest comes next time).
 * A last line without its newline (the writer is mid-flush) waits for the rest; a file that shrank (a run started
 * again with --force, a rotated log) is read again from the start. Used for scalars.csv and decision traces.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read per call at most. */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export class AppendedLines {
  private offset = 0;
  private rest = '';
  private decoder = new StringDecoder('utf8');

  constructor(readonly path: string) {}

  /**
   * Calls `restart` when the file shrank (before reading it again from the start), then `line` for each whole new
   * line (without its "\n"); false when the file cannot be opened.
   */
  read(line: (text: string) => void, restart: () => void): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return false;
    }
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset) {
        this.offset = 0;
        this.rest = '';
        this.decoder = new StringDecoder('utf8');
        restart();
      }
      let left = Math.min(size - this.offset, MAX_READ_BYTES);
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(left, 1), 4 * 1024 * 1024));
      while (left > 0) {
        const n = readSync(fd, chunk, 0, Math.min(chunk.length, left), this.offset);
        if (n <= 0) break;
        this.offset += n;
        left -= n;
        const all = this.rest + this.decoder.write(chunk.subarray(0, n));
        let start = 0;
        for (let nl = all.indexOf('\n'); nl >= 0; nl = all.indexOf('\n', start)) {
          line(all.slice(start, nl));
          start = nl + 1;
        }
        this.rest = all.slice(start);
      }
      return true;
    } finally {
      closeSync(fd);
    }
  }
}
