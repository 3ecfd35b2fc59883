/**
 * Progress on a TTY: status lines at the bottom of stderr (terminal.ts), laid out for the terminal's width, with
 * log lines printed above them; nothing otherwise, where structured logs tell the story.
 * RecentStats keeps environment stats (the Stats side channel) over a recent window, for the bar and the logs:
 * a win rate over the last 200 episodes says more about the policy now than the mean over the whole run.
 */
import type { AggregatedStat } from '../core/env/stats.js';
import { formatDuration, layoutStatus, stderrStatusArea, type StatusArea, type StatusField } from './terminal.js';

export interface Progress {
  update(done: number, fields?: Record<string, string | number>): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };
let nextId = 0;

/**
 * A generic bar: `label [bar] 42% | done/total | ETA | extra`; `extra` is a tail with {fields} that `update`
 * (or `initial`) fills. The bar gives way first when the terminal is narrow, then the ETA and the percentage.
 */
export function progressBar(total: number, label: string, extra = '', initial: Record<string, string | number> = {}, area: StatusArea | null = stderrStatusArea()): Progress {
  if (area === null) return NO_PROGRESS;
  const id = `progress-${nextId++}`;
  const started = performance.now();
  let done = 0;
  let values = { ...initial };
  const render = (width: number, color: boolean) => {
    const seconds = (performance.now() - started) / 1000;
    const eta = done > 0 && done < total ? formatDuration(((total - done) * seconds) / done) : done >= total ? '0s' : '-';
    const tail = extra.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
    const fields: StatusField[] = [{ forms: [`${percent(done, total)}`, ''] }, { forms: [`${done}/${total}`] }, { forms: [`ETA ${eta}`, ''] }];
    if (tail !== '') fields.push({ forms: [tail] });
    return layoutStatus({ label, fraction: total > 0 ? done / total : 0, fields, yields: [2, 0] }, width, color);
  };
  area.set(id, render);
  return {
    update: (d, f) => {
      done = d;
      if (f) values = { ...values, ...f };
      area.set(id, render);
    },
    stop: () => area.remove(id),
  };
}

/** What one learner has done so far (the Trainer's progress report, as this display needs it). */
export interface LearnerProgress {
  readonly steps: number;
  readonly maxSteps: number;
  readonly episodes: number;
  readonly meanReturn: number | null;
  readonly stepsPerSecond: number;
}

/**
 * A learner's status line while it trains: `Red [bar] 51% | 3086/6000 | ETA 1s | return -0.9 | 97 episodes |
 * 3811 steps/s | win rate 2.2% (last 46) | ROE violations 0 (last 46)`. The headline figures (steps of
 * max_steps, mean return, the progress stats, steps/s) stay on a narrow terminal; the rest gives way in this
 * order: the bar (shrinks, then goes), the ETA, the percentage, the episode count, the stats' windows (all
 * together), the step counts in full (312k/400k), and last of all the steps/s.
 */
export function learnerProgress(label: string, recent: RecentStats | null, area: StatusArea | null = stderrStatusArea()): { update(p: LearnerProgress): void; stop(): void } {
  if (area === null) return { update: () => undefined, stop: () => undefined };
  const id = `learner-${nextId++}`;
  let last: LearnerProgress = { steps: 0, maxSteps: 0, episodes: 0, meanReturn: null, stepsPerSecond: 0 };
  const render = (width: number, color: boolean) => {
    const p = last;
    const steps = Math.min(p.steps, p.maxSteps);
    const eta = p.stepsPerSecond > 0 ? formatDuration((p.maxSteps - steps) / p.stepsPerSecond) : '-';
    const fields: StatusField[] = [
      { forms: [percent(steps, p.maxSteps), ''] },
      { forms: [`${steps}/${p.maxSteps}`, `${compactCount(steps)}/${compactCount(p.maxSteps)}`] },
      { forms: [`ETA ${eta}`, ''] },
      { forms: [`return ${p.meanReturn === null ? '-' : p.meanReturn.toFixed(1)}`] },
      { forms: [`${p.episodes} episodes`, ''] },
      { forms: [`${Math.round(p.stepsPerSecond)} steps/s`, ''] },
    ];
    const statFields = (recent?.parts() ?? []).map((s) => ({ forms: [s.full, s.short] }));
    const statYields = statFields.map((_, i) => fields.length + i);
    return layoutStatus({ label, fraction: p.maxSteps > 0 ? steps / p.maxSteps : 0, fields: [...fields, ...statFields], yields: [2, 0, 4, statYields, 1, 5] }, width, color);
  };
  return {
    update: (p) => {
      last = p;
      area.set(id, render);
    },
    stop: () => area.remove(id),
  };
}

function percent(done: number, total: number): string {
  return `${total > 0 ? Math.floor((100 * Math.min(done, total)) / total) : 0}%`;
}

/** 312345 → "312k", 1500000 → "1.5M"; small counts as they are. */
function compactCount(n: number): string {
  if (n >= 1e6) return `${Number((n / 1e6).toFixed(n >= 1e7 ? 0 : 1))}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return String(n);
}

/** One stat to show: the mean of its last `window` reports (`shiva.progress_stats` in a run configuration). */
export interface RecentStatSpec {
  readonly stat: string;
  readonly label: string;
  readonly window: number;
  /** Shown as a percentage (a 0/1 stat such as a win). */
  readonly percent: boolean;
}

/** Aggregates of one stat as they came: `count` reports with mean `mean`. */
interface Chunk {
  mean: number;
  count: number;
}

export class RecentStats {
  private readonly chunks = new Map<string, Chunk[]>();

  constructor(readonly specs: readonly RecentStatSpec[]) {
    for (const spec of specs) this.chunks.set(spec.stat, []);
  }

  /** Takes a drain of an environment's stats (keys not shown are ignored). */
  add(stats: ReadonlyMap<string, AggregatedStat>): void {
    for (const spec of this.specs) {
      const s = stats.get(spec.stat);
      if (!s || s.count === 0) continue;
      const chunks = this.chunks.get(spec.stat)!;
      chunks.push({ mean: s.value, count: s.count });
      // Whole chunks leave once the rest still covers the window; one that straddles its edge counts in part (mean()).
      let total = chunks.reduce((a, c) => a + c.count, 0);
      while (chunks.length > 1 && total - chunks[0]!.count >= spec.window) total -= chunks.shift()!.count;
    }
  }

  /** The mean over the last `window` reports of `stat` and how many it covers, or null before the first. */
  mean(stat: string): { mean: number; count: number } | null {
    const spec = this.specs.find((s) => s.stat === stat);
    const chunks = this.chunks.get(stat);
    if (!spec || !chunks || chunks.length === 0) return null;
    let sum = 0;
    let count = 0;
    for (let i = chunks.length - 1; i >= 0 && count < spec.window; i--) {
      const take = Math.min(chunks[i]!.count, spec.window - count);
      sum += chunks[i]!.mean * take;
      count += take;
    }
    return { mean: sum / count, count };
  }

  /** "win rate 81.5% (last 200) | violations 0.00 (last 100)", '-' for stats not reported yet; '' with no specs. */
  format(): string {
    return this.parts()
      .map((p) => p.full)
      .join(' | ');
  }

  /** Each stat as shown: in full ("win rate 81.5% (last 200)") and without its window ("win rate 81.5%"). */
  parts(): { full: string; short: string }[] {
    return this.specs.map((spec) => {
      const m = this.mean(spec.stat);
      const value = `${spec.label} ${m === null ? '-' : formatStatValue(m.mean, spec.percent)}`;
      return { full: m === null ? value : `${value} (last ${m.count})`, short: value };
    });
  }

  /** Stat label → mean over its window (null before the first report), for structured logs. */
  values(): Record<string, number | null> {
    return Object.fromEntries(this.specs.map((spec) => [spec.label, this.mean(spec.stat)?.mean ?? null]));
  }
}

/** A stat's value as shown: 81.5% for a percentage, otherwise 3 significant decimals at most. */
export function formatStatValue(value: number, percent: boolean): string {
  if (percent) return `${(value * 100).toFixed(1)}%`;
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toFixed(3)).toString();
}
