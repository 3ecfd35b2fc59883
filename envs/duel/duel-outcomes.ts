/**
 * The exact outcome rates of a duel between two runners that each act independently of the other's position,
 * enumerated on each runner's distance chain: the reference the duel's tests and evaluations compare against.
 */
import { DUEL_DEFAULTS } from './duel-scene.js';

export interface DuelOutcomes {
  readonly win0: number;
  readonly win1: number;
  readonly draw: number;
  readonly timeout: number;
}

/**
 * Exact outcome rates of two independent runners with policies p0 and p1 (probabilities of back, stay, forward),
 * from the distribution of each runner's hitting time of the flag, enumerated on its distance chain (0…K).
 */
export function exactOutcomes(p0: readonly number[], p1: readonly number[], k: number = DUEL_DEFAULTS.halfLength, maxSteps: number = DUEL_DEFAULTS.maxSteps): DuelOutcomes {
  const hitting = (p: readonly number[]) => {
    let dist = new Float64Array(k + 1);
    dist[k] = 1;
    const hit = new Float64Array(maxSteps + 1); // hit[t] = P(T = t)
    for (let t = 1; t <= maxSteps; t++) {
      const next = new Float64Array(k + 1);
      for (let d = 1; d <= k; d++) {
        next[Math.min(k, d + 1)] += dist[d]! * p[0]!;
        next[d] += dist[d]! * p[1]!;
        next[d - 1] += dist[d]! * p[2]!;
      }
      hit[t] = next[0]!;
      next[0] = 0;
      dist = next;
    }
    return hit;
  };
  const h0 = hitting(p0);
  const h1 = hitting(p1);
  const survive = (h: Float64Array, t: number) => 1 - h.slice(1, t + 1).reduce((a, b) => a + b, 0);
  let win0 = 0;
  let win1 = 0;
  let draw = 0;
  for (let t = 1; t <= maxSteps; t++) {
    win0 += h0[t]! * survive(h1, t);
    win1 += h1[t]! * survive(h0, t);
    draw += h0[t]! * h1[t]!;
  }
  return { win0, win1, draw, timeout: 1 - win0 - win1 - draw };
}
