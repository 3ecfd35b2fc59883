/**
 * Opening listeners with the bridge's bind rules (docs/SECURITY.md): loopback by default, reachable as
 * `localhost` over both IPv4 and IPv6 because Unity dials "localhost:PORT" and the name may resolve to either.
 * Whether an address is loopback is decided on the addresses it resolves to, never on its spelling
 * (`127.attacker.example` is a name like any other), and the listeners bind exactly the addresses checked.
 * Any other address must be asked for explicitly (`allowRemote`) and needs a token (ML-Agents' protocol has no
 * authentication of its own), unless a gRPC user opts out in so many words (`insecureNoToken`).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { Server } from 'node:net';
import { BlockList, isIP, isIPv6 } from 'node:net';
import { ShivaError } from '../core/errors.js';

export interface BindOptions {
  /** "localhost" (default: 127.0.0.1 and ::1), a loopback address or name, or another one with allowRemote. */
  readonly host?: string;
  /** 0 picks a free port (the same one on both families). */
  readonly port: number;
  readonly allowRemote?: boolean;
  /** The secret every connection must present; required off loopback unless insecureNoToken. */
  readonly token?: string;
  /** Off loopback without a token (gRPC only, for players that cannot send one): stated, and warned about. */
  readonly insecureNoToken?: boolean;
}

/** How a host name becomes addresses (dns.lookup, every address); tests pass their own. */
export type HostLookup = (host: string) => Promise<readonly string[]>;

const systemLookup: HostLookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1, and IPv4-mapped ::ffff:127.x.y.z (any spelling); names and unspecified addresses are not. */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && LOOPBACK.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The addresses `host` stands for: "localhost" is 127.0.0.1 and ::1 (never looked up, so a hosts file cannot
 * move it), an address literal is itself ("[::1]" too), any other name is resolved (every address it has).
 */
export async function resolveBindHost(host: string, what: string, lookup: HostLookup = systemLookup): Promise<string[]> {
  if (host === 'localhost') return ['127.0.0.1', '::1'];
  const literal = unbracket(host);
  if (isIP(literal)) return [literal];
  let addresses: readonly string[];
  try {
    addresses = await lookup(host);
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_BIND', `${what}: host: expected an address or a name that resolves, got "${host}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  if (addresses.length === 0) throw new ShivaError('SHIVA_ERR_BIND', `${what}: host: expected an address or a name that resolves, got "${host}" (no addresses)`);
  return [...new Set(addresses)];
}

export interface BindCheck {
  /** What the listeners bind: exactly the addresses that were checked. */
  readonly addresses: string[];
  /** True when any of them is not loopback. */
  readonly remote: boolean;
}

/**
 * Resolves `host` and refuses (SHIVA_ERR_BIND) a bind that reaches beyond loopback unless `allowRemote`, and
 * then unless it has a token or `insecureNoToken`; `what` names the listener or the command.
 */
export async function checkBind(host: string, options: Omit<BindOptions, 'host' | 'port'>, what: string, lookup?: HostLookup): Promise<BindCheck> {
  const addresses = await resolveBindHost(host, what, lookup);
  const outside = addresses.filter((a) => !isLoopbackAddress(a));
  if (outside.length === 0) return { addresses, remote: false };
  const resolved = isIP(unbracket(host)) ? '' : ` (it resolves to ${outside.join(', ')})`;
  if (!options.allowRemote) {
    throw new ShivaError('SHIVA_ERR_BIND', `${what}: host: expected a loopback address unless a non-loopback bind is asked for explicitly (--allow-remote), got "${host}"${resolved}`);
  }
  if (!options.token && !options.insecureNoToken) {
    throw new ShivaError('SHIVA_ERR_BIND', `${what}: token: expected a token for a non-loopback bind ("${host}"${resolved}; --token or SHIVA_TOKEN, or one is generated), got none`);
  }
  return { addresses, remote: true };
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Listens with one server per address; resolves with the bound port. */
export async function listenAll(make: () => Server, options: BindOptions, what: string): Promise<{ servers: Server[]; port: number; addresses: string[]; remote: boolean }> {
  const host = options.host ?? 'localhost';
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new ShivaError('SHIVA_ERR_BIND', `${what}: port: expected an integer 0..65535, got ${options.port}`);
  }
  const { addresses, remote } = await checkBind(host, options, what);
  const servers: Server[] = [];
  let port = options.port;
  for (const address of addresses) {
    const server = make();
    try {
      port = await listenOne(server, address, port);
      servers.push(server);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A machine without IPv6 loopback still serves localhost over IPv4.
      if (host === 'localhost' && isIPv6(address) && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      const hint = code === 'EADDRINUSE' ? ' (is another trainer, or another Shiva, already listening there?)' : '';
      throw new ShivaError('SHIVA_ERR_BIND', `${what}: cannot listen on ${isIPv6(address) ? `[${address}]` : address}:${port}: ${code ?? String(error)}${hint}`, { cause: error });
    }
  }
  return { servers, port, addresses: addresses.filter((_, i) => i < servers.length || servers.length === addresses.length), remote };
}

function listenOne(server: Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host: address, port, ipv6Only: isIPv6(address) }, () => {
      server.off('error', onError);
      const bound = server.address();
      resolve(typeof bound === 'object' && bound ? bound.port : port);
    });
  });
}
