/**
 * `shiva probe` as a simulation engineer runs it: a real child process listening, a stand-in scene connecting,
 * the specs printed for people on stderr and one JSON summary line on stdout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastJsonLine, runCli } from '../helpers/processes.js';
import type { ProbeSummary } from '../../src/cli/probe.js';

test('probe waits for a scene, prints its specs, steps it randomly within its masks, and closes it with 400', async () => {
  const probe = runCli(['probe', '--port', '0', '--steps', '40', '--timeout', '20']);
  let stderr = '';
  probe.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 20_000;
  let port = 0;
  while (!port && Date.now() < deadline) {
    port = Number(/listening on localhost:(\d+)/.exec(stderr)?.[1] ?? 0);
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(port > 0, `probe announced its port: ${stderr}`);
  const scene = runCli(['unity-standin', '--env', 'gridworld', '--port', String(port), '--num-areas', '2']);
  const [probed, served] = await Promise.all([probe.done, scene.done]);
  assert.equal(probed.code, 0, probed.stderr);
  assert.equal(served.code, 0, 'the scene was closed with status 400 and exited 0');
  assert.match(stderr, /behavior Forager\?team=0\n {4}observation "VectorSensor_size14": shape \[14\]\n {4}actions: 0 continuous, discrete branches \[5, 2\]/);
  const summary = lastJsonLine<ProbeSummary>(probed.stdout);
  assert.deepEqual(Object.keys(summary.behaviors).sort(), ['Forager?team=0', 'Guard?team=1']);
  assert.deepEqual(summary.behaviors['Guard?team=1']!.actions, { continuous: 0, discreteBranches: [5] });
  assert.equal(summary.steps, 40);
  assert.equal(summary.peer.communicationVersion, '1.5.0');
  assert.equal(summary.peer.capabilities.multiAgentGroups, true);
  const report = lastJsonLine<{ decisionSteps: number; terminalSteps: number; rewardSum: number; exchanges: number; resets: number }>(served.stdout);
  const decisions = Object.values(summary.decisionAgentSteps).reduce((a, b) => a + b, 0);
  const terminals = Object.values(summary.terminalAgentSteps).reduce((a, b) => a + b, 0);
  assert.equal(decisions, report.decisionSteps);
  assert.equal(terminals, report.terminalSteps);
  assert.ok(Math.abs(Object.values(summary.rewardSums).reduce((a, b) => a + b, 0) - report.rewardSum) < 1e-3);
  assert.equal(report.resets, 2, 'reset at the start and once more before closing');
  assert.ok(Object.keys(summary.stats).length > 0, 'the Stats side channel reached the probe');
});

test('probe with nobody connecting fails after its timeout with a clear message', async () => {
  const probe = runCli(['probe', '--port', '0', '--timeout', '0.5']);
  const result = await probe.done;
  assert.equal(result.code, 1);
  assert.match(result.stderr, /shiva: waited 0\.5 s for a Unity scene on port \d+ to connect \[SHIVA_ERR_TIMEOUT\]/);
});

test('bad command-line values name the option, what was expected and what came', async () => {
  const result = await runCli(['probe', '--steps', 'many']).done;
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /option '--steps <n>' argument 'many' is invalid\. expected an integer in 0\.\.\d+, got "many"/);
});
