/**
 * The scalar logger of a training run: `record(tag, value, step)` fans out to every sink (a TensorBoard event
 * file and a CSV file by default). Tags are "namespace/metric" as in Stable-Baselines3's logger, with
 * ML-Agents' own names where ML-Agents has the metric, so existing dashboards and scripts keep working.
 */
import { join } from 'node:path';
import type { FlushPolicy } from './buffered-appender.js';
import { CsvScalarWriter } from './csv-writer.js';
import { TensorBoardWriter } from './tensorboard-writer.js';

/** Tag names. The first group is ML-Agents' (its TensorBoard tags); the rest are Shiva's additions. */
export const SCALAR_TAGS = {
  cumulativeReward: 'Environment/Cumulative Reward',
  episodeLength: 'Environment/Episode Length',
  policyLoss: 'Losses/Policy Loss',
  valueLoss: 'Losses/Value Loss',
  entropy: 'Policy/Entropy',
  learningRate: 'Policy/Learning Rate',
  epsilon: 'Policy/Epsilon',
  beta: 'Policy/Beta',
  extrinsicReward: 'Policy/Extrinsic Reward',
  extrinsicValueEstimate: 'Policy/Extrinsic Value Estimate',
  groupCumulativeReward: 'Environment/Group Cumulative Reward',
  isTraining: 'Is Training',
  elo: 'Self-play/ELO',
  /** Followed by a curriculum parameter's name (curricula: issue 12). */
  lessonNumber: 'Environment/Lesson Number/',
  // Shiva's own
  meanReturnLast100: 'Environment/Mean Return (last 100)',
  stepsPerSecond: 'Performance/Steps Per Second',
  gradientNorm: 'Losses/Gradient Norm',
  approxKl: 'Policy/Approx KL',
  clipFraction: 'Policy/Clip Fraction',
} as const;

/** Anything that takes scalar points: a TensorBoardWriter, a CsvScalarWriter, a test double. */
export interface ScalarSink {
  addScalar(tag: string, value: number, step: number, wallTime?: number): void;
  flush(): void;
  close(): void;
}

export interface ScalarLoggerFiles extends FlushPolicy {
  /** Also write `scalars.csv` beside the event file (default true). */
  readonly csv?: boolean;
  /** The clock, in seconds since the epoch. Default: Date.now() / 1000. */
  readonly now?: () => number;
  /** The host part of the event file's name. Default: os.hostname(). */
  readonly hostname?: string;
}

export class ScalarLogger {
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly sinks: readonly ScalarSink[], now?: () => number) {
    this.now = now ?? (() => Date.now() / 1000);
  }

  /** A TensorBoard event file in `dir`, and `dir/scalars.csv`: the usual pair for one behavior's run folder. */
  static open(dir: string, options: ScalarLoggerFiles = {}): ScalarLogger {
    const sinks: ScalarSink[] = [new TensorBoardWriter(dir, options)];
    if (options.csv ?? true) sinks.push(new CsvScalarWriter(join(dir, 'scalars.csv'), options));
    return new ScalarLogger(sinks, options.now);
  }

  /** One point to every sink, all stamped with the same wall time. */
  record(tag: string, value: number, step: number, wallTime?: number): void {
    if (this.closed) throw new Error(`ScalarLogger: record("${tag}") after close`);
    const time = wallTime ?? this.now();
    for (const sink of this.sinks) sink.addScalar(tag, value, step, time);
  }

  /** Several tags at one step, e.g. the losses of one update. */
  recordAll(values: Readonly<Record<string, number>>, step: number, wallTime?: number): void {
    const time = wallTime ?? this.now();
    for (const [tag, value] of Object.entries(values)) this.record(tag, value, step, time);
  }

  flush(): void {
    for (const sink of this.sinks) sink.flush();
  }

  /** Closes every sink, even when one of them fails; the first failure is rethrown. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    let failure: unknown = null;
    for (const sink of this.sinks) {
      try {
        sink.close();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
  }
}
