/**
 * What a peer may declare, and how much decoding one of its messages may allocate. ML-Agents' protocol puts no
 * bound on branch sizes, action or observation sizes, image dimensions or counts of agents: a 190-byte message can
 * announce a discrete branch of 2³¹ − 1 options, and a 94 KB PNG can inflate to gigabytes. Shiva checks every
 * declared size against these limits, and the bytes that decoding a message would take against a budget of
 * DECODE_BUDGET_FACTOR × the message-size limit, before it allocates anything for them. A violation is a
 * ShivaError (SHIVA_ERR_PROTOCOL_LIMIT above a limit, SHIVA_ERR_PROTOCOL_FIELD for a value the protocol cannot
 * mean, such as a negative size) naming the connection and the field; it ends that session only.
 *
 * Each limit is far above what any Unity scene sends (ML-Agents' own sensors and actuators, docs/RELIABILITY.md
 * "Hostile messages") and keeps one agent's arrays to a few megabytes.
 */
import { ShivaError } from '../core/errors.js';

/** A bound and why it is where it is (the reason goes into docs/RELIABILITY.md). */
export interface ProtocolLimit {
  readonly max: number;
  readonly bounds: string;
}

export const PROTOCOL_LIMITS = {
  branchSize: {
    max: 2 ** 16,
    bounds: "options of one discrete branch; ML-Agents' example scenes use at most a few dozen, and a branch is one softmax of that width",
  },
  maskSize: {
    max: 2 ** 16,
    bounds: 'Σ branch sizes, the length of one agent\'s action mask (one byte per option per agent in every batch)',
  },
  continuousActions: {
    max: 2 ** 16,
    bounds: "continuous actions of one agent; ML-Agents' largest example (Walker) has 39",
  },
  observationElements: {
    max: 2 ** 22,
    bounds: 'floats in one observation, and in all observations of one agent together: a 1024×1024 image of 4 channels (16 MiB per agent); a camera of 84×84×3 is 21,168',
  },
  observationRank: {
    max: 3,
    bounds: 'a vector [N], a variable-length buffer [M, N] or an image [C, H, W]: the only shapes Unity sensors have',
  },
  observations: {
    max: 256,
    bounds: 'sensors of one agent; a batch holds one array per sensor',
  },
  behaviors: {
    max: 1024,
    bounds: 'behavior names (with their ?team=N) announced on one connection; each gets its own spec, steps and learner',
  },
  numAreas: {
    max: 10_000,
    bounds: "num_areas a trainer may ask a simulation for (the same bound as the run configuration's num_areas)",
  },
} as const satisfies Readonly<Record<string, ProtocolLimit>>;

/** Decoding one message may take at most this many times the message-size limit (256 MiB at the 16 MiB default). */
export const DECODE_BUDGET_FACTOR = 16;

/** The largest message the simulation side (the stand-in) accepts from a trainer: the bridge's default limit. */
export const SIMULATION_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Checks `value` against 1..max: below 1 (or not an integer) is a field the protocol cannot mean
 * (SHIVA_ERR_PROTOCOL_FIELD), above max is past Shiva's limit (SHIVA_ERR_PROTOCOL_LIMIT). `field` names it fully
 * ("conn: brain \"B\" action_spec.discrete_branch_sizes[0]").
 */
export function checkPositive(value: number, limit: ProtocolLimit, field: string, note = ''): void {
  if (Number.isInteger(value) && value >= 1 && value <= limit.max) return;
  const code = Number.isInteger(value) && value > limit.max ? 'SHIVA_ERR_PROTOCOL_LIMIT' : 'SHIVA_ERR_PROTOCOL_FIELD';
  throw new ShivaError(code, `${field}: expected an integer in 1..${limit.max}${note}, got ${value}${code === 'SHIVA_ERR_PROTOCOL_LIMIT' ? ` (Shiva's limit: ${limit.bounds})` : ''}`);
}

/** Checks a count or total against 0..max (SHIVA_ERR_PROTOCOL_LIMIT above it). */
export function checkAtMost(value: number, limit: ProtocolLimit, field: string, what: string): void {
  if (value <= limit.max) return;
  throw new ShivaError('SHIVA_ERR_PROTOCOL_LIMIT', `${field}: expected at most ${limit.max} ${what}, got ${value} (Shiva's limit: ${limit.bounds})`);
}

/**
 * The bytes one message may still make the decoder allocate: the protobuf objects (estimated from the wire before
 * decoding, see wire-estimate.ts), the typed batches, and the buffers of every PNG file (from its IHDR header,
 * before inflating). Charged in that order; the charge that goes past the limit throws, before its allocation.
 */
export class DecodeBudget {
  private usedBytes = 0;

  constructor(
    readonly limitBytes: number,
    /** How the limit came about, for the error ("16 × the message-size limit of 16777216 bytes"). */
    private readonly why: string,
  ) {}

  get used(): number {
    return this.usedBytes;
  }

  charge(bytes: number, where: string, what: string): void {
    this.usedBytes += bytes;
    if (this.usedBytes <= this.limitBytes) return;
    throw new ShivaError(
      'SHIVA_ERR_PROTOCOL_LIMIT',
      `${where}: ${what}: decoding this message would take at least ${Math.ceil(this.usedBytes)} bytes, expected at most ${this.limitBytes} per message (${this.why}); refused before allocating`,
    );
  }
}

/** A peer's name for something, quoted for an error message and cut at 80 characters (a hostile name can be megabytes). */
export function quotedName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

/** The budget of one message from a peer whose messages may be up to `maxMessageBytes` long. */
export function decodeBudgetFor(maxMessageBytes: number): DecodeBudget {
  // One budget per message, both ways, every step: the reason's text is built once per limit.
  let why = budgetReasons.get(maxMessageBytes);
  if (why === undefined) {
    why = `${DECODE_BUDGET_FACTOR} × the message-size limit of ${maxMessageBytes} bytes`;
    if (budgetReasons.size < 64) budgetReasons.set(maxMessageBytes, why);
  }
  return new DecodeBudget(DECODE_BUDGET_FACTOR * maxMessageBytes, why);
}

const budgetReasons = new Map<number, string>();

/** No budget: for trusted local input (a .demo file the user names is bounded by its own size and the shape limits). */
export function unlimitedBudget(): DecodeBudget {
  return new DecodeBudget(Number.POSITIVE_INFINITY, 'no limit');
}
