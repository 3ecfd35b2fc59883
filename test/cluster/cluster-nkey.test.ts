/**
 * NKey credentials for the cluster (docs/DISTRIBUTED.md, Security): `--cluster-nkey FILE` (or SHIVA_CLUSTER_NKEY)
 * names a user seed file; a real nats-server that knows only the user's public key lets that client in and refuses
 * one without it or with another user's seed. Bad files are SHIVA_ERR_CLUSTER naming the flag and never echo the
 * secret.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nkeys } from '@nats-io/transport-node';
import { clusterTarget, connectCluster } from '../../src/cluster/cluster-connection.js';
import { isShivaError } from '../../src/core/errors.js';
import { natsServerMissing, startNatsServer } from '../helpers/nats-server.js';

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function seedFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

test('--cluster-nkey: bad seed files are clear errors that never print the seed; an NKey is one kind of credential and counts off loopback', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-nkey-'));
  const user = nkeys.createUser();
  const good = seedFile(dir, 'user.nk', `# a comment line, as nsc writes around seeds\n${decode(user.getSeed())}\n`);
  const refused = async (flags: Parameters<typeof clusterTarget>[0], env: NodeJS.ProcessEnv, pattern: RegExp) => {
    await assert.rejects(clusterTarget(flags, 'shiva actor', env), (e: unknown) => {
      assert.ok(isShivaError(e, 'SHIVA_ERR_CLUSTER'), String(e));
      assert.match(e.message, pattern);
      assert.ok(!e.message.includes(decode(user.getSeed())), 'the seed never shows in an error');
      return true;
    });
  };
  await refused({ cluster: 'nats://127.0.0.1:4222', clusterNkey: join(dir, 'missing.nk') }, {}, /--cluster-nkey: expected a readable file .* got ".*missing.nk" \(ENOENT\)/);
  await refused({ cluster: 'nats://127.0.0.1:4222', clusterNkey: seedFile(dir, 'public.nk', user.getPublicKey()) }, {}, /--cluster-nkey: expected a user NKey seed .* got no such line/);
  const damaged = decode(user.getSeed()).slice(0, -2) + 'AA';
  await refused({ cluster: 'nats://127.0.0.1:4222', clusterNkey: seedFile(dir, 'damaged.nk', damaged) }, {}, /not a valid seed \(bad length or checksum\)/);
  await refused({ cluster: 'nats://127.0.0.1:4222', clusterNkey: good, clusterToken: 't' }, {}, /credentials: expected one of a token, a user and password, or an NKey, got a token and an NKey/);
  await refused({ cluster: 'nats://127.0.0.1:4222', clusterUser: 'u', clusterPassword: 'p' }, { SHIVA_CLUSTER_NKEY: good }, /got a user and password and an NKey/);

  const names = async () => ['10.0.0.5'];
  const remote = await clusterTarget({ cluster: 'tls://learner.lan:4222' }, 'shiva actor', { SHIVA_CLUSTER_NKEY: good }, names);
  assert.equal(remote.remote, true);
  assert.equal(decode(remote.nkeySeed!), decode(user.getSeed()));
  assert.equal(remote.token, undefined);
});

test('a cluster server that knows only a user\'s public NKey admits that user and refuses others (real nats-server)', async (t) => {
  if (natsServerMissing) return t.skip(natsServerMissing);
  const dir = mkdtempSync(join(tmpdir(), 'shiva-nkey-'));
  const user = nkeys.createUser();
  const stranger = nkeys.createUser();
  const nats = await startNatsServer({ nkeyUsers: [user.getPublicKey()] });
  try {
    const admitted = await clusterTarget({ cluster: nats.url, clusterNkey: seedFile(dir, 'user.nk', decode(user.getSeed())) }, 'shiva actor', {});
    const nc = await connectCluster(admitted, 'test', 'shiva actor');
    assert.equal(nc.isClosed(), false);
    await nc.flush();
    await nc.close();
    const notListed = await clusterTarget({ cluster: nats.url, clusterNkey: seedFile(dir, 'stranger.nk', decode(stranger.getSeed())) }, 'shiva actor', {});
    await assert.rejects(connectCluster(notListed, 'test', 'shiva actor'), (e: unknown) => isShivaError(e, 'SHIVA_ERR_CLUSTER') && /expected a NATS server at .*got .*(auth|Authorization)/i.test(e.message));
    const without = await clusterTarget({ cluster: nats.url }, 'shiva actor', {});
    await assert.rejects(connectCluster(without, 'test', 'shiva actor'), (e: unknown) => isShivaError(e, 'SHIVA_ERR_CLUSTER'));
  } finally {
    await nats.stop();
  }
});
