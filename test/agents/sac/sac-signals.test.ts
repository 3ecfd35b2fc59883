/**
 * SAC with reward signals beside the extrinsic one (agents/sac/signal-q-heads.ts, sac-learner.ts), as ML-Agents'
 * SAC: each signal has Q heads in both critics and their targets and its own gamma; its rewards are computed for
 * every sampled batch; its networks train every reward_signal_steps_per_update agent steps. Here: the heads and the
 * signals train, a checkpoint restores all of it bit for bit, the memory estimate counts it, the plugin declares
 * the signals, and discrete SAC with RND gets through the locked corridor (envs/corridor) where SAC alone does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LearnerState } from '../../../agents/plugin/learner.js';
import { sacHyperparameters, type SacHyperparameters } from '../../../agents/sac/hyperparameters.js';
import { DiscreteSac } from '../../../agents/sac/discrete-sac.js';
import { SAC_PLUGIN } from '../../../agents/sac/plugin.js';
import { Sac } from '../../../agents/sac/sac.js';
import { ReplayBuffer } from '../../../agents/replay/replay-buffer.js';
import { replaySpecOf } from '../../../agents/replay/replay-types.js';
import { SacLearner, type SacLearnerSettings } from '../../../agents/sac/sac-learner.js';
import type { ExpertData } from '../../../agents/reward-signals/expert-samples.js';
import type { GailSettings } from '../../../agents/reward-signals/gail-settings.js';
import { Curiosity } from '../../../agents/reward-signals/curiosity.js';
import { Rnd } from '../../../agents/reward-signals/rnd.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { decide } from '../../../src/decisions/decision-pipeline.js';
import type { LearnerPlan } from '../../../src/training/learner-plan.js';
import { MetaLearner } from '../../../src/training/meta-learner.js';
import { CORRIDOR_CURIOSITY, CORRIDOR_RND } from '../../helpers/sparse-corridor.js';
import { syntheticSteps } from '../../training/td3-synthetic-steps.js';
import * as tf from '@tensorflow/tfjs';

await chooseBackend('wasm');

const AGENTS = 3;
const continuous: BehaviorSpec = { name: 'Arm?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
const discrete: BehaviorSpec = { name: 'Grid?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } };
const SMALL_NETWORK = { hiddenUnits: 8, numLayers: 1, normalize: false, activation: 'swish' } as const;

function expertFor(spec: BehaviorSpec, steps = 40): ExpertData {
  const rng = new Rng(11);
  const C = spec.actionSpec.continuousSize;
  const branches = spec.actionSpec.discreteBranches;
  return {
    spec,
    steps,
    observations: [Float32Array.from({ length: steps * 3 }, () => rng.uniform(0.5, 1))],
    continuousActions: Float32Array.from({ length: steps * C }, () => 0.5),
    discreteActions: Int32Array.from({ length: steps * branches.length }, () => 0),
    dones: new Uint8Array(steps),
  };
}

const GAIL: GailSettings = { gamma: 0.9, strength: 0.5, demoPath: 'synthetic.demo', learningRate: 1e-3, useActions: true, useVail: false, network: SMALL_NETWORK };

function settings(spec: BehaviorSpec, signals: { gail?: boolean; curiosity?: boolean; rnd?: boolean }, overrides: Partial<SacHyperparameters> = {}): SacLearnerSettings {
  return {
    id: 'L',
    // time_horizon 1: every step reaches the replay at once (trajectory timing is trajectory-semantics.test.ts's).
    hyperparameters: sacHyperparameters({ batch_size: 8, buffer_size: 64, buffer_init_steps: 12, steps_per_update: 2, reward_signal_steps_per_update: 3, time_horizon: 1, ...overrides }),
    network: { hiddenUnits: 8, numLayers: 1, activation: 'relu' },
    maxSteps: 1000,
    rewardStrength: 1,
    ...(signals.gail ? { gail: GAIL, gailExpert: () => expertFor(spec) } : {}),
    ...(signals.curiosity ? { curiosity: { ...CORRIDOR_CURIOSITY, network: SMALL_NETWORK } } : {}),
    ...(signals.rnd ? { rnd: { ...CORRIDOR_RND, network: SMALL_NETWORK } } : {}),
  };
}

function drive(l: SacLearner, n: number, rng: Rng) {
  const actions: number[] = [];
  const stats: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const [out] = decide(l, [{ source: 0, ...syntheticSteps(l.spec, AGENTS, i, rng) }]);
    actions.push(...out!.continuous, ...out!.discrete);
    const s = l.maybeUpdate();
    if (s) stats.push(s);
  }
  return { actions, stats };
}

const ALL = { gail: true, curiosity: true, rnd: true };

for (const [kind, spec] of [['continuous', continuous], ['discrete', discrete]] as const) {
  test(`${kind} SAC with GAIL, curiosity and RND: every signal's Q heads and networks train, stats name each signal; tensors stay flat`, () => {
    const l = new SacLearner(spec, settings(spec, ALL), new RunSeeds(5));
    const before = l.save();
    const tensors = tf.memory().numTensors;
    const { stats } = drive(l, 12, new Rng(2));
    assert.equal(tf.memory().numTensors, tensors);
    const merged = Object.assign({}, ...stats) as Record<string, number>;
    for (const key of ['Policy/GAIL Reward', 'Policy/GAIL Value Estimate', 'Losses/GAIL Loss', 'Policy/Curiosity Reward', 'Policy/Curiosity Value Estimate', 'Losses/Curiosity Forward Loss', 'Policy/RND Reward', 'Policy/RND Value Estimate', 'Losses/RND Loss']) {
      assert.ok(Number.isFinite(merged[key]), `${key}: ${merged[key]}`);
    }
    const after = l.save();
    const heads = (s: LearnerState) => JSON.stringify((s['sac'] as { signalHeads: unknown }).signalHeads);
    assert.notEqual(heads(after), heads(before), 'the Q heads moved');
    assert.deepEqual((after['sac'] as { signalHeads: { names: string[] } }).signalHeads.names, ['gail', 'curiosity', 'rnd']);
    for (const name of ['gail', 'curiosity', 'rnd']) assert.notEqual(JSON.stringify(after[name]), JSON.stringify(before[name]), `${name}'s networks trained`);
    l.dispose();
  });

  test(`${kind} SAC with signals: save → JSON → load restores heads, signals and their cadence; the copy learns exactly as the original`, () => {
    const s = settings(spec, ALL, { save_replay_buffer: true });
    const a = new SacLearner(spec, s, new RunSeeds(9));
    drive(a, 11, new Rng(3));
    a.forgetSource(0);
    const state = JSON.parse(JSON.stringify(a.save())) as LearnerState;
    const b = new SacLearner(spec, s, new RunSeeds(1234));
    b.load(state, 'test checkpoint');
    assert.deepEqual(b.save(), a.save());
    const ra = drive(a, 9, new Rng(4));
    const rb = drive(b, 9, new Rng(4));
    assert.ok(ra.stats.some((x) => 'Losses/RND Loss' in x), 'signal updates ran after the load');
    assert.deepEqual(rb.actions, ra.actions);
    assert.deepEqual(rb.stats, ra.stats);
    assert.deepEqual(b.save(), a.save());
    // A checkpoint without the signals is refused by a learner with them, saying what is missing.
    const plain = new SacLearner(spec, settings(spec, {}), new RunSeeds(9));
    assert.throws(() => b.load(plain.save(), 'old.ckpt'), /old\.ckpt: rngs: expected the "signals" stream, got none/);
    assert.throws(() => b.load({ ...plain.save(), rngs: state['rngs'] }, 'old.ckpt'), /old\.ckpt: sac: signalHeads: names: expected the Q heads of reward signals \[gail, curiosity, rnd\], got nothing/);
    for (const l of [a, b, plain]) l.dispose();
  });
}

test("SAC's memory estimate counts the signals' Q heads and networks as the learner holds them", () => {
  for (const spec of [continuous, discrete]) {
    const context = { agents: 8, largestGroup: 1 };
    const both = settings(spec, { curiosity: true, rnd: true });
    const extra = SAC_PLUGIN.estimateBytes!(spec, both, context).parameters - SAC_PLUGIN.estimateBytes!(spec, settings(spec, {}), context).parameters;
    const learner = new SacLearner(spec, both, new RunSeeds(1));
    const saved = (learner.save()['sac'] as { signalHeads: { critics: { values: number[] }[][] } }).signalHeads;
    const heads = saved.critics.flat().reduce((n, p) => n + p.values.length, 0);
    const curiosity = new Curiosity(spec, both.curiosity!, new Rng(1));
    const rnd = new Rnd(spec, both.rnd!, new Rng(1));
    assert.equal(extra, heads + curiosity.params.size + rnd.targetParams.size + rnd.predictorParams.size, spec.name);
    for (const m of [learner, curiosity, rnd]) m.dispose();
  }
});

test('the SAC plugin takes gail, curiosity and rnd; a plan with them reaches the SAC learner through the meta-learner', () => {
  assert.deepEqual(SAC_PLUGIN.rewardSignals, ['gail', 'curiosity', 'rnd']);
  const base = settings(discrete, {});
  const plan: LearnerPlan = {
    learnerId: 'L',
    trainerType: 'sac',
    hyperparameters: base.hyperparameters,
    network: base.network,
    maxSteps: 1000,
    rewardStrength: 1,
    summaryFreq: 1000,
    checkpointInterval: 1000,
    keepCheckpoints: 1,
    curiosity: CORRIDOR_CURIOSITY,
    rnd: CORRIDOR_RND,
  };
  const meta = new MetaLearner(() => plan, new RunSeeds(1));
  const state = meta.learnerFor(discrete)!.save();
  assert.equal((state['curiosity'] as { format: string }).format, 'shiva-curiosity');
  assert.equal((state['rnd'] as { format: string }).format, 'shiva-rnd');
  meta.dispose();
});

/**
 * One-step bandits where the extrinsic reward is 0 everywhere and only a reward signal pays (every step terminal,
 * the signal's done honoured as GAIL's is): the policy must follow the signal's Q head, computed by the learner
 * for each sampled batch from the sampled actions.
 */
test('a reward signal alone steers SAC through its Q heads: discrete picks the action it pays most, continuous reaches its best action', () => {
  const OBS = Float32Array.from([1, -0.5]);
  const network = { hiddenUnits: 16, numLayers: 2, activation: 'relu' as const };
  const hp = sacHyperparameters({ batch_size: 64, buffer_size: 512, learning_rate: 3e-3, init_entcoef: 0.1 });
  // Discrete: the signal pays (0, 1, 0.2) for the three actions.
  const arms: BehaviorSpec = { name: 'Arms?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 0, discreteBranches: [3] } };
  const pays = [0, 1, 0.2];
  const rng = new Rng(6);
  const armsBuffer = new ReplayBuffer(512, replaySpecOf(arms, { actionMasks: true }));
  for (let i = 0; i < 512; i++) armsBuffer.add({ observations: [OBS], continuousActions: new Float32Array(0), discreteActions: Int32Array.of(rng.int(3)), actionMask: null, reward: 0, nextObservations: [OBS], nextActionMask: null, done: true, discount: 0.99 });
  const discreteSac = new DiscreteSac(arms, network, hp, new RunSeeds(6), 'bandit', ['gail']);
  let q = 0;
  for (let i = 0; i < 300; i++) {
    const batch = armsBuffer.sample(64, rng);
    q = discreteSac.gradientStep(batch, rng, [{ rewards: Float32Array.from(batch.discreteActions, (a) => pays[a]!), gamma: 0.9, ignoreDone: false }]).signalMeanQ[0]!;
  }
  const probs = discreteSac.actor.logProbsHost([OBS], null, 1).map(Math.exp);
  assert.ok(probs[1]! > 0.8, `π(1) = ${probs[1]} (the signal pays 1 for it), π = ${Array.from(probs)}`);
  assert.ok(q > 0 && q < 1, `the signal's mean Q of the sampled actions, ${q}, lies between the payoffs`);
  discreteSac.dispose();
  // Continuous: the signal pays −(a − 0.5)².
  const line: BehaviorSpec = { name: 'Line?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 1, discreteBranches: [] } };
  const lineBuffer = new ReplayBuffer(512, replaySpecOf(line));
  for (let i = 0; i < 512; i++) lineBuffer.add({ observations: [OBS], continuousActions: Float32Array.of(rng.uniform(-1, 1)), discreteActions: new Int32Array(0), actionMask: null, reward: 0, nextObservations: [OBS], nextActionMask: null, done: true, discount: 0.99 });
  const sac = new Sac(line, network, hp, new RunSeeds(5), 'bandit', ['gail']);
  for (let i = 0; i < 300; i++) {
    const batch = lineBuffer.sample(64, rng);
    sac.gradientStep(batch, rng, [{ rewards: batch.continuousActions.map((a) => -((a - 0.5) ** 2)), gamma: 0.9, ignoreDone: false }]);
  }
  const mode = sac.act([OBS], null, 1, rng, true).continuous[0]!;
  assert.ok(Math.abs(mode - 0.5) < 0.15, `tanh(μ) = ${mode}, expected 0.5 ± 0.15`);
  sac.dispose();
});

test('SAC learns from demonstrations with GAIL as its only reward: the greedy policy follows the expert\'s rule on fresh states; without GAIL it does not (seed 3)', (t) => {
  const gailRun = ruleRun(true);
  const control = ruleRun(false);
  t.diagnostic(`agreement with the expert on 200 fresh states: GAIL ${gailRun.before} → ${gailRun.after}; no reward at all ${control.before} → ${control.after}`);
  assert.ok(gailRun.after >= 0.9, `GAIL: ${gailRun.before} → ${gailRun.after}; last stats ${JSON.stringify(gailRun.last)}`);
  assert.ok(control.after <= 0.75, `without GAIL: ${control.before} → ${control.after}`);
  assert.ok(gailRun.last['Policy/GAIL Expert Estimate']! > gailRun.last['Policy/GAIL Policy Estimate']!, JSON.stringify(gailRun.last));
});

/**
 * The expert pulls lever 0 when the first observation is positive, else lever 1; the environment pays nothing
 * (extrinsic strength 0) and its states are drawn at random, so only GAIL's reward can teach the rule. The greedy
 * policy's agreement with the rule on 200 fresh states before and after 250 steps of 4 agents.
 */
function ruleRun(withGail: boolean): { before: number; after: number; last: Record<string, number> } {
  const spec: BehaviorSpec = { name: 'Rule?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 0, discreteBranches: [2] } };
  const rule = (obs: Float32Array, r: number) => (obs[r * 3]! > 0 ? 0 : 1);
  const rows = 400;
  const rng = new Rng(3);
  const observations = Float32Array.from({ length: rows * 3 }, () => rng.uniform(-1, 1));
  const expert: ExpertData = { spec, steps: rows, observations: [observations], continuousActions: new Float32Array(0), discreteActions: Int32Array.from({ length: rows }, (_, r) => rule(observations, r)), dones: new Uint8Array(rows) };
  const gail: GailSettings = { gamma: 0.9, strength: 1, demoPath: 'rule.demo', learningRate: 3e-3, useActions: true, useVail: false, network: { hiddenUnits: 32, numLayers: 2, normalize: false, activation: 'swish' } };
  const l = new SacLearner(spec, {
    id: 'Rule',
    hyperparameters: sacHyperparameters({ batch_size: 64, buffer_size: 4000, buffer_init_steps: 64, steps_per_update: 2, reward_signal_steps_per_update: 2, learning_rate: 3e-3, init_entcoef: 0.05 }),
    network: { hiddenUnits: 32, numLayers: 2, activation: 'relu' },
    maxSteps: 100_000,
    rewardStrength: 0,
    ...(withGail ? { gail, gailExpert: () => expert } : {}),
  }, new RunSeeds(3));
  const fresh = Float32Array.from({ length: 200 * 3 }, () => rng.uniform(-1, 1));
  const agreement = () => {
    const chosen = l.sac.act([fresh], null, 200, rng, true).discrete;
    return chosen.reduce((n, a, r) => n + (a === rule(fresh, r) ? 1 : 0), 0) / 200;
  };
  const before = agreement();
  const { stats } = drive4(l, 250, new Rng(8));
  const after = agreement();
  l.dispose();
  return { before, after, last: stats.at(-1)! };
}

/** `n` synthetic steps of 4 agents (random states, the environment's reward ignored at strength 0). */
function drive4(l: SacLearner, n: number, rng: Rng) {
  const stats: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    decide(l, [{ source: 0, ...syntheticSteps(l.spec, 4, i, rng) }]);
    const s = l.maybeUpdate();
    if (s) stats.push(s);
  }
  return { stats };
}
