/**
 * What a distributed learner does with a recurrent policy's steps, against a real `nats-server -js`: the T-maze's
 * sink calls, recorded from an actor's LSTM policy and sent as trajectory messages (each step's memories before and
 * after its decision in the rows), train the learner (PPO, SAC) to exactly the state a learner fed the same calls in
 * one process reaches (sequences start from the same stored memories); rows whose memories do not fit the learner's
 * network_settings.memory are refused with SHIVA_ERR_CLUSTER naming the field. And an actor's policy versions
 * change its weights, not its agents' memories.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ActOutput } from '../../agents/networks/acting.js';
import type { ActorCriticLearner } from '../../agents/plugin/actor-critic-learner.js';
import type { Learner, TransitionSink } from '../../agents/plugin/learner.js';
import { TMAZE_BEHAVIOR, TMAZE_SPEC, createTMazeScene } from '../../envs/tmaze/tmaze-scene.js';
import { loadRunConfig } from '../../src/config/index.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { isShivaError } from '../../src/core/errors.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { planResolver } from '../../src/training/plan-resolver.js';
import { encodeMessage, type SinkCall } from '../../src/cluster/cluster-messages.js';
import { prepareStream, runClusterLearner } from '../../src/cluster/cluster-learner.js';
import { runNames } from '../../src/cluster/cluster-names.js';
import { natsServerMissing, withNatsConnection } from '../helpers/nats-server.js';

await chooseBackend('cpu');

/**
 * A small recurrent learner, sequences of 4, memories of 8 floats per LSTM: PPO updates once more than 64 steps are
 * held (its actor's and critic's LSTMs: 16 floats per agent); SAC steps after 16 (its actor's LSTM: 8 floats).
 */
function tmazeConfig(dir: string, trainer: 'ppo' | 'sac' = 'ppo'): string {
  const path = join(dir, `tmaze-${trainer}.yaml`);
  const hp = trainer === 'ppo' ? '{ batch_size: 16, buffer_size: 64, num_epoch: 2 }' : '{ batch_size: 16, buffer_size: 1000, buffer_init_steps: 16, steps_per_update: 4 }';
  writeFileSync(
    path,
    `behaviors:\n  TMaze:\n    trainer_type: ${trainer}\n    hyperparameters: ${hp}\n    network_settings: { hidden_units: 8, num_layers: 1, memory: { sequence_length: 4, memory_size: 8 } }\n    max_steps: 100000\n    time_horizon: 8\nenv_settings: { seed: 1 }\nshiva:\n  backend: cpu\n  cluster: { max_policy_lag: 1000 }\n`,
  );
  return path;
}

class RecordingSink implements TransitionSink {
  calls: SinkCall[] = [];
  endEpisodes(source: number, terminal: TerminalSteps): void {
    this.calls.push({ k: 'end', source, terminal });
  }
  addDecisions(source: number, decisions: DecisionSteps, rows: ActOutput): void {
    this.calls.push({ k: 'add', source, decisions, rows });
  }
}

/** `steps` decision batches of the T-maze (2 areas) acted by `actor`'s LSTM policy: each batch's sink calls. */
async function recordTMaze(actor: Learner, steps: number): Promise<SinkCall[][]> {
  const env = new LocalEnv('tmaze', createTMazeScene, { numAreas: 2, seed: 3 });
  await env.reset();
  const sink = new RecordingSink();
  // The actor's learner acting into the recording sink (an actor's publishing sink, cluster-actor.ts).
  const recording = Object.assign(Object.create(actor) as Learner, { acting: () => ({ policy: actor.acting(true).policy, sink, learning: true }) });
  const batches: SinkCall[][] = [];
  try {
    for (let i = 0; i < steps; i++) {
      const { decisionSteps, terminalSteps } = env.getSteps(TMAZE_BEHAVIOR);
      const [actions] = decide(recording, [{ source: 0, decisionSteps, terminalSteps }]);
      env.setActions(TMAZE_BEHAVIOR, actions!);
      await env.step();
      batches.push(sink.calls);
      sink.calls = [];
    }
  } finally {
    await env.close();
  }
  return batches;
}

function steps(calls: readonly SinkCall[]): number {
  return calls.reduce((n, c) => n + (c.k === 'add' ? c.decisions.count : 0), 0);
}


/** A learner of `file` on run `run`, fed by messages published after it started. */
async function startLearner(nc: NatsConnection, file: string, run: string) {
  const names = runNames(run);
  await prepareStream(await jetstreamManager(nc), names, true);
  const store = await new Objm(nc).create(names.bucket);
  const meta = new MetaLearner(planResolver(loadRunConfig(file)), new RunSeeds(1));
  const controller = new AbortController();
  const done = runClusterLearner({ nc, js: jetstream(nc), store, names, meta, maxPolicyLag: 1000, actorTimeoutS: 60, summaryFreq: () => 1e9, signal: controller.signal });
  return { meta, names, done, stop: () => controller.abort('test') };
}

async function drained(nc: NatsConnection, run: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const info = await jsm.consumers.info(runNames(run).stream, 'learner');
    if (info.num_pending === 0 && info.num_ack_pending === 0) return;
    if (Date.now() > deadline) throw new Error('timed out waiting for the consumer to catch up');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function publish(nc: NatsConnection, run: string, spec: Learner['spec'], batches: readonly SinkCall[][]): Promise<void> {
  const js = jetstream(nc);
  const names = runNames(run);
  let seq = 0;
  await js.publish(names.actors, encodeMessage({ kind: 'hello', actor: 'a1', seq: ++seq, specs: [spec] }));
  for (const calls of batches) {
    await js.publish(names.trajectories(spec.name), encodeMessage({ kind: 'traj', actor: 'a1', seq: ++seq, behavior: spec.name, learnerId: 'TMaze', version: 0, calls, steps: steps(calls) }));
  }
}

for (const [trainer, width, updated] of [['ppo', 16, 'one update (100 steps less those cut by the restart, buffer_size 64)'], ['sac', 8, 'gradient steps once past buffer_init_steps']] as const) {
  test(`recurrent ${trainer}: trajectory messages with memories train the learner to the state of one process fed the same calls`, { skip: natsServerMissing ?? false, timeout: 60_000 }, async () => {
    await withNatsConnection('shiva-cluster-recurrent-', async (nc, dir) => {
      const file = tmazeConfig(dir, trainer);
      const spec = TMAZE_SPEC;
      // The actor's own copy (another seed: its weights and draws are its own, as an actor's are).
      const actorMeta = new MetaLearner(planResolver(loadRunConfig(file)), new RunSeeds(5));
      const batches = await recordTMaze(actorMeta.learnerFor(spec)!, 50);
      actorMeta.dispose();
      // The actor's environment restarted before batch 25 (its rollout loop's onRestart): the open trajectories are cut there.
      batches[25] = [{ k: 'forget', source: 0 }, ...batches[25]!];
      assert.ok(batches.flat().every((c) => c.k !== 'add' || (c.rows.memoriesBefore?.length === c.decisions.count * width && c.rows.memories?.length === c.decisions.count * width)), `every step carries its memories (${width / 8} LSTM(s) × [h, c] of 4)`);
      assert.ok(batches.flat().some((c) => c.k === 'add' && c.rows.memoriesBefore!.some((x) => x !== 0)), 'mid-episode steps start from non-zero memories');

      // One process: the same calls into a learner of the same seed, maybeUpdate after each batch (as the cluster learner does).
      const reference = new MetaLearner(planResolver(loadRunConfig(file)), new RunSeeds(1));
      const direct = reference.learnerFor(spec)!;
      let updates = 0;
      for (const calls of batches) {
        const sink = direct.acting(true).sink!;
        for (const c of calls) {
          if (c.k === 'end') sink.endEpisodes(0, c.terminal);
          else if (c.k === 'add') sink.addDecisions(0, c.decisions, c.rows);
          else direct.forgetSource(0);
        }
        if (direct.maybeUpdate()) updates++;
      }
      if (trainer === 'ppo') assert.equal(updates, 1, updated);
      else assert.ok(updates > 0, `${updated}: ${updates}`);

      const learner = await startLearner(nc, file, `rec-same-${trainer}`);
      await publish(nc, `rec-same-${trainer}`, spec, batches);
      await drained(nc, `rec-same-${trainer}`);
      learner.stop();
      const result = await learner.done;
      assert.equal(result.counts.trainedOnSteps, 100);
      const remote = learner.meta.learners.get('TMaze')!;
      // Weights, optimiser moments, counts and random streams: bit for bit.
      assert.deepEqual(remote.save(), direct.save(), 'the same state as in one process');
      reference.dispose();
      learner.meta.dispose();
    });
  });
}

test('rows whose memories do not fit the learner\'s network_settings.memory are SHIVA_ERR_CLUSTER naming the field', { skip: natsServerMissing ?? false, timeout: 60_000 }, async () => {
  await withNatsConnection('shiva-cluster-recurrent-', async (nc, dir) => {
    const file = tmazeConfig(dir);
    const actorMeta = new MetaLearner(planResolver(loadRunConfig(file)), new RunSeeds(5));
    const spec = TMAZE_SPEC;
    const [first] = await recordTMaze(actorMeta.learnerFor(spec)!, 1);
    actorMeta.dispose();
    const add = first!.find((c) => c.k === 'add')! as Extract<SinkCall, { k: 'add' }>;
    // An actor whose memory is half as wide (another memory_size) than the learner's.
    const narrow: SinkCall = { ...add, rows: { ...add.rows, memoriesBefore: add.rows.memoriesBefore!.slice(0, add.decisions.count * 8) } };
    const learner = await startLearner(nc, file, 'rec-bad');
    await publish(nc, 'rec-bad', spec, [[narrow]]);
    await assert.rejects(learner.done, (e: unknown) => isShivaError(e, 'SHIVA_ERR_CLUSTER') && /rows\.memoriesBefore: expected 2 × 16 float32 values .*got 16/.test(e.message) && /stream SHIVA_\S+ message 2/.test(e.message));
    learner.meta.dispose();
  });
});

test('a new policy version loaded by an actor changes the weights, not the agents\' memories', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-recurrent-load-'));
  try {
    const file = tmazeConfig(dir);
    const spec = TMAZE_SPEC;
    const actor = new MetaLearner(planResolver(loadRunConfig(file)), new RunSeeds(5));
    const newer = new MetaLearner(planResolver(loadRunConfig(file)), new RunSeeds(9));
    const local = actor.learnerFor(spec)! as ActorCriticLearner;
    await recordTMaze(local, 3);
    const memories = local.memories(true)!;
    const before = [memories.of(0, 0)!.slice(), memories.of(0, 1)!.slice()];
    assert.ok(before[0]!.some((x) => x !== 0), 'the agents have memories mid-episode');
    const weightsBefore = JSON.stringify(local.save()['policy']);
    local.load(newer.learnerFor(spec)!.save(), 'test: version 1');
    assert.notEqual(JSON.stringify(local.save()['policy']), weightsBefore, 'the weights changed');
    assert.deepEqual([memories.of(0, 0), memories.of(0, 1)], before, 'each agent keeps its memory');
    actor.dispose();
    newer.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
