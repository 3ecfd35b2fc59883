/**
 * AgentInfoProto lists ↔ AgentInfoBatch. Decoding validates every agent (observation count and shapes,
 * finite rewards) and writes straight into the batch's typed arrays, so each message is decoded once.
 */
import type { communicator_objects as co } from './generated/communicator.js';
import { allocateAgentInfoBatch, type AgentInfoBatch } from '../core/env/agent-info-batch.js';
import { maskSize, observationSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import { decodeObservationInto, encodeObservation } from './observation-codec.js';
import type { DecodeBudget } from './limits.js';

type AgentInfo = co.AgentInfoProto.$Properties;

/**
 * One behavior's agents of one message as a batch. With a `budget`, the batch's bytes are charged to it before
 * they are allocated (the count comes from the message, the sizes from the spec, each within its own limit, but
 * their product is bounded only by the message's budget), and so are the PNG files of its observations.
 */
export function decodeAgentInfos(infos: readonly AgentInfo[], spec: BehaviorSpec, where: string, budget?: DecodeBudget): AgentInfoBatch {
  const count = infos.length;
  const masks = maskSize(spec.actionSpec);
  // As mlagents_envs: a mask is used only when its length is Σ branch sizes; agents without one allow everything.
  const withMasks = masks > 0 && infos.some((info) => (info.actionMask?.length ?? 0) === masks);
  const sizes = spec.observationSpecs.map(observationSize);
  if (budget) {
    let perAgent = BATCH_BYTES_PER_AGENT + (withMasks ? masks : 0);
    for (const size of sizes) perAgent += 4 * size;
    budget.charge(count * perAgent, `${where}: behavior "${spec.name}"`, `${count} agents of ${perAgent} bytes each (observations, masks and fields)`);
  }
  const batch = allocateAgentInfoBatch(spec, count, withMasks);
  for (let i = 0; i < count; i++) {
    const info = infos[i]!;
    const id = info.id ?? 0;
    const here = `${where}: behavior "${spec.name}" agent ${id} (#${i})`;
    const reward = info.reward ?? 0;
    const groupReward = info.groupReward ?? 0;
    if (!Number.isFinite(reward)) throw new ShivaError('SHIVA_ERR_REWARD', `${here}: reward: expected a finite number, got ${reward}`);
    if (!Number.isFinite(groupReward)) throw new ShivaError('SHIVA_ERR_REWARD', `${here}: group_reward: expected a finite number, got ${groupReward}`);
    batch.agentIds[i] = id;
    batch.rewards[i] = reward;
    batch.done[i] = info.done ? 1 : 0;
    batch.maxStepReached[i] = info.maxStepReached ? 1 : 0;
    batch.groupIds[i] = info.groupId ?? 0;
    batch.groupRewards[i] = groupReward;
    const observations = info.observations ?? [];
    if (observations.length !== spec.observationSpecs.length) {
      throw new ShivaError('SHIVA_ERR_OBSERVATION', `${here}: observations: expected ${spec.observationSpecs.length} (one per sensor of the behavior spec), got ${observations.length}`);
    }
    for (let o = 0; o < observations.length; o++) {
      const shape = spec.observationSpecs[o]!.shape;
      const got = observations[o]!.shape ?? [];
      if (got.length !== shape.length || got.some((d, k) => d !== shape[k])) {
        throw new ShivaError('SHIVA_ERR_OBSERVATION', `${here}: observation ${o} shape: expected [${shape.join(', ')}], got [${got.join(', ')}]`);
      }
      decodeObservationInto(observations[o]!, shape, batch.observations[o]!, i * sizes[o]!, `${here}: observation ${o}`, budget);
    }
    if (batch.actionMasks && info.actionMask?.length === masks) {
      const row = batch.actionMasks.subarray(i * masks, (i + 1) * masks);
      for (let k = 0; k < masks; k++) row[k] = info.actionMask[k] ? 1 : 0;
    }
  }
  return batch;
}

/** An agent's fixed fields in a batch: id, reward, done, max step, group id, group reward. */
export const BATCH_BYTES_PER_AGENT = 4 + 4 + 1 + 1 + 4 + 4;

/** What a simulation sends: one AgentInfoProto per record, in batch order. */
export function encodeAgentInfos(batch: AgentInfoBatch, spec: BehaviorSpec, compression: 'none' | 'png' = 'none'): AgentInfo[] {
  const specs = spec.observationSpecs;
  const sizes = specs.map(observationSize);
  const compressions = specs.map((o) => (o.shape.length === 3 ? compression : 'none'));
  const masks = maskSize(spec.actionSpec);
  const out: AgentInfo[] = new Array(batch.count);
  for (let i = 0; i < batch.count; i++) {
    const observations = new Array(specs.length);
    for (let k = 0; k < specs.length; k++) {
      observations[k] = encodeObservation(batch.observations[k]!.subarray(i * sizes[k]!, (i + 1) * sizes[k]!), specs[k]!, compressions[k]!);
    }
    const info: AgentInfo = {
      reward: batch.rewards[i]!,
      done: batch.done[i] === 1,
      maxStepReached: batch.maxStepReached[i] === 1,
      id: batch.agentIds[i]!,
      observations,
      groupId: batch.groupIds[i]!,
      groupReward: batch.groupRewards[i]!,
    };
    // Unity sends no mask for done agents, and none when the agent wrote none. protobufjs writes repeated bools
    // by index with truthiness, so the 0/1 row goes in without a copy.
    if (batch.actionMasks && !batch.done[i]) info.actionMask = batch.actionMasks.subarray(i * masks, (i + 1) * masks) as unknown as boolean[];
    out[i] = info;
  }
  return out;
}
