/**
 * The scout mission's reward constants (scout-scene.ts says when each is paid): the per-step reward for
 * landing more hits than taken (or the reverse), the objective reward, the health table paid at the end of
 * an episode to agents still alive, and blue's bonus for delaying red (src: GraphScoutMission's step,
 * health-table and delay rewards, with our values).
 */

export const STEP_REWARD = 2;
export const OBJECTIVE_REWARD = 10;
export const DELAY_BONUS = 10;
/** Team health fraction above `above` → `reward`, first match wins. */
export const HEALTH_TABLE: readonly { readonly above: number; readonly reward: number }[] = [
  { above: 0.75, reward: 20 },
  { above: 0.5, reward: 10 },
  { above: 0.25, reward: 5 },
  { above: -Infinity, reward: 1 },
];

/** The end-of-episode reward for a team with `fraction` of its health left. */
export function healthReward(fraction: number): number {
  return HEALTH_TABLE.find((row) => fraction > row.above)!.reward;
}
