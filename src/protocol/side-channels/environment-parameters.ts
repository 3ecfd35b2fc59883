/**
 * ML-Agents' EnvironmentParameters side channel (trainer → simulation): string key, int32 data type, then
 * 0 FLOAT float32 value, or 1 SAMPLER int32 seed, int32 sampler type and 0 UNIFORM f32 min, f32 max ·
 * 1 GAUSSIAN f32 mean, f32 stddev · 2 MULTIRANGEUNIFORM float list [min0, max0, min1, max1, …].
 */
import { ShivaError } from '../../core/errors.js';
import type { EnvironmentParameter } from '../../core/env/environment-parameters.js';
import { ENVIRONMENT_PARAMETERS_CHANNEL_ID } from '../guid.js';
import { IncomingMessage, OutgoingMessage } from './message-io.js';
import type { SideChannelSink } from './side-channel.js';

export const EnvironmentDataType = { FLOAT: 0, SAMPLER: 1 } as const;
export const SamplerType = { UNIFORM: 0, GAUSSIAN: 1, MULTIRANGEUNIFORM: 2 } as const;

/** The seed written when a sampler parameter has none. */
export const DEFAULT_SAMPLER_SEED = 0;

/** One record's payload setting `key`. */
export function encodeEnvironmentParameter(key: string, parameter: EnvironmentParameter): Uint8Array {
  const message = new OutgoingMessage(`EnvironmentParameters "${key}"`).writeString(key);
  if (typeof parameter === 'number') {
    return message.writeInt32(EnvironmentDataType.FLOAT).writeFloat32(parameter).toBytes();
  }
  message.writeInt32(EnvironmentDataType.SAMPLER).writeInt32(parameter.seed ?? DEFAULT_SAMPLER_SEED);
  switch (parameter.sampler) {
    case 'uniform':
      return message.writeInt32(SamplerType.UNIFORM).writeFloat32(parameter.min).writeFloat32(parameter.max).toBytes();
    case 'gaussian':
      return message.writeInt32(SamplerType.GAUSSIAN).writeFloat32(parameter.mean).writeFloat32(parameter.stddev).toBytes();
    case 'multirange_uniform':
      return message.writeInt32(SamplerType.MULTIRANGEUNIFORM).writeFloatList(parameter.intervals.flat()).toBytes();
  }
}

export function queueEnvironmentParameter(sink: SideChannelSink, key: string, parameter: EnvironmentParameter): void {
  sink.queue(ENVIRONMENT_PARAMETERS_CHANNEL_ID, encodeEnvironmentParameter(key, parameter));
}

/** One record per key, in iteration order. */
export function queueEnvironmentParameters(
  sink: SideChannelSink,
  parameters: ReadonlyMap<string, EnvironmentParameter> | Readonly<Record<string, EnvironmentParameter>>,
): void {
  const entries = parameters instanceof Map ? parameters.entries() : Object.entries(parameters);
  for (const [key, parameter] of entries) queueEnvironmentParameter(sink, key, parameter);
}

/** The simulation side: the key and parameter one record sets. */
export function decodeEnvironmentParameter(payload: Uint8Array, where: string): { key: string; parameter: EnvironmentParameter } {
  const message = new IncomingMessage(payload, `${where}: EnvironmentParameters record`);
  const key = message.readString();
  const dataType = message.readInt32();
  if (dataType === EnvironmentDataType.FLOAT) return { key, parameter: message.readFloat32() };
  if (dataType !== EnvironmentDataType.SAMPLER) {
    throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${where}: EnvironmentParameters "${key}" data type ${dataType}: expected 0 (FLOAT) or 1 (SAMPLER)`);
  }
  const seed = message.readInt32();
  const samplerType = message.readInt32();
  switch (samplerType) {
    case SamplerType.UNIFORM:
      return { key, parameter: { sampler: 'uniform', seed, min: message.readFloat32(), max: message.readFloat32() } };
    case SamplerType.GAUSSIAN:
      return { key, parameter: { sampler: 'gaussian', seed, mean: message.readFloat32(), stddev: message.readFloat32() } };
    case SamplerType.MULTIRANGEUNIFORM: {
      const flat = message.readFloatList();
      if (flat.length % 2 !== 0) {
        throw new ShivaError(
          'SHIVA_ERR_SIDE_CHANNEL',
          `${where}: EnvironmentParameters "${key}" multirange intervals: expected an even number of floats (min, max pairs), got ${flat.length}`,
        );
      }
      const intervals: [number, number][] = [];
      for (let i = 0; i < flat.length; i += 2) intervals.push([flat[i]!, flat[i + 1]!]);
      return { key, parameter: { sampler: 'multirange_uniform', seed, intervals } };
    }
    default:
      throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${where}: EnvironmentParameters "${key}" sampler type ${samplerType}: expected 0..2`);
  }
}
