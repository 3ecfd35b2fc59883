/**
 * What the dashboard may read: the runs of one results folder (RESULTS/RUN_ID, as `shiva train` writes them; README
 * "The run folder"), each run's learners (a folder holding `scalars.csv`) and decision-trace files
 * (`traces/*.jsonl`). A name that comes from a request is only ever looked up among the names found by listing
 * the folder, after a check of its spelling (no slash, no `.` or `..`, no leading dot), and the file it names must
 * lie inside the results folder once symbolic links are resolved: a request can name nothing else.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ScalarFile } from './scalar-store.js';

/** One name of a run, a learner or a trace file, as requests may spell it. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.=+@-]{0,199}$/;

/** True when `name` may name one entry of a folder: no separators, no `.`/`..`, no leading dot, no NUL. */
export function safeName(name: string): boolean {
  return NAME.test(name) && !name.includes('..');
}

export interface RunSummary {
  readonly id: string;
  /** The learners' folders that hold scalars. */
  readonly learners: readonly string[];
  readonly traces: readonly string[];
  /** The latest change to any scalars file (ms since the epoch), 0 when none. */
  readonly updatedMs: number;
  /** Scalars written in the last `liveMs`. */
  readonly live: boolean;
  /** summary.json exists (the run ended, or was stopped with a checkpoint). */
  readonly finished: boolean;
}

export class ResultsFolder {
  readonly root: string;
  private readonly scalarFiles = new Map<string, ScalarFile>();

  /** `dir` must exist; `liveMs`: how recent a write makes a run live. */
  constructor(dir: string, private readonly liveMs = 30_000) {
    this.root = realpathSync(dir);
  }

  /** The runs, newest activity first. */
  runs(): RunSummary[] {
    const out: RunSummary[] = [];
    for (const id of this.list(this.root, 'dir')) {
      const run = this.summary(id);
      if (run) out.push(run);
    }
    return out.sort((a, b) => b.updatedMs - a.updatedMs || a.id.localeCompare(b.id));
  }

  /** One run's summary, or null when `id` names no run of the folder. */
  summary(id: string): RunSummary | null {
    const dir = this.runDir(id);
    if (dir === null) return null;
    const learners = this.list(dir, 'dir').filter((name) => this.inside(join(dir, name, 'scalars.csv')) !== null);
    const tracesDir = this.inside(join(dir, 'traces'));
    const traces = tracesDir === null ? [] : this.list(tracesDir, 'file').filter((f) => f.endsWith('.jsonl'));
    if (learners.length === 0 && traces.length === 0 && !existsSync(join(dir, 'run.json')) && !existsSync(join(dir, 'configuration.yaml'))) return null;
    let updatedMs = 0;
    for (const learner of learners) {
      try {
        updatedMs = Math.max(updatedMs, statSync(join(dir, learner, 'scalars.csv')).mtimeMs);
      } catch {
        // gone since the listing: not this run's activity
      }
    }
    return { id, learners, traces, updatedMs, live: updatedMs > 0 && Date.now() - updatedMs < this.liveMs, finished: existsSync(join(dir, 'summary.json')) };
  }

  /** The run's folder (real path), or null: a bad spelling, not listed, not a folder, or outside the results folder. */
  runDir(id: string): string | null {
    if (!safeName(id)) return null;
    return this.inside(join(this.root, id), 'dir');
  }

  /** The scalars of one learner of a run, read up to now; null when the run or learner is not there. */
  scalars(id: string, learner: string): ScalarFile | null {
    const dir = this.runDir(id);
    if (dir === null || !safeName(learner)) return null;
    const path = this.inside(join(dir, learner, 'scalars.csv'), 'file');
    if (path === null) return null;
    let file = this.scalarFiles.get(path);
    if (!file) {
      file = new ScalarFile(path);
      this.scalarFiles.set(path, file);
    }
    return file.refresh() ? file : null;
  }

  /** The recorded episodes of a run (RUN/episodes/ENV-N.jsonl, written by --record-episodes): by environment, then N. */
  episodes(id: string): string[] {
    const run = this.runDir(id);
    const dir = run === null ? null : this.inside(join(run, 'episodes'), 'dir');
    if (dir === null) return [];
    const key = (f: string) => /^(.*)-(\d+)\.jsonl$/.exec(f) ?? [f, f, '0'];
    return this.list(dir, 'file')
      .filter((f) => f.endsWith('.jsonl'))
      .sort((a, b) => {
        const [, pa, na] = key(a), [, pb, nb] = key(b);
        return pa! < pb! ? -1 : pa! > pb! ? 1 : Number(na) - Number(nb);
      });
  }

  /** A recorded episode of a run (RUN/episodes/NAME.jsonl), or null. */
  episodeFile(id: string, name: string): string | null {
    const run = this.runDir(id);
    if (run === null || !safeName(name) || !name.endsWith('.jsonl')) return null;
    return this.inside(join(run, 'episodes', name), 'file');
  }

  /** A trace file of a run (RUN/traces/NAME.jsonl), or null. */
  traceFile(id: string, name: string): string | null {
    const dir = this.runDir(id);
    if (dir === null || !safeName(name) || !name.endsWith('.jsonl')) return null;
    return this.inside(join(dir, 'traces', name), 'file');
  }

  /** `path` resolved (symbolic links followed) when it exists and lies inside the results folder, else null. */
  private inside(path: string, kind?: 'dir' | 'file'): string | null {
    let real: string;
    try {
      real = realpathSync(path);
      const stat = statSync(real);
      if ((kind === 'dir' && !stat.isDirectory()) || (kind === 'file' && !stat.isFile())) return null;
    } catch {
      return null;
    }
    return real === this.root || real.startsWith(this.root + sep) ? real : null;
  }

  /** The entries of `dir` of one kind whose names are safe, sorted. */
  private list(dir: string, kind: 'dir' | 'file'): string[] {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names.filter((n) => safeName(n) && this.inside(join(dir, n), kind) !== null).sort();
  }
}
