/**
 * Connecting to the cluster's NATS server (`--cluster URL`), with Shiva's network rules (docs/DISTRIBUTED.md,
 * docs/SECURITY.md): a server on loopback (by the addresses its host resolves to, as the bridge decides) may be
 * reached without credentials; any other needs credentials (a token, a user and password, or an NKey) and TLS (a
 * tls:// URL or a CA file), else a SHIVA_ERR_CLUSTER before anything connects. Credentials come from flags or the
 * environment (SHIVA_CLUSTER_TOKEN, SHIVA_CLUSTER_USER, SHIVA_CLUSTER_PASSWORD, SHIVA_CLUSTER_NKEY), never from the
 * run configuration. An NKey is read from a seed file, so the secret never shows in a process list: the server
 * knows only its public key and checks a signature of its nonce (NATS's nonce challenge).
 */
import { readFileSync } from 'node:fs';
import { connect, nkeyAuthenticator, nkeys, type NatsConnection } from '@nats-io/transport-node';
import { isLoopbackAddress, resolveBindHost, type HostLookup } from '../bridge/listen.js';
import { ShivaError, isShivaError } from '../core/errors.js';

export interface ClusterFlags {
  readonly cluster: string;
  readonly clusterToken?: string;
  readonly clusterUser?: string;
  readonly clusterPassword?: string;
  /** A file holding a user NKey seed (SU…), as `nsc` or `nk -gen user` write it. */
  readonly clusterNkey?: string;
  readonly clusterTlsCa?: string;
  readonly clusterTlsCert?: string;
  readonly clusterTlsKey?: string;
}

export interface ClusterTarget {
  readonly url: string;
  readonly server: string;
  readonly remote: boolean;
  readonly token?: string;
  readonly user?: string;
  readonly pass?: string;
  /** The user NKey seed read from --cluster-nkey's file. */
  readonly nkeySeed?: Uint8Array;
  readonly tls: { readonly ca?: string; readonly cert?: string; readonly key?: string } | null;
}

/** The flags (and the environment) checked against the rules; `what` names the command in errors. */
export async function clusterTarget(flags: ClusterFlags, what: string, env: NodeJS.ProcessEnv = process.env, lookup?: HostLookup): Promise<ClusterTarget> {
  let url: URL;
  try {
    url = new URL(flags.cluster);
  } catch {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster: expected a URL such as nats://127.0.0.1:4222, got "${flags.cluster}"`);
  }
  if (url.protocol !== 'nats:' && url.protocol !== 'tls:') throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster: expected a nats:// or tls:// URL, got "${flags.cluster}"`);
  if (url.username || url.password) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster: expected no credentials in the URL (they would show in process lists and logs; use --cluster-token, --cluster-user/--cluster-password or SHIVA_CLUSTER_TOKEN), got a URL with them`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === '' ? 4222 : Number(url.port);
  let addresses: string[];
  try {
    addresses = await resolveBindHost(host, `${what}: --cluster`, lookup);
  } catch (error) {
    throw isShivaError(error) ? new ShivaError('SHIVA_ERR_CLUSTER', error.message, { cause: error }) : error;
  }
  const remote = addresses.some((a) => !isLoopbackAddress(a));
  const token = flags.clusterToken ?? env['SHIVA_CLUSTER_TOKEN'];
  const user = flags.clusterUser ?? env['SHIVA_CLUSTER_USER'];
  const pass = flags.clusterPassword ?? env['SHIVA_CLUSTER_PASSWORD'];
  if (user !== undefined && pass === undefined) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster-password: expected a password with --cluster-user "${user}" (or SHIVA_CLUSTER_PASSWORD), got none`);
  const nkeyFile = flags.clusterNkey ?? env['SHIVA_CLUSTER_NKEY'];
  const kinds = [token !== undefined ? 'a token' : null, user !== undefined ? 'a user and password' : null, nkeyFile !== undefined ? 'an NKey' : null].filter((k) => k !== null);
  if (kinds.length > 1) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: credentials: expected one of a token, a user and password, or an NKey, got ${kinds.join(' and ')}`);
  const nkeySeed = nkeyFile === undefined ? undefined : readNkeySeed(nkeyFile, what);
  const tlsAsked = url.protocol === 'tls:' || flags.clusterTlsCa !== undefined || flags.clusterTlsCert !== undefined;
  if (remote) {
    const off = `a server off loopback ("${host}" is ${addresses.filter((a) => !isLoopbackAddress(a)).join(', ')})`;
    if (kinds.length === 0) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: credentials: expected a token (--cluster-token or SHIVA_CLUSTER_TOKEN), a user and password (--cluster-user, --cluster-password) or an NKey seed file (--cluster-nkey or SHIVA_CLUSTER_NKEY) for ${off}, got none`);
    if (!tlsAsked) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: TLS: expected a tls:// URL or --cluster-tls-ca FILE for ${off} (credentials must not cross the network in clear), got "${flags.cluster}"`);
  }
  if ((flags.clusterTlsCert === undefined) !== (flags.clusterTlsKey === undefined)) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster-tls-cert, --cluster-tls-key: expected both (a client certificate and its key) or neither, got one`);
  const read = (file: string | undefined, flag: string): string | undefined => {
    if (file === undefined) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: ${flag}: expected a readable PEM file, got "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  };
  const ca = read(flags.clusterTlsCa, '--cluster-tls-ca');
  const cert = read(flags.clusterTlsCert, '--cluster-tls-cert');
  const key = read(flags.clusterTlsKey, '--cluster-tls-key');
  return {
    url: flags.cluster,
    server: `${host.includes(':') ? `[${host}]` : host}:${port}`,
    remote,
    ...(token !== undefined ? { token } : {}),
    ...(user !== undefined ? { user, pass: pass! } : {}),
    ...(nkeySeed !== undefined ? { nkeySeed } : {}),
    tls: tlsAsked ? { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) } : null,
  };
}

/** Connects (reconnecting for ever after a drop: a NATS restart under a run); a server that cannot be reached is SHIVA_ERR_CLUSTER. */
export async function connectCluster(target: ClusterTarget, name: string, what: string): Promise<NatsConnection> {
  try {
    return await connect({
      servers: target.server,
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      ...(target.token !== undefined ? { token: target.token } : {}),
      ...(target.user !== undefined ? { user: target.user, pass: target.pass! } : {}),
      ...(target.nkeySeed !== undefined ? { authenticator: nkeyAuthenticator(target.nkeySeed) } : {}),
      ...(target.tls ? { tls: target.tls } : {}),
    });
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster: expected a NATS server at ${target.url}, got ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The user seed in `file` (its first line that is one, so an `nk` or `nsc` file with comments works); its text never goes into an error. */
function readNkeySeed(file: string, what: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster-nkey: expected a readable file holding a user NKey seed (SU…), got "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.startsWith('SU'));
  const refuse = (why: string): never => {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster-nkey: expected a user NKey seed (a line starting SU) in "${file}", got ${why}`);
  };
  if (line === undefined) return refuse('no such line');
  const seed = new TextEncoder().encode(line);
  try {
    nkeys.fromSeed(seed).getPublicKey();
  } catch {
    return refuse('a line starting SU that is not a valid seed (bad length or checksum)');
  }
  return seed;
}
