/**
 * Statistics a simulation reports (ML-Agents' Stats side channel, StatsRecorder.Add in C#), aggregated per
 * key between two reads as the key's aggregation says.
 */
export const StatAggregation = { AVERAGE: 0, MOST_RECENT: 1, SUM: 2, HISTOGRAM: 3 } as const;
export type StatAggregation = (typeof StatAggregation)[keyof typeof StatAggregation];

export interface StatRecord {
  readonly key: string;
  readonly value: number;
  readonly aggregation: StatAggregation;
}

export interface AggregatedStat {
  readonly aggregation: StatAggregation;
  /** Mean (AVERAGE, HISTOGRAM), latest (MOST_RECENT) or total (SUM) of the values since the last read. */
  readonly value: number;
  readonly count: number;
  /** Every value, for HISTOGRAM. */
  readonly values?: readonly number[];
}

export class StatsAggregator {
  private readonly byKey = new Map<string, { aggregation: StatAggregation; sum: number; last: number; count: number; values: number[] }>();

  add(record: StatRecord): void {
    let entry = this.byKey.get(record.key);
    if (!entry) {
      entry = { aggregation: record.aggregation, sum: 0, last: 0, count: 0, values: [] };
      this.byKey.set(record.key, entry);
    }
    entry.sum += record.value;
    entry.last = record.value;
    entry.count++;
    if (record.aggregation === StatAggregation.HISTOGRAM) entry.values.push(record.value);
  }

  /** The aggregates since the last drain, then forgets them. */
  drain(): Map<string, AggregatedStat> {
    const out = new Map<string, AggregatedStat>();
    for (const [key, e] of this.byKey) {
      const value = e.aggregation === StatAggregation.MOST_RECENT ? e.last : e.aggregation === StatAggregation.SUM ? e.sum : e.sum / e.count;
      out.set(key, e.aggregation === StatAggregation.HISTOGRAM ? { aggregation: e.aggregation, value, count: e.count, values: e.values } : { aggregation: e.aggregation, value, count: e.count });
    }
    this.byKey.clear();
    return out;
  }
}
