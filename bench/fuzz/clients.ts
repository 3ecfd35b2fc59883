/**
 * The fake simulation (a client of the trainer) and the fake trainer (a server for the stand-in) of the fuzz bench:
 * raw transports that send whatever bytes a case holds, one connection per case.
 */
import { Client, credentials, Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall, type ServiceError } from '@grpc/grpc-js';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

const EXCHANGE_PATH = '/communicator_objects.UnityToExternalProto/Exchange';

export interface RawConnection {
  /** The answer's bytes; rejects on a transport error or after `timeoutMs` (a hang). */
  call(bytes: Uint8Array, timeoutMs: number): Promise<Uint8Array>;
  close(): void;
}

export class CallTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new CallTimeout(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** A gRPC connection of its own (a local subchannel pool: no TCP connection shared with an earlier case). */
export function rawGrpcConnection(port: number): RawConnection {
  const client = new Client(`localhost:${port}`, credentials.createInsecure(), {
    'grpc.use_local_subchannel_pool': 1,
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
  });
  return {
    call: (bytes, timeoutMs) =>
      withTimeout(
        new Promise<Uint8Array>((resolve, reject) =>
          client.makeUnaryRequest(
            EXCHANGE_PATH,
            (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
            (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
            bytes,
            (error: ServiceError | null, reply?: Uint8Array) => (error ? reject(error) : resolve(reply!)),
          ),
        ),
        timeoutMs,
      ),
    close: () => client.close(),
  };
}

export async function rawWebSocketConnection(url: string, timeoutMs: number): Promise<RawConnection> {
  const ws = new WebSocket(url, { maxPayload: 0 });
  ws.binaryType = 'nodebuffer';
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    }),
    timeoutMs,
  );
  let pending: { resolve: (b: Uint8Array) => void; reject: (e: Error) => void } | null = null;
  const fail = (e: Error) => {
    pending?.reject(e);
    pending = null;
  };
  ws.on('message', (data: Buffer) => {
    const p = pending;
    pending = null;
    p?.resolve(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  ws.on('close', (code) => fail(new Error(`connection closed (code ${code})`)));
  ws.on('error', fail);
  return {
    call: (bytes, ms) =>
      withTimeout(
        new Promise<Uint8Array>((resolve, reject) => {
          if (ws.readyState !== ws.OPEN) return reject(new Error('connection closed'));
          pending = { resolve, reject };
          ws.send(bytes, { binary: true });
        }),
        ms,
      ),
    close: () => ws.terminate(),
  };
}

/** Answers one call: the bytes to send back for `request` (the `n`-th call of the current case, from 1). */
export type Answer = (request: Uint8Array, n: number) => Uint8Array;

/**
 * A fake trainer on gRPC and WebSocket: every call is answered by the current `answer`, which the bench sets per
 * case (one stand-in at a time). Calls are counted per case.
 */
export class FakeTrainer {
  private answer: Answer | null = null;
  private calls = 0;
  private readonly grpc = new Server({ 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
  private readonly http: HttpServer = createServer();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 0 });
  grpcPort = 0;
  wsUrl = '';

  async start(): Promise<this> {
    this.grpc.register(
      EXCHANGE_PATH,
      (call: ServerUnaryCall<Buffer, Uint8Array>, callback: sendUnaryData<Uint8Array>) => callback(null, this.respond(call.request)),
      (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
      (b: Buffer) => b,
      'unary',
    );
    this.grpcPort = await new Promise<number>((resolve, reject) => this.grpc.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, port) => (e ? reject(e) : resolve(port))));
    this.http.on('upgrade', (req, socket, head) =>
      this.wss.handleUpgrade(req, socket, head, (ws) =>
        ws.on('message', (data: Buffer) => {
          if (ws.readyState === ws.OPEN) ws.send(this.respond(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)), { binary: true });
        }),
      ),
    );
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.wsUrl = `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}/`;
    return this;
  }

  /** The answers of the next case. */
  next(answer: Answer): void {
    this.answer = answer;
    this.calls = 0;
  }

  private respond(request: Uint8Array): Uint8Array {
    this.calls++;
    return this.answer!(request, this.calls);
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise((r) => this.http.close(r));
    await new Promise<void>((resolve) => this.grpc.tryShutdown(() => resolve()));
  }
}
