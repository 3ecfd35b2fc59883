/**
 * The Unity stand-in (the real `shiva unity-standin` process) treats a masked action as a Unity build does: the
 * mask is a hint to the trainer, not a contract, so a trainer that ignores it (ML-Agents' random_action) does not
 * end the run. The stand-in counts each one, logs it, and reports the total at the close.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import { maskSize } from '../../src/core/env/behavior-spec.js';
import { RemoteEnv } from '../../src/core/env/remote-env.js';
import type { StandInReport } from '../../envs/standin/unity-standin.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';

test('gridworld stand-in: actions its masks forbid are counted and logged, and the run goes on', async () => {
  const server = await new GrpcBridgeServer(0, { seed: 5 }).start();
  const standIn = runCli(['unity-standin', '--env', 'gridworld', '--num-areas', '2', '--port', String(server.boundPort)]);
  let exited = false;
  void standIn.done.then(() => (exited = true));
  try {
    const env = new RemoteEnv(await server.hub.nextSession(20_000));
    await env.reset();
    let chosenMasked = 0;
    for (let step = 0; step < 20; step++) {
      for (const [name, spec] of env.behaviorSpecs) {
        const d = env.getSteps(name).decisionSteps;
        if (d.count === 0) continue;
        assert.ok(d.actionMasks, `${name} sends masks`);
        const branches = spec.actionSpec.discreteBranches;
        const width = maskSize(spec.actionSpec);
        const discrete = new Int32Array(d.count * branches.length);
        // On every branch, the first option the mask forbids when there is one (as a mask-blind trainer may pick).
        for (let i = 0; i < d.count; i++) {
          let offset = i * width;
          branches.forEach((size, b) => {
            let masked = -1;
            for (let k = 0; k < size && masked < 0; k++) if (d.actionMasks![offset + k]) masked = k;
            if (masked >= 0) chosenMasked++;
            discrete[i * branches.length + b] = Math.max(0, masked);
            offset += size;
          });
        }
        env.setActions(name, { continuous: new Float32Array(0), discrete });
      }
      await env.step();
      assert.equal(exited, false, `the stand-in is still running after step ${step}`);
    }
    assert.ok(chosenMasked > 20, `masked choices sent: ${chosenMasked}`);
    await env.close();
    const result = await standIn.done;
    assert.equal(result.code, 0, result.stderr.slice(-1500));
    assert.doesNotMatch(result.stderr, /SHIVA_ERR_ACTION_VALUE/);
    const report = lastJsonLine<StandInReport>(result.stdout);
    assert.equal(report.endedBy, 'status-400');
    assert.equal(report.maskedActions, chosenMasked, 'every masked choice was counted');
    // The trainingAnalytics capability the bridge advertises is honoured even by a bare server (as mlagents_envs').
    assert.deepEqual(report.trainingAnalytics, { environments: 1, behaviors: [] });
    // Each of the first ones is logged, then the total at the close.
    assert.match(result.stderr, /behavior \\"Forager\?team=0\\" decision #\d+ branch \d: the trainer chose option \d, which the agent's mask forbids; the agent takes option 0 instead/);
    assert.match(result.stderr, new RegExp(`${chosenMasked} masked action\\(s\\) received in all`));
  } finally {
    if (!exited) standIn.child.kill('SIGKILL');
    await server.stop();
  }
});
