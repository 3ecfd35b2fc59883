/**
 * The ghost learner's schedule with stand-in learners whose "weights" are one number (the step count of the
 * learning policy when it was copied) and who act by answering that number, so every action says which policy
 * chose it: team changes every team_change steps, snapshots every save_steps, seeded swaps every swap_steps of
 * the opponents, opponents' experience never reaching the learning policy, ELO after finished episodes, and a
 * checkpoint round trip.
 */
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { isShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { GhostLearner } from '../../src/training/ghost-learner.js';
import { actionsOnly, type Acting, type Learner, type LearnerState } from '../../agents/plugin/learner.js';
import type { SelfPlaySettings } from '../../src/training/self-play/self-play-settings.js';
import type { SnapshotCodec } from '../../src/training/self-play/snapshot-codec.js';
import { LATEST } from '../../src/training/self-play/snapshot-window.js';

const spec = (team: number): BehaviorSpec => ({ name: `Duel?team=${team}`, observationSpecs: [vectorObservation(1)], actionSpec: { continuousSize: 0, discreteBranches: [3] } });

interface Call {
  readonly agentIds: number[];
  readonly learn: boolean;
}

class StandIn implements Learner {
  readonly trainerType = 'stand-in';
  readonly spec = spec(0);
  readonly maxSteps = 1e9;
  steps = 0;
  updates = 0;
  weights = 0;
  readonly calls: Call[] = [];
  readonly forgotten: number[] = [];

  constructor(readonly id: string) {}

  acting(learn: boolean): Acting {
    return {
      learning: learn,
      policy: {
        ruleRefusal: null,
        act: (steps, context) => {
          for (const row of context.rows) this.calls.push({ agentIds: [...steps.agentIds.subarray(row.offset, row.offset + row.count)], learn });
          return actionsOnly(steps.count, new Float32Array(0), new Int32Array(steps.count).fill(this.weights));
        },
      },
      sink: learn
        ? {
            endEpisodes: () => undefined,
            addDecisions: (_source, decisions) => {
              this.steps += decisions.count;
            },
          }
        : null,
    };
  }

  forgetSource(source: number): void {
    this.forgotten.push(source);
  }

  /** "Learns": its weights become its step count; every call is an update. */
  maybeUpdate(): Record<string, number> | null {
    this.weights = this.steps;
    this.updates++;
    return { 'Losses/Policy Loss': 0.5 };
  }

  save(): LearnerState {
    return { trainerType: this.trainerType, steps: this.steps, updates: this.updates, weights: this.weights };
  }

  load(state: LearnerState): void {
    this.steps = state.steps;
    this.updates = state.updates;
    this.weights = state['weights'] as number;
  }

  dispose(): void {}
}

const codec: SnapshotCodec = {
  take: (l) => (l as StandIn).weights,
  give: (l, s) => {
    (l as StandIn).weights = s as number;
  },
};

const SETTINGS: SelfPlaySettings = { saveSteps: 1e9, teamChange: 1e9, swapSteps: 1e9, window: 3, playAgainstLatestModelRatio: 0.5, initialElo: 1200 };

function ghostOf(settings: Partial<SelfPlaySettings>, seed = 42) {
  const learner = new StandIn('Duel');
  const opponent = new StandIn('Duel/opponent');
  const ghost = new GhostLearner({ ...SETTINGS, ...settings }, learner, opponent, new Rng(seed), codec);
  const views = [ghost.forBehavior(spec(0)), ghost.forBehavior(spec(1))];
  return { ghost, learner, opponent, views };
}

function decisions(ids: number[]): DecisionSteps {
  const n = ids.length;
  return { count: n, agentIds: Int32Array.from(ids), observations: [new Float32Array(n)], rewards: new Float32Array(n), groupIds: new Int32Array(n), groupRewards: new Float32Array(n), actionMasks: null };
}

function terminals(rows: { id: number; reward: number; interrupted?: boolean }[]): TerminalSteps {
  const n = rows.length;
  return {
    count: n,
    agentIds: Int32Array.from(rows, (r) => r.id),
    observations: [new Float32Array(n)],
    rewards: Float32Array.from(rows, (r) => r.reward),
    interrupted: Uint8Array.from(rows, (r) => (r.interrupted ? 1 : 0)),
    groupIds: new Int32Array(n),
    groupRewards: new Float32Array(n),
  };
}

/** One environment step: team 0 (agents 0, 2) and team 1 (agents 1, 3) ask, then the learner may update. */
function envStep(views: Learner[], ghost: GhostLearner, ends: { id: number; reward: number; interrupted?: boolean }[][] = [[], []]) {
  const actions = views.map((view, team) => decide(view, [{ source: 0, decisionSteps: decisions([team, team + 2]), terminalSteps: terminals(ends[team]!) }])[0]!.discrete[0]!);
  const stats = ghost.maybeUpdate();
  return { actions, stats };
}

test('the learning team changes every team_change steps of the learning policy; the old one’s open transitions are dropped', () => {
  const { ghost, learner, views } = ghostOf({ teamChange: 10 });
  assert.equal(ghost.learningTeam, 0, 'the first team to appear learns first');
  const teams: number[] = [];
  for (let step = 1; step <= 15; step++) {
    envStep(views, ghost);
    teams.push(ghost.learningTeam!);
  }
  // 2 learning agents per step: the policy has 10 steps after step 5, 20 after step 10, 30 after step 15.
  assert.deepEqual(teams, [0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1]);
  assert.equal(learner.steps, 30);
  assert.deepEqual(learner.forgotten, [0, 0, 0], 'source 0 forgotten at each of the three changes');
});

test('the opponents’ experience never reaches the learning policy: it only ever sees the learning team, the opponent never learns', () => {
  const { ghost, learner, opponent, views } = ghostOf({ teamChange: 6 });
  const learningAt: number[] = [];
  for (let step = 1; step <= 12; step++) {
    learningAt.push(ghost.learningTeam!);
    envStep(views, ghost);
  }
  assert.equal(learner.calls.length, 12, 'one call per step: the learning team’s');
  learner.calls.forEach((call, i) => {
    const team = learningAt[i]!;
    assert.deepEqual(call.agentIds, [team, team + 2], `step ${i + 1}: the learning team ${team}`);
    assert.equal(call.learn, true);
  });
  assert.equal(opponent.calls.length, 12);
  assert.ok(opponent.calls.every((c) => !c.learn), 'the opponent acts with learn: false');
  assert.equal(learner.steps, 24, 'only learning agents’ steps count');
  assert.equal(opponent.steps, 0);
});

test('snapshots every save_steps into a window of 3, and seeded swaps every swap_steps of the opponents (ratio 0.25)', () => {
  const { ghost, opponent, views } = ghostOf({ saveSteps: 4, swapSteps: 6, window: 3, playAgainstLatestModelRatio: 0.25 }, 7);
  // The draws as documented: u < 1 − ratio → a uniform slot, else the latest policy.
  const twin = new Rng(7);
  const draw = (slots: number) => (twin.next() < 0.75 ? twin.int(slots) : LATEST);
  let window = [0];
  let expectedOpponent = draw(1);
  assert.equal(ghost.opponentIndex, expectedOpponent, 'the first opponent is drawn at once');
  const opponentActions: number[] = [];
  const expectedActions: number[] = [];
  let expectedWeights = expectedOpponent === LATEST ? 0 : window[expectedOpponent]!;
  for (let step = 1; step <= 12; step++) {
    const { actions } = envStep(views, ghost);
    opponentActions.push(actions[1]!);
    expectedActions.push(expectedWeights);
    // After step s the policy has 2s steps and "weights" 2s; the opponents have 2s steps too.
    const steps = 2 * step;
    if (steps % 4 === 0) window = window.length < 3 ? [...window, steps] : window.map((w, slot) => (slot === (steps / 4) % 3 ? steps : w));
    if (steps % 6 === 0) {
      expectedOpponent = draw(window.length);
      expectedWeights = expectedOpponent === LATEST ? steps : window[expectedOpponent]!;
    }
    assert.equal(ghost.opponentIndex, expectedOpponent, `step ${step}`);
    assert.equal(opponent.weights, expectedWeights, `step ${step}: the opponent acts with the drawn weights`);
  }
  // Saves at 4, 8, 12, 16, 20, 24 after the initial 0: slots 0..2 hold [12, 16, 20] then 24 replaces 12.
  assert.deepEqual(window, [24, 16, 20]);
  assert.equal(ghost.snapshotCount, 3);
  assert.deepEqual(opponentActions, expectedActions, 'the opponents acted with the drawn snapshot');
});

test('ELO: finished episodes of the learning team against a snapshot move both ratings; interrupted ones and the opponents’ do not', () => {
  const { ghost, views } = ghostOf({ playAgainstLatestModelRatio: 0, window: 1 });
  assert.equal(ghost.opponentIndex, 0);
  assert.equal(ghost.elo, 1200);
  envStep(views, ghost, [[{ id: 0, reward: 1 }], [{ id: 1, reward: -1 }]]);
  assert.equal(ghost.elo, 1208);
  assert.equal(ghost.snapshotElo(0), 1192);
  const { stats } = envStep(views, ghost, [[{ id: 2, reward: 1 }, { id: 0, reward: 0, interrupted: true }], []]);
  assert.ok(Math.abs(ghost.elo - 1215.631846603239) < 1e-9, `${ghost.elo}`);
  assert.ok(Math.abs(ghost.snapshotElo(0) - 1184.368153396761) < 1e-9);
  assert.deepEqual(stats, { 'Losses/Policy Loss': 0.5, 'Self-play/ELO': ghost.elo }, 'the rating rides on the update’s stats');
  envStep(views, ghost, [[{ id: 0, reward: 0 }, { id: 2, reward: -0.5 }], []]);
  // A draw (−0.7179…) then a loss.
  const afterDraw = 1215.631846603239 - 0.717936439138148;
  const e = 1 / (1 + Math.pow(10, (1185.0860898358992 - afterDraw) / 400));
  assert.ok(Math.abs(ghost.elo - (afterDraw - 16 * e)) < 1e-9);
});

test('ELO against the latest policy does not move (ML-Agents adds and takes the change from one rating)', () => {
  const { ghost, views } = ghostOf({ playAgainstLatestModelRatio: 1 });
  assert.equal(ghost.opponentIndex, LATEST);
  envStep(views, ghost, [[{ id: 0, reward: 1 }], []]);
  assert.equal(ghost.elo, 1200);
});

test('evaluation (learn: false) acts with the learning policy for every team and changes nothing', () => {
  const { ghost, learner, opponent, views } = ghostOf({ teamChange: 2 });
  learner.weights = 5;
  opponent.weights = 9;
  const out = views.map((v, team) => decide(v, [{ source: 0, decisionSteps: decisions([team]), terminalSteps: terminals([{ id: team, reward: 1 }]) }], { learn: false })[0]!.discrete[0]);
  assert.deepEqual(out, [5, 5]);
  assert.equal(learner.steps, 0);
  assert.equal(ghost.elo, 1200);
});

test('checkpoint round trip: ELO, snapshots, opponent, counters and the draw stream come back, and both go on alike', () => {
  const settings = { saveSteps: 4, swapSteps: 6, teamChange: 10, window: 3, playAgainstLatestModelRatio: 0.5 };
  const a = ghostOf(settings, 3);
  for (let step = 1; step <= 9; step++) envStep(a.views, a.ghost, [[{ id: 0, reward: step % 3 === 0 ? -1 : 1 }], []]);
  const saved = JSON.parse(JSON.stringify(a.ghost.save())) as LearnerState;
  assert.equal(saved.trainerType, 'stand-in');
  assert.equal(saved.steps, 18);
  const b = ghostOf(settings, 99);
  b.ghost.load(saved, 'test.ckpt');
  assert.deepEqual(b.ghost.save(), a.ghost.save());
  assert.equal(b.ghost.elo, a.ghost.elo);
  assert.notEqual(a.ghost.elo, 1200);
  const trace = (g: ReturnType<typeof ghostOf>) =>
    Array.from({ length: 12 }, (_, i) => {
      const { actions } = envStep(g.views, g.ghost, [[{ id: 2, reward: i % 2 ? 1 : -1 }], []]);
      return [g.ghost.learningTeam, g.ghost.opponentIndex, ...actions, g.ghost.elo];
    });
  assert.deepEqual(trace(b), trace(a));
});

test('a state without self-play is refused, naming the checkpoint', () => {
  const { ghost } = ghostOf({});
  assert.throws(
    () => ghost.load({ trainerType: 'ppo', steps: 10, updates: 1 }, 'run.ckpt: learner "Duel"'),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_MODEL_STATE') && e.message === 'run.ckpt: learner "Duel": selfPlay: expected the state of a self-play learner (shiva-self-play version 1), got none (was the checkpoint written without self_play?)',
  );
});
