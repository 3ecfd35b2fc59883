/**
 * Shared pieces of the decisions tests: behavior specs, rule files, decision steps and act() outputs built by hand.
 */
import type { ActOutput } from '../../agents/networks/acting.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';

export const CARTPOLE_VETO_RULES = `
types: { push: [left, right] }
predicates:
  near_left_edge: {}
  move: { args: { dir: push! } }
observation: { cart_x: 0 }
perception:
  - { predicate: near_left_edge, index: cart_x, below: -2.0 }
branches: [move]
fallback: { none: policy }
conditionals:
  - { name: no-left-push-at-left-edge, conditions: [near_left_edge], reject: move(dir=left) }
`;

export function vectorSpec(name: string, size: number, continuous: number, branches: readonly number[]): BehaviorSpec {
  return {
    name,
    observationSpecs: [{ name: `VectorSensor_size${size}`, shape: [size], dimensionProperties: [1], observationType: 0 }],
    actionSpec: { continuousSize: continuous, discreteBranches: branches },
  };
}

export const CARTPOLE_SPEC = vectorSpec('CartPole?team=0', 4, 0, [2]);

export function decisionSteps(observations: Float32Array, size: number, agentIds?: Int32Array, actionMasks: Uint8Array | null = null): DecisionSteps {
  const count = observations.length / size;
  return {
    count,
    agentIds: agentIds ?? Int32Array.from({ length: count }, (_, i) => i),
    observations: [observations],
    rewards: new Float32Array(count),
    groupIds: new Int32Array(count),
    groupRewards: new Float32Array(count),
    actionMasks,
  };
}

export function terminalSteps(steps: DecisionSteps): TerminalSteps {
  return { ...steps, interrupted: new Uint8Array(steps.count) };
}

/**
 * An act() output for a discrete-only policy whose per-branch probabilities are `probs` (count × Σ branches);
 * its own choice is each branch's first action with positive probability.
 */
export function discreteActOutput(count: number, branches: readonly number[], probs: Float32Array): ActOutput {
  const S = branches.reduce((a, b) => a + b, 0);
  const discrete = new Int32Array(count * branches.length);
  const logProbs = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    let start = 0;
    branches.forEach((n, b) => {
      let a = 0;
      while (a < n - 1 && !(probs[r * S + start + a]! > 0)) a++;
      discrete[r * branches.length + b] = a;
      logProbs[r]! += Math.log(probs[r * S + start + a]!);
      start += n;
    });
  }
  return {
    count,
    continuous: new Float32Array(0),
    continuousRaw: new Float32Array(0),
    discrete,
    logProbs,
    values: new Float32Array(count),
    probs,
    means: new Float32Array(0),
    logStd: new Float32Array(0),
    factors: null,
    path: 'fast',
  };
}
