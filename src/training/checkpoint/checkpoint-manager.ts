/**
 * The checkpoints of one behavior's run folder: saves them under `<prefix>-<step>.ckpt` (or a label), keeps
 * the newest `keep` (ML-Agents' keep_checkpoints), and records them in `checkpoints.json`, written atomically
 * like the checkpoints. The index, not the folder listing, says which checkpoint is the latest, so a
 * half-written `.tmp` left by a crash is never taken for a checkpoint.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ShivaError } from '../../core/errors.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { CHECKPOINT_EXTENSION, TEMP_SUFFIX, type Checkpoint } from './checkpoint-format.js';
import { readCheckpointMeta } from './read-checkpoint.js';
import { writeCheckpoint } from './write-checkpoint.js';

export const CHECKPOINT_INDEX = 'checkpoints.json';
const INDEX_FORMAT = 'shiva-checkpoints';
const INDEX_VERSION = 1;

/** One saved checkpoint, as the index records it. */
export interface CheckpointEntry {
  /** File name inside the folder. */
  readonly file: string;
  /** Absolute or folder-relative path, as the manager's folder was given. */
  readonly path: string;
  readonly behavior: string;
  readonly step: number;
  readonly episodes: number;
  /** ISO 8601. */
  readonly savedAt: string;
  readonly bytes: number;
}

type IndexEntry = Omit<CheckpointEntry, 'path'>;

export interface CheckpointManagerOptions {
  /** File names are `<prefix>-<step>.ckpt` when saved by step (default "checkpoint"). */
  readonly prefix?: string;
  /** The clock for `savedAt` (tests pin it). */
  readonly now?: () => Date;
}

const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class CheckpointManager {
  private readonly prefix: string;
  private readonly now: () => Date;

  /** `keep`: how many checkpoints to keep, at least 1 (the one just written is never deleted). */
  constructor(readonly dir: string, readonly keep: number, options: CheckpointManagerOptions = {}) {
    if (!Number.isSafeInteger(keep) || keep < 1) {
      throw new ShivaError('SHIVA_ERR_USAGE', `keep_checkpoints: expected an integer of at least 1, got ${keep}`);
    }
    this.prefix = options.prefix ?? 'checkpoint';
    if (!LABEL.test(this.prefix)) throw new ShivaError('SHIVA_ERR_USAGE', `checkpoint prefix: expected letters, digits, ".", "_" or "-", got ${JSON.stringify(this.prefix)}`);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Writes `checkpoint` (atomically), records it as the latest, then deletes the oldest beyond `keep`.
   * `label` is the step (file `<prefix>-<step>.ckpt`) or a name of letters, digits, ".", "_", "-"
   * (file `<label>.ckpt`). Saving a label again replaces that checkpoint and makes it the latest.
   */
  save(label: number | string, checkpoint: Checkpoint): CheckpointEntry {
    const file = this.fileFor(label);
    mkdirSync(this.dir, { recursive: true });
    this.cleanTemporaryFiles();
    const entries = this.readIndex().filter((entry) => entry.file !== file);
    const path = join(this.dir, file);
    writeCheckpoint(path, checkpoint);
    entries.push({
      file,
      behavior: checkpoint.meta.behavior,
      step: checkpoint.meta.step,
      episodes: checkpoint.meta.episodes,
      savedAt: this.now().toISOString(),
      bytes: statSync(path).size,
    });
    const removed = entries.splice(0, Math.max(0, entries.length - this.keep));
    // The index is replaced before old files go: a crash in between leaves unlisted files, never an
    // index that lists a deleted checkpoint.
    this.writeIndex(entries);
    for (const old of removed) if (old.file !== file) rmSync(join(this.dir, old.file), { force: true });
    return this.withPath(entries[entries.length - 1]!);
  }

  /** The path of the most recently saved checkpoint, or null when none was saved in this folder. */
  latest(): string | null {
    const entries = this.list();
    return entries.length === 0 ? null : entries[entries.length - 1]!.path;
  }

  /** The saved checkpoints, oldest first. A listed file that is gone is an error, not a skip. */
  list(): CheckpointEntry[] {
    const entries = this.readIndex().map((entry) => this.withPath(entry));
    for (const entry of entries) {
      if (!existsSync(entry.path)) {
        throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${join(this.dir, CHECKPOINT_INDEX)}: lists "${entry.file}" (step ${entry.step}), but ${entry.path} does not exist`);
      }
    }
    return entries;
  }

  /** Removes `*.tmp` files left by interrupted writes; returns their paths. */
  cleanTemporaryFiles(): string[] {
    if (!existsSync(this.dir)) return [];
    const removed: string[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(TEMP_SUFFIX)) continue;
      const path = join(this.dir, name);
      rmSync(path, { force: true });
      removed.push(path);
    }
    return removed;
  }

  private fileFor(label: number | string): string {
    if (typeof label === 'number') {
      if (!Number.isSafeInteger(label) || label < 0) throw new ShivaError('SHIVA_ERR_USAGE', `checkpoint step: expected a non-negative integer, got ${label}`);
      return `${this.prefix}-${label}${CHECKPOINT_EXTENSION}`;
    }
    if (!LABEL.test(label) || label.endsWith(TEMP_SUFFIX)) {
      throw new ShivaError('SHIVA_ERR_USAGE', `checkpoint label: expected letters, digits, ".", "_" or "-" (not ending in ${TEMP_SUFFIX}), got ${JSON.stringify(label)}`);
    }
    return `${label}${CHECKPOINT_EXTENSION}`;
  }

  private withPath(entry: IndexEntry): CheckpointEntry {
    return { ...entry, path: join(this.dir, entry.file) };
  }

  private writeIndex(entries: readonly IndexEntry[]): void {
    const body = { format: INDEX_FORMAT, version: INDEX_VERSION, checkpoints: entries };
    writeFileAtomicSync(join(this.dir, CHECKPOINT_INDEX), [Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8')]);
  }

  /**
   * The index's entries. With no index, the folder's `.ckpt` files are listed by the step in their meta (an
   * index deleted by hand); with no checkpoints either, the list is empty. A damaged index is an error.
   */
  private readIndex(): IndexEntry[] {
    const indexPath = join(this.dir, CHECKPOINT_INDEX);
    if (!existsSync(indexPath)) return this.scanFolder();
    const fail = (expected: string, found: string): ShivaError =>
      new ShivaError('SHIVA_ERR_CHECKPOINT', `${indexPath}: expected ${expected}, found ${found}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(indexPath, 'utf8'));
    } catch (cause) {
      throw fail('JSON', (cause as Error).message);
    }
    const body = parsed as { format?: unknown; version?: unknown; checkpoints?: unknown } | null;
    if (body?.format !== INDEX_FORMAT) throw fail(`"format": "${INDEX_FORMAT}"`, JSON.stringify(body?.format));
    if (body.version !== INDEX_VERSION) throw fail(`"version": ${INDEX_VERSION}`, JSON.stringify(body.version));
    if (!Array.isArray(body.checkpoints)) throw fail('a "checkpoints" array', JSON.stringify(body.checkpoints));
    return body.checkpoints.map((raw: unknown, index): IndexEntry => {
      const entry = raw as Partial<Record<keyof IndexEntry, unknown>> | null;
      const at = `checkpoints[${index}]`;
      if (typeof entry?.file !== 'string' || !entry.file.endsWith(CHECKPOINT_EXTENSION) || entry.file.includes('/') || entry.file.includes('\\')) {
        throw fail(`${at}.file: a ${CHECKPOINT_EXTENSION} file name in this folder`, JSON.stringify(entry?.file));
      }
      for (const key of ['step', 'episodes', 'bytes'] as const) {
        if (!Number.isSafeInteger(entry[key]) || (entry[key] as number) < 0) throw fail(`${at}.${key}: a non-negative integer`, JSON.stringify(entry[key]));
      }
      for (const key of ['behavior', 'savedAt'] as const) {
        if (typeof entry[key] !== 'string') throw fail(`${at}.${key}: a string`, JSON.stringify(entry[key]));
      }
      return entry as IndexEntry;
    });
  }

  private scanFolder(): IndexEntry[] {
    if (!existsSync(this.dir)) return [];
    const found = readdirSync(this.dir)
      .filter((name) => name.endsWith(CHECKPOINT_EXTENSION))
      .map((file): IndexEntry => {
        const path = join(this.dir, file);
        const meta = readCheckpointMeta(path);
        const stat = statSync(path);
        return { file, behavior: meta.behavior, step: meta.step, episodes: meta.episodes, savedAt: stat.mtime.toISOString(), bytes: stat.size };
      });
    return found.sort((a, b) => a.step - b.step || a.savedAt.localeCompare(b.savedAt) || a.file.localeCompare(b.file));
  }
}
