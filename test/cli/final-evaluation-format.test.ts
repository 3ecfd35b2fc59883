/**
 * The final evaluation as the end of `shiva train` prints it: one count of episodes, how each side acted, and each
 * stat in plain words (a percentage with its count; a count per episode with its total).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFinalEvaluation, type FinalEvaluation } from '../../src/cli/final-evaluation.js';
import type { EvaluationResult } from '../../src/cli/evaluate.js';

const WIN = 'Scout/Red/Win';
const ROE = 'Scout/Red/ROE Violations';
const SHOWN = [
  { stat: WIN, label: 'win rate', window: 200, percent: true },
  { stat: ROE, label: 'ROE violations', window: 200, percent: false },
];

function side(checkpoint: string | null, episodes: number, wins: number, violations: { count: number; total: number }): EvaluationResult {
  return {
    checkpoint,
    mode: checkpoint === null ? 'stochastic' : 'deterministic',
    episodeStat: WIN,
    environmentEpisodes: episodes,
    behaviors: { 'Red?team=0': { learner: 'Red', episodes: episodes * 2, meanReturn: checkpoint ? 3.12 : 0.35, stdReturn: 0, minReturn: 0, maxReturn: 0, meanLength: 10 } },
    stats: { [WIN]: { mean: wins / episodes, count: episodes, total: wins }, [ROE]: { mean: violations.total / violations.count, ...violations } },
  };
}

const evaluation = (trained: EvaluationResult, baseline: EvaluationResult | null): FinalEvaluation => ({ episodes: 200, episodeStat: WIN, seed: 12345, wallSeconds: 14.2, trained, baseline });

test('one count of episodes (what was played, not what was asked for) and plain words', () => {
  const text = formatFinalEvaluation(evaluation(side('ckpt', 204, 204, { count: 204, total: 0 }), side(null, 204, 3, { count: 204, total: 0 })), SHOWN);
  assert.equal(
    text,
    [
      'Final evaluation: 204 episodes (counted by Scout/Red/Win), seed 12345, 14.2 s',
      '  trained = final checkpoint, greedy; untrained = fresh policies, sampling',
      '  Red?team=0 mean return: trained 3.12 | untrained 0.35',
      '  win rate: trained 100.0% (204 of 204) | untrained 1.5% (3 of 204)',
      '  ROE violations per episode: trained 0 (0 in all) | untrained 0 (0 in all)',
    ].join('\n'),
  );
});

test('sides that played different counts say so; a stat not reported once per episode is an average over its reports', () => {
  const text = formatFinalEvaluation(evaluation(side('ckpt', 204, 200, { count: 408, total: 4 }), side(null, 200, 3, { count: 400, total: 2 })), SHOWN);
  assert.match(text, /^Final evaluation: trained 204 episodes, untrained 200 episodes \(counted by Scout\/Red\/Win\), seed 12345, 14\.2 s\n/);
  assert.match(text, /\n {2}win rate: trained 98\.0% \(200 of 204\) \| untrained 1\.5% \(3 of 200\)\n/);
  assert.match(text, /\n {2}ROE violations: trained 0\.01 on average over 408 reports \(4 in all\) \| untrained 0\.005 on average over 400 reports \(2 in all\)$/);
  assert.doesNotMatch(text, /per report/);
});

test('without a baseline, only the trained side', () => {
  const text = formatFinalEvaluation(evaluation(side('ckpt', 40, 10, { count: 40, total: 0 }), null), SHOWN);
  assert.match(text, /^Final evaluation: 40 episodes \(counted by Scout\/Red\/Win\)/);
  assert.match(text, /\n {2}trained = final checkpoint, greedy\n/);
  assert.match(text, /\n {2}win rate: trained 25\.0% \(10 of 40\)\n/);
});
