/**
 * The gRPC transport: serves communicator_objects.UnityToExternalProto/Exchange, the one method Unity calls.
 * We own the listening sockets (grpc-js's connection injector) so that each TCP connection has one session
 * and a dropped connection is noticed at once, even between calls. Bytes are passed through undecoded
 * (identity serializers): the session decodes them, so malformed input becomes a clear session error instead
 * of a gRPC INTERNAL status.
 */
import { Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { ShivaError } from '../core/errors.js';
import { CLOSE_MESSAGE } from '../protocol/messages.js';
import { DEFAULT_MAX_MESSAGE_BYTES, type BridgeOptions } from './bridge-options.js';
import { listenAll } from './listen.js';
import { SessionHub } from './session-hub.js';

export const EXCHANGE_PATH = '/communicator_objects.UnityToExternalProto/Exchange';

export class GrpcBridgeServer {
  readonly hub: SessionHub;
  private readonly grpc: Server;
  private netServers: NetServer[] = [];
  private readonly sockets = new Set<Socket>();
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
    const injector = this.grpc.createConnectionInjector(ServerCredentials.createInsecure());
    const { servers, port } = await listenAll(
      () =>
        createServer((socket) => {
          this.sockets.add(socket);
          const key = peerKey(socket.remoteAddress, socket.remotePort);
          socket.once('close', () => {
            this.sockets.delete(socket);
            this.hub.get(key)?.onTransportError(new ShivaError('SHIVA_ERR_DISCONNECTED', `${this.name} <- ${key}: the simulation dropped the connection`));
          });
          injector.injectConnection(socket);
        }),
      { port: this.port, ...(this.options.host ? { host: this.options.host } : {}), ...(this.options.allowRemote ? { allowRemote: true } : {}) },
      'gRPC bridge',
    );
    this.netServers = servers;
    this.portValue = port;
    this.hub.logger.info({ listener: this.name }, 'listening for simulations (gRPC)');
    return this;
  }

  private readonly handleExchange = (call: ServerUnaryCall<Buffer, Uint8Array>, callback: sendUnaryData<Uint8Array>): void => {
    const key = call.getPeer();
    let session = this.hub.get(key);
    if (!session) session = this.hub.open(key, `${this.name} <- ${key}`);
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

  /** Answers held calls with status 400, then stops listening and drops connections. */
  async stop(): Promise<void> {
    await this.hub.closeAll();
    // Give the 400 replies a moment to flush before the connections go.
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all(this.netServers.map((s) => new Promise((r) => s.close(r))));
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.grpc.tryShutdown(() => resolve()));
  }
}

/** grpc-js's getPeer() format for a TCP connection. */
function peerKey(address: string | undefined, port: number | undefined): string {
  return `${address}:${port}`;
}
