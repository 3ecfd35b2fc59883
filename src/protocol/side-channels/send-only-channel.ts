/**
 * A guard for a channel this side only ever sends on (Python raises for EngineConfiguration, EnvironmentParameters
 * and TrainingAnalytics; C# for Stats): a record arriving for it means the peer is confused, so it is an error.
 */
import { ShivaError } from '../../core/errors.js';
import type { SideChannel } from './side-channel.js';

export class SendOnlyChannel implements SideChannel {
  constructor(
    readonly channelId: string,
    private readonly name: string,
    private readonly where: string,
  ) {}

  onMessage(payload: Uint8Array): void {
    throw new ShivaError(
      'SHIVA_ERR_SIDE_CHANNEL',
      `${this.where}: the ${this.name} side channel (${this.channelId}) is send-only on this side, but a ${payload.length}-byte record arrived for it`,
    );
  }
}
