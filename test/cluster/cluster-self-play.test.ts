/**
 * Self-play on a cluster: `shiva train --cluster` and one `shiva actor` process against a real `nats-server -js`
 * train the duel (configs/duel-selfplay.yaml, envs/duel) with a ghost learner. The learner keeps the schedule
 * (team changes every 1000 steps, a new opponent every 250 of theirs, snapshots every 500) and publishes it with
 * the policy; the actor plays the learning team with the policy and the other team with the published snapshot,
 * marking those steps, which the learner only counts. The run completes only if the actor follows the team
 * changes (after one, whatever the old roles acted is dropped); the learning policy's ELO against its snapshots rises.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainWithActors } from '../helpers/cluster-run.js';
import type { RunningCli } from '../helpers/processes.js';
import { natsServerMissing, startNatsServer } from '../helpers/nats-server.js';
import { repoRoot } from '../helpers/paths.js';

// A multiple of the 16 areas: each message is one decision batch of 16 agents, and the last one fed ends the run.
const STEPS = 4_800;

test(`self-play on the duel with a learner and an actor process: ${STEPS} learning steps across team changes, the opponents' steps counted, ELO up`, { skip: natsServerMissing ?? false, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-cluster-selfplay-'));
  const nats = await startNatsServer();
  const procs: RunningCli[] = [];
  try {
    const file = join(dir, 'duel.yaml');
    const shipped = readFileSync(join(repoRoot, 'configs', 'duel-selfplay.yaml'), 'utf8');
    writeFileSync(file, shipped.replace('max_steps: 20000', `max_steps: ${STEPS}`).replace('backend: auto', 'backend: wasm').replace('results_dir: results', `results_dir: ${join(dir, 'results')}`));
    const { runDir, summary } = await trainWithActors<{
      behaviors: Record<string, { steps: number }>;
      cluster: { trajectoryMessages: number; trainedOnMessages: number; droppedMessages: number; opponentMessages: number; trainedOnSteps: number; opponentSteps: number; roleChangedMessages: number; actors: Record<string, { steps: number; trainedOnSteps: number; droppedSteps: number; opponentSteps: number }> };
    }>(file, nats.url, procs);
    const c = summary.cluster;
    assert.equal(summary.behaviors['Duel?team=0']!.steps, STEPS, 'the learning steps (both teams took turns) reached max_steps');
    assert.equal(c.trainedOnSteps, STEPS);
    assert.ok(c.opponentSteps >= STEPS / 2, `the opponents' steps came too, counted toward swap_steps: ${c.opponentSteps}`);
    assert.equal(c.trainedOnMessages + c.droppedMessages + c.opponentMessages, c.trajectoryMessages, 'every trajectory message was trained on, dropped or counted as an opponent\'s');
    const a1 = c.actors['a1']!;
    assert.equal(a1.trainedOnSteps + a1.droppedSteps + a1.opponentSteps, a1.steps);
    assert.ok(c.roleChangedMessages <= c.droppedMessages);
    // The rating after each update (Self-play/ELO in scalars.csv): games against the published snapshots were rated.
    const elo = readFileSync(join(runDir, 'Duel', 'scalars.csv'), 'utf8').split('\n').filter((l) => l.includes(',Self-play/ELO,')).map((l) => Number(l.split(',').at(-1)));
    assert.ok(elo.length > 0 && elo.at(-1)! > 1200, `ELO from 1200 to ${elo.at(-1)}`);
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
