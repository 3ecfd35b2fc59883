/**
 * One learner's statistics over one summary period, aggregated as ML-Agents' StatsReporter does before it
 * writes them every `summary_freq` steps: each tag gets one value per period, the mean of what was reported
 * during it (episodes' returns and lengths, each update's losses, the value estimates of its decisions, the
 * environment's stats by their own aggregation: the mean for AVERAGE and HISTOGRAM, the latest for
 * MOST_RECENT, the total for SUM). Nothing is written for a tag that had no report in the period.
 */
import { StatAggregation, type AggregatedStat } from '../core/env/stats.js';

/** A tag's value for the period, with the sum and count of its reports (timers.json's gauges keep both). */
export interface PeriodValue {
  readonly value: number;
  readonly sum: number;
  readonly count: number;
}

type Kind = 'mean' | 'latest' | 'sum';

export class PeriodStats {
  private readonly tags = new Map<string, { kind: Kind; sum: number; count: number; latest: number }>();

  /** `value` stands for `count` reports of that mean (an environment stat drained as a mean of several). */
  add(tag: string, value: number, count = 1): void {
    const entry = this.entry(tag, 'mean');
    entry.sum += value * count;
    entry.count += count;
    entry.latest = value;
  }

  /** The environment's stats of one drain, each by its aggregation. */
  addEnvironment(stats: ReadonlyMap<string, AggregatedStat>): void {
    for (const [key, stat] of stats) {
      if (stat.aggregation === StatAggregation.MOST_RECENT) {
        const entry = this.entry(key, 'latest');
        entry.latest = stat.value;
        entry.sum += stat.value;
        entry.count += stat.count;
      } else if (stat.aggregation === StatAggregation.SUM) {
        const entry = this.entry(key, 'sum');
        entry.sum += stat.value;
        entry.count += stat.count;
        entry.latest = stat.value;
      } else {
        this.add(key, stat.value, stat.count);
      }
    }
  }

  get empty(): boolean {
    return this.tags.size === 0;
  }

  /** Every tag's value for the period, in first-reported order; then the period starts afresh. */
  drain(): Map<string, PeriodValue> {
    const out = new Map<string, PeriodValue>();
    for (const [tag, e] of this.tags) {
      if (e.count === 0) continue;
      const value = e.kind === 'latest' ? e.latest : e.kind === 'sum' ? e.sum : e.sum / e.count;
      out.set(tag, { value, sum: e.sum, count: e.count });
    }
    this.tags.clear();
    return out;
  }

  private entry(tag: string, kind: Kind): { kind: Kind; sum: number; count: number; latest: number } {
    let entry = this.tags.get(tag);
    if (!entry) this.tags.set(tag, (entry = { kind, sum: 0, count: 0, latest: 0 }));
    return entry;
  }
}
