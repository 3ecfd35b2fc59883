/**
 * One step's agent reports packed into a single ArrayBuffer, so that a worker thread can hand them to the main
 * thread by transfer (one buffer moved, no JSON): every typed array of every batch is copied once into the buffer at
 * a 4-byte-aligned offset and read back as views of it. The copy on the sending side is what makes transfer safe:
 * a scene may hand out the same array twice (a cached empty batch), and a transferred buffer is gone from its sender.
 */
import type { AgentInfoBatch } from './agent-info-batch.js';

/** What the receiver needs to cut the buffer back into batches: per behavior, its count and array lengths. */
export interface PackedBatchHeader {
  readonly behavior: string;
  readonly count: number;
  readonly observationLengths: readonly number[];
  /** The mask's length, or -1 where the batch has no mask. */
  readonly maskLength: number;
}

export interface PackedAgentInfos {
  readonly batches: readonly PackedBatchHeader[];
  readonly buffer: ArrayBuffer;
}

type Field = Int32Array | Float32Array | Uint8Array;

/** The arrays of a batch in the one order both sides use. */
function fieldsOf(batch: AgentInfoBatch): Field[] {
  const fields: Field[] = [batch.agentIds, batch.rewards, batch.done, batch.maxStepReached, batch.groupIds, batch.groupRewards, ...batch.observations];
  if (batch.actionMasks) fields.push(batch.actionMasks);
  return fields;
}

const align4 = (bytes: number) => (bytes + 3) & ~3;

export function packAgentInfos(output: ReadonlyMap<string, AgentInfoBatch>): PackedAgentInfos {
  let bytes = 0;
  for (const batch of output.values()) for (const field of fieldsOf(batch)) bytes += align4(field.byteLength);
  const buffer = new ArrayBuffer(bytes);
  const target = new Uint8Array(buffer);
  const batches: PackedBatchHeader[] = [];
  let at = 0;
  for (const [behavior, batch] of output) {
    for (const field of fieldsOf(batch)) {
      target.set(new Uint8Array(field.buffer, field.byteOffset, field.byteLength), at);
      at += align4(field.byteLength);
    }
    batches.push({ behavior, count: batch.count, observationLengths: batch.observations.map((o) => o.length), maskLength: batch.actionMasks ? batch.actionMasks.length : -1 });
  }
  return { batches, buffer };
}

/** The batches of `packed` as views of its buffer, in the order they were packed. */
export function unpackAgentInfos(packed: PackedAgentInfos): Map<string, AgentInfoBatch> {
  const out = new Map<string, AgentInfoBatch>();
  let at = 0;
  const take = <T extends Field>(Ctor: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, length: number): T => {
    const view = new Ctor(packed.buffer, at, length);
    at += align4(length * Ctor.BYTES_PER_ELEMENT);
    return view;
  };
  for (const h of packed.batches) {
    const agentIds = take(Int32Array, h.count);
    const rewards = take(Float32Array, h.count);
    const done = take(Uint8Array, h.count);
    const maxStepReached = take(Uint8Array, h.count);
    const groupIds = take(Int32Array, h.count);
    const groupRewards = take(Float32Array, h.count);
    const observations = h.observationLengths.map((length) => take(Float32Array, length));
    const actionMasks = h.maskLength < 0 ? null : take(Uint8Array, h.maskLength);
    out.set(h.behavior, { count: h.count, agentIds, rewards, done, maxStepReached, groupIds, groupRewards, observations, actionMasks });
  }
  return out;
}
