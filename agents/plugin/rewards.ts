/**
 * The extrinsic reward signal as learners take it (ML-Agents' reward_signals.extrinsic): the environment's reward
 * times `strength`. PPO and POCA add the group's reward first, as ML-Agents does; the same array comes back when
 * nothing changes, so the common case allocates nothing.
 */
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';

/** (the agent's reward + its group's reward) × strength. */
export function extrinsic(rewards: Float32Array, groupRewards: Float32Array, strength: number): Float32Array {
  if (strength === 1 && groupRewards.every((g) => g === 0)) return rewards;
  return rewards.map((r, i) => (r + groupRewards[i]!) * strength);
}

/** `rewards` times `by` (the same array when `by` is 1). */
export function scaledRewards(rewards: Float32Array, by: number): Float32Array {
  return by === 1 ? rewards : rewards.map((r) => r * by);
}

export function scaledTerminal(terminal: TerminalSteps, by: number): TerminalSteps {
  return by === 1 ? terminal : { ...terminal, rewards: scaledRewards(terminal.rewards, by) };
}

export function scaledDecisions(decisions: DecisionSteps, by: number): DecisionSteps {
  return by === 1 ? decisions : { ...decisions, rewards: scaledRewards(decisions.rewards, by) };
}
