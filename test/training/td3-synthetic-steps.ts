/**
 * Synthetic environment steps for the off-policy learner tests (td3-learner, sac-learner): random observations
 * and rewards, and a true terminal for agent 1 every 4th step.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { emptyTerminalSteps, type DecisionSteps, type TerminalSteps } from '../../src/core/env/steps.js';
import type { Rng } from '../../src/core/runtime/rng.js';

/** Step `i` for `agents` agents: random observations and rewards; every 4th step agent 1's episode ends (a true terminal) first. */
export function syntheticSteps(s: BehaviorSpec, agents: number, i: number, rng: Rng, masks: Uint8Array | null = null): { decisionSteps: DecisionSteps; terminalSteps: TerminalSteps } {
  const size = s.observationSpecs[0]!.shape[0]!;
  const decisionSteps: DecisionSteps = {
    count: agents,
    agentIds: Int32Array.from({ length: agents }, (_, k) => k),
    observations: [Float32Array.from({ length: agents * size }, () => rng.uniform(-1, 1))],
    rewards: Float32Array.from({ length: agents }, () => rng.uniform(-1, 1)),
    groupIds: new Int32Array(agents),
    groupRewards: new Float32Array(agents),
    actionMasks: masks,
  };
  const terminalSteps: TerminalSteps =
    i % 4 === 3
      ? { count: 1, agentIds: Int32Array.of(1), observations: [Float32Array.from({ length: size }, () => rng.uniform(-1, 1))], rewards: Float32Array.of(rng.uniform(-1, 1)), interrupted: Uint8Array.of(0), groupIds: new Int32Array(1), groupRewards: new Float32Array(1) }
      : emptyTerminalSteps(s);
  return { decisionSteps, terminalSteps };
}

