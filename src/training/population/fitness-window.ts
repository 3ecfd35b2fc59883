/**
 * A member's fitness for population-based training: the mean of what it reported since the last ranking (episode
 * returns, or an environment stat's reports weighted by their counts). A member that reported nothing since keeps
 * its last fitness; one that never reported has none and ranks last. After exploit the member inherits its
 * source's fitness: it now holds the source's weights, and its own reports were of the weights it dropped.
 */
/** A window as a population checkpoint holds it. */
export interface SavedFitness {
  readonly sum: number;
  readonly count: number;
  readonly last: number | null;
}

export class FitnessWindow {
  private sum = 0;
  private count = 0;
  private last: number | null = null;

  add(value: number, count = 1): void {
    if (!Number.isFinite(value) || count <= 0) return;
    this.sum += value * count;
    this.count += count;
  }

  /** The fitness at a ranking; the window starts again. */
  take(): number | null {
    if (this.count > 0) this.last = this.sum / this.count;
    this.sum = 0;
    this.count = 0;
    return this.last;
  }

  /** The fitness now, without starting a new window. */
  peek(): number | null {
    return this.count > 0 ? this.sum / this.count : this.last;
  }

  save(): SavedFitness {
    return { sum: this.sum, count: this.count, last: this.last };
  }

  load(saved: SavedFitness): void {
    this.sum = saved.sum;
    this.count = saved.count;
    this.last = saved.last;
  }

  inherit(from: FitnessWindow): void {
    this.sum = 0;
    this.count = 0;
    this.last = from.last;
  }
}
