/**
 * A cluster run as the process tests start one: `shiva train FILE --cluster URL` and one `shiva actor` per id, each
 * run to its end and required to exit 0; the learner's run folder and its summary.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastJsonLine, runCli, type RunningCli } from './processes.js';

/** `procs` receives every process started (the caller kills them in its `finally`, should an assertion fail first). */
export async function trainWithActors<Summary>(file: string, natsUrl: string, procs: RunningCli[], actorIds: readonly string[] = ['a1']): Promise<{ runDir: string; summary: Summary }> {
  const learner = runCli(['train', file, '--cluster', natsUrl]);
  procs.push(learner, ...actorIds.map((id) => runCli(['actor', file, '--cluster', natsUrl, '--actor-id', id])));
  const result = await learner.done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  for (const actor of procs.slice(-actorIds.length)) {
    const a = await actor.done;
    assert.equal(a.code, 0, a.stderr.slice(-2000));
  }
  const { runDir } = lastJsonLine<{ runDir: string }>(result.stdout);
  return { runDir, summary: JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary };
}
