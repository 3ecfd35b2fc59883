/**
 * How the stand-in reaches a trainer, as a Unity build does: gRPC unary Exchange calls to localhost:PORT
 * (Unity's RpcCommunicator), or binary WebSocket frames for the browser transport. One call at a time.
 */
import { Client, credentials, type ServiceError } from '@grpc/grpc-js';
import WebSocket from 'ws';
import { ShivaError } from '../../src/core/errors.js';

export interface TrainerConnection {
  readonly name: string;
  /** Sends one UnityMessageProto and resolves with the trainer's answer. */
  call(bytes: Uint8Array): Promise<Uint8Array>;
  close(): void;
}

const EXCHANGE_PATH = '/communicator_objects.UnityToExternalProto/Exchange';

export function grpcConnection(port: number, host = 'localhost'): TrainerConnection {
  const client = new Client(`${host}:${port}`, credentials.createInsecure(), {
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
  });
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
          (error: ServiceError | null, reply?: Uint8Array) => {
            if (error) reject(new ShivaError('SHIVA_ERR_DISCONNECTED', `${name}: Exchange failed: ${error.details || error.message} (gRPC status ${error.code})`, { cause: error }));
            else resolve(reply!);
          },
        );
      }),
    close: () => client.close(),
  };
}

export async function webSocketConnection(url: string): Promise<TrainerConnection> {
  const ws = new WebSocket(url, { maxPayload: 0 });
  ws.binaryType = 'nodebuffer';
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', (e) => reject(new ShivaError('SHIVA_ERR_DISCONNECTED', `ws ${url}: cannot connect: ${e.message}`, { cause: e })));
  });
  let pending: { resolve: (b: Uint8Array) => void; reject: (e: Error) => void } | null = null;
  const fail = (why: string) => {
    pending?.reject(new ShivaError('SHIVA_ERR_DISCONNECTED', `ws ${url}: ${why}`));
    pending = null;
  };
  ws.on('message', (data: Buffer) => {
    const p = pending;
    pending = null;
    p?.resolve(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  ws.on('close', (code) => fail(`connection closed (code ${code})`));
  ws.on('error', (e) => fail(e.message));
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
