/**
 * The cases of the hostile-message bench (bench/fuzz-protocol.ts) and its seeded slice in `npm test`
 * (test/bridge/fuzz-slice.test.ts), and the hand-made hostile messages of test/bridge/hostile-messages.test.ts.
 *
 * Two targets, each over both transports:
 * - a live trainer (GrpcBridgeServer / WebSocketBridgeServer with RemoteEnv, as `shiva probe` and `shiva train`
 *   use them): a fake simulation plays the recorded exchange (test/fixtures/mlagents/traces, real bytes between
 *   mlagents_envs and a Unity-side client) and replaces one message (the handshake, the second call, the first
 *   output or a step of the live session) with a mutated or hand-made one;
 * - a live stand-in (`shiva unity-standin`'s UnityStandIn): a fake trainer answers it with the recorded trainer
 *   replies (handshake, RESET) or with actions built for it, one of them mutated or hand-made.
 *
 * Everything is drawn from one seed, so a case list is the same on every run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { Rng } from '../../src/core/runtime/rng.js';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const TRACE_FILE = `${repoRoot}test/fixtures/mlagents/traces/basic_2agents_vec4_disc3.jsonl`;

export type Transport = 'grpc' | 'ws';
/** Which message of the trainer's exchange is replaced: call 1 (handshake), call 2, call 3 (first output) or call 4 (a step). */
export type TrainerPhase = 'init' | 'second' | 'first-output' | 'step';
/** Which trainer answer the stand-in gets replaced: reply 1 (handshake), reply 2 (RESET) or reply 3 (actions). */
export type StandInPhase = 'init-reply' | 'reset' | 'actions';

export interface TrainerCase {
  readonly id: number;
  readonly target: 'trainer';
  readonly transport: Transport;
  readonly phase: TrainerPhase;
  /** How it was made: a mutation ("bitflip", "truncate", …) or a hostile case's name ("hostile:branch-2^31-1"). */
  readonly family: string;
  /** The message (made when it is sent: the hostile ones are megabytes). */
  readonly make: () => Uint8Array;
}

export interface StandInCase {
  readonly id: number;
  readonly target: 'standin';
  readonly transport: Transport;
  readonly phase: StandInPhase;
  readonly family: string;
  /** The answer; for 'actions' made from the valid actions built for the stand-in's first output. */
  readonly make: (validActions: Uint8Array) => Uint8Array;
}

export type FuzzCase = TrainerCase | StandInCase;

/** The recorded exchange: what the Unity side sent, and what mlagents_envs answered. */
export interface Recorded {
  readonly init: Uint8Array;
  readonly second: Uint8Array;
  readonly firstOutput: Uint8Array;
  readonly step: Uint8Array;
  readonly close: Uint8Array;
  readonly initReply: Uint8Array;
  readonly reset: Uint8Array;
  readonly actions: Uint8Array;
}

let recorded: Recorded | null = null;

export function recordedExchange(): Recorded {
  if (recorded) return recorded;
  const lines = readFileSync(TRACE_FILE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { seq: number; dir: string; hex: string });
  const get = (seq: number, dir: 'unity->python' | 'python->unity') => new Uint8Array(Buffer.from(lines.find((l) => l.seq === seq && l.dir === dir)!.hex, 'hex'));
  recorded = {
    init: get(0, 'unity->python'),
    second: get(1, 'unity->python'),
    firstOutput: get(2, 'unity->python'),
    step: get(3, 'unity->python'),
    close: encode({ header: { status: 400 } }),
    initReply: get(0, 'python->unity'),
    reset: get(1, 'python->unity'),
    actions: get(2, 'python->unity'),
  };
  return recorded;
}

export function encode(message: co.UnityMessageProto.$Properties | Record<string, unknown>): Uint8Array {
  return co.UnityMessageProto.encode(message as co.UnityMessageProto.$Properties).finish();
}

// ---------------------------------------------------------------------------------------------------------------
// PNG files by hand: a valid signature and IHDR (with CRCs) may declare any size, and a tiny IDAT is enough.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * One PNG file of `width` × `height` 8-bit RGB declared in its IHDR, whose IDAT is `rawBytes` zero bytes
 * deflated (default: 1 KB, far too little for a large image: the file only has to be refused before decoding).
 */
export function handMadePng(width: number, height: number, options: { rawBytes?: number; interlace?: number } = {}): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  ihdr[12] = options.interlace ?? 0;
  const idat = deflateSync(Buffer.alloc(options.rawBytes ?? 1024), { level: 9 });
  return new Uint8Array(Buffer.concat([Buffer.from(PNG_SIGNATURE), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))]));
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-made hostile messages, each the recorded first output (or step) with one thing changed.

/* eslint-disable @typescript-eslint/no-explicit-any -- hand-made messages are plain objects edited freely */
type Plain = Record<string, any>;
const BEHAVIOR = 'FakeBehavior?team=0';

/** A recorded message as a plain object (protobufjs encodes plain objects by field name). */
function plain(bytes: Uint8Array): Plain {
  return co.UnityMessageProto.toObject(co.UnityMessageProto.decode(bytes)) as Plain;
}

function brainOf(m: Plain): Plain {
  return m.unityOutput.rlInitializationOutput.brainParameters[0];
}

function agentsOf(m: Plain): Plain[] {
  return m.unityOutput.rlOutput.agentInfos[BEHAVIOR].value;
}

function withFirstOutput(change: (m: Plain) => void): Uint8Array {
  const m = plain(recordedExchange().firstOutput);
  change(m);
  return encode(m);
}

/** Every agent's only observation replaced by `make()` (a fresh object per agent). */
function withObservation(make: () => Plain): Uint8Array {
  return withFirstOutput((m) => {
    for (const agent of agentsOf(m)) agent.observations = [make()];
  });
}

/** The first output with `count` agents whose observations are `observations` (the spec comes from the first). */
function manyAgents(count: number, observations: Plain[]): Uint8Array {
  return withFirstOutput((m) => {
    m.unityOutput.rlOutput.agentInfos[BEHAVIOR].value = Array.from({ length: count }, (_, id) => ({ id, observations }));
  });
}

export interface HostileCase {
  readonly name: string;
  /** What the issue measured before the limits, for the report. */
  readonly note: string;
  readonly phase: TrainerPhase;
  /** The code the trainer's session must end with; null: accepted or refused, but with bounded memory either way. */
  readonly code: string | null;
  /** A pattern the error message must match (the field it names). */
  readonly names: RegExp | null;
  readonly bytes: () => Uint8Array;
}

const camera = (c: number, h: number, w: number, data: Uint8Array, extra: Plain = {}): Plain => ({
  shape: [c, h, w],
  compressionType: co.CompressionTypeProto.PNG,
  compressedData: data,
  dimensionProperties: [1, 2, 2],
  name: 'CameraSensor',
  ...extra,
});

/** Hostile messages from a simulation to the trainer. */
export const HOSTILE_TRAINER_CASES: readonly HostileCase[] = [
  {
    name: 'branch-2^31-1',
    note: 'a discrete branch of 2³¹ − 1 options: aborted shiva probe (Fatal JavaScript invalid size error, exit 133)',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /action_spec\.discrete_branch_sizes\[0\]: expected an integer in 1\.\.65536 .*got 2147483647/,
    bytes: () => withFirstOutput((m) => (brainOf(m).actionSpec!.discreteBranchSizes = [2 ** 31 - 1])),
  },
  {
    name: 'branch-1e8',
    note: 'a branch of 10⁸ options: probe and trainer past 3 GB',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /discrete_branch_sizes\[0\]: .*got 100000000/,
    bytes: () => withFirstOutput((m) => (brainOf(m).actionSpec!.discreteBranchSizes = [1e8])),
  },
  {
    name: 'continuous-1e8',
    note: '10⁸ continuous actions: probe and trainer past 3 GB',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /action_spec\.num_continuous_actions: expected at most 65536 continuous actions, got 100000000/,
    bytes: () => withFirstOutput((m) => (brainOf(m).actionSpec!.numContinuousActions = 1e8)),
  },
  {
    name: 'branches-sum',
    note: 'two branches of 40,000 (each allowed, the mask of 80,000 not)',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /discrete_branch_sizes \(Σ over 2 branches.*got 80000/,
    bytes: () =>
      withFirstOutput((m) => {
        brainOf(m).actionSpec!.numDiscreteActions = 2;
        brainOf(m).actionSpec!.discreteBranchSizes = [40_000, 40_000];
      }),
  },
  {
    name: 'legacy-branch-1e8',
    note: 'the deprecated fields (a pre-1.3 peer) announcing a branch of 10⁸',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /vector_action_size_deprecated\[0\]: .*got 100000000/,
    bytes: () =>
      withFirstOutput((m) => {
        brainOf(m).actionSpec = null;
        brainOf(m).vectorActionSizeDeprecated = [1e8];
      }),
  },
  {
    name: 'branch-negative',
    note: 'a branch of −5 options',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_FIELD',
    names: /discrete_branch_sizes\[0\]: expected an integer in 1\.\.65536 \(branch sizes ≥ 1\), got -5/,
    bytes: () => withFirstOutput((m) => (brainOf(m).actionSpec!.discreteBranchSizes = [-5])),
  },
  {
    name: 'continuous-negative',
    note: '−3 continuous actions',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_FIELD',
    names: /num_continuous_actions: expected continuous size ≥ 0, got -3/,
    bytes: () => withFirstOutput((m) => (brainOf(m).actionSpec!.numContinuousActions = -3)),
  },
  {
    name: 'shape-[-2,-2]',
    note: 'a shape of [−2, −2]: accepted before (the probe went on stepping)',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_FIELD',
    names: /observation #0 "VectorSensor_size4" shape\[0\]: expected an integer in 1\.\.4194304, got -2/,
    bytes: () => withObservation(() => ({ shape: [-2, -2], dimensionProperties: [1, 1], name: 'VectorSensor_size4', floatData: { data: [0, 0, 0, 1] } })),
  },
  {
    name: 'shape-[-8]',
    note: 'a shape of [−8]: "Invalid typed array length: -16" before',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_FIELD',
    names: /shape\[0\]: expected an integer in 1\.\.4194304, got -8/,
    bytes: () => withObservation(() => ({ shape: [-8], dimensionProperties: [1], name: 'VectorSensor_size4', floatData: { data: [0, 0, 0, 1] } })),
  },
  {
    name: 'shape-[4,0]',
    note: 'a dimension of 0',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_FIELD',
    names: /shape\[1\]: expected an integer in 1\.\.4194304, got 0/,
    bytes: () => withObservation(() => ({ shape: [4, 0], name: 'Buffer' })),
  },
  {
    name: 'shape-rank-0',
    note: 'a shape of []',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_FIELD',
    names: /shape: expected rank 1\.\.3 .*got rank 0/,
    bytes: () => withObservation(() => ({ shape: [], name: 'Empty' })),
  },
  {
    name: 'shape-rank-4',
    note: 'a shape of rank 4',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /shape: expected rank 1\.\.3 .*got rank 4/,
    bytes: () => withObservation(() => ({ shape: [1, 2, 2, 1], name: 'Tensor', floatData: { data: [0, 0, 0, 0] } })),
  },
  {
    name: 'shape-2^31-1',
    note: 'a vector of 2³¹ − 1 floats',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /shape\[0\]: expected an integer in 1\.\.4194304, got 2147483647/,
    bytes: () => withObservation(() => ({ shape: [2 ** 31 - 1], name: 'Huge' })),
  },
  {
    name: 'shape-product',
    note: 'dimensions each allowed, 8.4 M elements together',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /shape \[2, 2048, 2048\]: expected at most 4194304 floats, got 8388608/,
    bytes: () => withObservation(() => ({ shape: [2, 2048, 2048], name: 'Wide' })),
  },
  {
    name: 'sensors-300',
    note: '300 sensors on one agent',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /observations \(of its first agent\): expected at most 256 sensors, got 300/,
    bytes: () =>
      withFirstOutput((m) => {
        for (const agent of agentsOf(m)) agent.observations = Array.from({ length: 300 }, (_, i) => ({ shape: [1], name: `S${i}`, floatData: { data: [0] } }));
      }),
  },
  {
    name: 'png-bomb-ihdr',
    note: 'a small PNG declaring 60000×60000 for an 84×84 camera (the issue: a 94 KB PNG took the trainer past 3 GB)',
    phase: 'first-output',
    code: 'SHIVA_ERR_OBSERVATION',
    names: /PNG file 0 is 60000×60000 \(H×W\) by its IHDR header, expected 84×84/,
    bytes: () => withObservation(() => camera(3, 84, 84, handMadePng(60_000, 60_000))),
  },
  {
    name: 'png-bomb-shape',
    note: 'a camera of [3, 60000, 60000] with a small PNG: "Invalid typed array length" before',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /shape \[3, 60000, 60000\]: expected at most 4194304 floats/,
    bytes: () => withObservation(() => camera(3, 60_000, 60_000, handMadePng(60_000, 60_000))),
  },
  {
    name: 'png-deflate-bomb',
    note: 'an 84×84 PNG whose IDAT inflates to 20 MB (20 KB on the wire)',
    phase: 'first-output',
    code: 'SHIVA_ERR_OBSERVATION',
    names: /PNG file 0: not a decodable PNG file/,
    bytes: () => withObservation(() => camera(3, 84, 84, handMadePng(84, 84, { rawBytes: 20 * 1024 * 1024 }))),
  },
  {
    name: 'png-interlaced-bomb',
    note: 'an interlaced 84×84 PNG (pngjs inflates interlaced files without a limit) whose IDAT inflates to 20 MB',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /IHDR interlace method 1: expected 0/,
    bytes: () => withObservation(() => camera(3, 84, 84, handMadePng(84, 84, { rawBytes: 20 * 1024 * 1024, interlace: 1 }))),
  },
  {
    name: 'png-batch-over-budget',
    note: '64 agents with 1024×1024 cameras in a 3 KB-per-agent message: 805 MB of floats',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /64 agents of \d+ bytes each .*expected at most 268435456 per message/,
    bytes: () => manyAgents(64, [camera(3, 1024, 1024, handMadePng(1024, 1024, { rawBytes: 3 * 1024 * 1024 }))]),
  },
  {
    name: 'agents-x-observation',
    note: '100 agents of a 4-M-float vector, no data sent: 1.6 GB of batch',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /100 agents of \d+ bytes each/,
    bytes: () => manyAgents(100, [{ shape: [4_194_304], name: 'Big' }]),
  },
  {
    name: 'empty-agents-flood',
    note: '2 M empty agents in 4 MiB: about 260 MB of protobuf objects',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /its protobuf objects, estimated from the wire/,
    bytes: () => floodList(2 * 1024 * 1024, [0x0a, 0x00]),
  },
  {
    name: 'mask-flood',
    note: '12 M packed mask booleans in 12 MiB: about 290 MB of array slots',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /its protobuf objects, estimated from the wire/,
    bytes: () => floodList(1, [], 12 * 1024 * 1024),
  },
  {
    name: 'behaviors-2000',
    note: '2,000 behaviors announced at once',
    phase: 'first-output',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /brain_parameters: expected at most 1024 behaviors per connection, got 1025/,
    bytes: () =>
      withFirstOutput((m) => {
        const bp = brainOf(m);
        const first = agentsOf(m)[0];
        const infos = m.unityOutput.rlOutput.agentInfos;
        m.unityOutput.rlInitializationOutput.brainParameters = Array.from({ length: 2000 }, (_, i) => {
          infos[`B${i}?team=0`] = { value: [first] };
          return { ...bp, brainName: `B${i}?team=0` };
        });
      }),
  },
  {
    name: 'step-branch-flood',
    note: 'a step in a live session announcing a new behavior with a branch of 2³¹ − 1',
    phase: 'step',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /brain "Late\?team=0" action_spec\.discrete_branch_sizes\[0\]/,
    bytes: () => {
      const m = plain(recordedExchange().step);
      m.unityOutput.rlOutput.agentInfos['Late?team=0'] = { value: [agentsOf(plain(recordedExchange().firstOutput))[0]] };
      m.unityOutput.rlInitializationOutput = { brainParameters: [{ brainName: 'Late?team=0', isTraining: true, actionSpec: { numDiscreteActions: 1, discreteBranchSizes: [2 ** 31 - 1] } }] };
      return encode(m);
    },
  },
];

/**
 * The recorded first output with its agent list replaced by `count` copies of `agent` bytes (raw wire bytes of
 * `value` entries), or, with `maskBytes`, one agent with that many packed mask booleans: built on the wire, since
 * protobufjs objects of that size are what the limits avoid.
 */
function floodList(count: number, agent: number[], maskBytes = 0): Uint8Array {
  const field = (tag: number, payload: Uint8Array): Buffer => Buffer.concat([Buffer.from(varint((tag << 3) | 2)), Buffer.from(varint(payload.length)), payload]);
  let list: Buffer;
  if (maskBytes > 0) list = field(1, field(11, new Uint8Array(maskBytes).fill(1)));
  else {
    list = Buffer.alloc(count * agent.length);
    for (let i = 0; i < count; i++) list.set(agent, i * agent.length);
  }
  const brains = co.UnityRLInitializationOutputProto.encode(plain(recordedExchange().firstOutput).unityOutput.rlInitializationOutput).finish();
  const entry = Buffer.concat([field(1, Buffer.from(BEHAVIOR)), field(2, list)]);
  const output = Buffer.concat([field(1, field(2, entry)), field(2, brains)]);
  return new Uint8Array(Buffer.concat([Buffer.from(encode({ header: { status: 200 } })), field(2, output)]));
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

export interface HostileStandInCase {
  readonly name: string;
  readonly note: string;
  readonly phase: StandInPhase;
  readonly code: string;
  readonly names: RegExp;
  /** The hostile answer; for 'actions', made from the valid actions for the stand-in's output. */
  readonly bytes: (validActions: Uint8Array) => Uint8Array;
}

/** Hostile answers from a trainer to a simulation (the stand-in). */
export const HOSTILE_STANDIN_CASES: readonly HostileStandInCase[] = [
  {
    name: 'num-areas-1e8',
    note: 'num_areas 10⁸ in the handshake: the stand-in would build 10⁸ copies of its scene',
    phase: 'init-reply',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /rl_initialization_input\.num_areas: expected at most 10000 areas, got 100000000/,
    bytes: () => {
      const m = plain(recordedExchange().initReply);
      m.unityInput.rlInitializationInput.numAreas = 1e8;
      return encode(m);
    },
  },
  {
    name: 'actions-flood',
    note: '4 M empty actions in 8 MiB: about 770 MB of protobuf objects',
    phase: 'actions',
    code: 'SHIVA_ERR_PROTOCOL_LIMIT',
    names: /its protobuf objects, estimated from the wire/,
    bytes: () => {
      const field = (tag: number, payload: Uint8Array): Buffer => Buffer.concat([Buffer.from(varint((tag << 3) | 2)), Buffer.from(varint(payload.length)), payload]);
      const list = Buffer.alloc(8 * 1024 * 1024);
      for (let i = 0; i < list.length; i += 2) list[i] = 0x0a;
      const entry = Buffer.concat([field(1, Buffer.from('Forager?team=0')), field(2, list)]);
      return new Uint8Array(Buffer.concat([Buffer.from(encode({ header: { status: 200 } })), field(3, field(1, field(1, entry)))]));
    },
  },
  {
    name: 'oversize-answer',
    note: 'a 20 MiB answer: the stand-in accepted any size before',
    phase: 'reset',
    code: 'SHIVA_ERR_MESSAGE_TOO_LARGE',
    names: /20971\d\d\d|larger frame|max|size/i,
    bytes: () => encode({ header: { status: 200 }, unityInput: { rlInput: { command: co.CommandProto.RESET, sideChannel: new Uint8Array(20 * 1024 * 1024) } } }),
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Seeded mutations.

const VERSIONS = ['0.15.0', '2.0.0', '1.x', '', '1.5.0.1', '99999999999999999999.0', '1.-1', '\u0000', '1.5.0-beta', '0.0.0', ' 1.5.0'];
const HOSTILE_NUMBERS = [0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 1e8, 65_536, 65_537, 4_194_305, 255];

export type Mutator = (rng: Rng, bytes: Uint8Array) => Uint8Array;

export const MUTATORS: Readonly<Record<string, Mutator>> = {
  bitflip: (rng, bytes) => {
    const out = Uint8Array.from(bytes);
    for (let k = 1 + rng.int(4); k > 0 && out.length > 0; k--) out[rng.int(out.length)]! ^= 1 << rng.int(8);
    return out;
  },
  truncate: (rng, bytes) => bytes.slice(0, rng.int(bytes.length)),
  varint: (rng, bytes) => {
    // A byte (often a length or a count) replaced by a varint of a hostile value.
    const at = rng.int(bytes.length);
    const value = rng.next() < 0.5 ? HOSTILE_NUMBERS[rng.int(HOSTILE_NUMBERS.length)]! >>> 0 : rng.nextUint32();
    const v = rng.next() < 0.2 ? [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01] : varint(value);
    return Uint8Array.from([...bytes.subarray(0, at), ...v, ...bytes.subarray(at + 1)]);
  },
  random: (rng) => Uint8Array.from({ length: rng.int(300) }, () => rng.int(256)),
  insert: (rng, bytes) => {
    const at = rng.int(bytes.length + 1);
    return Uint8Array.from([...bytes.subarray(0, at), ...Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)), ...bytes.subarray(at)]);
  },
  duplicate: (rng, bytes) => {
    const a = rng.int(bytes.length);
    const b = Math.min(bytes.length, a + 1 + rng.int(64));
    const at = rng.int(bytes.length + 1);
    return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(a, b), ...bytes.subarray(at)]);
  },
  splice: (rng, bytes) => {
    const r = recordedExchange();
    const others = [r.init, r.second, r.firstOutput, r.step, r.initReply, r.reset, r.actions];
    const other = others[rng.int(others.length)]!;
    return Uint8Array.from([...bytes.subarray(0, rng.int(bytes.length + 1)), ...other.subarray(rng.int(other.length + 1))]);
  },
  version: (rng, bytes) => {
    // The communication version replaced (in a handshake message; elsewhere a bit flip).
    const m = tryDecode(bytes);
    const init = m?.unityOutput?.rlInitializationOutput ?? m?.unityInput?.rlInitializationInput;
    if (!m || !init?.communicationVersion) return MUTATORS.bitflip!(rng, bytes);
    init.communicationVersion = VERSIONS[rng.int(VERSIONS.length)]!;
    return encode(m);
  },
  field: (rng, bytes) => {
    // A number inside the decoded message (a shape, a branch size, a count, an id, a status) set to a hostile value.
    const m = tryDecode(bytes);
    if (!m) return MUTATORS.bitflip!(rng, bytes);
    const slots: { obj: Record<string, unknown>; key: string; index?: number }[] = [];
    collectNumbers(m as unknown as Record<string, unknown>, slots, 0);
    if (slots.length === 0) return MUTATORS.bitflip!(rng, bytes);
    const slot = slots[rng.int(slots.length)]!;
    const value = HOSTILE_NUMBERS[rng.int(HOSTILE_NUMBERS.length)]!;
    if (slot.index !== undefined) (slot.obj[slot.key] as number[])[slot.index] = value;
    else slot.obj[slot.key] = value;
    try {
      return encode(m);
    } catch {
      return MUTATORS.bitflip!(rng, bytes);
    }
  },
};

function tryDecode(bytes: Uint8Array): co.UnityMessageProto | null {
  try {
    return co.UnityMessageProto.decode(bytes);
  } catch {
    return null;
  }
}

function collectNumbers(obj: Record<string, unknown>, out: { obj: Record<string, unknown>; key: string; index?: number }[], depth: number): void {
  if (depth > 12) return;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (typeof v === 'number') out.push({ obj, key });
    else if (Array.isArray(v)) v.forEach((x, index) => (typeof x === 'number' ? out.push({ obj, key, index }) : x && typeof x === 'object' && !(x instanceof Uint8Array) && collectNumbers(x as Record<string, unknown>, out, depth + 1)));
    else if (v && typeof v === 'object' && !(v instanceof Uint8Array)) collectNumbers(v as Record<string, unknown>, out, depth + 1);
  }
}

const MUTATOR_NAMES = Object.keys(MUTATORS);

/**
 * `count` seeded cases, alternating trainer/stand-in and gRPC/WebSocket, each a mutation of one recorded message;
 * with `hostile`, every hand-made hostile case first (on both transports).
 */
export function generateCases(seed: number, count: number, options: { hostile?: boolean } = {}): FuzzCase[] {
  const rng = new Rng(seed);
  const r = recordedExchange();
  const cases: FuzzCase[] = [];
  let id = 0;
  if (options.hostile ?? true) {
    for (const transport of ['grpc', 'ws'] as const) {
      for (const h of HOSTILE_TRAINER_CASES) cases.push({ id: id++, target: 'trainer', transport, phase: h.phase, family: `hostile:${h.name}`, make: h.bytes });
      for (const h of HOSTILE_STANDIN_CASES) cases.push({ id: id++, target: 'standin', transport, phase: h.phase, family: `hostile:${h.name}`, make: (valid) => h.bytes(valid) });
    }
  }
  const trainerPhases: [TrainerPhase, Uint8Array, number][] = [
    ['init', r.init, 0.2],
    ['second', r.second, 0.1],
    ['first-output', r.firstOutput, 0.35],
    ['step', r.step, 0.35],
  ];
  const standInPhases: [StandInPhase, Uint8Array | null, number][] = [
    ['init-reply', r.initReply, 0.3],
    ['reset', r.reset, 0.3],
    ['actions', null, 0.4],
  ];
  for (let n = 0; n < count; n++) {
    const transport: Transport = n % 2 === 0 ? 'grpc' : 'ws';
    const mutatorName = MUTATOR_NAMES[rng.int(MUTATOR_NAMES.length)]!;
    const mutator = MUTATORS[mutatorName]!;
    if (n % 4 < 2) {
      const [phase, source] = pick(rng, trainerPhases);
      const bytes = mutator(rng, source);
      cases.push({ id: id++, target: 'trainer', transport, phase, family: mutatorName, make: () => bytes });
    } else {
      const [phase, source] = pick(rng, standInPhases);
      if (source) {
        const bytes = mutator(rng, source);
        cases.push({ id: id++, target: 'standin', transport, phase, family: mutatorName, make: () => bytes });
      } else {
        // Drawn now, so the case is the same whatever the stand-in sent: a seed for its own generator.
        const caseSeed = rng.nextUint32();
        cases.push({ id: id++, target: 'standin', transport, phase, family: mutatorName, make: (valid) => mutator(new Rng(caseSeed), valid) });
      }
    }
  }
  return cases;
}

function pick<T extends [unknown, unknown, number]>(rng: Rng, weighted: readonly T[]): T {
  let u = rng.next();
  for (const item of weighted) {
    u -= item[2];
    if (u < 0) return item;
  }
  return weighted[weighted.length - 1]!;
}
