/**
 * The error-code registry for every boundary (protocol, bridge, config, rules, checkpoints, demo files).
 * Each thrown ShivaError carries one of these codes; test/errors.test.ts keeps this table, the code that
 * throws, and docs/ERRORS.md in step. Messages name the place (file, connection), the field, what was
 * expected and what came.
 */
export const ERROR_CODES = {
  SHIVA_ERR_ACTION_SHAPE: 'Actions for a behavior have the wrong number of agents, components or branches.',
  SHIVA_ERR_ACTION_VALUE: 'An action value is out of range (discrete) or not finite (continuous).',
  SHIVA_ERR_UNKNOWN_BEHAVIOR: 'A behavior name that the environment has not announced.',
  SHIVA_ERR_UNKNOWN_AGENT: 'An agent id that is not waiting for a decision.',
  SHIVA_ERR_PROTOCOL_DECODE: 'Bytes from a peer are not a valid UnityMessageProto.',
  SHIVA_ERR_PROTOCOL_FIELD: 'A decoded message has a field with a value the protocol does not allow.',
  SHIVA_ERR_PROTOCOL_LIMIT: "A peer declared more than Shiva accepts (src/protocol/limits.ts, docs/RELIABILITY.md \"Hostile messages\"): a discrete branch, the action mask or the continuous actions of a behavior, an observation's rank or size, too many sensors or behaviors, an interlaced PNG, or a message whose decoding would take more than 16 × the message-size limit; refused before anything is allocated for it.",
  SHIVA_ERR_OBSERVATION: 'An observation does not match its shape, or holds NaN or Inf.',
  SHIVA_ERR_REWARD: 'A reward or group reward is NaN or Inf.',
  SHIVA_ERR_VERSION: 'The peer speaks an incompatible communication API version.',
  SHIVA_ERR_MESSAGE_TOO_LARGE: 'A message is over the configured size limit.',
  SHIVA_ERR_TIMEOUT: 'The peer did not send its next message in time.',
  SHIVA_ERR_DISCONNECTED: 'The peer closed its connection.',
  SHIVA_ERR_CLOSED: 'The session was closed (status 400 from either side, or shutdown).',
  SHIVA_ERR_SESSION_STATE: 'A call arrived, or an operation was asked for, in a state of the session that does not allow it.',
  SHIVA_ERR_SIDE_CHANNEL: 'A side-channel record is malformed or arrived on a channel that must never receive it.',
  SHIVA_ERR_BIND: 'A listener could not be opened, or a non-loopback bind (by the addresses its host resolves to) was not asked for explicitly (--allow-remote) or has no token.',
  SHIVA_ERR_UNAUTHORIZED: 'A connection or call was refused before any message was read: a missing or wrong token, or an Origin or Host header that is not allowed.',
  SHIVA_ERR_STRANGER: 'A connection on the port of a player Shiva launched that is not that player (made before the player was (re)started, or while it is connected, or a second one after its restart); refused with status 400.',
  SHIVA_ERR_LAUNCH: 'A Unity executable could not be launched (no such file, not executable), or it kept exiting (before or after connecting) beyond the restart limits (max_lifetime_restarts, restarts_rate_limit_n per restarts_rate_limit_period_s).',
  SHIVA_ERR_ENV: 'A built-in environment was misused or misconfigured.',
  SHIVA_ERR_USAGE: 'A command-line argument is missing or has a bad value.',
  SHIVA_ERR_RUN_FOLDER: 'The results folder, or the run folder in it, cannot be made or written: a file is in the way, permission is denied, or the file system is read-only.',
  SHIVA_ERR_BACKEND: 'A requested TensorFlow.js backend could not be loaded or initialised.',
  SHIVA_ERR_NETWORK: 'A network cannot be built for the observation or action spec of a behavior with the given settings.',
  SHIVA_ERR_MODEL_STATE: 'Saved network weights or normaliser state do not match the network they are loaded into.',
  SHIVA_ERR_CHECKPOINT: 'A checkpoint file or its index is truncated, corrupt (magic, version, length or CRC32C), or not a Shiva checkpoint.',
  SHIVA_ERR_TELEMETRY_FILE: 'A telemetry file (TensorBoard event file, scalar CSV) is truncated, fails a CRC32C check, or has an unexpected layout.',
  SHIVA_ERR_REPLAY: 'A replay buffer was given a transition, priority or setting it cannot hold, or a saved replay buffer does not match the buffer it is loaded into (capacity, specs, kind, blobs).',
  SHIVA_ERR_DEMO_FILE: 'A demonstration (.demo) file or folder is missing, truncated or corrupt (framing, meta record, brain parameters or a record), has an unsupported api_version, or disagrees with the other files of its folder.',
  SHIVA_ERR_DEMO_SPEC: 'A demonstration does not fit the behavior it is to train: its observation count or shapes, continuous size or discrete branches differ from the learner\'s BehaviorSpec.',
  SHIVA_ERR_CONFIG: 'A run-configuration file (YAML) has a syntax error, an unknown key, a value of the wrong type or range, or settings that contradict each other.',
  SHIVA_ERR_RULES: 'A rule file of the reasoning layer (cognitive:) cannot be read, is invalid (file, line, field), or does not fit its behavior (action branches, observation size).',
  SHIVA_ERR_TRACE: 'A decision-trace file (JSONL, shiva explain) is unreadable, or a line is not a decision trace.',
  SHIVA_ERR_ONNX_MODEL: 'An ONNX model (onnx:PATH) cannot be loaded by onnxruntime, or does not fit the behavior it is to act for: its obs_N inputs, action_masks, version_number (2 or 3), memory_size (0, or the size of recurrent_in with recurrent_out beside it), action outputs or their output shapes.',
  SHIVA_ERR_MAP: 'A scout-mission map (JSON) is unreadable, or a field is missing, of the wrong type or out of range, or inconsistent with the rest of the map (edges, spawns, objectives, patrols).',
  SHIVA_ERR_CLUSTER: 'Distributed training over NATS JetStream (--cluster) cannot start or goes wrong: a URL off loopback without credentials or TLS, a server that cannot be reached or has no JetStream, a message on the run\'s stream that is not Shiva\'s, or an actor whose behaviors or specs the learner does not train.',
  SHIVA_ERR_UPDATE_THREAD: "A learner's update thread (threaded: true) could not start, died, did not answer within its limit, or failed with an error that is not one of the codes above (its message and stack are kept).",
  SHIVA_ERR_DRAWING: 'A scene drawing (JSON from a side channel or a recorded episode file) is not an object of the documented shape, a field has the wrong type, or it holds more entities, links or layers than allowed (docs/SCENE-DRAWING.md).',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class ShivaError extends Error {
  override readonly name = 'ShivaError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isShivaError(error: unknown, code?: ErrorCode): error is ShivaError {
  return error instanceof ShivaError && (code === undefined || error.code === code);
}
