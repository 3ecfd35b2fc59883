/**
 * ML-Agents' EngineConfiguration side channel (trainer → simulation). Each set field travels as its own record:
 * int32 type, then 0 SCREEN_RESOLUTION int32 width, int32 height · 1 QUALITY_LEVEL int32 · 2 TIME_SCALE float32 ·
 * 3 TARGET_FRAME_RATE int32 · 4 CAPTURE_FRAME_RATE int32.
 */
import { ShivaError } from '../../core/errors.js';
import type { EngineConfiguration } from '../../core/env/environment-parameters.js';
import { ENGINE_CONFIGURATION_CHANNEL_ID } from '../guid.js';
import { IncomingMessage, OutgoingMessage } from './message-io.js';
import type { SideChannelSink } from './side-channel.js';

export const EngineConfigurationType = {
  SCREEN_RESOLUTION: 0,
  QUALITY_LEVEL: 1,
  TIME_SCALE: 2,
  TARGET_FRAME_RATE: 3,
  CAPTURE_FRAME_RATE: 4,
} as const;

/** One payload per set field, in mlagents_envs' order (resolution, quality, time scale, target, capture). */
export function encodeEngineConfiguration(config: EngineConfiguration): Uint8Array[] {
  const where = 'EngineConfiguration';
  if ((config.width === undefined) !== (config.height === undefined)) {
    throw new ShivaError(
      'SHIVA_ERR_SIDE_CHANNEL',
      `${where}: width and height are set together; got width ${String(config.width)}, height ${String(config.height)}`,
    );
  }
  const payloads: Uint8Array[] = [];
  if (config.width !== undefined && config.height !== undefined) {
    payloads.push(
      new OutgoingMessage(`${where} width/height`)
        .writeInt32(EngineConfigurationType.SCREEN_RESOLUTION)
        .writeInt32(config.width)
        .writeInt32(config.height)
        .toBytes(),
    );
  }
  const int = (type: number, value: number | undefined, field: string): void => {
    if (value !== undefined) payloads.push(new OutgoingMessage(`${where} ${field}`).writeInt32(type).writeInt32(value).toBytes());
  };
  int(EngineConfigurationType.QUALITY_LEVEL, config.qualityLevel, 'qualityLevel');
  if (config.timeScale !== undefined) {
    payloads.push(new OutgoingMessage(`${where} timeScale`).writeInt32(EngineConfigurationType.TIME_SCALE).writeFloat32(config.timeScale).toBytes());
  }
  int(EngineConfigurationType.TARGET_FRAME_RATE, config.targetFrameRate, 'targetFrameRate');
  int(EngineConfigurationType.CAPTURE_FRAME_RATE, config.captureFrameRate, 'captureFrameRate');
  return payloads;
}

/** Queues one record per set field on the EngineConfiguration channel. */
export function queueEngineConfiguration(sink: SideChannelSink, config: EngineConfiguration): void {
  for (const payload of encodeEngineConfiguration(config)) sink.queue(ENGINE_CONFIGURATION_CHANNEL_ID, payload);
}

/** The simulation side: the field(s) one record sets. Merge successive records with `{ ...before, ...decoded }`. */
export function decodeEngineConfiguration(payload: Uint8Array, where: string): EngineConfiguration {
  const message = new IncomingMessage(payload, `${where}: EngineConfiguration record`);
  const type = message.readInt32();
  switch (type) {
    case EngineConfigurationType.SCREEN_RESOLUTION:
      return { width: message.readInt32(), height: message.readInt32() };
    case EngineConfigurationType.QUALITY_LEVEL:
      return { qualityLevel: message.readInt32() };
    case EngineConfigurationType.TIME_SCALE:
      return { timeScale: message.readFloat32() };
    case EngineConfigurationType.TARGET_FRAME_RATE:
      return { targetFrameRate: message.readInt32() };
    case EngineConfigurationType.CAPTURE_FRAME_RATE:
      return { captureFrameRate: message.readInt32() };
    default:
      throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${where}: EngineConfiguration record type ${type}: expected 0..4`);
  }
}
