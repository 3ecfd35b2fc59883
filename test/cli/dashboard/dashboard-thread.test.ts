/**
 * The live dashboard's own thread (src/cli/dashboard/dashboard-thread.ts): it answers from the results folder while
 * the main thread is busy (here: blocked outright, as a long synchronous training step would block it), a port in
 * use is refused with the ShivaError DashboardServer.open gives, and close ends the thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardThread } from '../../../src/cli/dashboard/dashboard-thread.js';
import { isShivaError } from '../../../src/core/errors.js';

function resultsFolder(): string {
  const results = mkdtempSync(join(tmpdir(), 'shiva-dashboard-thread-'));
  mkdirSync(join(results, 'run1', 'Learner'), { recursive: true });
  writeFileSync(join(results, 'run1', 'Learner', 'scalars.csv'), `step,wall_time,tag,value\n100,${Date.now() / 1000},Environment/Cumulative Reward,1.5\n`);
  return results;
}

test('the dashboard thread answers while the main thread is blocked, and close ends it', async () => {
  const thread = await DashboardThread.open({ resultsDir: resultsFolder(), port: 0 });
  assert.match(thread.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  // A child process asks while this thread sits in a synchronous wait: only the dashboard's own thread can answer.
  const script = `fetch(${JSON.stringify(`${thread.url}api/runs`)}).then(r => r.json()).then(b => process.stdout.write(JSON.stringify(b)))`;
  const body = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 })) as { runs: { id: string }[] };
  assert.deepEqual(body.runs.map((r) => r.id), ['run1']);
  await thread.close();
  await assert.rejects(fetch(`${thread.url}api/runs`), 'nothing listens once closed');
});

test('a port in use: the thread refuses with the ShivaError the server gives, and ends', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  try {
    await assert.rejects(DashboardThread.open({ resultsDir: resultsFolder(), port }), (error: unknown) => {
      assert.ok(isShivaError(error, 'SHIVA_ERR_BIND'), `a ShivaError SHIVA_ERR_BIND: ${String(error)}`);
      assert.match((error as Error).message, new RegExp(`${port}`));
      return true;
    });
  } finally {
    busy.close();
  }
});
