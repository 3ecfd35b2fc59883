/**
 * Deciding one action branch: combine the preferences on its selection predicate into scores, then choose
 * by the mode, detecting impasses and resolving them by the branch's declared fallback.
 *
 * Impasses (Sigma): `none` when every candidate scores 0 (all vetoed or masked); `tie` when several
 * candidates share the top score and that score is below 1 (mode best only; ties at 1 are broken by the
 * seeded RNG, as Sigma does for best).
 */
import type { SeededRandom } from '../random.js';
import type { DecideMode } from '../rules/rule-set.js';
import type { CompiledBranch } from './compile.js';

export const IMPASSE_OK = 0;
export const IMPASSE_NONE = 1;
export const IMPASSE_TIE = 2;
export type Impasse = 'none' | 'tie';
export const IMPASSE_NAMES: readonly (Impasse | null)[] = [null, 'none', 'tie'];

export const FALLBACK_UNUSED = 0;
export const FALLBACK_POLICY = 1;
export const FALLBACK_RANDOM = 2;
export const FALLBACK_ACTION = 3;
export const FALLBACK_NAMES: readonly (string | null)[] = [null, 'policy', 'random', 'action'];

/** Relative tolerance under which two scores count as equal. */
const TIE_EPS = 1e-12;

/** What choose() found, written into a reused object to keep the hot path allocation-free. */
export interface Choice {
  action: number;
  impasse: number;
  fallback: number;
}

/**
 * Scores of one branch from the policy and the rule messages (see rules/preferences.ts for the algebra);
 * `worse` receives the multiplier each better/worse preference applied (1 = none).
 */
export function scoreBranch(
  br: CompiledBranch,
  policy: ArrayLike<number>,
  pOff: number,
  firing: Float64Array,
  score: Float64Array,
  worse: Float64Array,
): void {
  const n = br.size;
  for (let a = 0; a < n; a++) {
    const pi = policy[pOff + a]!;
    if (!(pi > 0)) {
      score[a] = 0;
      continue;
    }
    // s ⊕ x = s + x − s·x, the incremental probabilistic OR (exact when x = 0: the policy alone stays π)
    let s = pi;
    for (let k = 0; k < br.positive.length; k++) {
      const x = br.positive[k]!.message[a]!;
      s = s + x - s * x;
    }
    for (let k = 0; k < br.negative.length; k++) s *= 1 - br.negative[k]!.message[a]!;
    score[a] = s;
  }
  // better/worse, in declaration order: cap the dominated candidate at ratio × the preferred one's score,
  // scaled by how strongly the conditional fired.
  for (let k = 0; k < br.better.length; k++) {
    const b = br.better[k]!;
    const d = firing[b.conditional]!;
    const sp = score[b.prefer]!;
    const so = score[b.over]!;
    let m = 1;
    if (d > 0 && sp > 0 && so > 0) {
      const capped = Math.min(so, b.ratio * sp);
      m = 1 - d * (1 - capped / so);
    }
    worse[k] = m;
    score[b.over] = so * m;
  }
}

/** Chooses among scores by the mode; impasses go to the branch's fallback. */
export function choose(
  br: CompiledBranch,
  score: Float64Array,
  policy: ArrayLike<number>,
  pOff: number,
  mode: DecideMode,
  temperature: number,
  rng: SeededRandom,
  out: Choice,
): Choice {
  const n = br.size;
  out.impasse = IMPASSE_OK;
  out.fallback = FALLBACK_UNUSED;
  let top = 0;
  let total = 0;
  for (let a = 0; a < n; a++) {
    total += score[a]!;
    if (score[a]! > top) top = score[a]!;
  }
  if (!(top > 0)) {
    out.impasse = IMPASSE_NONE;
    return fallback(br, br.fallback.none.kind, br.noneAction, score, policy, pOff, -1, rng, out);
  }
  if (mode === 'best') {
    const floor = top * (1 - TIE_EPS);
    let tied = 0;
    let first = 0;
    for (let a = 0; a < n; a++) {
      if (score[a]! >= floor) {
        if (tied === 0) first = a;
        tied++;
      }
    }
    if (tied === 1) {
      out.action = first;
      return out;
    }
    if (top < 1 - TIE_EPS) {
      out.impasse = IMPASSE_TIE;
      return fallback(br, br.fallback.tie.kind, br.tieAction, score, policy, pOff, floor, rng, out);
    }
    out.action = pickAmong(score, n, floor, tied, rng);
    return out;
  }
  if (mode === 'probability-matching') {
    out.action = sample(score, n, total, rng);
    return out;
  }
  // Boltzmann over the candidates still standing (score > 0): a veto stays a veto at any temperature.
  let z = 0;
  for (let a = 0; a < n; a++) if (score[a]! > 0) z += Math.exp((score[a]! - top) / temperature);
  let r = rng.next() * z;
  let last = 0;
  for (let a = 0; a < n; a++) {
    if (!(score[a]! > 0)) continue;
    last = a;
    r -= Math.exp((score[a]! - top) / temperature);
    if (r < 0) {
      out.action = a;
      return out;
    }
  }
  out.action = last;
  return out;
}

/**
 * Resolves an impasse. `floor` > 0 restricts policy/random picks to the tied candidates (score ≥ floor);
 * for `none` (floor −1) every candidate is eligible.
 */
function fallback(
  br: CompiledBranch,
  kind: 'policy' | 'random' | 'action',
  declared: number,
  score: Float64Array,
  policy: ArrayLike<number>,
  pOff: number,
  floor: number,
  rng: SeededRandom,
  out: Choice,
): Choice {
  const n = br.size;
  if (kind === 'action') {
    out.fallback = FALLBACK_ACTION;
    out.action = declared;
    return out;
  }
  if (kind === 'random') {
    out.fallback = FALLBACK_RANDOM;
    let count = 0;
    for (let a = 0; a < n; a++) if (score[a]! >= floor) count++;
    out.action = pickAmong(score, n, floor, count, rng);
    return out;
  }
  out.fallback = FALLBACK_POLICY;
  let best = -1;
  for (let a = 0; a < n; a++) {
    if (score[a]! < floor) continue;
    if (best < 0 || policy[pOff + a]! > policy[pOff + best]!) best = a;
  }
  out.action = best < 0 ? 0 : best;
  return out;
}

/** A uniform pick among the `count` candidates with score ≥ floor. */
function pickAmong(score: Float64Array, n: number, floor: number, count: number, rng: SeededRandom): number {
  let k = rng.int(count);
  for (let a = 0; a < n; a++) {
    if (score[a]! >= floor) {
      if (k === 0) return a;
      k--;
    }
  }
  return n - 1;
}

/** Samples an index with probability ∝ score. */
function sample(score: Float64Array, n: number, total: number, rng: SeededRandom): number {
  let r = rng.next() * total;
  let last = 0;
  for (let a = 0; a < n; a++) {
    if (!(score[a]! > 0)) continue;
    last = a;
    r -= score[a]!;
    if (r < 0) return a;
  }
  return last;
}
