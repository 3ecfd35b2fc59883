/**
 * The WebSocket transport, for browser and WebGL simulations: the same UnityMessageProto bytes as gRPC, one
 * binary frame per call and one binary frame per answer, through the same session state machine, with the
 * same size limit and bind rules. A listener on a non-loopback address also requires a token
 * (`?token=...` in the URL), since a browser page can be opened by anyone who can reach the port.
 */
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Server as NetServer } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ShivaError } from '../core/errors.js';
import { DEFAULT_MAX_MESSAGE_BYTES, type BridgeOptions } from './bridge-options.js';
import { isLoopbackHost, listenAll } from './listen.js';
import { SessionHub } from './session-hub.js';

export interface WebSocketBridgeOptions extends BridgeOptions {
  /** Required for non-loopback binds; clients pass it as ?token=... */
  readonly token?: string;
  /** URL path to accept upgrades on. Default "/". */
  readonly path?: string;
}

export class WebSocketBridgeServer {
  readonly hub: SessionHub;
  private readonly wss: WebSocketServer;
  private httpServers: NetServer[] = [];
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
    if (!isLoopbackHost(options.host ?? 'localhost') && !options.token) {
      throw new ShivaError('SHIVA_ERR_BIND', `WebSocket bridge: token: expected a token for a non-loopback bind (${options.host}), got none`);
    }
  }

  get boundPort(): number {
    return this.portValue;
  }

  get name(): string {
    return `ws ${this.options.host ?? 'localhost'}:${this.portValue || this.port}`;
  }

  get url(): string {
    return `ws://localhost:${this.portValue}${this.options.path ?? '/'}`;
  }

  async start(): Promise<this> {
    const { servers, port } = await listenAll(
      () => {
        const http: HttpServer = createServer((_req, res) => res.writeHead(426, { 'content-type': 'text/plain' }).end('Shiva bridge: connect with a WebSocket\n'));
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
      { port: this.port, ...(this.options.host ? { host: this.options.host } : {}), ...(this.options.allowRemote ? { allowRemote: true } : {}) },
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
    if (this.options.token && url.searchParams.get('token') !== this.options.token) return '401 Unauthorized';
    return null;
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const key = `${req.socket.remoteAddress}:${req.socket.remotePort}#${++this.connectionCount}`;
    const session = this.hub.open(key, `${this.name} <- ${req.socket.remoteAddress}:${req.socket.remotePort}`);
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
  }

  async stop(): Promise<void> {
    await this.hub.closeAll();
    await new Promise((r) => setTimeout(r, 20));
    for (const client of this.wss.clients) client.close(1001, 'trainer shutting down');
    await Promise.all(this.httpServers.map((s) => new Promise((r) => s.close(r))));
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
