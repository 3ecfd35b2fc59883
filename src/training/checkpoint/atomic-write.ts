/**
 * Atomic replacement of a file: write `<path>.tmp` in the same directory, fsync it, rename it over `<path>`,
 * fsync the directory. Readers see the old file or the new one, never a mix; a crash leaves at most the
 * `.tmp` file, which the next write to the same path truncates and a CheckpointManager removes.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { TEMP_SUFFIX } from './checkpoint-format.js';

export function writeFileAtomicSync(path: string, chunks: readonly Uint8Array[]): void {
  const temp = `${path}${TEMP_SUFFIX}`;
  try {
    const fd = openSync(temp, 'w');
    try {
      for (const chunk of chunks) {
        let written = 0;
        while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

/** Makes the rename itself durable. Directories cannot be opened for fsync on Windows; skip there. */
function syncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the data itself is already synced.
  } finally {
    closeSync(fd);
  }
}
