/**
 * The gRPC transport: serves communicator_objects.UnityToExternalProto/Exchange, the one method Unity calls.
 * We own the listening sockets (grpc-js's connection injector) so that each TCP connection has one session
 * and a dropped connection is noticed at once, even between calls. Bytes are passed through undecoded
 * (identity serializers): the session decodes them, so malformed input becomes a clear session error instead
 * of a gRPC INTERNAL status.
 */
import { Server, ServerCredentials, status, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { ShivaError } from '../core/errors.js';
import { CLOSE_MESSAGE } from '../protocol/messages.js';
import { tokenFromHeaders, tokenMatches } from './access.js';
import { DEFAULT_MAX_MESSAGE_BYTES, SHUTDOWN_GRACE_MS, listenOptionsOf, type BridgeOptions } from './bridge-options.js';
import { listenAll } from './listen.js';
import { SessionHub } from './session-hub.js';
import type { PeerSocket } from './peer-process.js';

export const EXCHANGE_PATH = '/communicator_objects.UnityToExternalProto/Exchange';

export class GrpcBridgeServer {
  readonly hub: SessionHub;
  private readonly grpc: Server;
  private netServers: NetServer[] = [];
  private readonly sockets = new Set<Socket>();
  /** When each open connection was made (performance.now()), by peer: a launched player's port serves only connections made after its (re)start. */
  private readonly connectedAt = new Map<string, number>();
  private portValue = 0;
  private readonly maxMessageBytes: number;

  constructor(
    private readonly port: number,
    private readonly options: BridgeOptions = {},
  ) {
    this.hub = new SessionHub(options);
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    // gRPC's own limit sits above ours so that an oversize message still reaches the session, which turns it
    // into a clear error; beyond twice the limit gRPC refuses it unread (RESOURCE_EXHAUSTED to the peer).
    this.grpc = new Server({
      'grpc.max_receive_message_length': this.maxMessageBytes * 2,
      'grpc.max_send_message_length': -1,
    });
    this.grpc.register(EXCHANGE_PATH, this.handleExchange, (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength), (b: Buffer) => b, 'unary');
  }

  get boundPort(): number {
    return this.portValue;
  }

  /** Names this listener in logs and errors. */
  get name(): string {
    return `grpc ${this.options.host ?? 'localhost'}:${this.portValue || this.port}`;
  }

  async start(): Promise<this> {
    const tls = this.options.tls;
    const injector = this.grpc.createConnectionInjector(tls ? ServerCredentials.createSsl(null, [{ private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) }], false) : ServerCredentials.createInsecure());
    const { servers, port, remote } = await listenAll(
      () =>
        createServer((socket) => {
          this.sockets.add(socket);
          const key = peerKey(socket.remoteAddress, socket.remotePort);
          this.connectedAt.set(key, performance.now());
          socket.once('close', () => {
            this.sockets.delete(socket);
            this.connectedAt.delete(key);
            this.hub.get(key)?.onTransportError(new ShivaError('SHIVA_ERR_DISCONNECTED', `${this.name} <- ${key}: the simulation dropped the connection`));
          });
          injector.injectConnection(socket);
        }),
      { ...listenOptionsOf(this.options), port: this.port },
      'gRPC bridge',
    );
    this.netServers = servers;
    this.portValue = port;
    this.hub.logger.info({ listener: this.name, ...(tls ? { tls: true } : {}), ...(this.options.token ? { token: 'required' } : {}) }, 'listening for simulations (gRPC)');
    if (remote && !this.options.token) this.hub.logger.warn({ listener: this.name }, `${this.name}: reachable off loopback WITHOUT a token (--insecure-no-token): anyone who reaches the port can drive and feed the trainer`);
    else if (remote && !tls) this.hub.logger.warn({ listener: this.name }, `${this.name}: reachable off loopback without TLS: the token travels in clear text (--tls-cert, --tls-key)`);
    return this;
  }

  private readonly handleExchange = (call: ServerUnaryCall<Buffer, Uint8Array>, callback: sendUnaryData<Uint8Array>): void => {
    const key = call.getPeer();
    // With a token, every call presents it (metadata), or is refused before its bytes are read or a session opened.
    const token = this.options.token;
    if (token && !tokenMatches(tokenFromHeaders((name) => call.metadata.get(name).map(String)[0]), token)) {
      this.hub.logger.warn({ listener: this.name, peer: key, code: 'SHIVA_ERR_UNAUTHORIZED' }, `${this.name} <- ${key}: call refused: expected the listener's token (metadata "authorization: Bearer TOKEN" or "shiva-token"), got ${call.metadata.get('authorization').length + call.metadata.get('shiva-token').length > 0 ? 'a wrong one' : 'none'}`);
      callback({ code: status.UNAUTHENTICATED, details: 'Shiva: this listener needs a token (metadata "authorization: Bearer TOKEN" or "shiva-token: TOKEN")' });
      return;
    }
    let session = this.hub.get(key);
    if (!session) session = this.hub.open(key, `${this.name} <- ${key}`, this.connectedAt.get(key), peerSocketOf(key, this.portValue));
    let answered = false;
    const reply = (bytes: Uint8Array) => {
      if (answered) return;
      answered = true;
      callback(null, bytes);
    };
    call.on('cancelled', () => {
      if (!answered) session.onTransportError(new ShivaError('SHIVA_ERR_DISCONNECTED', `${session.name}: the simulation cancelled its call`));
    });
    if (call.request.length > this.maxMessageBytes) {
      reply(CLOSE_MESSAGE);
      session.onTransportError(new ShivaError('SHIVA_ERR_MESSAGE_TOO_LARGE', `${session.name}: message size: expected at most ${this.maxMessageBytes} bytes (--max-message-mb), got ${call.request.length}`));
      return;
    }
    session.onCall(call.request, reply);
  };

  /**
   * Answers held calls with status 400, stops listening, and drops every connection: peers told to stop usually
   * hang up at once; whoever is still connected after SHUTDOWN_GRACE_MS (an idle stranger, a peer that ignores the
   * 400) is cut off, so that stopping never waits on a peer.
   */
  async stop(): Promise<void> {
    await this.hub.closeAll();
    const closed = Promise.all(this.netServers.map((s) => new Promise((r) => s.close(r))));
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((r) => (grace = setTimeout(r, SHUTDOWN_GRACE_MS)))]);
    clearTimeout(grace);
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.grpc.forceShutdown();
  }
}

/** The dialler's port from a peer key ("127.0.0.1:53830", "[::1]:53830"), with the listener's. */
function peerSocketOf(key: string, localPort: number): PeerSocket | null {
  const port = Number(key.slice(key.lastIndexOf(':') + 1));
  return Number.isInteger(port) && port > 0 && localPort > 0 ? { port, localPort } : null;
}

/** grpc-js's getPeer() format for a TCP connection. */
function peerKey(address: string | undefined, port: number | undefined): string {
  return `${address}:${port}`;
}
