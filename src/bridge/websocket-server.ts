/**
 * The WebSocket transport, for browser and WebGL simulations: the same UnityMessageProto bytes as gRPC, one
 * binary frame per call and one binary frame per answer, through the same session state machine, with the
 * same size limit and bind rules. A listener on a non-loopback address also requires a token
 * (`?token=...` in the URL, or `authorization: Bearer` / `shiva-token` on the upgrade), since a browser page can
 * be opened by anyone who can reach the port; a browser's Origin must be allowed (`allowedOrigins`; by default
 * none but the listener's own), so that no other site's page can connect through a visitor's browser. Both are
 * checked on the upgrade, before any message is read. With `tls` it is an https server (wss://).
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as NetServer, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ShivaError } from '../core/errors.js';
import { originAllowed, tokenMatches, tokenOfUpgrade } from './access.js';
import { DEFAULT_MAX_MESSAGE_BYTES, SHUTDOWN_GRACE_MS, listenOptionsOf, type BridgeOptions } from './bridge-options.js';
import { listenAll } from './listen.js';
import { SessionHub } from './session-hub.js';

export interface WebSocketBridgeOptions extends BridgeOptions {
  /** Required for non-loopback binds; clients pass it as ?token=... (or a header on the upgrade). */
  readonly token?: string;
  /** URL path to accept upgrades on. Default "/". */
  readonly path?: string;
  /**
   * Page origins (e.g. "http://localhost:8080", the page of a browser simulation) allowed to connect; "*" allows
   * any. Default: none but the listener's own. Clients that send no Origin (not browsers) are not concerned.
   */
  readonly allowedOrigins?: readonly string[];
}

export class WebSocketBridgeServer {
  readonly hub: SessionHub;
  private readonly wss: WebSocketServer;
  private httpServers: NetServer[] = [];
  /** Every TCP connection to the listeners (upgraded or not), so that stop() can cut off whoever stays. */
  private readonly sockets = new Set<Socket>();
  private portValue = 0;
  private connectionCount = 0;
  private readonly maxMessageBytes: number;

  constructor(
    private readonly port: number,
    private readonly options: WebSocketBridgeOptions = {},
  ) {
    this.hub = new SessionHub(options);
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.maxMessageBytes });
  }

  get boundPort(): number {
    return this.portValue;
  }

  get name(): string {
    return `ws ${this.options.host ?? 'localhost'}:${this.portValue || this.port}`;
  }

  get url(): string {
    return `${this.options.tls ? 'wss' : 'ws'}://localhost:${this.portValue}${this.options.path ?? '/'}`;
  }

  async start(): Promise<this> {
    const { servers, port } = await listenAll(
      () => {
        const answer = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(426, { 'content-type': 'text/plain' }).end('Shiva bridge: connect with a WebSocket\n');
        const tls = this.options.tls;
        const http: HttpServer = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, answer) : createServer(answer);
        http.on('connection', (socket: Socket) => {
          this.sockets.add(socket);
          socket.once('close', () => this.sockets.delete(socket));
        });
        http.on('upgrade', (req, socket, head) => {
          const refusal = this.refusal(req);
          if (refusal) {
            socket.end(`HTTP/1.1 ${refusal}\r\n\r\n`);
            return;
          }
          this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
        });
        return http;
      },
      // Off loopback a WebSocket listener always needs a token: no opting out (a browser page can be opened by anyone).
      { ...listenOptionsOf(this.options), insecureNoToken: false, port: this.port },
      'WebSocket bridge',
    );
    this.httpServers = servers;
    this.portValue = port;
    this.hub.logger.info({ listener: this.name }, 'listening for simulations (WebSocket)');
    return this;
  }

  private refusal(req: IncomingMessage): string | null {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== (this.options.path ?? '/')) return '404 Not Found';
    if (this.options.token && !tokenMatches(tokenOfUpgrade(url, req.headers), this.options.token)) return this.refused(req, '401 Unauthorized', "expected the listener's token (?token=, or authorization: Bearer)");
    if (!originAllowed(req.headers.origin, this.options.allowedOrigins, this.portValue)) return this.refused(req, '403 Forbidden', `Origin: expected one of the allowed origins (${this.options.allowedOrigins?.join(', ') || "the listener's own"}), got "${req.headers.origin}"`);
    return null;
  }

  private refused(req: IncomingMessage, status: string, why: string): string {
    this.hub.logger.warn({ listener: this.name, peer: `${req.socket.remoteAddress}:${req.socket.remotePort}`, code: 'SHIVA_ERR_UNAUTHORIZED' }, `${this.name} <- ${req.socket.remoteAddress}:${req.socket.remotePort}: connection refused: ${why}`);
    return status;
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const key = `${req.socket.remoteAddress}:${req.socket.remotePort}#${++this.connectionCount}`;
    const peer = req.socket.remotePort && req.socket.localPort ? { port: req.socket.remotePort, localPort: req.socket.localPort } : null;
    const session = this.hub.open(key, `${this.name} <- ${req.socket.remoteAddress}:${req.socket.remotePort}`, performance.now(), peer);
    const reply = (bytes: Uint8Array) => {
      if (ws.readyState === ws.OPEN) ws.send(bytes, { binary: true });
    };
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        session.onTransportError(new ShivaError('SHIVA_ERR_PROTOCOL_DECODE', `${session.name}: frame type: expected a binary frame holding a UnityMessageProto, got a text frame`));
        ws.close(1003, 'binary frames only');
        return;
      }
      session.onCall(toBytes(data), reply);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      const tooBig = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      session.onTransportError(
        tooBig
          ? new ShivaError('SHIVA_ERR_MESSAGE_TOO_LARGE', `${session.name}: message size: expected at most ${this.maxMessageBytes} bytes (--max-message-mb), got a larger frame`)
          : new ShivaError('SHIVA_ERR_DISCONNECTED', `${session.name}: connection error: ${error.message}`),
      );
    });
    ws.on('close', () => session.onTransportError(new ShivaError('SHIVA_ERR_DISCONNECTED', `${session.name}: the simulation dropped the connection`)));
    // One socket, one session: once the session ends (its final 400 already queued before this), the socket is
    // closed too, 1000 when either side closed it and 1008 with the error code when it failed or was refused.
    void session.ended.then((end) => {
      if (ws.readyState === ws.OPEN) ws.close(end.by === 'error' ? 1008 : 1000, end.error?.code ?? `closed by the ${end.by}`);
    });
  }

  /**
   * Answers held calls with status 400 and closes every WebSocket after it, stops listening, and cuts off whoever
   * is still connected after SHUTDOWN_GRACE_MS (a peer that does not answer the close, an idle connection).
   */
  async stop(): Promise<void> {
    await this.hub.closeAll();
    for (const client of this.wss.clients) if (client.readyState === client.OPEN) client.close(1001, 'trainer shutting down');
    const closed = Promise.all(this.httpServers.map((s) => new Promise((r) => s.close(r))));
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((r) => (grace = setTimeout(r, SHUTDOWN_GRACE_MS)))]);
    clearTimeout(grace);
    for (const client of this.wss.clients) client.terminate();
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.wss.close();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
