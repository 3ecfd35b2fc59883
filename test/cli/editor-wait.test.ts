/**
 * Waiting for the Unity Editor (no environment in the configuration): on an explicit --base-port (a departure from
 * mlagents-learn, which always uses 5004 there), as long as it takes unless timeout_wait is given, and a version
 * mismatch ends the command with the version error at once rather than a "waited … to connect" timeout. Either way
 * the run folder made for the attempt is removed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BridgePool } from '../../src/bridge/bridge-pool.js';
import { environmentSettings } from '../../src/cli/environments.js';
import { parseRunConfig } from '../../src/config/index.js';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { grpcConnection } from '../../envs/standin/trainer-connection.js';
import { runCli } from '../helpers/processes.js';
import { freePort } from '../helpers/free-port.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-editor-'));

function editorConfig(runId: string, extra: readonly string[] = []): string {
  const file = join(work, `${runId}.yaml`);
  writeFileSync(file, ['behaviors:', '  Fake: {max_steps: 100}', `checkpoint_settings: {run_id: ${runId}, results_dir: ${join(work, 'results')}}`, 'shiva: {backend: cpu}', ...extra, ''].join('\n'));
  return file;
}


test('the Editor waits for Play as long as it takes unless timeout_wait is given, and --base-port on the command line moves it', async () => {
  const load = (text: string) => parseRunConfig(text, 'run.yaml');
  const run = { seed: 1, logDir: work, logger: silentLogger() };
  assert.deepEqual(environmentSettings(load('behaviors: {}\n'), run).editor, { connectTimeoutMs: null }, 'no timeout_wait: forever, on 5004');
  assert.deepEqual(environmentSettings(load('env_settings: {timeout_wait: 5}\n'), run).editor, { connectTimeoutMs: 5000 }, 'timeout_wait in the file');
  const flags = parseRunConfig('behaviors: {}\n', 'run.yaml', { basePort: 6001, timeoutWait: 3 });
  assert.deepEqual(environmentSettings(flags, { ...run, explicit: { basePort: true, timeoutWait: true } }).editor, { port: 6001, connectTimeoutMs: 3000 });
  // base_port in a file (ML-Agents writes 5005 there) is for executables; the Editor stays on 5004.
  assert.deepEqual(environmentSettings(load('env_settings: {base_port: 6002}\n'), run).editor, { connectTimeoutMs: null });

  // The pool's "null waits forever" holds: no 120 s cap slipped in for the Editor.
  const pool = await new BridgePool({ basePort: 0, numEnvs: 1, connectTimeoutMs: null, logger: silentLogger() }).start();
  try {
    assert.equal((pool.envs[0] as unknown as { connectTimeoutMs: number | null }).connectTimeoutMs, null);
  } finally {
    await pool.shutdown();
  }
});

test('shiva train for the Editor on --base-port: with --timeout-wait it gives up naming the port, and the run folder is removed', async () => {
  const port = await freePort();
  const { code, stderr } = await runCli(['train', editorConfig('editor-timeout'), '--base-port', String(port), '--timeout-wait', '1']).done;
  assert.equal(code, 1, stderr);
  assert.match(stderr, new RegExp(`waited 1 s for the simulation on port ${port} to connect \\[SHIVA_ERR_TIMEOUT\\]\\n$`));
  assert.ok(!existsSync(join(work, 'results', 'editor-timeout')), 'the run folder made for the attempt was removed');
});

test('a version mismatch ends shiva train with SHIVA_ERR_VERSION at once (not a wait that never ends), and the run folder is removed', async () => {
  const port = await freePort();
  const train = runCli(['train', editorConfig('editor-version'), '--base-port', String(port)]);
  const started = Date.now();
  // A Unity of another communication API: the handshake is answered, the second call refused (as mlagents_envs).
  const init = co.UnityMessageProto.encode({
    header: { status: 200 },
    unityOutput: { rlInitializationOutput: { name: 'AcademySingleton', communicationVersion: '2.0.0', packageVersion: '9.9.9', capabilities: { baseRLCapabilities: true } } },
  }).finish();
  let answered = false;
  for (let i = 0; i < 200 && !answered; i++) {
    const conn = grpcConnection(port);
    try {
      await conn.call(init);
      answered = true;
      await conn.call(co.UnityMessageProto.encode({ header: { status: 200 } }).finish()).catch(() => undefined);
    } catch {
      await new Promise((r) => setTimeout(r, 100)); // not listening yet
    } finally {
      conn.close();
    }
  }
  assert.ok(answered, 'the trainer answered the handshake');
  const { code, stderr } = await train.done;
  assert.equal(code, 1, stderr);
  assert.match(stderr, /expected major version 1 .*got "2\.0\.0".*\[SHIVA_ERR_VERSION\]\n$/);
  assert.doesNotMatch(stderr, /waited .* to connect/);
  assert.ok(Date.now() - started < 30_000);
  assert.ok(!existsSync(join(work, 'results', 'editor-version')), 'the run folder made for the attempt was removed');
});
