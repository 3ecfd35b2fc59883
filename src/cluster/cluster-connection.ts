/**
 * Connecting to the cluster's NATS server (`--cluster URL`), with Shiva's network rules (docs/DISTRIBUTED.md,
 * docs/SECURITY.md): a server on loopback (by the addresses its host resolves to, as the bridge decides) may be
 * reached without credentials; any other needs credentials (a token, or a user and password) and TLS (a tls://
 * URL or a CA file), else a SHIVA_ERR_CLUSTER before anything connects. Credentials come from flags or the
 * environment (SHIVA_CLUSTER_TOKEN, SHIVA_CLUSTER_USER, SHIVA_CLUSTER_PASSWORD), never from the run configuration.
 */
import { readFileSync } from 'node:fs';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { isLoopbackAddress, resolveBindHost, type HostLookup } from '../bridge/listen.js';
import { ShivaError, isShivaError } from '../core/errors.js';

export interface ClusterFlags {
  readonly cluster: string;
  readonly clusterToken?: string;
  readonly clusterUser?: string;
  readonly clusterPassword?: string;
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
  if (token !== undefined && user !== undefined) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster-token: expected a token or a user and password, got both`);
  const tlsAsked = url.protocol === 'tls:' || flags.clusterTlsCa !== undefined || flags.clusterTlsCert !== undefined;
  if (remote) {
    const off = `a server off loopback ("${host}" is ${addresses.filter((a) => !isLoopbackAddress(a)).join(', ')})`;
    if (token === undefined && user === undefined) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: credentials: expected a token (--cluster-token or SHIVA_CLUSTER_TOKEN) or a user and password (--cluster-user, --cluster-password) for ${off}, got none`);
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
      ...(target.tls ? { tls: target.tls } : {}),
    });
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster: expected a NATS server at ${target.url}, got ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
