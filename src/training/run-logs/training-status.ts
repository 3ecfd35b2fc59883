/**
 * RUN_ID/run_logs/training_status.json in ML-Agents' format (mlagents/trainers/training_status.py and
 * model_saver's ModelCheckpoint), so that tools that read a run folder find the checkpoints where they look:
 *
 *   { "<Behavior>": { "checkpoints": [{steps, file_path, reward, creation_time, auxillary_file_paths}],
 *                     "final_checkpoint": {...}, "elo"?: number },
 *     "<curriculum parameter>": { "lesson_num": number },
 *     "metadata": { "stats_format_version": "0.3.0", "shiva_version", "tfjs_version", ... } }
 *
 * Keys are learner ids: a behavior's name without `?team=` when it has a learner of its own (the default, as
 * ML-Agents keys them), or the learner's name when several behaviors share one. Shiva writes one checkpoint file
 * for every learner of the run, so every entry's file_path is that file; `reward` is the learner's mean return of
 * its last 100 episodes when it was saved (null before the first episode); `auxillary_file_paths` is empty.
 * Checkpoints the rotation deleted (keep_checkpoints) leave the list. `--resume` continues the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../checkpoint/atomic-write.js';

export const STATS_FORMAT_VERSION = '0.3.0';

/** One checkpoint as ML-Agents' ModelCheckpoint (its "auxillary" spelling kept: readers look for that key). */
export interface StatusCheckpoint {
  readonly steps: number;
  readonly file_path: string;
  readonly reward: number | null;
  /** Seconds since the epoch. */
  readonly creation_time: number;
  readonly auxillary_file_paths: readonly string[];
}

interface BehaviorStatus {
  checkpoints: StatusCheckpoint[];
  final_checkpoint?: StatusCheckpoint;
  elo?: number;
  [key: string]: unknown;
}

export class TrainingStatus {
  private readonly behaviors = new Map<string, BehaviorStatus>();
  /** Curriculum parameters' lesson numbers (ML-Agents' GlobalTrainingStatus parameter state, StatusType.LESSON_NUM). */
  private readonly lessons = new Map<string, number>();

  /** `metadata` goes beside stats_format_version (versions of Shiva, tfjs, the backend). */
  constructor(
    readonly path: string,
    private readonly metadata: Readonly<Record<string, string>>,
  ) {}

  /**
   * The status at `path` continued (a resumed run), or a fresh one when there is no file. A file that cannot be
   * read as a status starts afresh too: it is a report, and the checkpoints themselves say where training is.
   */
  static continue(path: string, metadata: Readonly<Record<string, string>>, onUnreadable?: (reason: string) => void): TrainingStatus {
    const status = new TrainingStatus(path, metadata);
    if (!existsSync(path)) return status;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(parsed)) {
        if (key === 'metadata' || typeof value !== 'object' || value === null) continue;
        const entry = value as Partial<BehaviorStatus>;
        const lesson = (value as Record<string, unknown>)['lesson_num'];
        if (typeof lesson === 'number' && entry.checkpoints === undefined) {
          status.lessons.set(key, lesson);
          continue;
        }
        status.behaviors.set(key, { ...entry, checkpoints: Array.isArray(entry.checkpoints) ? entry.checkpoints : [] });
      }
    } catch (error) {
      onUnreadable?.(`${path}: ${(error as Error).message}`);
    }
    return status;
  }

  /** Records a checkpoint of `learner`; entries whose file is gone (rotated out) leave the list. */
  addCheckpoint(learner: string, checkpoint: StatusCheckpoint): void {
    const entry = this.entry(learner);
    entry.checkpoints = entry.checkpoints.filter((c) => c.file_path !== checkpoint.file_path && existsSync(c.file_path));
    entry.checkpoints.push(checkpoint);
  }

  /** The checkpoint training ended with (ML-Agents' final_checkpoint). */
  setFinal(learner: string, checkpoint: StatusCheckpoint): void {
    this.entry(learner).final_checkpoint = checkpoint;
  }

  /** Self-play's rating of the learning policy (ML-Agents' "elo"). */
  setElo(learner: string, elo: number): void {
    this.entry(learner).elo = elo;
  }

  /** The current lesson of each curriculum parameter (ML-Agents' `"NAME": {"lesson_num": N}`). */
  setLessons(lessons: Readonly<Record<string, number>>): void {
    for (const [name, lesson] of Object.entries(lessons)) this.lessons.set(name, lesson);
  }

  /** The checkpoints of every learner, rotated ones dropped, as the file holds them. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [learner, entry] of this.behaviors) out[learner] = { ...entry, checkpoints: entry.checkpoints.filter((c) => existsSync(c.file_path)) };
    for (const [name, lesson] of this.lessons) out[name] = { lesson_num: lesson };
    out['metadata'] = { stats_format_version: STATS_FORMAT_VERSION, ...this.metadata };
    return out;
  }

  write(): void {
    writeFileAtomicSync(this.path, [Buffer.from(`${JSON.stringify(this.toJSON(), null, 4)}\n`)]);
  }

  private entry(learner: string): BehaviorStatus {
    let entry = this.behaviors.get(learner);
    if (!entry) this.behaviors.set(learner, (entry = { checkpoints: [] }));
    return entry;
  }
}
