/**
 * The learner of a distributed run against a real `nats-server -js`, fed by a scripted actor that publishes
 * trajectory messages with chosen policy versions: an on-policy learner (PPO) drops batches more than
 * `max_policy_lag` versions behind its own and counts them; an off-policy learner (DQN) takes everything; two runs
 * on one server never see each other's messages; the run's stream is bounded by its limits, and what they remove is
 * counted or, for --resume, refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ActOutput } from '../../agents/networks/acting.js';
import { loadRunConfig } from '../../src/config/index.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { planResolver } from '../../src/training/plan-resolver.js';
import { encodeMessage } from '../../src/cluster/cluster-messages.js';
import { prepareStream, resumeStream, runClusterLearner, type ClusterRunResult } from '../../src/cluster/cluster-learner.js';
import { isShivaError } from '../../src/core/errors.js';
import { natsToken, runNames } from '../../src/cluster/cluster-names.js';
import { natsServerMissing, withNatsConnection } from '../helpers/nats-server.js';

const SPEC: BehaviorSpec = {
  name: 'Probe?team=0',
  observationSpecs: [{ name: 'VectorSensor_size4', shape: [4], dimensionProperties: [0], observationType: 0 }],
  actionSpec: { continuousSize: 0, discreteBranches: [2] },
};

function configFile(dir: string, trainer: string, lag: number): string {
  const path = join(dir, `${trainer}.yaml`);
  const hp = trainer === 'ppo' ? '{ batch_size: 32, buffer_size: 64, num_epoch: 1 }' : '{ batch_size: 16, buffer_size: 1000, buffer_init_steps: 16, steps_per_update: 1 }';
  writeFileSync(path, `behaviors:\n  Probe:\n    trainer_type: ${trainer}\n    hyperparameters: ${hp}\n    network_settings: { hidden_units: 8, num_layers: 1 }\n    max_steps: 100000\n    time_horizon: 16\nenv_settings: { seed: 1 }\nshiva:\n  backend: cpu\n  cluster: { max_policy_lag: ${lag} }\n`);
  return path;
}

/** Two agents deciding: random observations, reward 1, action 0 at probability ½. */
function step(k: number): { decisions: DecisionSteps; rows: ActOutput } {
  const n = 2;
  const obs = Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(k * 7 + i));
  return {
    decisions: { count: n, agentIds: Int32Array.from([0, 1]), observations: [obs], rewards: new Float32Array(n).fill(1), groupIds: new Int32Array(n), groupRewards: new Float32Array(n), actionMasks: null },
    rows: { count: n, continuous: new Float32Array(0), continuousRaw: new Float32Array(0), discrete: new Int32Array(n), logProbs: new Float32Array(n).fill(Math.log(0.5)), values: new Float32Array(n), probs: new Float32Array(2 * n).fill(0.5), means: new Float32Array(0), logStd: new Float32Array(0), factors: null, path: 'fast' },
  };
}

class ScriptedActor {
  private seq = 0;
  private k = 0;
  constructor(private readonly nc: NatsConnection, private readonly run: string, private readonly actor = 'scripted') {}
  async hello(): Promise<void> {
    await jetstream(this.nc).publish(runNames(this.run).actors, encodeMessage({ kind: 'hello', actor: this.actor, seq: ++this.seq, specs: [SPEC] }));
  }
  /** `messages` decision batches of 2 agent steps each, acted by policy `version`. */
  async act(messages: number, version: number): Promise<void> {
    const js = jetstream(this.nc);
    for (let i = 0; i < messages; i++) {
      const { decisions, rows } = step(this.k++);
      await js.publish(runNames(this.run).trajectories(SPEC.name), encodeMessage({ kind: 'traj', actor: this.actor, seq: ++this.seq, behavior: SPEC.name, learnerId: 'Probe', version, calls: [{ k: 'add', source: 0, decisions, rows }], steps: 2 }));
    }
  }
}

async function startLearner(nc: NatsConnection, dir: string, run: string, trainer: string, lag: number) {
  const config = loadRunConfig(configFile(dir, trainer, lag));
  const names = runNames(run);
  await prepareStream(await jetstreamManager(nc), names, true);
  const store = await new Objm(nc).create(names.bucket);
  const controller = new AbortController();
  const done = runClusterLearner({ nc, js: jetstream(nc), store, names, meta: new MetaLearner(planResolver(config), new RunSeeds(1)), maxPolicyLag: config.shiva.cluster.maxPolicyLag, actorTimeoutS: 60, summaryFreq: () => 1e9, signal: controller.signal });
  return { store, names, done, stop: () => controller.abort('test') };
}

async function version(store: ObjectStore): Promise<number> {
  return Number((await store.info(natsToken('Probe')))?.metadata?.['version'] ?? -1);
}

async function until(what: string, ok: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Until the learner's consumer has handled everything in the stream. */
async function drained(nc: NatsConnection, run: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await until('the consumer to catch up', async () => {
    const info = await jsm.consumers.info(runNames(run).stream, 'learner');
    return info.num_pending === 0 && info.num_ack_pending === 0;
  });
}


/** Acts batches with version 0 until the learner updates, then `stale` batches with version 0 and 5 with the new version. */
async function staleScenario(nc: NatsConnection, dir: string, trainer: string, lag: number, stale: number): Promise<{ result: ClusterRunResult; afterFirst: number; first: number }> {
  const learner = await startLearner(nc, dir, `stale-${trainer}-${lag}`, trainer, lag);
  const actor = new ScriptedActor(nc, `stale-${trainer}-${lag}`);
  await actor.hello();
  await until('version 0', async () => (await version(learner.store)) >= 0);
  // One batch at a time until the learner has updated, so that no batch of version 0 arrives after it unplanned.
  let first = 0;
  while ((await version(learner.store)) < 1) {
    if (++first > 200) throw new Error('no update after 200 batches');
    await actor.act(1, 0);
    await drained(nc, `stale-${trainer}-${lag}`);
  }
  const afterFirst = await version(learner.store);
  await actor.act(stale, 0);
  await actor.act(5, afterFirst);
  await drained(nc, `stale-${trainer}-${lag}`);
  learner.stop();
  return { result: await learner.done, afterFirst, first };
}

test('PPO drops batches of a policy more than max_policy_lag versions old, and counts them', { skip: natsServerMissing ?? false, timeout: 60_000 }, async () => {
  await withNatsConnection('shiva-cluster-learner-', async (nc, dir) => {
    // max_policy_lag 0: once the learner has updated, batches of version 0 are stale.
    const { result, afterFirst, first } = await staleScenario(nc, dir, 'ppo', 0, 10);
    assert.equal(afterFirst, 1, 'one update (buffer_size 64)');
    assert.ok(first * 2 > 64, `it took more than buffer_size steps: ${first} batches of 2`);
    const c = result.counts;
    assert.equal(c.droppedSteps, 20, 'the 10 batches of version 0 after the update');
    assert.equal(c.droppedMessages, 10);
    assert.equal(c.trainedOnSteps, 2 * first + 10, 'everything else was trained on');
    assert.equal(result.summary['Probe']!.steps, c.trainedOnSteps);
    assert.equal(c.acknowledgedMessages, c.consumedMessages, 'dropped batches are acknowledged too (they are done with)');
    // max_policy_lag 1 (the default): one version behind is taken.
    const lenient = await staleScenario(nc, dir, 'ppo', 1, 10);
    assert.equal(lenient.result.counts.droppedSteps, 0);
    assert.equal(lenient.result.counts.trainedOnSteps, 2 * lenient.first + 30);
  });
});

test('an off-policy learner (DQN) takes every transition, however old its policy', { skip: natsServerMissing ?? false, timeout: 60_000 }, async () => {
  await withNatsConnection('shiva-cluster-learner-', async (nc, dir) => {
    const { result, first } = await staleScenario(nc, dir, 'dqn', 0, 10);
    assert.ok(result.counts.policyVersionsPublished >= 2, 'DQN published new versions');
    assert.equal(result.counts.droppedSteps, 0);
    assert.equal(result.counts.trainedOnSteps, 2 * first + 30);
  });
});

test('two runs on one server never mix: streams, subjects and buckets carry the run id', { skip: natsServerMissing ?? false, timeout: 60_000 }, async () => {
  await withNatsConnection('shiva-cluster-learner-', async (nc, dir) => {
    const a = await startLearner(nc, dir, 'run-a', 'ppo', 1);
    const b = await startLearner(nc, dir, 'run-b', 'ppo', 1);
    assert.notEqual(a.names.stream, b.names.stream);
    assert.notEqual(a.names.bucket, b.names.bucket);
    const actor = new ScriptedActor(nc, 'run-a');
    await actor.hello();
    await actor.act(20, 0);
    await drained(nc, 'run-a');
    await drained(nc, 'run-b');
    a.stop();
    b.stop();
    const [ra, rb] = [await a.done, await b.done];
    assert.equal(ra.counts.trainedOnSteps, 40);
    assert.equal(rb.counts.consumedMessages, 0, "run b saw none of run a's messages");
    assert.deepEqual(rb.summary, {}, 'and created no learner');
    assert.equal((await b.store.info(natsToken('Probe'))), null, 'nor published a policy');
    // A run id that is not a NATS token is mapped, and two such ids stay apart.
    assert.notEqual(runNames('my run.1').stream, runNames('my run_1').stream);
    assert.match(runNames('my run.1').stream, /^SHIVA_[A-Za-z0-9_-]+$/);
  });
});

test("the run's stream is bounded by its limits (oldest out first); the learner counts what they removed unread, and --resume refuses a stream that lost messages after its checkpoint", { skip: natsServerMissing ?? false, timeout: 60_000 }, async () => {
  await withNatsConnection('shiva-cluster-learner-', async (nc, dir) => {
    const jsm = await jetstreamManager(nc);
    const names = runNames('bounded');
    const limits = { maxBytes: 2 ** 20, maxAgeS: 3600, maxMsgs: 5 };
    await prepareStream(jsm, names, true, limits);
    const config = (await jsm.streams.info(names.stream)).config;
    assert.deepEqual([config.max_bytes, config.max_age, config.max_msgs, config.retention, config.discard], [2 ** 20, 3600e9, 5, 'limits', 'old']);
    const js = jetstream(nc);
    for (let seq = 1; seq <= 8; seq++) await js.publish(names.episodes, encodeMessage({ kind: 'episodes', actor: 'a1', seq, episodes: [], stats: [] }));
    const state = (await jsm.streams.info(names.stream)).state;
    assert.deepEqual([state.first_seq, state.last_seq, state.messages], [4, 8, 5], 'the 3 oldest went, the publishes were taken');

    // A learner started now reads sequences 4..8 and counts 1..3 as removed before it read them.
    const store = await new Objm(nc).create(names.bucket);
    const controller = new AbortController();
    const done = runClusterLearner({ nc, js, store, names, meta: new MetaLearner(planResolver(loadRunConfig(configFile(dir, 'ppo', 1))), new RunSeeds(1)), maxPolicyLag: 1, actorTimeoutS: 60, summaryFreq: () => 1e9, signal: controller.signal });
    await drained(nc, 'bounded');
    controller.abort('test');
    const { counts } = await done;
    assert.deepEqual([counts.expiredMessages, counts.consumedMessages], [3, 5]);

    // --resume after a checkpoint at sequence 2 needs 3, which is gone; after one at 3 it needs 4.., all there.
    await assert.rejects(resumeStream(jsm, names, 2, 'shiva train --cluster', limits), (e: unknown) => isShivaError(e, 'SHIVA_ERR_CLUSTER') && /--resume: expected the stream SHIVA_\S+ to hold the messages after the checkpoint's sequence 2, got its oldest at 4: the stream's limits \(max_bytes 1048576, max_age 3600 s, max_msgs 5\) removed 1 of them/.test(e.message));
    await resumeStream(jsm, names, 3, 'shiva train --cluster', limits);
    assert.equal((await jsm.consumers.info(names.stream, 'learner')).num_pending, 5);
  });
});
