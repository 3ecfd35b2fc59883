/**
 * Recorded scout episodes for the map's tests: the built-in scout mission in-process (red's scripted expert against
 * the scene's own blue, short episodes), its frames kept by EpisodeFrames in RUN/episodes, until an episode with a
 * shot in it has been written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scriptedExpertFor } from '../../envs/experts.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { RED_BEHAVIOR, RED_SPEC } from '../../envs/scout/scout-scene.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { EpisodeFrames } from '../../src/training/episode-frames.js';

export async function recordScoutEpisodes(runDir: string, keep = 3, maxSteps = 60): Promise<{ files: readonly string[]; withFire: string }> {
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'run.json'), '{}\n');
  const env = new LocalEnv('builtin:scout', getBuiltinEnv('scout').factory, { seed: 11 });
  env.setEnvironmentParameters({ civilians: 2, trainee: 1, blue_scripted: 1, max_steps: maxSteps });
  await env.reset();
  const frames = new EpisodeFrames(join(runDir, 'episodes'), [env], { keep });
  frames.capture(0);
  const expert = scriptedExpertFor(RED_BEHAVIOR)!;
  const rng = new Rng(4);
  for (let step = 0; step < 20 * maxSteps; step++) {
    const d = env.getSteps(RED_BEHAVIOR).decisionSteps;
    if (d.count > 0) env.setActions(RED_BEHAVIOR, expert.act(RED_SPEC, d, rng));
    await env.step();
    const before = frames.files(0).length;
    frames.capture(0);
    const written = frames.files(0);
    if (written.length > before && readFileSync(written.at(-1)!, 'utf8').includes('"kind":"fire"')) return { files: written, withFire: written.at(-1)! };
  }
  throw new Error(`no scout episode with a shot in ${20 * maxSteps} steps`);
}
