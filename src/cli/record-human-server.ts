/**
 * The human seat on a server of its own, for `shiva record --human`: a node:http server on loopback that serves the
 * seat's files (record-human-page.ts, with the dashboard's map script) and takes the seat's WebSocket at /ws
 * (record-human-seat.ts: one page at a time, 1013 for another, a reconnecting page greeted again). Connections whose
 * Origin is another site are refused (a web page elsewhere must not drive the recording), and so is every request
 * whose Host is not the page's loopback address (DNS rebinding); every response carries the headers of
 * http-security.ts (CSP: scripts and styles from the page's own files only, no inline code; WebSocket to its own
 * loopback address; no framing, nosniff). The dashboard serves the same files and socket under /seat
 * (dashboard/dashboard-seat.ts) through `seatAssets` and `seatPolicy`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ShivaError } from '../core/errors.js';
import { hostAllowed, loopbackHosts, refuseHost, securityHeaders, selfServedPolicy } from './http-security.js';
import { SEAT_CSS, SEAT_JS, seatPageHtml } from './record-human-page.js';
import { HumanSeat, type ActionParser, type SeatPage } from './record-human-seat.js';
import { SCENE_MAP_JS } from './dashboard/map-page.js';

export type { ActionParser, SeatPage } from './record-human-seat.js';

export interface SeatAsset {
  readonly type: string;
  readonly body: string;
}

/** The seat's files under `prefix` ("/" or "/seat/"): the page itself at the prefix, its script, styles and the map script. */
export function seatAssets(prefix: string, wsPath: string): Readonly<Record<string, SeatAsset>> {
  return {
    [prefix]: { type: 'text/html; charset=utf-8', body: seatPageHtml(prefix, wsPath) },
    [`${prefix}seat.js`]: { type: 'text/javascript; charset=utf-8', body: SEAT_JS },
    [`${prefix}seat.css`]: { type: 'text/css; charset=utf-8', body: SEAT_CSS },
    [`${prefix}scene-map.js`]: { type: 'text/javascript; charset=utf-8', body: SCENE_MAP_JS },
  };
}

/**
 * The CSP of a page with the seat on loopback `port`: its own files only, and connections to its own origin and its
 * WebSocket there (ws:// spelled out: older browsers do not count ws: as 'self'; CSP has no syntax for [::1]).
 */
export function seatPolicy(port: number): string {
  const sockets = [...loopbackHosts(port)].filter((h) => !h.startsWith('[')).map((h) => `ws://${h}`);
  return selfServedPolicy().replace("connect-src 'self'", `connect-src 'self' ${sockets.join(' ')}`);
}

/** The Origins of pages served on loopback `port` (http://127.0.0.1:P, http://localhost:P, http://[::1]:P). */
export function loopbackOrigins(port: number): ReadonlySet<string> {
  return new Set([...loopbackHosts(port)].map((h) => `http://${h}`));
}

export class HumanPage implements SeatPage {
  private constructor(
    private readonly server: Server,
    private readonly seat: HumanSeat,
  ) {}

  get url(): string {
    return this.seat.url;
  }

  /** Listens on `host`:`port` (0: a free port). `hello` is sent to every page that connects. */
  static async open(host: string, port: number, hello: object): Promise<HumanPage> {
    // Filled in once the port is known (port 0 picks one); nothing is served before.
    let hosts: ReadonlySet<string> = new Set();
    let origins: ReadonlySet<string> = new Set();
    let assets: Readonly<Record<string, SeatAsset>> = {};
    let csp = '';
    const server = createServer((req, res) => {
      const path = req.url === '/index.html' ? '/' : req.url;
      const asset = req.method === 'GET' && path !== undefined ? assets[path] : undefined;
      if (!hostAllowed(req, hosts)) {
        refuseHost(req, res);
      } else if (asset !== undefined) {
        res.writeHead(200, { 'content-type': asset.type, ...securityHeaders(path === '/' ? csp : undefined) });
        res.end(asset.body);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() });
        res.end('not found: the recording page is at /\n');
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new ShivaError('SHIVA_ERR_BIND', `human recording page: expected to listen on ${host}:${port}, got ${error.message}`, { cause: error })));
      server.listen({ host, port }, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    hosts = loopbackHosts(address.port);
    origins = new Set([origin, ...loopbackOrigins(address.port)]);
    assets = seatAssets('/', '/ws');
    csp = seatPolicy(address.port);
    const seat = new HumanSeat('/ws', `${origin}/`, { hosts: () => hosts, origins: () => origins });
    seat.mount(server);
    seat.greet(hello);
    return new HumanPage(server, seat);
  }

  greet(hello: object): void {
    this.seat.greet(hello);
  }

  ask<T>(step: number, decision: object, parse: ActionParser<T>): Promise<T> {
    return this.seat.ask(step, decision, parse);
  }

  notify(message: object): void {
    this.seat.notify(message);
  }

  finish(message: object): void {
    this.seat.finish(message);
  }

  async close(): Promise<void> {
    await this.seat.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
