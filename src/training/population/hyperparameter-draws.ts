/**
 * Population-based training's hyperparameter math (Jaderberg et al. 2017, "truncation selection" with
 * "perturb"): each member's initial values drawn from the explored ranges (uniform, or uniform in log space), and
 * explore: a copied value multiplied by a factor drawn from `perturb`, kept inside its range.
 */
import type { ExploredRange } from '../../config/run-config.js';
import type { Rng } from '../../core/runtime/rng.js';

export type Hyperparameters = Readonly<Record<string, number>>;

/** One member's initial values: each key uniform in [min, max), in log space where `log`. */
export function drawInitial(explore: Readonly<Record<string, ExploredRange>>, rng: Rng): Hyperparameters {
  const values: Record<string, number> = {};
  for (const [key, range] of Object.entries(explore)) {
    values[key] = range.log ? Math.exp(rng.uniform(Math.log(range.min), Math.log(range.max))) : rng.uniform(range.min, range.max);
  }
  return values;
}

/** Explore: each key's value times a factor drawn from `factors`, clamped to its range. Returns the values and factors. */
export function perturb(values: Hyperparameters, explore: Readonly<Record<string, ExploredRange>>, factors: readonly number[], rng: Rng): { values: Hyperparameters; factors: Hyperparameters } {
  const next: Record<string, number> = {};
  const drawn: Record<string, number> = {};
  for (const [key, range] of Object.entries(explore)) {
    const factor = factors[rng.int(factors.length)]!;
    drawn[key] = factor;
    next[key] = Math.min(range.max, Math.max(range.min, values[key]! * factor));
  }
  return { values: next, factors: drawn };
}

/**
 * Truncation selection over a ranking (best first): the bottom `count` members each copy one of the top `count`,
 * where count = round(size × truncation), at least 1 and at most half the population.
 */
export function truncationCount(size: number, truncation: number): number {
  return Math.min(Math.floor(size / 2), Math.max(1, Math.round(size * truncation)));
}
