/**
 * A progress bar on a TTY (cli-progress, on stderr); nothing otherwise, where structured logs tell the story.
 * RecentStats keeps environment stats (the Stats side channel) over a recent window, for the bar and the logs:
 * a win rate over the last 200 episodes says more about the policy now than the mean over the whole run.
 */
import cliProgress from 'cli-progress';
import type { AggregatedStat } from '../core/env/stats.js';

export interface Progress {
  update(done: number, fields?: Record<string, string | number>): void;
  stop(): void;
}

/** `extra` is a cli-progress format tail with {fields}; `initial` gives them values until the first update. */
export function progressBar(total: number, label: string, extra = '', initial: Record<string, string | number> = {}): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}${extra ? ` | ${extra}` : ''}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, initial);
  return { update: (done, fields) => bar.update(done, fields), stop: () => bar.stop() };
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
    return this.specs
      .map((spec) => {
        const m = this.mean(spec.stat);
        return `${spec.label} ${m === null ? '-' : `${formatStatValue(m.mean, spec.percent)} (last ${m.count})`}`;
      })
      .join(' | ');
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
