/**
 * Distributed training as a user runs it: a real `nats-server -js` on loopback, `shiva train --cluster` (the
 * learner) and `shiva actor` processes of the compiled CLI. CartPole with the configuration of test/cli/train.test.ts
 * (24k steps, 4 agents in all) reaches that test's threshold with a learner and two actors; an actor killed with
 * SIGKILL mid-run leaves the learner training with the other, and the counts in summary.json add up; a learner
 * killed with SIGKILL and started again with --resume goes on from its checkpoint and the stream, each message fed once;
 * the NATS server killed and started again under a run: learner and actor reconnect and the run completes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastJsonLine, runCli, type RunningCli } from '../helpers/processes.js';
import { natsServerMissing, startNatsServer } from '../helpers/nats-server.js';

function config(dir: string, runId: string, maxSteps: number, extra = ''): string {
  const path = join(dir, `${runId}.yaml`);
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 128, buffer_size: 512, learning_rate: 1.0e-3, beta: 0.01, num_epoch: 4 }
    network_settings: { hidden_units: 64, num_layers: 2, activation: tanh }
    reward_signals: { extrinsic: { gamma: 0.99, strength: 1.0 } }
    max_steps: ${maxSteps}
    time_horizon: 128
    summary_freq: 2000
env_settings:
  env_path: builtin:cartpole
  num_envs: 1
  num_areas: 2
  seed: 7
checkpoint_settings:
  run_id: ${runId}
  results_dir: ${join(dir, 'results')}
shiva:
  backend: wasm
${extra}`,
  );
  return path;
}

interface ClusterSummary {
  behaviors: Record<string, { steps: number; episodes: number; meanReturnLast100: number }>;
  cluster: {
    consumedMessages: number;
    acknowledgedMessages: number;
    trajectoryMessages: number;
    trainedOnMessages: number;
    droppedMessages: number;
    trainedOnSteps: number;
    droppedSteps: number;
    forgottenSources: number;
    redeliveredMessages: number;
    outOfOrderMessages: number;
    sequenceGaps: number;
    actors: Record<string, { messages: number; steps: number; trainedOnSteps: number; droppedSteps: number; left: string | null; sources: number }>;
    server: { producedMessages: number; delivered: number; ackFloor: number; ackPending: number; pending: number };
  };
}

function progress(stderr: string): { steps: number; meanReturn: number | null }[] {
  return stderr
    .split('\n')
    .filter((l) => l.includes('"learnerId"') && l.includes('"meanReturn"'))
    .map((l) => JSON.parse(l) as { steps: number; meanReturn: number | null });
}

/** The counts agree with each other and with the server's. */
function assertCountsConsistent(s: ClusterSummary, steps: number): void {
  const c = s.cluster;
  assert.equal(c.acknowledgedMessages, c.consumedMessages, 'every message handled was acknowledged');
  assert.equal(c.trainedOnMessages + c.droppedMessages, c.trajectoryMessages, 'every trajectory was trained on or dropped');
  assert.equal(c.trainedOnSteps, steps, "the learner's steps are the steps it was fed");
  assert.equal(c.server.ackFloor, c.acknowledgedMessages + c.redeliveredMessages, "the server's ack floor is what the learner acknowledged (a redelivery acknowledged too)");
  assert.ok(c.server.delivered >= c.consumedMessages, 'the server delivered at least what was handled');
  assert.ok(c.server.producedMessages >= c.trajectoryMessages, 'the stream holds at least the trajectories consumed');
  const perActor = Object.values(c.actors);
  assert.equal(perActor.reduce((n, a) => n + a.trainedOnSteps, 0), c.trainedOnSteps);
  assert.equal(perActor.reduce((n, a) => n + a.droppedSteps, 0), c.droppedSteps);
  assert.equal(perActor.reduce((n, a) => n + a.messages, 0), c.trajectoryMessages);
  for (const a of perActor) assert.equal(a.trainedOnSteps + a.droppedSteps, a.steps);
}

test('a learner and two actor processes train CartPole to the single-process threshold', { skip: natsServerMissing ?? false, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-cluster-'));
  const nats = await startNatsServer();
  const procs: RunningCli[] = [];
  try {
    const file = config(dir, 'cl-learn', 24_000);
    const learner = runCli(['train', file, '--cluster', nats.url], { SHIVA_LOG_LEVEL: 'info' });
    procs.push(learner);
    for (const id of ['a1', 'a2']) procs.push(runCli(['actor', file, '--cluster', nats.url, '--actor-id', id]));
    const result = await learner.done;
    assert.equal(result.code, 0, result.stderr.slice(-2000));
    const actors = await Promise.all(procs.slice(1).map((p) => p.done));
    for (const a of actors) {
      assert.equal(a.code, 0, a.stderr.slice(-2000));
      assert.equal(lastJsonLine<{ stoppedBy: string }>(a.stdout).stoppedBy, 'finished', 'the learner told the actors the run is over');
    }
    // The threshold of test/cli/train.test.ts: the last mean return at least 60 and at least twice the first.
    const points = progress(result.stderr).filter((p) => p.meanReturn !== null);
    const first = points[0]!.meanReturn!;
    const last = points[points.length - 1]!.meanReturn!;
    assert.ok(last >= 60 && last >= 2 * first, `mean return went from ${first} to ${last}`);
    const out = lastJsonLine<{ runDir: string; checkpoint: string }>(result.stdout);
    const summary = JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as ClusterSummary;
    const cartpole = summary.behaviors['CartPole?team=0']!;
    assert.equal(cartpole.steps, 24_000);
    assertCountsConsistent(summary, cartpole.steps);
    assert.deepEqual(Object.keys(summary.cluster.actors).sort(), ['a1', 'a2']);
    for (const a of Object.values(summary.cluster.actors)) assert.ok(a.trainedOnSteps > 2_000, `both actors fed the learner: ${JSON.stringify(a)}`);
    assert.ok(out.checkpoint.endsWith('.ckpt'), 'a final checkpoint was written');
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

const MAX_STEPS = 16_000;

test('an actor killed with SIGKILL mid-run: the learner trains on with the other and the run completes', { skip: natsServerMissing ?? false, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-cluster-kill-'));
  const nats = await startNatsServer();
  const procs: RunningCli[] = [];
  try {
    // Long enough after the kill (at ≥ 2,000) that the learner outlives the 1 s timeout even when this test's own
    // polling is starved by a loaded machine and the kill comes late.
    const file = config(dir, 'cl-kill', MAX_STEPS, '  cluster: { actor_timeout_s: 1 }\n');
    const learner = runCli(['train', file, '--cluster', nats.url], { SHIVA_LOG_LEVEL: 'info' });
    procs.push(learner);
    const doomed = runCli(['actor', file, '--cluster', nats.url, '--actor-id', 'doomed']);
    const survivor = runCli(['actor', file, '--cluster', nats.url, '--actor-id', 'survivor']);
    procs.push(doomed, survivor);
    // Kill one actor once the learner has trained a while (mid-episode: CartPole's episodes are short but never step-aligned).
    let stderr = '';
    learner.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    for (;;) {
      const p = progress(stderr);
      if (p.length > 0 && p[p.length - 1]!.steps >= 2_000) break;
      if (learner.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    doomed.child.kill('SIGKILL');
    const result = await learner.done;
    assert.equal(result.code, 0, result.stderr.slice(-2000));
    assert.equal((await doomed.done).signal, 'SIGKILL');
    assert.equal((await survivor.done).code, 0);
    const out = lastJsonLine<{ runDir: string }>(result.stdout);
    const summary = JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as ClusterSummary;
    assert.equal(summary.behaviors['CartPole?team=0']!.steps, MAX_STEPS);
    assertCountsConsistent(summary, MAX_STEPS);
    const { doomed: dead, survivor: alive } = summary.cluster.actors;
    assert.equal(dead!.left, 'timeout', `the killed actor was given up for silence: ${JSON.stringify(summary.cluster.actors)}`);
    assert.ok(summary.cluster.forgottenSources >= 1, 'its sources were forgotten (its open episode lost)');
    assert.ok(alive!.trainedOnSteps > dead!.trainedOnSteps / 4, 'the survivor went on feeding the learner');
    assert.match(result.stderr, /actor doomed left \(timeout\)/);
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a learner killed with SIGKILL and started again with --resume: it goes on from its checkpoint and the stream, every message fed once', { skip: natsServerMissing ?? false, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-cluster-resume-'));
  const nats = await startNatsServer();
  const procs: RunningCli[] = [];
  const steps = 6_000;
  try {
    const file = config(dir, 'cl-resume', steps);
    writeFileSync(file, readFileSync(file, 'utf8').replace('    summary_freq: 2000\n', '    summary_freq: 500\n    checkpoint_interval: 2000\n'));
    const first = runCli(['train', file, '--cluster', nats.url], { SHIVA_LOG_LEVEL: 'info' });
    procs.push(first);
    const actor = runCli(['actor', file, '--cluster', nats.url, '--actor-id', 'a1']);
    procs.push(actor);
    let stderr = '';
    first.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    // Killed once it has a checkpoint and has trained (and acknowledged) past it: those messages must be read again.
    const checkpoints = () => stderr.split('\n').filter((l) => l.includes('"checkpoint saved"') || (l.includes('"streamSeq"') && l.includes('checkpoint'))).map((l) => JSON.parse(l) as { streamSeq: number; checkpoint: string });
    for (;;) {
      const saved = checkpoints();
      const p = progress(stderr);
      if (saved.length > 0 && p.length > 0 && p[p.length - 1]!.steps >= 2_000 + 1_000) break;
      assert.equal(first.child.exitCode, null, `the learner ran until the kill: ${stderr.slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    assert.equal((await first.done).signal, 'SIGKILL');
    const saved = checkpoints();
    const last = saved[saved.length - 1]!;
    const killedAt = progress(stderr).at(-1)!.steps;
    const second = runCli(['train', file, '--cluster', nats.url, '--resume'], { SHIVA_LOG_LEVEL: 'info' });
    procs.push(second);
    const result = await second.done;
    assert.equal(result.code, 0, result.stderr.slice(-2000));
    assert.equal((await actor.done).code, 0, 'the actor outlived the learner and ended with the run');
    const out = lastJsonLine<{ runDir: string }>(result.stdout);
    const summary = JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as ClusterSummary & { resumedFromStep: number; cluster: { streamSeqs: { from: number; to: number } } };
    const c = summary.cluster;
    assert.equal(c.streamSeqs.from, last.streamSeq, "the resumed learner read the stream from the newest checkpoint's position");
    assert.ok(summary.resumedFromStep < killedAt, `the dead learner had trained past its checkpoint (${summary.resumedFromStep} < ${killedAt}): that part was read again`);
    // Exactly once: sequences 1..to were each consumed by the life whose state went on (the first up to the
    // checkpoint, counted in it; the second after it), none twice, none skipped.
    assert.equal(c.consumedMessages, c.streamSeqs.to, `consumed ${c.consumedMessages} messages for stream sequences 1..${c.streamSeqs.to}`);
    assert.equal(c.acknowledgedMessages, c.consumedMessages, 'every message handled was acknowledged');
    assert.equal(c.trainedOnMessages + c.droppedMessages, c.trajectoryMessages, 'every trajectory was trained on or dropped');
    assert.equal(summary.behaviors['CartPole?team=0']!.steps, steps);
    assert.equal(c.trainedOnSteps, steps, "the learner's steps are the steps it was fed, across both lives");
    // The consumer may have delivered a few more than were handled when the run ended (the pull's buffer).
    assert.ok(c.server.delivered >= c.streamSeqs.to - c.streamSeqs.from && c.server.delivered <= c.streamSeqs.to - c.streamSeqs.from + 512, `this life's consumer started after the checkpoint's sequence: delivered ${c.server.delivered}`);
    assert.match(result.stderr, new RegExp(`the stream is read from sequence ${last.streamSeq + 1}`));
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('NATS killed and started again under a run (same port and store): the learner and the actors reconnect and the run completes', { skip: natsServerMissing ?? false, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-cluster-nats-restart-'));
  const nats = await startNatsServer();
  const procs: RunningCli[] = [];
  const steps = 5_000;
  try {
    const file = config(dir, 'cl-natsre', steps);
    writeFileSync(file, readFileSync(file, 'utf8').replace('    summary_freq: 2000\n', '    summary_freq: 500\n'));
    const learner = runCli(['train', file, '--cluster', nats.url], { SHIVA_LOG_LEVEL: 'info' });
    procs.push(learner);
    const actor = runCli(['actor', file, '--cluster', nats.url, '--actor-id', 'a1'], { SHIVA_LOG_LEVEL: 'info' });
    procs.push(actor);
    let stderr = '';
    learner.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    for (;;) {
      const p = progress(stderr);
      if (p.length > 0 && p[p.length - 1]!.steps >= 2_000) break;
      assert.equal(learner.child.exitCode, null, `the learner ran until the outage: ${stderr.slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = progress(stderr).at(-1)!.steps;
    await nats.stop({ keepStore: true });
    await new Promise((r) => setTimeout(r, 1_500));
    await nats.restart();
    const result = await learner.done;
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    const a = await actor.done;
    assert.equal(a.code, 0, a.stderr.slice(-3000));
    const out = lastJsonLine<{ runDir: string }>(result.stdout);
    const summary = JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as ClusterSummary;
    assert.ok(before < steps, 'the outage came mid-run');
    assert.equal(summary.behaviors['CartPole?team=0']!.steps, steps, 'the run completed after the outage');
    const c = summary.cluster;
    assert.equal(c.acknowledgedMessages, c.consumedMessages, 'every message handled was acknowledged');
    assert.equal(c.trainedOnMessages + c.droppedMessages, c.trajectoryMessages, 'every trajectory was trained on or dropped');
    assert.equal(c.trainedOnSteps, steps);
    // What the outage cost is counted, not hidden: in-flight publishes retried (duplicates stored once by message id),
    // messages that came out of the actor's order skipped, and the actor's trajectories cut where its numbers jumped.
    assert.ok(c.outOfOrderMessages >= 0 && c.sequenceGaps >= 0);
    assert.match(a.stderr, /the NATS server does not answer/, 'the actor said so');
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
