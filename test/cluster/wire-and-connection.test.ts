/**
 * The cluster's message layout (typed arrays travel as bytes, round trip exact; damaged messages are coded errors)
 * and its connection rules: loopback without credentials; off loopback only with credentials and TLS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, encodeMessage, type TrajectoryMessage } from '../../src/cluster/cluster-messages.js';
import { clusterTarget } from '../../src/cluster/cluster-connection.js';
import { pack, unpack } from '../../src/cluster/wire-pack.js';
import { isShivaError } from '../../src/core/errors.js';

test('pack/unpack: typed arrays anywhere in the value come back equal, as views of an aligned copy', () => {
  const value = { a: Float32Array.from([1.5, -2, Math.PI]), nested: [{ ids: Int32Array.from([7, -1]) }, { mask: Uint8Array.from([1, 0, 1]) }], n: 3, s: 'x', none: null, empty: new Float32Array(0) };
  const bytes = pack(value);
  // From an odd offset in a larger buffer, as a NATS client may hand it over.
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  const back = unpack(shifted.subarray(3), 'test') as typeof value;
  assert.deepEqual(back, value);
  assert.ok(back.a instanceof Float32Array && back.nested[0]!.ids instanceof Int32Array && back.nested[1]!.mask instanceof Uint8Array);
  assert.equal(back.a.byteOffset % 4, 0);
});

test('a trajectory message round-trips; damaged or foreign messages are SHIVA_ERR_CLUSTER naming the field', () => {
  const message: TrajectoryMessage = {
    kind: 'traj',
    actor: 'a1',
    seq: 4,
    behavior: 'CartPole?team=0',
    learnerId: 'CartPole',
    version: 2,
    steps: 1,
    calls: [{ k: 'end', source: 0, terminal: { count: 1, agentIds: Int32Array.from([3]), observations: [Float32Array.from([1, 2, 3, 4])], rewards: Float32Array.from([1]), interrupted: Uint8Array.from([1]), groupIds: new Int32Array(1), groupRewards: new Float32Array(1) } }],
  };
  assert.deepEqual(decodeMessage(encodeMessage(message), 'm'), message);
  const bad = (bytes: Uint8Array, pattern: RegExp) =>
    assert.throws(() => decodeMessage(bytes, 'stream S message 9'), (e: unknown) => isShivaError(e, 'SHIVA_ERR_CLUSTER') && pattern.test(e.message) && e.message.includes('stream S message 9'));
  bad(new Uint8Array([1, 2]), /expected a Shiva cluster message, got 2 bytes/);
  bad(Buffer.from('hello world, not ours'), /header of \d+ bytes/);
  bad(encodeMessage({ ...message, version: -1 }), /version: expected an integer ≥ 0, got -1/);
  bad(pack({ kind: 'shout', actor: 'a', seq: 1 }), /kind: expected traj, episodes, hello or bye, got "shout"/);
  const truncated = encodeMessage(message);
  bad(truncated.subarray(0, truncated.length - 8), /past the end of the message/);
});

test('a trajectory of a recurrent policy round-trips exactly: each step\'s memories before and after its decision, and a forget call', () => {
  const n = 2;
  const W = 6;
  // Values that a float32 holds exactly but a text round trip at a few digits would not.
  const memoriesBefore = Float32Array.from({ length: n * W }, (_, i) => Math.fround(Math.sin(i + 1) / 3));
  const memories = Float32Array.from({ length: n * W }, (_, i) => Math.fround(-Math.cos(i) * 1e-7));
  const message: TrajectoryMessage = {
    kind: 'traj',
    actor: 'a1',
    seq: 9,
    behavior: 'TMaze?team=0',
    learnerId: 'TMaze',
    version: 3,
    steps: n,
    calls: [
      { k: 'forget', source: 1 },
      {
        k: 'add',
        source: 1,
        decisions: { count: n, agentIds: Int32Array.from([4, 5]), observations: [Float32Array.from([1, 0, 0, 1])], rewards: new Float32Array(n), groupIds: new Int32Array(n), groupRewards: new Float32Array(n), actionMasks: null },
        rows: { count: n, continuous: new Float32Array(0), continuousRaw: new Float32Array(0), discrete: Int32Array.from([1, 0]), logProbs: Float32Array.from([-0.1, -2.3]), values: Float32Array.from([0.5, -0.25]), probs: Float32Array.from([0.1, 0.9, 0.9, 0.1]), means: new Float32Array(0), logStd: new Float32Array(0), factors: null, path: 'fast', memoriesBefore, memories },
      },
    ],
  };
  const back = decodeMessage(encodeMessage(message), 'm') as TrajectoryMessage;
  assert.deepEqual(back, message);
  const add = back.calls[1] as Extract<TrajectoryMessage['calls'][number], { k: 'add' }>;
  assert.ok(add.rows.memoriesBefore instanceof Float32Array && add.rows.memories instanceof Float32Array);
  assert.deepEqual(new Uint8Array(add.rows.memoriesBefore.buffer, add.rows.memoriesBefore.byteOffset, add.rows.memoriesBefore.byteLength), new Uint8Array(memoriesBefore.buffer), 'bit for bit');
  assert.throws(() => decodeMessage(pack({ ...message, calls: [{ k: 'reset', source: 0 }] }), 'm'), /calls\[\]: expected \{k: end\|add\|forget, source ≥ 0\}/);
});

const lookup = (table: Record<string, string[]>) => async (host: string) => table[host] ?? [];

test('loopback needs no credentials; off loopback needs credentials and TLS, else a clear error', async () => {
  const names = lookup({ 'learner.lan': ['10.0.0.5'], 'sneaky.example': ['127.0.0.1', '203.0.113.9'] });
  const local = await clusterTarget({ cluster: 'nats://127.0.0.1:4222' }, 'shiva actor', {}, names);
  assert.equal(local.remote, false);
  assert.equal(local.tls, null);
  assert.equal((await clusterTarget({ cluster: 'nats://localhost' }, 'x', {}, names)).server, 'localhost:4222');
  const refused = async (flags: Parameters<typeof clusterTarget>[0], env: NodeJS.ProcessEnv, pattern: RegExp) =>
    assert.rejects(clusterTarget(flags, 'shiva actor', env, names), (e: unknown) => isShivaError(e, 'SHIVA_ERR_CLUSTER') && pattern.test(e.message));
  await refused({ cluster: 'nats://learner.lan:4222' }, {}, /shiva actor: credentials: expected a token .* for a server off loopback \("learner.lan" is 10.0.0.5\), got none/);
  await refused({ cluster: 'nats://learner.lan:4222', clusterToken: 's3cret' }, {}, /TLS: expected a tls:\/\/ URL or --cluster-tls-ca FILE/);
  await refused({ cluster: 'nats://sneaky.example:4222' }, {}, /off loopback \("sneaky.example" is 203.0.113.9\)/);
  await refused({ cluster: 'nats://u:p@127.0.0.1:4222' }, {}, /expected no credentials in the URL/);
  await refused({ cluster: 'http://127.0.0.1:4222' }, {}, /expected a nats:\/\/ or tls:\/\/ URL/);
  await refused({ cluster: 'nats://127.0.0.1', clusterUser: 'u' }, {}, /--cluster-password: expected a password/);
  await refused({ cluster: 'tls://learner.lan:4222', clusterToken: 't', clusterTlsCert: 'c.pem' }, {}, /expected both .* or neither/);
  const remote = await clusterTarget({ cluster: 'tls://learner.lan:4222' }, 'shiva actor', { SHIVA_CLUSTER_TOKEN: 'from-env' }, names);
  assert.equal(remote.remote, true);
  assert.equal(remote.token, 'from-env');
  assert.deepEqual(remote.tls, {});
  const withUser = await clusterTarget({ cluster: 'tls://learner.lan', clusterUser: 'actor', clusterPassword: 'pw' }, 'x', {}, names);
  assert.equal(withUser.user, 'actor');
});

test('a cluster server that requires a token refuses a client without it (real nats-server --auth)', async (t) => {
  const { natsServerMissing, startNatsServer } = await import('../helpers/nats-server.js');
  if (natsServerMissing) return t.skip(natsServerMissing);
  const { connectCluster } = await import('../../src/cluster/cluster-connection.js');
  const nats = await startNatsServer({ token: 'run-token' });
  try {
    const without = await clusterTarget({ cluster: nats.url }, 'shiva actor', {});
    await assert.rejects(connectCluster(without, 'test', 'shiva actor'), (e: unknown) => isShivaError(e, 'SHIVA_ERR_CLUSTER') && /expected a NATS server at .*got/.test(e.message));
    const withToken = await clusterTarget({ cluster: nats.url, clusterToken: 'run-token' }, 'shiva actor', {});
    const nc = await connectCluster(withToken, 'test', 'shiva actor');
    await nc.close();
  } finally {
    await nats.stop();
  }
});
