/**
 * The UnityMessageProto envelope: decoding with errors that name the connection, and the messages a trainer
 * sends (initialization reply, RL input, close).
 */
import { communicator_objects as co } from './generated/communicator.js';
import { ShivaError } from '../core/errors.js';
import { ALL_CAPABILITIES, COMMUNICATION_API_VERSION, SHIVA_PACKAGE_VERSION } from './version.js';
import type { DecodeBudget } from './limits.js';
import { estimateDecodedBytes, estimateUpperBound } from './wire-estimate.js';

export type UnityMessage = co.UnityMessageProto.$Properties;
export type UnityOutput = co.UnityOutputProto.$Properties;
export type UnityRLInput = co.UnityRLInputProto.$Properties;

export const STATUS_OK = 200;
export const STATUS_CLOSE = 400;

export const Command = { STEP: 0, RESET: 1, QUIT: 2 } as const;

/**
 * Decodes a message from a peer. With a `budget`, the objects that decoding would create are estimated from the
 * wire first and charged to it, so a message that would take more memory than the budget allows is refused
 * (SHIVA_ERR_PROTOCOL_LIMIT) before protobufjs allocates anything for it.
 */
export function decodeUnityMessage(bytes: Uint8Array, where: string, budget?: DecodeBudget): co.UnityMessageProto {
  if (budget) chargeWireEstimate(bytes, where, budget);
  try {
    return co.UnityMessageProto.decode(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShivaError('SHIVA_ERR_PROTOCOL_DECODE', `${where}: message of ${bytes.length} bytes: expected a UnityMessageProto, got undecodable bytes (${reason})`, { cause: error });
  }
}

/**
 * The first charge of every message from a peer: the protobuf objects decoding it would create, estimated from
 * the wire. The trainer's fast path (output-fast-path.ts) charges it too, so both paths refuse the same messages.
 */
export function chargeWireEstimate(bytes: Uint8Array, where: string, budget: DecodeBudget): void {
  budget.charge(estimateDecodedBytes(bytes), where, `message of ${bytes.length} bytes (its protobuf objects, estimated from the wire)`);
}

/**
 * The fast path's first charge (output-fast-path.ts): the walk's upper bound, where the budget has room for it (no
 * walk: a charge that fits cannot refuse the message, and the budget dies with the message), else the walk itself,
 * which refuses exactly what decodeUnityMessage refuses. After it, every later charge that fits here fits there too.
 */
export function chargeWireEstimateBound(bytes: Uint8Array, where: string, budget: DecodeBudget): void {
  const bound = estimateUpperBound(bytes.length);
  if (budget.used + bound <= budget.limitBytes) budget.charge(bound, where, 'an upper bound of the wire estimate');
  else chargeWireEstimate(bytes, where, budget);
}

export function encodeUnityMessage(message: UnityMessage): Uint8Array {
  return co.UnityMessageProto.encode(message).finish();
}

/** Status of a message; a missing header counts as 200, since status is a proto3 default there. */
export function statusOf(message: UnityMessage): number {
  return message.header?.status ?? 0;
}

export function initializationReply(options: { seed: number; numAreas: number }): Uint8Array {
  return encodeUnityMessage({
    header: { status: STATUS_OK },
    unityInput: {
      rlInitializationInput: {
        seed: options.seed,
        communicationVersion: COMMUNICATION_API_VERSION,
        packageVersion: SHIVA_PACKAGE_VERSION,
        capabilities: { ...ALL_CAPABILITIES },
        numAreas: options.numAreas,
      },
    },
  });
}

export function rlInputMessage(input: UnityRLInput): Uint8Array {
  return encodeUnityMessage({ header: { status: STATUS_OK }, unityInput: { rlInput: input } });
}

export const CLOSE_MESSAGE: Uint8Array = encodeUnityMessage({ header: { status: STATUS_CLOSE } });
