/**
 * ML-Agents' steps_per_update cadence for off-policy learners: once updates may run, every `stepsPerUpdate` agent
 * steps earn one update; what is earned and not spent carries over (several agents step at once, so a call may
 * earn a fraction of an update or several). Steps taken while updates may not run earn nothing.
 */
export class UpdateCredit {
  private credit = 0;
  private creditedUpTo = 0;

  /** Fraction of an update earned and not yet spent (saved in checkpoints as `updateCredit`). */
  get value(): number {
    return this.credit;
  }

  /** Whole updates earned by the steps up to `steps` (spent at once). */
  earn(steps: number, ready: boolean, stepsPerUpdate: number): number {
    if (!ready) {
      this.creditedUpTo = steps;
      return 0;
    }
    this.credit += (steps - this.creditedUpTo) / stepsPerUpdate;
    this.creditedUpTo = steps;
    const whole = Math.floor(this.credit);
    this.credit -= whole;
    return whole;
  }

  restore(credit: number, steps: number): void {
    this.credit = credit;
    this.creditedUpTo = steps;
  }
}
