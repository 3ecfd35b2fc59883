/**
 * Population-based training of a self-play behavior (the built-in duel, PPO behind a ghost learner) with the
 * members' environments in one shared pool of worker threads and their episodes recorded: at the ranking the
 * exploiting member's ghost learner takes the source's state but keeps its own steps and random streams, its
 * learning policy's updates then use the explored values (Learner.setHyperparameters through the ghost), and each
 * member's recorded episodes land in its own folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunConfig } from '../../src/config/index.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { trainPopulation } from '../../src/cli/train-population.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import type { ExploitEvent, PopulationEvent } from '../../src/training/population/population-trainer.js';
import { exploitedState } from '../../src/training/population/exploited-state.js';

await chooseBackend('wasm');

const text = [
  'behaviors:',
  '  Duel:',
  '    trainer_type: ppo',
  '    hyperparameters: {batch_size: 64, buffer_size: 128, learning_rate: 3.0e-3, learning_rate_schedule: constant, num_epoch: 1}',
  '    network_settings: {hidden_units: 16, num_layers: 1}',
  '    max_steps: 512',
  '    time_horizon: 32',
  '    summary_freq: 64',
  '    self_play: {save_steps: 64, team_change: 128, swap_steps: 64, window: 3}',
  'env_settings: {env_path: "builtin:duel", num_envs: 1, num_areas: 4, seed: 2}',
  'shiva: {backend: wasm, env_workers: 1}',
  'population:',
  '  size: 2',
  '  interval: 256',
  '  explore: {learning_rate: {min: 1.0e-5, max: 1.0e-1, log: true}}',
  '  truncation: 0.5',
  '  seed: 4',
].join('\n');

test('PBT with self_play: the ghost learner is exploited and explored, its learning policy uses the new learning rate; members\' environments share one worker pool; episodes recorded per member', async () => {
  const results = mkdtempSync(join(tmpdir(), 'shiva-pbt-duel-'));
  try {
    const config = parseRunConfig(text, 'pbt-duel.yaml', { resultsDir: results, runId: 'duel' });
    const events: PopulationEvent[] = [];
    const result = await trainPopulation(config, { logger: silentLogger(), recordEpisodes: 2, onEvent: (e) => events.push(e) });
    const exploit = events.find((e): e is ExploitEvent => e.kind === 'exploit');
    assert.ok(exploit, `an exploit at the ranking: ${JSON.stringify(events)}`);
    const lr = exploit.hyperparameters['learning_rate']!;
    // The learning policy's updates after the exploit report the explored rate (summary periods wholly after it).
    const rows = readFileSync(join(result.runDir, `member-${exploit.member}`, 'Duel', 'scalars.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const rates = rows.filter((r) => r[2] === 'Policy/Learning Rate').map((r) => ({ step: Number(r[0]), value: Number(r[3]) }));
    const after = rates.filter((r) => r.step - 64 >= exploit.step);
    assert.ok(after.length > 0 && after.every((r) => Math.abs(r.value - lr.new) < 1e-9 * lr.new), `after step ${exploit.step} the rate is ${lr.new}: ${JSON.stringify(rates)}`);
    assert.ok(rates.some((r) => r.step <= exploit.step && Math.abs(r.value - lr.old) < 1e-9 * lr.old), `before, ${lr.old}: ${JSON.stringify(rates)}`);
    for (const m of result.members) assert.ok(m.learners['Duel']!.steps >= 512, `member ${m.member} trained to max_steps`);
    for (let m = 0; m < 2; m++) {
      const episodes = readdirSync(join(result.runDir, `member-${m}`, 'episodes')).filter((f) => f.endsWith('.jsonl'));
      assert.ok(episodes.length >= 1 && episodes.length <= 2 && episodes.every((f) => f.startsWith(`builtin_duel_${m}.0-`)), `member ${m}'s last episodes: ${episodes.join(', ')}`);
    }
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});

test('exploit of a self-play learner: the source\'s policy, ELO and snapshots, the member\'s own steps and random streams (its learning policy\'s and its draws\')', () => {
  const ghost = (steps: number, seed: number, elo: number) => ({
    trainerType: 'ppo',
    steps,
    updates: 1,
    learner: { trainerType: 'ppo', steps, updates: 1, policy: { w: [seed] }, rngs: { act: { words: [seed, 0, 0, 0] } } },
    selfPlay: { format: 'shiva-self-play', elo, window: { snapshots: [seed] }, rng: { words: [seed, 1, 1, 1] } },
  });
  const own = ghost(300, 1, 1200);
  const from = ghost(310, 2, 1350);
  const taken = exploitedState(own, from) as unknown as ReturnType<typeof ghost>;
  assert.equal(taken.steps, 300);
  assert.equal(taken.learner.steps, 300);
  assert.deepEqual(taken.learner.rngs, own.learner.rngs);
  assert.deepEqual(taken.learner.policy, from.learner.policy);
  assert.equal(taken.selfPlay.elo, 1350);
  assert.deepEqual(taken.selfPlay.window, from.selfPlay.window);
  assert.deepEqual(taken.selfPlay.rng, own.selfPlay.rng);
  const plain = exploitedState({ trainerType: 'ppo', steps: 5, updates: 0, rngs: 'own', policy: 'a' }, { trainerType: 'ppo', steps: 9, updates: 3, rngs: 'theirs', policy: 'b' });
  assert.deepEqual(plain, { trainerType: 'ppo', steps: 5, updates: 3, rngs: 'own', policy: 'b' });
});
