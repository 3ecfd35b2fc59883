/**
 * self_play from a run configuration to the learner plan: the example config, both teams resolving to one
 * learner with the self-play settings, memory kept beside it for PPO, and the contradiction with policy_per_team.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planResolver } from '../../src/training/plan-resolver.js';
import { assertTrainable } from '../../src/config/index.js';
import { loadRunConfig, parseRunConfig } from '../../src/config/load-run-config.js';
import { isShivaError } from '../../src/core/errors.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

test('configs/duel-selfplay.yaml: both teams resolve to one learner "Duel" whose plan carries the self_play settings', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'duel-selfplay.yaml'));
  assert.deepEqual(config.warnings, []);
  assert.doesNotThrow(() => assertTrainable(config));
  const resolve = planResolver(config);
  const [team0, team1] = [resolve('Duel?team=0')!, resolve('Duel?team=1')!];
  assert.equal(team0, team1);
  assert.equal(team0.learnerId, 'Duel');
  assert.equal(team0.trainerType, 'ppo');
  assert.deepEqual(team0.selfPlay, { saveSteps: 500, teamChange: 1000, swapSteps: 250, window: 5, playAgainstLatestModelRatio: 0.5, initialElo: 1200 });
});

test('without self_play the plan has none; with the section alone, ML-Agents’ defaults (team_change = 5 × save_steps)', () => {
  const plain = parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: ppo'), 'run.yaml');
  assert.equal(planResolver(plain)('A?team=0')!.selfPlay ?? null, null);
  const config = parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: ppo', '    self_play:', '      save_steps: 100'), 'run.yaml');
  assert.deepEqual(planResolver(config)('A?team=1')!.selfPlay, { saveSteps: 100, teamChange: 500, swapSteps: 2000, window: 10, playAgainstLatestModelRatio: 0.5, initialElo: 1200 });
});

test('network_settings.memory with self_play: PPO’s plan keeps the LSTM (recurrent opponents), SAC’s trains without it', () => {
  const lines = (trainer: string) => yaml('behaviors:', '  A:', `    trainer_type: ${trainer}`, '    network_settings:', '      memory: {memory_size: 16, sequence_length: 8}', '    self_play: {}');
  const ppo = planResolver(parseRunConfig(lines('ppo'), 'run.yaml'))('A?team=0')!;
  assert.deepEqual(ppo.network.memory, { sequenceLength: 8, memorySize: 16 });
  assert.notEqual(ppo.selfPlay ?? null, null);
  assert.equal(planResolver(parseRunConfig(lines('sac'), 'run.yaml'))('A?team=0')!.network.memory, undefined);
});

test('self_play with policy_per_team is refused at its line: self-play trains one policy for every team', () => {
  const config = parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: ppo', '    policy_per_team: true', '    self_play: {window: 3}'), 'run.yaml');
  assert.throws(
    () => planResolver(config)('A?team=0'),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_CONFIG') && e.message === 'run.yaml:4: behaviors.A.policy_per_team: expected false with self_play (self-play trains one policy that every team takes turns with), got true',
  );
});
