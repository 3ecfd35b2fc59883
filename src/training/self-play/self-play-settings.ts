/**
 * A behavior's self_play settings (ML-Agents' SelfPlaySettings), as a learner plan carries them. Steps are the
 * learning team's agent steps, except swap_steps, which counts the opponents' agent steps as ML-Agents does.
 */
export interface SelfPlaySettings {
  /** Steps of the learning policy between two snapshots saved into the window. */
  readonly saveSteps: number;
  /** Steps of the learning policy before the next team becomes the learning team. */
  readonly teamChange: number;
  /** Steps of the opponents between two draws of the opponent policy. */
  readonly swapSteps: number;
  /** How many past snapshots the opponent is drawn from. */
  readonly window: number;
  /** Probability that a draw picks the latest policy rather than a snapshot. */
  readonly playAgainstLatestModelRatio: number;
  readonly initialElo: number;
}
