/**
 * A gRPC peer with its own TCP connection (plain HTTP/2, no grpc-js: grpc-js clients in one process share
 * connections to the same address, and a stranger in a test must be a connection of its own), calling Unity's
 * Exchange as a Unity player would, and the messages a stranger sends.
 */
import { connect as http2Connect, constants, type ClientHttp2Session } from 'node:http2';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';

export const EXCHANGE_PATH = '/communicator_objects.UnityToExternalProto/Exchange';

export interface RawGrpcPeer {
  /** One Exchange call; resolves with the answer's message (undefined when the call failed or got no message). */
  call(message: Uint8Array): Promise<co.UnityMessageProto | undefined>;
  /** Resolves when the connection is gone (either side). */
  readonly closed: Promise<void>;
  close(): void;
}

export async function rawGrpcPeer(port: number, host = '127.0.0.1'): Promise<RawGrpcPeer> {
  const session: ClientHttp2Session = http2Connect(`http://${host}:${port}`);
  session.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => session.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    session.once('connect', () => resolve());
    session.once('error', reject);
  });
  return {
    closed,
    close: () => session.destroy(),
    call: (message) =>
      new Promise((resolve) => {
        if (session.closed || session.destroyed) return resolve(undefined);
        const frame = Buffer.alloc(5 + message.length);
        frame.writeUInt32BE(message.length, 1);
        frame.set(message, 5);
        const stream = session.request({ [constants.HTTP2_HEADER_METHOD]: 'POST', [constants.HTTP2_HEADER_PATH]: EXCHANGE_PATH, 'content-type': 'application/grpc', te: 'trailers' });
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', () => undefined);
        stream.on('close', () => {
          const body = Buffer.concat(chunks);
          resolve(body.length >= 5 ? co.UnityMessageProto.decode(body.subarray(5, 5 + body.readUInt32BE(1))) : undefined);
        });
        stream.end(frame);
      }),
  };
}

export const encode = (m: co.UnityMessageProto.$Properties): Uint8Array => co.UnityMessageProto.encode(m).finish();

/** The first call of a Unity player of communication API 1.5.0. */
export const INIT_MESSAGE = encode({
  header: { status: 200 },
  unityOutput: { rlInitializationOutput: { name: 'AcademySingleton', communicationVersion: '1.5.0', packageVersion: 'stranger', capabilities: { baseRLCapabilities: true, hybridActions: true } } },
});
/** The second call of the handshake (mlagents_envs discards it; the trainer holds it). */
export const EMPTY_OUTPUT = encode({ header: { status: 200 } });

/** An output announcing CartPole's behavior with one agent whose observation holds NaN. */
export const NAN_OUTPUT = encode({
  header: { status: 200 },
  unityOutput: {
    rlOutput: { agentInfos: { 'CartPole?team=0': { value: [{ id: 0, observations: [{ shape: [4], floatData: { data: [0, NaN, 0, 0] } }] }] } } },
    rlInitializationOutput: { brainParameters: [{ brainName: 'CartPole?team=0', isTraining: true, actionSpec: { numDiscreteActions: 1, discreteBranchSizes: [2] } }] },
  },
});

/**
 * A stranger that tries to pass for the player: the handshake, then NaN in answer to whatever it is sent. Returns
 * the statuses of its answers (400: refused) and whether it was ever sent a trainer's input (it was taken).
 */
export async function nanStranger(peer: RawGrpcPeer): Promise<{ statuses: (number | undefined)[]; taken: boolean }> {
  const statuses: (number | undefined)[] = [];
  let taken = false;
  const first = await peer.call(INIT_MESSAGE);
  statuses.push(first?.header?.status ?? undefined);
  if (first?.header?.status !== 200) return { statuses, taken };
  let answer = await peer.call(EMPTY_OUTPUT); // held until the trainer sends its first input, if it ever does
  statuses.push(answer?.header?.status ?? undefined);
  while (answer?.header?.status === 200 && answer.unityInput) {
    taken = true;
    answer = await peer.call(NAN_OUTPUT);
    statuses.push(answer?.header?.status ?? undefined);
  }
  return { statuses, taken };
}
