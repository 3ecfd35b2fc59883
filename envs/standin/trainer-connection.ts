/**
 * How the stand-in reaches a trainer, as a Unity build does: gRPC unary Exchange calls to localhost:PORT
 * (Unity's RpcCommunicator), or binary WebSocket frames for the browser transport. One call at a time.
 */
import { Client, Metadata, credentials, type ServiceError } from '@grpc/grpc-js';
import WebSocket from 'ws';
import { ShivaError, type ErrorCode } from '../../src/core/errors.js';
import { SIMULATION_MAX_MESSAGE_BYTES } from '../../src/protocol/limits.js';

export interface TrainerConnection {
  readonly name: string;
  /** Sends one UnityMessageProto and resolves with the trainer's answer. */
  call(bytes: Uint8Array): Promise<Uint8Array>;
  close(): void;
}

const EXCHANGE_PATH = '/communicator_objects.UnityToExternalProto/Exchange';

/** What a trainer listening off loopback asks for (docs/SECURITY.md); a Unity player sends neither. */
export interface ConnectionSecurity {
  /** Sent on every call (gRPC metadata "authorization: Bearer TOKEN") or on the upgrade (WebSocket). */
  readonly token?: string;
  /** PEM of the CA (or the self-signed certificate) to trust: connects with TLS. */
  readonly tlsCa?: string | Buffer;
}

export function grpcConnection(port: number, host = 'localhost', security: ConnectionSecurity = {}): TrainerConnection {
  const client = new Client(`${host}:${port}`, security.tlsCa ? credentials.createSsl(Buffer.from(security.tlsCa)) : credentials.createInsecure(), {
    // A trainer's answers are actions and side channels; larger ones are refused unread (RESOURCE_EXHAUSTED).
    'grpc.max_receive_message_length': SIMULATION_MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': -1,
  });
  const metadata = new Metadata();
  if (security.token) metadata.set('authorization', `Bearer ${security.token}`);
  const name = `grpc ${host}:${port}`;
  return {
    name,
    call: (bytes) =>
      new Promise((resolve, reject) => {
        client.makeUnaryRequest(
          EXCHANGE_PATH,
          (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
          (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
          bytes,
          metadata,
          (error: ServiceError | null, reply?: Uint8Array) => {
            const tooLarge = error?.code === 8; // RESOURCE_EXHAUSTED: over max_receive_message_length
            if (error) reject(new ShivaError(tooLarge ? 'SHIVA_ERR_MESSAGE_TOO_LARGE' : 'SHIVA_ERR_DISCONNECTED', `${name}: Exchange failed: ${error.details || error.message} (gRPC status ${error.code})`, { cause: error }));
            else resolve(reply!);
          },
        );
      }),
    close: () => client.close(),
  };
}

export async function webSocketConnection(url: string, security: ConnectionSecurity = {}): Promise<TrainerConnection> {
  const ws = new WebSocket(url, { maxPayload: SIMULATION_MAX_MESSAGE_BYTES, ...(security.token ? { headers: { authorization: `Bearer ${security.token}` } } : {}), ...(security.tlsCa ? { ca: security.tlsCa } : {}) });
  ws.binaryType = 'nodebuffer';
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', (e) => reject(new ShivaError('SHIVA_ERR_DISCONNECTED', `ws ${url}: cannot connect: ${e.message}`, { cause: e })));
  });
  let pending: { resolve: (b: Uint8Array) => void; reject: (e: Error) => void } | null = null;
  const fail = (why: string, code: ErrorCode = 'SHIVA_ERR_DISCONNECTED') => {
    pending?.reject(new ShivaError(code, `ws ${url}: ${why}`));
    pending = null;
  };
  ws.on('message', (data: Buffer) => {
    const p = pending;
    pending = null;
    p?.resolve(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  ws.on('close', (code) => fail(`connection closed (code ${code})`));
  ws.on('error', (e: Error & { code?: string }) =>
    e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? fail(`message size: expected at most ${SIMULATION_MAX_MESSAGE_BYTES} bytes from the trainer, got a larger frame`, 'SHIVA_ERR_MESSAGE_TOO_LARGE') : fail(e.message),
  );
  return {
    name: `ws ${url}`,
    call: (bytes) =>
      new Promise((resolve, reject) => {
        if (ws.readyState !== ws.OPEN) return reject(new ShivaError('SHIVA_ERR_DISCONNECTED', `ws ${url}: connection is closed`));
        pending = { resolve, reject };
        ws.send(bytes, { binary: true });
      }),
    close: () => ws.close(),
  };
}
