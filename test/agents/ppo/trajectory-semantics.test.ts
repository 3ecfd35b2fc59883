/**
 * ML-Agents' trajectory semantics (release 21), checked on a scripted scene against a list derived by hand from its
 * rules, for PPO (emission points, values, update times and sizes) and for SAC (when steps reach the replay).
 *
 * The rules (agent_processor.py, trainer/on_policy_trainer.py, ppo/trainer.py, sac/trainer.py):
 *   R1. An agent's step is closed by its next decision or terminal step (with the reward since), and appended to its
 *       trajectory; the trajectory is emitted when it holds time_horizon steps, or at once when the step ended the
 *       episode (done; interrupted where max_step ended it).
 *   R2. A trajectory is bootstrapped from V(next observation) unless done and not interrupted.
 *   R3. PPO updates after an environment step when its buffer holds strictly more than buffer_size steps, on all of
 *       them, and empties it.
 *   R4. SAC appends an emitted trajectory whole to its replay.
 *
 * The scene, time_horizon H = 4: environment 0 holds agent 1 ("A", episodes of 3 steps that end in a true terminal)
 * and agent 3 ("C", episodes of 6 steps interrupted by max_step); environment 1 holds an agent also numbered 1
 * ("B", whose episode never ends). At every environment step t = 0..12 every agent decides; at t = 3, 6, 9, 12 A's
 * episode ends first (a terminal step, then its first decision of the next episode), at t = 6 and 12 C's does.
 *
 * Emissions by R1 (agent: steps, how it ends):
 *   t = 3:  A: 3 (acted at 0–2), terminal
 *   t = 4:  C: 4 (0–3), bootstrapped [H reached];  B: 4 (0–3), bootstrapped
 *   t = 6:  A: 3 (3–5), terminal;  C: 2 (4–5), interrupted (bootstrapped)
 *   t = 8:  B: 4 (4–7), bootstrapped
 *   t = 9:  A: 3 (6–8), terminal
 *   t = 10: C: 4 (6–9), bootstrapped
 *   t = 12: A: 3 (9–11), terminal;  C: 2 (10–11), interrupted;  B: 4 (8–11), bootstrapped
 * PPO with buffer_size 9 by R3 (buffer after each step): t=3: 3; t=4: 11 > 9 → update of 11; t=6: 5; t=8: 9, not
 * more than 9 → no update; t=9: 12 → update of 12; t=10: 4; t=12: 13 → update of 13.
 * SAC's replay by R4 (size after each step): 0, 0, 0, 3, 11, 11, 16, 16, 20, 23, 27, 27, 36.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictValues } from '../../../agents/networks/acting.js';
import { ppoHyperparameters } from '../../../agents/ppo/hyperparameters.js';
import { PpoLearner } from '../../../agents/ppo/ppo-learner.js';
import { sacHyperparameters } from '../../../agents/sac/hyperparameters.js';
import { SacLearner } from '../../../agents/sac/sac-learner.js';
import type { Learner } from '../../../agents/plugin/learner.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../../src/core/env/steps.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { decide } from '../../../src/decisions/decision-pipeline.js';

await chooseBackend('wasm');

const SPEC: BehaviorSpec = { name: 'Scripted?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 0, discreteBranches: [2] } };
const HORIZON = 4;
const LAST_STEP = 12;

/** Which agents of which environment end their episode at step t, and whether by max_step. */
function endings(t: number): { source: number; id: number; interrupted: boolean }[] {
  const out: { source: number; id: number; interrupted: boolean }[] = [];
  if (t > 0 && t % 3 === 0) out.push({ source: 0, id: 1, interrupted: false });
  if (t > 0 && t % 6 === 0) out.push({ source: 0, id: 3, interrupted: true });
  return out;
}

const AGENTS: Record<number, number[]> = { 0: [1, 3], 1: [1] };

/** Observation of an agent at step t: distinct per agent and step. */
const obs = (source: number, id: number, t: number): number[] => [Math.sin(t + 3 * id + 7 * source), Math.cos(0.5 * t - id + source)];

function decisionSteps(source: number, t: number): DecisionSteps {
  const ids = AGENTS[source]!;
  return {
    count: ids.length,
    agentIds: Int32Array.from(ids),
    observations: [Float32Array.from(ids.flatMap((id) => obs(source, id, t)))],
    rewards: Float32Array.from(ids, (id) => (t === 0 || endings(t).some((e) => e.source === source && e.id === id) ? 0 : 0.1 * id)),
    groupIds: new Int32Array(ids.length),
    groupRewards: new Float32Array(ids.length),
    actionMasks: null,
  };
}

function terminalSteps(source: number, t: number): TerminalSteps {
  const ends = endings(t).filter((e) => e.source === source);
  return {
    count: ends.length,
    agentIds: Int32Array.from(ends, (e) => e.id),
    observations: [Float32Array.from(ends.flatMap((e) => obs(source, e.id, t + 0.5)))],
    rewards: Float32Array.from(ends, (e) => (e.interrupted ? 0.3 : 1)),
    interrupted: Uint8Array.from(ends, (e) => (e.interrupted ? 1 : 0)),
    groupIds: new Int32Array(ends.length),
    groupRewards: new Float32Array(ends.length),
  };
}

/** The step being processed. */
let now = 0;

/** Runs the script; `afterStep(t)` after each environment step (updates happen there). */
function run(learner: Learner, afterStep: (t: number) => void): void {
  for (let t = 0; t <= LAST_STEP; t++) {
    now = t;
    decide(learner, [0, 1].map((source) => ({ source, decisionSteps: decisionSteps(source, t), terminalSteps: terminalSteps(source, t) })));
    afterStep(t);
  }
}

const NAME: Record<string, string> = { '0:1': 'A', '0:3': 'C', '1:1': 'B' };

test('PPO: trajectories are emitted at time_horizon or the episode end, bootstrapped unless truly terminal, and updates run on the whole buffer once it holds more than buffer_size', () => {
  const hp = ppoHyperparameters({ buffer_size: 9, batch_size: 3, num_epoch: 2, learning_rate: 0.05, time_horizon: HORIZON, clip_value_loss: true });
  const learner = new PpoLearner(SPEC, { id: 'Scripted', hyperparameters: hp, network: { hiddenUnits: 8, numLayers: 1 }, maxSteps: 1000, rewardStrength: 1 }, new RunSeeds(3));
  const emitted: string[] = [];
  const checks: string[] = [];
  learner.onTrajectory = (trajectory, targets) => {
    const t = now;
    const n = trajectory.steps.length;
    const end = trajectory.done ? (trajectory.interrupted ? 'interrupted' : 'terminal') : 'bootstrapped';
    emitted.push(`t=${t} ${NAME[`${trajectory.source}:${trajectory.agentId}`]}:${n} ${end}`);
    // R2 and ML-Agents' re-estimation: V(s) of every step and V(s') under the network as it is now.
    const values = predictValues(learner.policy, [Float32Array.from(trajectory.steps.flatMap((s) => [...s.observations[0]!]))], n);
    values.forEach((v, i) => assert.ok(Math.abs(targets.values[i]! - v) < 1e-4, `t=${t}: value ${i} is ${targets.values[i]}, the current critic says ${v}`));
    const next = end === 'terminal' ? 0 : predictValues(learner.policy, trajectory.nextObservations, 1)[0]!;
    assert.ok(Math.abs(targets.nextValue - next) < 1e-4, `t=${t}: bootstrap ${targets.nextValue}, expected ${next}`);
    // GAE's last step: A = r + γ·V_next − V(s).
    const last = trajectory.steps[n - 1]!;
    assert.ok(Math.abs(targets.advantages[n - 1]! - (last.reward + hp.gamma * next - targets.values[n - 1]!)) < 1e-4, `t=${t}: last advantage`);
    if (trajectory.steps.some((s) => s.version !== trajectory.steps[n - 1]!.version || s.version !== learner.save().updates)) checks.push(`t=${t}`);
  };
  const updates: string[] = [];
  run(learner, (step) => {
    const stats = learner.maybeUpdate();
    if (stats) updates.push(`t=${step} ${stats['Policy/Batch Size']}`);
  });
  // Within a step: environment 0's terminal steps, then its decisions, then environment 1's decisions.
  assert.deepEqual(emitted, [
    't=3 A:3 terminal',
    't=4 C:4 bootstrapped',
    't=4 B:4 bootstrapped',
    't=6 A:3 terminal',
    't=6 C:2 interrupted',
    't=8 B:4 bootstrapped',
    't=9 A:3 terminal',
    't=10 C:4 bootstrapped',
    't=12 A:3 terminal',
    't=12 C:2 interrupted',
    't=12 B:4 bootstrapped',
  ]);
  assert.deepEqual(updates, ['t=4 11', 't=9 12', 't=12 13']);
  // Trajectories acted across an update had their values re-estimated (checked above against the current critic):
  // C's at t=6 (steps 4–5, the update at t=4 between them), B's at t=8, C's at t=10, and at t=12 A's and C's.
  assert.ok(checks.length >= 3, `trajectories spanning an update: ${checks.join(', ')}`);
  learner.dispose();
});

test('SAC: steps reach the replay as whole trajectories, at time_horizon or the episode end', () => {
  const hp = sacHyperparameters({ batch_size: 3, buffer_size: 1000, buffer_init_steps: 0, steps_per_update: 2, time_horizon: HORIZON });
  const learner = new SacLearner(SPEC, { id: 'Scripted', hyperparameters: hp, network: { hiddenUnits: 8, numLayers: 1 }, maxSteps: 1000, rewardStrength: 1 }, new RunSeeds(5));
  const sizes: number[] = [];
  const updates: number[] = [];
  run(learner, () => {
    sizes.push(learner.buffer.size);
    learner.maybeUpdate();
    updates.push(learner.save().updates);
  });
  assert.deepEqual(sizes, [0, 0, 0, 3, 11, 11, 16, 16, 20, 23, 27, 27, 36]);
  // steps_per_update 2 counts written steps: ⌊written / 2⌋ updates once the replay holds a batch of 3 (from t = 3).
  assert.deepEqual(updates, [0, 0, 0, 1, 5, 5, 8, 8, 10, 11, 13, 13, 18]);
  learner.dispose();
});
