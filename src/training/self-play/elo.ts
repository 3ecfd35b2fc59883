/**
 * ELO ratings for self-play, as ML-Agents' ghost trainer keeps them (docs/ELO-Rating-System.md).
 *
 *   expected score  E = 10^(R/400) / (10^(R/400) + 10^(R_opp/400))
 *   change          Δ = K · (S − E),  S = 1 win, 0.5 draw, 0 loss
 *
 * The learning policy gains Δ and its opponent loses it. K = 16 is the K-factor of ML-Agents' ELO page (its worked
 * example: two players at 1200, A wins → 1208 and 1192); initial_elo defaults to 1200 as there.
 */

/** The K-factor (ML-Agents docs/ELO-Rating-System.md). */
export const ELO_K = 16;

/** The expected score of a player rated `rating` against one rated `opponent`. */
export function expectedScore(rating: number, opponent: number): number {
  const r1 = Math.pow(10, rating / 400);
  const r2 = Math.pow(10, opponent / 400);
  return r1 / (r1 + r2);
}

/** What the player rated `rating` gains (negative: loses) from a game with score `result` against `opponent`. */
export function eloChange(rating: number, opponent: number, result: number, k = ELO_K): number {
  return k * (result - expectedScore(rating, opponent));
}

/**
 * The score of a finished episode from its final reward, as ML-Agents reads it: the sign of the last reward says
 * who won (> 0 win, 0 draw, < 0 loss).
 */
export function resultFromFinalReward(reward: number): 0 | 0.5 | 1 {
  return reward > 0 ? 1 : reward < 0 ? 0 : 0.5;
}
