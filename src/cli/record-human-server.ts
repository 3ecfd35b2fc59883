/**
 * The page-facing side of a human recording: a node:http server on loopback that serves the seat
 * (record-human-page.ts: its HTML, script and styles, and the dashboard's map script) and upgrades /ws to a WebSocket (the `ws` library). One page records at a time; another
 * is closed with 1013 "try again later". A page that reconnects gets the greeting and the pending decision again.
 * Connections whose Origin is another site are refused (a web page elsewhere must not drive the recording), and
 * so is every request whose Host is not the page's loopback address (DNS rebinding); every response carries the
 * headers of http-security.ts (CSP: scripts and styles from the page's own files only, no inline code; WebSocket to
 * its own loopback address; no framing, nosniff).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ShivaError, isShivaError } from '../core/errors.js';
import { hostAllowed, loopbackHosts, refuseHost, securityHeaders, selfServedPolicy } from './http-security.js';
import { HUMAN_PAGE, SEAT_CSS, SEAT_JS } from './record-human-page.js';
import { SCENE_MAP_JS } from './dashboard/map-page.js';

const ASSETS: Readonly<Record<string, { readonly type: string; readonly body: string }>> = {
  '/seat.js': { type: 'text/javascript; charset=utf-8', body: SEAT_JS },
  '/seat.css': { type: 'text/css; charset=utf-8', body: SEAT_CSS },
  '/scene-map.js': { type: 'text/javascript; charset=utf-8', body: SCENE_MAP_JS },
};

/** Actions are a few numbers per agent; anything larger is not from the page. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Turns the page's action message into what the environment takes, or throws a ShivaError saying what is wrong. */
export type ActionParser<T> = (message: Record<string, unknown>) => T;

interface Pending {
  readonly step: number;
  readonly message: string;
  readonly parse: ActionParser<unknown>;
  readonly resolve: (value: unknown) => void;
}

export class HumanPage {
  private socket: WebSocket | null = null;
  private pending: Pending | null = null;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly url: string,
    private readonly hello: string,
  ) {}

  /** Listens on `host`:`port` (0: a free port). `hello` is sent to every page that connects. */
  static async open(host: string, port: number, hello: object): Promise<HumanPage> {
    // Filled in once the port is known (port 0 picks one); nothing is served before.
    let hosts: ReadonlySet<string> = new Set();
    let csp = '';
    const server = createServer((req, res) => {
      if (!hostAllowed(req, hosts)) {
        refuseHost(req, res);
      } else if (req.method === 'GET' && (req.url === '/' || req.url === '/index.html')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders(csp) });
        res.end(HUMAN_PAGE);
      } else if (req.method === 'GET' && req.url !== undefined && ASSETS[req.url] !== undefined) {
        const asset = ASSETS[req.url]!;
        res.writeHead(200, { 'content-type': asset.type, ...securityHeaders() });
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
    const sockets = [...hosts].filter((h) => !h.startsWith('[')).map((h) => `ws://${h}`);
    csp = selfServedPolicy().replace("connect-src 'self'", `connect-src 'self' ${sockets.join(' ')}`);
    const origins = new Set([origin, ...[...hosts].map((h) => `http://${h}`)]);
    const wss = new WebSocketServer({
      server,
      path: '/ws',
      maxPayload: MAX_MESSAGE_BYTES,
      // The Host first (DNS rebinding: another site's name pointed at 127.0.0.1), then the Origin of the page.
      verifyClient: (info: { origin?: string; req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
        if (!hostAllowed(info.req, hosts)) done(false, 421, 'Misdirected Request');
        else if (info.origin !== undefined && !origins.has(info.origin)) done(false, 403, 'Forbidden');
        else done(true);
      },
    });
    const page = new HumanPage(server, wss, `${origin}/`, JSON.stringify(hello));
    wss.on('connection', (socket) => page.attach(socket));
    return page;
  }

  /**
   * Sends a decision (a JSON object with `step`) and resolves with the first action for that step that `parse`
   * accepts; refused actions get an error message and the decision again.
   */
  ask<T>(step: number, decision: object, parse: ActionParser<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      this.pending = { step, message: JSON.stringify(decision), parse, resolve: resolve as (value: unknown) => void };
      this.socket?.send(this.pending.message);
    });
  }

  /** A message for the page, if one is connected. */
  notify(message: object): void {
    this.socket?.send(JSON.stringify(message));
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.close(1001, 'recording finished');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private attach(socket: WebSocket): void {
    if (this.socket) {
      socket.close(1013, 'another page is recording');
      return;
    }
    this.socket = socket;
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(socket, data, isBinary));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
    });
    socket.on('error', () => undefined); // a broken page connection ends with 'close'; the recording waits for another
    socket.send(this.hello);
    if (this.pending) socket.send(this.pending.message);
  }

  private receive(socket: WebSocket, data: RawData, isBinary: boolean): void {
    const fail = (message: string) => {
      socket.send(JSON.stringify({ type: 'error', message }));
      if (this.pending) socket.send(this.pending.message);
    };
    let message: unknown;
    try {
      if (isBinary) throw new Error('a binary frame');
      message = JSON.parse(String(data));
    } catch (error) {
      fail(`page message: expected a JSON text frame, got ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!message || typeof message !== 'object' || (message as { type?: unknown }).type !== 'action') {
      fail(`page message: type: expected "action", got ${JSON.stringify((message as { type?: unknown } | null)?.type)}`);
      return;
    }
    const m = message as Record<string, unknown>;
    const pending = this.pending;
    if (!pending) return fail('page message: no decision is waiting for an action');
    if (m['step'] !== pending.step) return fail(`page action: step: expected ${pending.step} (the decision waiting), got ${JSON.stringify(m['step'])}`);
    let value: unknown;
    try {
      value = pending.parse(m);
    } catch (error) {
      if (!isShivaError(error)) throw error;
      return fail(error.message);
    }
    this.pending = null;
    pending.resolve(value);
  }
}
