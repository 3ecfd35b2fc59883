/**
 * The checkpoints of one behavior's run folder: saves them under `<prefix>-<step>.ckpt` (or a label), keeps
 * the newest `keep` (ML-Agents' keep_checkpoints), and records them in `checkpoints.json`, written atomically
 * like the checkpoints. The index, not the folder listing, says which checkpoint is the latest, so a
 * half-written `.tmp` left by a crash is never taken for a checkpoint. The manager replaces or deletes only files
 * its index lists: a checkpoint file the index does not list (one set aside as damaged by --resume) is never
 * overwritten; a save that would land on it takes the next free name (`<prefix>-<step>.1.ckpt`).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ShivaError, isShivaError } from '../../core/errors.js';
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
    mkdirSync(this.dir, { recursive: true });
    this.cleanTemporaryFiles();
    const listed = this.readIndex();
    const file = this.unlistedFree(this.fileFor(label), listed);
    const entries = listed.filter((entry) => entry.file !== file);
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

  /**
   * What --resume may start from, newest first, not yet validated: the index's entries whose files exist, or, when
   * the index itself is damaged, the folder's checkpoint files whose meta reads (by step). `problems` names each
   * file passed over (the damaged index, a listed file that is gone, a file whose meta does not read) and why.
   */
  resumeCandidates(): { entries: CheckpointEntry[]; problems: { path: string; reason: string }[]; indexDamaged: boolean } {
    const problems: { path: string; reason: string }[] = [];
    const indexPath = join(this.dir, CHECKPOINT_INDEX);
    let listed: IndexEntry[];
    let indexDamaged = false;
    if (existsSync(indexPath)) {
      try {
        listed = this.readIndex();
      } catch (error) {
        if (!isShivaError(error, 'SHIVA_ERR_CHECKPOINT')) throw error;
        problems.push({ path: indexPath, reason: error.message });
        indexDamaged = true;
        listed = this.scanFolder(problems);
      }
    } else {
      listed = this.scanFolder(problems);
    }
    const entries: CheckpointEntry[] = [];
    for (const entry of [...listed].reverse().map((e) => this.withPath(e))) {
      if (existsSync(entry.path)) entries.push(entry);
      else problems.push({ path: entry.path, reason: `${indexPath}: lists "${entry.file}" (step ${entry.step}), but ${entry.path} does not exist` });
    }
    return { entries, problems, indexDamaged };
  }

  /** Replaces the index with `entries` (oldest first): files it no longer lists are left on disk, never deleted or overwritten. */
  reindex(entries: readonly CheckpointEntry[]): void {
    mkdirSync(this.dir, { recursive: true });
    this.writeIndex(entries.map(({ path: _path, ...entry }) => entry));
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

  /** `file`, or when a file of that name exists that the index does not list (not ours to replace), the next free `<name>.N.ckpt`. */
  private unlistedFree(file: string, listed: readonly IndexEntry[]): string {
    const taken = (name: string) => !listed.some((entry) => entry.file === name) && existsSync(join(this.dir, name));
    if (!taken(file)) return file;
    const base = file.slice(0, -CHECKPOINT_EXTENSION.length);
    for (let n = 1; ; n++) {
      const candidate = `${base}.${n}${CHECKPOINT_EXTENSION}`;
      if (!existsSync(join(this.dir, candidate)) && !listed.some((entry) => entry.file === candidate)) return candidate;
    }
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

  /** The folder's checkpoint files by step; with `problems`, a file whose meta does not read is noted there and skipped instead of thrown. */
  private scanFolder(problems?: { path: string; reason: string }[]): IndexEntry[] {
    if (!existsSync(this.dir)) return [];
    const found = readdirSync(this.dir)
      .filter((name) => name.endsWith(CHECKPOINT_EXTENSION))
      .flatMap((file): IndexEntry[] => {
        const path = join(this.dir, file);
        let meta;
        try {
          meta = readCheckpointMeta(path);
        } catch (error) {
          if (!problems || !isShivaError(error, 'SHIVA_ERR_CHECKPOINT')) throw error;
          problems.push({ path, reason: error.message });
          return [];
        }
        const stat = statSync(path);
        return [{ file, behavior: meta.behavior, step: meta.step, episodes: meta.episodes, savedAt: stat.mtime.toISOString(), bytes: stat.size }];
      });
    return found.sort((a, b) => a.step - b.step || a.savedAt.localeCompare(b.savedAt) || a.file.localeCompare(b.file));
  }
}
