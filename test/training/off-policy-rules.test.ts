/**
 * The off-policy learners with discrete actions acting through the reasoning layer (seeded properties): DQN's
 * ε-greedy distribution, discrete SAC's categorical policy and discrete MADDPG's softmax(logits) are the π the
 * layer combines; over many decisions a vetoed action is never taken, greedy acting takes the best action that
 * stands, and continuous actors refuse rule files.
 */
import { MADDPG_PAPER, SB3_DQN, SB3_SAC, SB3_TD3 } from '../helpers/earlier-defaults.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import { maddpgHyperparameters } from '../../agents/maddpg/hyperparameters.js';
import { DiscreteSac } from '../../agents/sac/discrete-sac.js';
import { sacHyperparameters } from '../../agents/sac/hyperparameters.js';
import { td3Hyperparameters } from '../../agents/td3/hyperparameters.js';
import { parseRuleFile } from '../../cognitive/index.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { emptyTerminalSteps, type DecisionSteps } from '../../src/core/env/steps.js';
import { isShivaError } from '../../src/core/errors.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { DqnLearner, epsilonGreedyProbs } from '../../agents/dqn/dqn-learner.js';
import type { Learner } from '../../agents/plugin/learner.js';
import { MaddpgLearner, maskedSoftmax } from '../../agents/maddpg/maddpg-learner.js';
import { SacLearner } from '../../agents/sac/sac-learner.js';
import { Td3Learner } from '../../agents/td3/td3-learner.js';
import { CARTPOLE_SPEC, CARTPOLE_VETO_RULES, vectorSpec } from '../decisions/helpers.js';

await chooseBackend('wasm');

const NETWORK = { hiddenUnits: 16, numLayers: 1, activation: 'relu' as const };

/** Three actions; `a` (0) is vetoed while observation 0 is below 0. */
const THREE_WAY = `
types: { op: [a, b, c] }
predicates:
  low: {}
  pick: { args: { o: op! } }
perception:
  - { predicate: low, index: 0, below: 0.0 }
branches: [pick]
fallback: { none: policy }
conditionals:
  - { name: no-a-when-low, conditions: [low], reject: pick(o=a) }
`;
const THREE_SPEC = vectorSpec('Three?team=0', 3, 0, [3]);

function steps(observations: Float32Array, size: number, first: number): DecisionSteps {
  const count = observations.length / size;
  return {
    count,
    agentIds: Int32Array.from({ length: count }, (_, i) => first + i),
    observations: [observations],
    rewards: new Float32Array(count),
    groupIds: Int32Array.from({ length: count }, (_, i) => first + i + 1),
    groupRewards: new Float32Array(count),
    actionMasks: null,
  };
}

/** Decides `batches` random batches (x uniform in [−2.4, 2.4] for CartPole) and hands each row to `check`. */
function drive(learner: Learner, spec: BehaviorSpec, layer: ReasoningLayer, batches: number, options: { learn: boolean; deterministic: boolean }, check: (obs: Float32Array, row: number, action: number) => void): void {
  const size = spec.observationSpecs[0]!.shape[0]!;
  const rng = new Rng(99);
  for (let k = 0; k < batches; k++) {
    const count = 32;
    const obs = Float32Array.from({ length: count * size }, (_, i) => (i % size === 0 ? rng.uniform(-2.4, 2.4) : rng.normal()));
    const d = steps(obs, size, k * count);
    const [actions] = decide(learner, [{ source: 0, decisionSteps: d, terminalSteps: emptyTerminalSteps(spec) }], { ...options, reasoner: layer });
    for (let r = 0; r < count; r++) check(obs.subarray(r * size, (r + 1) * size), r, actions!.discrete[r]!);
  }
}

function argmax(xs: ArrayLike<number>, from: number, to: number): number {
  let best = from;
  for (let a = from; a < to; a++) if (xs[a]! > xs[best]!) best = a;
  return best;
}

test('epsilonGreedyProbs: (1 − ε) on the allowed argmax plus ε spread over the allowed actions, masked 0', () => {
  const q = Float32Array.from([1, 3, 2, 5, 0]);
  const masks = Uint8Array.from([0, 1, 0, 0, 0]);
  const p = epsilonGreedyProbs(q, masks, 1, [3, 2], 0.2);
  // Branch 0: action 1 is masked, so argmax over {0, 2} is 2: [0.1, 0, 0.1 + 0.8]; branch 1: [0.8 + 0.1, 0.1].
  [0.1, 0, 0.9, 0.9, 0.1].forEach((v, i) => assert.ok(Math.abs(p[i]! - v) < 1e-6, `entry ${i}: ${p[i]} vs ${v}`));
});

test('maskedSoftmax: softmax over the allowed logits per branch, masked exactly 0', () => {
  const p = maskedSoftmax(Float32Array.from([0, Math.log(3), 9, 1, 1]), Uint8Array.from([0, 0, 1, 0, 0]), 1, [3, 2]);
  [0.25, 0.75, 0, 0.5, 0.5].forEach((v, i) => assert.ok(Math.abs(p[i]! - v) < 1e-6, `entry ${i}: ${p[i]} vs ${v}`));
});

test('DQN through the CartPole veto: exploring (ε = 1) and greedy, push-left is never taken at x < −2.0; greedy elsewhere is argmax Q', () => {
  const learner = new DqnLearner(CARTPOLE_SPEC, { id: 'cp', hyperparameters: dqnHyperparameters({ ...SB3_DQN, exploration_initial_eps: 1 }), network: NETWORK, maxSteps: 1e9, rewardStrength: 1 }, new RunSeeds(3));
  const layer = new ReasoningLayer(parseRuleFile(CARTPOLE_VETO_RULES, 'veto.yaml'), CARTPOLE_SPEC, { rulesFile: 'veto.yaml', seed: 1 });
  assert.equal(learner.epsilon, 1);
  let atEdge = 0;
  let leftElsewhere = 0;
  drive(learner, CARTPOLE_SPEC, layer, 60, { learn: true, deterministic: false }, (obs, _r, action) => {
    if (obs[0]! < -2) {
      atEdge++;
      assert.equal(action, 1, `x = ${obs[0]}`);
    } else if (action === 0) leftElsewhere++;
  });
  assert.equal(learner.steps, 60 * 32, 'learning decisions are counted and collected as usual');
  assert.ok(atEdge > 100 && leftElsewhere > 600, `exercised: ${atEdge} at the edge, ${leftElsewhere} left pushes elsewhere`);
  let greedyLeftAtEdge = 0;
  drive(learner, CARTPOLE_SPEC, layer, 40, { learn: false, deterministic: true }, (obs, _r, action) => {
    const q = learner.online.forwardHost([obs], 1);
    if (obs[0]! < -2) {
      assert.equal(action, 1);
      if (q[0]! > q[1]!) greedyLeftAtEdge++;
    } else assert.equal(action, argmax(q, 0, 2), `x = ${obs[0]}, Q = [${q[0]}, ${q[1]}]`);
  });
  assert.ok(greedyLeftAtEdge > 0, 'some greedy actions at the edge were the vetoed one');
});

test('DQN greedy with three actions: where the argmax is vetoed the best standing action is taken, never the vetoed one', () => {
  const learner = new DqnLearner(THREE_SPEC, { id: 't', hyperparameters: dqnHyperparameters({ ...SB3_DQN, exploration_initial_eps: 0.3, exploration_final_eps: 0.3 }), network: NETWORK, maxSteps: 1e9, rewardStrength: 1 }, new RunSeeds(5));
  const layer = new ReasoningLayer(parseRuleFile(THREE_WAY, 'three.yaml'), THREE_SPEC, { rulesFile: 'three.yaml', seed: 2 });
  let rerouted = 0;
  drive(learner, THREE_SPEC, layer, 40, { learn: false, deterministic: true }, (obs, _r, action) => {
    const q = learner.online.forwardHost([obs], 1);
    if (obs[0]! < 0 && argmax(q, 0, 3) === 0) {
      rerouted++;
      assert.equal(action, argmax(q, 1, 3), `Q = [${Array.from(q)}]`);
    } else assert.equal(action, argmax(q, 0, 3));
  });
  assert.ok(rerouted > 20, `${rerouted} vetoed argmaxes`);
  // Exploring at ε = 0.3: never the vetoed action; where the argmax is vetoed the best standing one is taken
  // (1 − ε) + ε/2 = 85% of the time, the other one 15%.
  let vetoedGreedy = 0;
  let bestStanding = 0;
  drive(learner, THREE_SPEC, layer, 80, { learn: false, deterministic: false }, (obs, _r, action) => {
    if (obs[0]! >= 0) return;
    assert.notEqual(action, 0);
    const q = learner.online.forwardHost([obs], 1);
    if (argmax(q, 0, 3) !== 0) return;
    vetoedGreedy++;
    if (action === argmax(q, 1, 3)) bestStanding++;
  });
  const share = bestStanding / vetoedGreedy;
  assert.ok(vetoedGreedy > 150 && Math.abs(share - 0.85) < 0.07, `${bestStanding} of ${vetoedGreedy} took the best standing action`);
});

test('discrete SAC through the rules: random warm-up, sampled and greedy acting never take a vetoed action; greedy elsewhere is argmax π', () => {
  const hp = sacHyperparameters({ ...SB3_SAC, buffer_init_steps: 640 });
  const learner = new SacLearner(THREE_SPEC, { id: 's', hyperparameters: hp, network: NETWORK, maxSteps: 1e9, rewardStrength: 1 }, new RunSeeds(7));
  const layer = new ReasoningLayer(parseRuleFile(THREE_WAY, 'three.yaml'), THREE_SPEC, { rulesFile: 'three.yaml', seed: 3 });
  const counts = [0, 0, 0];
  // 20 batches of 32 are the uniform warm-up, the next 20 sample the categorical policy.
  drive(learner, THREE_SPEC, layer, 40, { learn: true, deterministic: false }, (obs, _r, action) => {
    if (obs[0]! < 0) assert.notEqual(action, 0);
    else counts[action]!++;
  });
  assert.ok(counts.every((c) => c > 50), `away from the veto every action is taken: ${counts}`);
  assert.ok(learner.sac instanceof DiscreteSac);
  const actor = learner.sac.actor;
  drive(learner, THREE_SPEC, layer, 20, { learn: false, deterministic: true }, (obs, _r, action) => {
    const lp = actor.logProbsHost([obs], null, 1);
    assert.equal(action, obs[0]! < 0 ? argmax(lp, 1, 3) : argmax(lp, 0, 3), `x = ${obs[0]}, log π = [${Array.from(lp)}]`);
  });
});

test('discrete MADDPG through the CartPole veto: sampled and greedy acting never push left at x < −2.0, and sample softmax(logits) elsewhere', () => {
  const learner = new MaddpgLearner(CARTPOLE_SPEC, { id: 'm', hyperparameters: maddpgHyperparameters({ ...MADDPG_PAPER, team_size: 1 }), network: NETWORK, maxSteps: 1e9, rewardStrength: 1 }, new RunSeeds(11));
  const layer = new ReasoningLayer(parseRuleFile(CARTPOLE_VETO_RULES, 'veto.yaml'), CARTPOLE_SPEC, { rulesFile: 'veto.yaml', seed: 4 });
  let atEdge = 0;
  let left = 0;
  let elsewhere = 0;
  let expectedLeft = 0;
  for (const deterministic of [false, true]) {
    drive(learner, CARTPOLE_SPEC, layer, 40, { learn: false, deterministic }, (obs, _r, action) => {
      if (obs[0]! < -2) {
        atEdge++;
        assert.equal(action, 1);
        return;
      }
      const logits = learner.maddpg!.actorOutputs(0, obs, 1);
      const p = maskedSoftmax(logits, null, 1, [2]);
      if (deterministic) assert.equal(action, argmax(p, 0, 2));
      else {
        elsewhere++;
        expectedLeft += p[0]!;
        if (action === 0) left++;
      }
    });
  }
  assert.ok(atEdge > 150 && left > 100, `${atEdge} decisions at the edge, ${left} left pushes elsewhere`);
  // Away from the edge the layer samples π itself: the share of left pushes matches Σ π(left) within 4 standard deviations.
  assert.ok(Math.abs(left - expectedLeft) < 4 * Math.sqrt(elsewhere / 4), `${left} left pushes, ${expectedLeft.toFixed(1)} expected of ${elsewhere}`);
});

test('continuous SAC, TD3 and MADDPG refuse a rule file, naming the learner, the trainer type and why', () => {
  const spec = vectorSpec('Reach?team=0', 3, 2, []);
  const layer = { behavior: spec.name, apply: () => assert.fail('not called') };
  const learners: Learner[] = [
    new SacLearner(spec, { id: 'sac', hyperparameters: sacHyperparameters({ ...SB3_SAC }), network: NETWORK, maxSteps: 100, rewardStrength: 1 }, new RunSeeds(1)),
    new Td3Learner(spec, { id: 'td3', trainerType: 'td3', hyperparameters: td3Hyperparameters({ ...SB3_TD3 }), network: NETWORK, maxSteps: 100, rewardStrength: 1 }, new RunSeeds(1)),
    new MaddpgLearner(spec, { id: 'maddpg', hyperparameters: maddpgHyperparameters({ ...MADDPG_PAPER }), network: NETWORK, maxSteps: 100, rewardStrength: 1 }, new RunSeeds(1)),
  ];
  for (const learner of learners) {
    const d = steps(new Float32Array(3), 3, 0);
    assert.throws(
      () => decide(learner, [{ source: 0, decisionSteps: d, terminalSteps: emptyTerminalSteps(spec) }], { reasoner: layer }),
      (e: unknown) => isShivaError(e) && e.code === 'SHIVA_ERR_CONFIG' && e.message === `learner "${learner.id}": cognitive (a rule file): expected no reasoning layer for trainer_type ${learner.trainerType} (continuous actions: no discrete branch for the rules to act on), got one for behavior "Reach?team=0"`,
    );
    learner.dispose();
  }
});
