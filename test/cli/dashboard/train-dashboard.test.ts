/**
 * `shiva train --dashboard [PORT]`: the dashboard of the results folder is served while the run trains (the run is
 * listed, live, with its curve growing), on loopback, and closed when the command ends; a bad port is refused before
 * anything starts. `--record-episodes N` keeps the last N episodes' frames for the map.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEpisodeFrames } from '../../../src/cli/dashboard/episode-file.js';
import { runCli } from '../../helpers/processes.js';
import { cliMain } from '../../helpers/paths.js';

function config(dir: string): string {
  const file = join(dir, 'run.yaml');
  writeFileSync(
    file,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 2 }
    network_settings: { hidden_units: 16, num_layers: 1 }
    max_steps: 6000
    time_horizon: 64
    summary_freq: 500
env_settings: { env_path: "builtin:cartpole", num_areas: 4, seed: 1 }
checkpoint_settings: { run_id: live, results_dir: ${join(dir, 'results')} }
shiva: { backend: cpu }
`,
  );
  return file;
}

test('shiva train --dashboard 0: the running run is listed live on the dashboard, and the dashboard closes with the command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-dashboard-'));
  const run = runCli(['train', config(dir), '--dashboard', '0'], { SHIVA_LOG_LEVEL: 'info' });
  let stderr = '';
  run.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  let url: string | null = null;
  for (let waited = 0; url === null && waited < 30_000 && run.child.exitCode === null; waited += 50) {
    url = /"dashboard":"(http:\/\/[^"]+)"/.exec(stderr)?.[1] ?? null;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(url, `the dashboard's address is logged: ${stderr.slice(-1500)}`);
  assert.match(url!, /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/$/, 'on loopback');
  // Live once its first summary is written (scalars within the last 30 s), while the command still runs.
  let listed: { id: string; live: boolean } | undefined;
  for (let waited = 0; !listed?.live && waited < 30_000 && run.child.exitCode === null; waited += 100) {
    const runs = (await (await fetch(`${url}api/runs`)).json()) as { runs: { id: string; live: boolean }[] };
    listed = runs.runs.find((r) => r.id === 'live');
    if (!listed?.live) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(listed?.live, true, `the run is listed live while it trains: ${JSON.stringify(listed)}`);
  const result = await run.done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  await assert.rejects(fetch(`${url}api/runs`), 'closed with the command');
});

test('shiva train --dashboard with a bad port is refused before anything starts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-dashboard-'));
  const result = await runCli(['train', config(dir), '--dashboard', 'lots']).done;
  assert.equal(result.code, 1);
  assert.match(result.stderr, /--dashboard: expected a port in 0\.\.65535 .*got "lots".*\[SHIVA_ERR_USAGE\]/);
  assert.equal(existsSync(join(dir, 'results')), false, 'no run folder');
});

test('shiva train --record-episodes 2: the last two episodes of a built-in scene that draws itself are kept in RUN/episodes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-episodes-'));
  const file = join(dir, 'spread.yaml');
  writeFileSync(
    file,
    `behaviors:
  Spread:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 16, num_layers: 1 }
    max_steps: 900
    time_horizon: 32
    summary_freq: 300
env_settings: { env_path: "builtin:spread", num_areas: 1, seed: 1 }
checkpoint_settings: { run_id: drawn, results_dir: ${join(dir, 'results')} }
shiva: { backend: cpu }
`,
  );
  const result = await runCli(['train', file, '--record-episodes', '2']).done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const episodes = join(dir, 'results', 'drawn', 'episodes');
  const files = readdirSync(episodes).sort();
  assert.equal(files.length, 2, files.join(', '));
  for (const f of files) {
    assert.match(f, /^builtin_spread\S*-0-\d+\.jsonl$/, 'ENV-SOURCE-EPISODE.jsonl');
    const frames = readEpisodeFrames(join(episodes, f));
    assert.equal(frames.length, 25, 'a whole spread episode (max_steps 25)');
    assert.equal(frames[0]!.entities.filter((e) => e.kind === 'agent').length, 3);
  }
});

test('shiva train --record-episodes with a launched player that sends its drawings on the scene-drawing side channel (as a Unity scene would): the map gets its episodes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-remote-drawing-'));
  // The stand-in plays a Unity build that registered Shiva's scene-drawing channel (docs/SCENE-DRAWING.md).
  const player = join(dir, 'Spread.x86_64');
  writeFileSync(player, `#!/bin/sh\nexec "${process.execPath}" "${cliMain}" unity-standin --env spread --send-drawings "$@"\n`);
  chmodSync(player, 0o755);
  const file = join(dir, 'spread.yaml');
  writeFileSync(
    file,
    `behaviors:
  Spread:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 16, num_layers: 1 }
    max_steps: 900
    time_horizon: 32
    summary_freq: 300
env_settings: { env_path: "${player}", num_areas: 1, seed: 1, base_port: 0 }
checkpoint_settings: { run_id: remote, results_dir: ${join(dir, 'results')} }
shiva: { backend: cpu }
`,
  );
  const result = await runCli(['train', file, '--record-episodes', '2']).done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const episodes = join(dir, 'results', 'remote', 'episodes');
  const files = readdirSync(episodes).sort();
  assert.equal(files.length, 2, files.join(', '));
  for (const f of files) {
    const frames = readEpisodeFrames(join(episodes, f));
    // Each drawing arrives with the output of the step it shows: a whole spread episode is its 25 steps, the
    // first (step 0) coming with the reset.
    assert.ok(frames.length >= 24 && frames.length <= 26, `${frames.length} frames`);
    assert.equal(frames[0]!.scene, 'spread');
    assert.equal(frames[0]!.entities.filter((e) => e.kind === 'agent').length, 3);
    for (let i = 1; i < frames.length; i++) assert.ok(frames[i]!.step > frames[i - 1]!.step, 'steps go up within an episode');
  }
});
