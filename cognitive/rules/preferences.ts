/**
 * The preference algebra on a selection predicate (Sigma's combination, with Soar's idioms on top):
 *   - positive contributions (the learned policy, actions, `acceptable`, `best`) combine by probabilistic OR,
 *     1 − Π(1 − xᵢ);
 *   - negated contributions (`reject`, negated actions) pass through an inverting factor and multiply in,
 *     × Π(1 − rⱼ): a full reject is a hard veto (0);
 *   - `worse` multipliers from better/worse preferences multiply in as they are;
 *   - a candidate the policy gives exactly 0 stays 0: the policy's zeros are the environment's action mask,
 *     and no rule can bring a masked action back.
 */

export const ACCEPTABLE_VALUE = 0.1;
export const BEST_VALUE = 1;
/** better/worse: by default the dominated candidate is capped at half the preferred one's score */
export const DEFAULT_BETTER_RATIO = 0.5;

export type ContributionKind = 'policy' | 'action' | 'acceptable' | 'best' | 'reject' | 'negated-action' | 'worse';

export const POSITIVE_KINDS: ReadonlySet<ContributionKind> = new Set(['policy', 'action', 'acceptable', 'best']);
export const NEGATIVE_KINDS: ReadonlySet<ContributionKind> = new Set(['reject', 'negated-action']);

/** x ⊕ y = 1 − (1 − x)(1 − y), computed as x + y − x·y (exact when either is 0) */
export function probOr(x: number, y: number): number {
  return x + y - x * y;
}

export interface Contribution {
  readonly conditional: string;
  readonly kind: ContributionKind;
  readonly value: number;
}

/** The score of one candidate from its contributions alone. */
export function scoreOf(contributions: readonly Pick<Contribution, 'kind' | 'value'>[]): number {
  // Same order of operations as the decision: OR the positives (incrementally, s ⊕ x = s + x − s·x),
  // then the inverted negatives, then the worse multipliers — so a rebuilt score matches bit for bit.
  let score = 0;
  for (const c of contributions) {
    if (c.kind === 'policy' && c.value === 0) return 0;
    if (POSITIVE_KINDS.has(c.kind)) score = score + c.value - score * c.value;
  }
  for (const c of contributions) if (NEGATIVE_KINDS.has(c.kind)) score *= 1 - c.value;
  for (const c of contributions) if (c.kind === 'worse') score *= c.value;
  return score;
}
