/**
 * EpisodeFrames (src/training/episode-frames.ts): the frames of each environment's last N episodes, one JSONL file
 * per episode, bounded (older files removed), readable back (the dashboard's reader), the backdrop written once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { readEpisodeFrames } from '../../src/cli/dashboard/episode-file.js';
import { EpisodeFrames } from '../../src/training/episode-frames.js';
import { recordScoutEpisodes } from '../helpers/scout-episodes.js';

test('duel episodes: a ring of the last 3 files, each a whole episode of JSONL frames, steps from 0, the track written once', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'shiva-frames-')), 'episodes');
  const env = new LocalEnv('builtin:duel', getBuiltinEnv('duel').factory, { seed: 1 });
  await env.reset();
  const frames = new EpisodeFrames(dir, [env], { keep: 3 });
  const rng = new Rng(3);
  frames.capture(0);
  for (let i = 0; i < 200; i++) {
    for (const [name, spec] of env.behaviorSpecs) {
      const d = env.getSteps(name).decisionSteps;
      if (d.count > 0) env.setActions(name, randomActions(spec.actionSpec, d, rng));
    }
    await env.step();
    frames.capture(0);
  }
  const files = readdirSync(dir).sort();
  assert.equal(files.length, 3, `kept 3 episodes: ${files.join(', ')}`);
  assert.deepEqual(frames.files(0).map((f) => basename(f)).sort(), files);
  const numbers = frames.files(0).map((f) => Number(/-(\d+)\.jsonl$/.exec(f)![1]));
  assert.ok(numbers[0]! > 3, 'older episodes were removed');
  assert.ok(!existsSync(join(dir, 'builtin_duel-0-1.jsonl')));
  for (const file of frames.files(0)) {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const read = readEpisodeFrames(file);
    assert.equal(read.length, lines.length);
    assert.deepEqual(read.map((f) => f.step), read.map((_, i) => i), 'steps 0, 1, 2, … within the episode');
    assert.ok(read[0]!.layers && read[0]!.layers.length === 1, 'the first frame has the backdrop');
    assert.ok(read.slice(1).every((f) => f.layers === undefined), 'later frames leave it out');
    assert.ok(read.every((f) => f.entities.filter((e) => e.kind === 'agent').length === 2));
  }
});

test('scout episodes are recorded with both teams and a line of fire, and a resumed recorder continues the numbering', async () => {
  const run = join(mkdtempSync(join(tmpdir(), 'shiva-frames-')), 'run');
  const { files, withFire } = await recordScoutEpisodes(run, 2);
  assert.ok(files.length >= 1 && files.length <= 2);
  const read = readEpisodeFrames(withFire);
  assert.deepEqual([...new Set(read[0]!.entities.filter((e) => e.kind === 'agent').map((e) => e.team))].sort(), [0, 1]);
  assert.ok(read.some((f) => f.links.some((l) => l.kind === 'fire')));
  const env = new LocalEnv('builtin:scout', getBuiltinEnv('scout').factory, { seed: 1 });
  await env.reset();
  const again = new EpisodeFrames(join(run, 'episodes'), [env], { keep: 2 });
  again.capture(0);
  assert.deepEqual(again.files(0), files, 'the files already there are the start of the ring');
});
