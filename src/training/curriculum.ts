/**
 * The environment parameters of a run as training moves them: ML-Agents' EnvironmentParameterManager
 * (mlagents/trainers/environment_parameter_manager.py), written for Shiva.
 *
 * Every parameter is a list of lessons (a plain number or sampler is one lesson). A lesson with completion_criteria
 * ends when its behavior's learner has made more than `threshold` of its max_steps (measure: progress), or when the
 * mean of the behavior's last `min_lesson_length` (at least 1) episode returns, smoothed as
 * 0.25 · previous + 0.75 · mean when signal_smoothing is on, passes `threshold` (measure: reward); either only once
 * the behavior's reward buffer holds min_lesson_length returns. When any lesson moves on, every behavior's reward
 * buffer is cleared, as ML-Agents clears its trainers' buffers.
 *
 * Seeds: a sampler without a seed gets the run's seed plus its index among the values without one (in the order of
 * the file, every lesson counted, numbers too), as ML-Agents' _set_sampler_seeds does.
 */
import type { EnvironmentParameter } from '../core/env/environment-parameters.js';
import type { LessonConfig } from '../config/run-config.js';

export interface LessonChange {
  readonly parameter: string;
  /** The new lesson's index (ML-Agents' lesson number) and name. */
  readonly lesson: number;
  readonly name: string;
  readonly value: EnvironmentParameter;
  /** The completion criteria of the lesson that ended asked for a reset (require_reset). */
  readonly requireReset: boolean;
  /** The watched behavior and its learner's step count when the lesson changed (for logs and lesson tables). */
  readonly behavior: string;
  readonly step: number;
}

/** Where a behavior's learner is: its steps and max_steps (progress = steps / max_steps); null before it appears. */
export type BehaviorProgress = (behavior: string) => { readonly steps: number; readonly maxSteps: number } | null;

export class Curriculum {
  private readonly lessons = new Map<string, readonly LessonConfig[]>();
  private readonly current = new Map<string, number>();
  private readonly smoothed = new Map<string, number>();
  private readonly rewards = new Map<string, number[]>();

  /**
   * `parameters`: every environment parameter in file order (a curriculum's as its first lesson); `curricula`: the
   * lessons of those given as curricula; `restored`: lesson numbers of a resumed run.
   */
  constructor(
    parameters: Readonly<Record<string, EnvironmentParameter>>,
    curricula: Readonly<Record<string, readonly LessonConfig[]>>,
    runSeed: number,
    restored: Readonly<Record<string, number>> = {},
  ) {
    let offset = 0;
    const seeded = (value: EnvironmentParameter): EnvironmentParameter => {
      if (typeof value === 'number') {
        offset++;
        return value;
      }
      return value.seed === undefined ? { ...value, seed: runSeed + offset++ } : value;
    };
    for (const [name, value] of Object.entries(parameters)) {
      const lessons = curricula[name] ?? [{ name, value, completionCriteria: null }];
      this.lessons.set(name, lessons.map((l) => ({ ...l, value: seeded(l.value) })));
      const lesson = restored[name];
      this.current.set(name, lesson !== undefined && Number.isInteger(lesson) && lesson >= 0 ? Math.min(lesson, lessons.length - 1) : 0);
      this.smoothed.set(name, 0);
    }
  }

  /** True when some parameter has more than one lesson. */
  get hasLessons(): boolean {
    return [...this.lessons.values()].some((l) => l.length > 1);
  }

  /** The current lesson number of each parameter given as a curriculum (ML-Agents' `lesson_num`). */
  lessonNumbers(): Record<string, number> {
    return Object.fromEntries([...this.lessons].filter(([, l]) => l.length > 1).map(([name]) => [name, this.current.get(name)!]));
  }

  /** Every parameter's value in its current lesson, samplers seeded: what the EnvironmentParameters channel sends. */
  currentParameters(): Record<string, EnvironmentParameter> {
    return Object.fromEntries([...this.lessons].map(([name, lessons]) => [name, lessons[this.current.get(name)!]!.value]));
  }

  /** The current lesson of `parameter` (its name and value), for logs. */
  lessonOf(parameter: string): LessonConfig | undefined {
    const lessons = this.lessons.get(parameter);
    return lessons?.[this.current.get(parameter) ?? 0];
  }

  /** An episode of `behavior` (without ?team=) ended with `episodeReturn`. */
  recordEpisode(behavior: string, episodeReturn: number): void {
    const capacity = this.bufferSize(behavior);
    let buffer = this.rewards.get(behavior);
    if (!buffer) this.rewards.set(behavior, (buffer = []));
    buffer.push(episodeReturn);
    if (buffer.length > capacity) buffer.splice(0, buffer.length - capacity);
  }

  /** Moves every lesson whose completion criteria are met to the next one; returns the changes (none: empty). */
  update(progress: BehaviorProgress): LessonChange[] {
    const changes: LessonChange[] = [];
    for (const [name, lessons] of this.lessons) {
      const index = this.current.get(name)!;
      const criteria = lessons[index]!.completionCriteria;
      if (criteria === null || index + 1 >= lessons.length) continue;
      const where = progress(criteria.behavior);
      if (where === null) continue;
      const buffer = this.rewards.get(criteria.behavior) ?? [];
      if (buffer.length < criteria.minLessonLength) continue;
      let increment = false;
      if (criteria.measure === 'progress') {
        increment = where.steps / where.maxSteps > criteria.threshold;
      } else if (buffer.length > 0) {
        let measure = buffer.reduce((a, b) => a + b, 0) / buffer.length;
        if (Number.isNaN(measure)) continue;
        if (criteria.signalSmoothing) {
          measure = 0.25 * this.smoothed.get(name)! + 0.75 * measure;
          this.smoothed.set(name, measure);
        }
        increment = measure > criteria.threshold;
      }
      if (!increment) continue;
      this.current.set(name, index + 1);
      const next = lessons[index + 1]!;
      changes.push({ parameter: name, lesson: index + 1, name: next.name, value: next.value, requireReset: criteria.requireReset, behavior: criteria.behavior, step: where.steps });
    }
    if (changes.length > 0) for (const buffer of this.rewards.values()) buffer.length = 0;
    return changes;
  }

  /** ML-Agents' reward buffer size of a behavior: the largest min_lesson_length of the criteria that watch it, at least 1. */
  private bufferSize(behavior: string): number {
    let size = 1;
    for (const lessons of this.lessons.values()) {
      for (const l of lessons) if (l.completionCriteria?.behavior === behavior) size = Math.max(size, l.completionCriteria.minLessonLength);
    }
    return size;
  }
}
