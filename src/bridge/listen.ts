/**
 * Opening listeners with the bridge's bind rules: loopback by default, reachable as `localhost` over both
 * IPv4 and IPv6 because Unity dials "localhost:PORT" and the name may resolve to either; any other address
 * must be asked for explicitly (`allowRemote`), since ML-Agents' protocol has no authentication.
 */
import type { Server } from 'node:net';
import { isIPv6 } from 'node:net';
import { ShivaError } from '../core/errors.js';

export interface BindOptions {
  /** "localhost" (default: 127.0.0.1 and ::1), a loopback address, or another address with allowRemote. */
  readonly host?: string;
  /** 0 picks a free port (the same one on both families). */
  readonly port: number;
  readonly allowRemote?: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** Refuses a non-loopback `host` unless `allowRemote` (SHIVA_ERR_BIND naming --allow-remote); `what` names the listener. */
export function assertBindAllowed(host: string, allowRemote: boolean | undefined, what: string): void {
  if (!isLoopbackHost(host) && !allowRemote) {
    throw new ShivaError('SHIVA_ERR_BIND', `${what}: host: expected a loopback address unless a non-loopback bind is asked for explicitly (--allow-remote), got "${host}"`);
  }
}

/** Listens with one server per address; resolves with the bound port. */
export async function listenAll(make: () => Server, options: BindOptions, what: string): Promise<{ servers: Server[]; port: number; addresses: string[] }> {
  const host = options.host ?? 'localhost';
  assertBindAllowed(host, options.allowRemote, what);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new ShivaError('SHIVA_ERR_BIND', `${what}: port: expected an integer 0..65535, got ${options.port}`);
  }
  const addresses = host === 'localhost' ? ['127.0.0.1', '::1'] : [host];
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
  return { servers, port, addresses: addresses.filter((_, i) => i < servers.length || servers.length === addresses.length) };
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
