/**
 * One connection's side channels: queues outgoing payloads and frames them into the next message's
 * `side_channel` bytes, and routes the records of an incoming `side_channel` to the registered channels.
 *
 * The channels a side only ever sends on are guarded from the start, as ML-Agents' own readers raise for them:
 * on the trainer side EngineConfiguration, EnvironmentParameters and TrainingAnalytics; on the simulation side
 * Stats. A record for an unregistered id is skipped with one warning per id (Python warns per record; a
 * simulation that reports on an unknown channel every step would flood the log).
 */
import { ShivaError } from '../../core/errors.js';
import type { EngineConfiguration, EnvironmentParameter } from '../../core/env/environment-parameters.js';
import {
  ENGINE_CONFIGURATION_CHANNEL_ID,
  ENVIRONMENT_PARAMETERS_CHANNEL_ID,
  STATS_CHANNEL_ID,
  TRAINING_ANALYTICS_CHANNEL_ID,
  normalizeGuid,
} from '../guid.js';
import { queueEngineConfiguration } from './engine-configuration.js';
import { queueEnvironmentParameter, queueEnvironmentParameters } from './environment-parameters.js';
import { decodeSideChannelRecords, encodeSideChannelRecords, type SideChannelRecord } from './framing.js';
import { SendOnlyChannel } from './send-only-channel.js';
import type { SideChannel, SideChannelSink } from './side-channel.js';
import {
  queueTrainingBehaviorInitialized,
  queueTrainingEnvironmentInitialized,
  type TrainingBehaviorInitialized,
  type TrainingEnvironmentInitialized,
} from './training-analytics.js';

export type { SideChannel, SideChannelSink } from './side-channel.js';

/** Which end of the connection this manager serves; decides the send-only guards. */
export type SideChannelRole = 'trainer' | 'simulation';

const NOTHING_QUEUED = new Uint8Array(0);

export class SideChannelManager implements SideChannelSink {
  private readonly channels = new Map<string, SideChannel>();
  private readonly guarded = new Set<string>();
  private outgoing: SideChannelRecord[] = [];
  private readonly warnedIds = new Set<string>();
  /** Ids already queued, each already a lower-case GUID: queue() checks an id once. */
  private readonly queuedIds = new Set<string>();

  /** `where` names the connection in errors and warnings. */
  constructor(
    private readonly where: string,
    private readonly warn: (message: string) => void,
    role: SideChannelRole = 'trainer',
  ) {
    const guards: [string, string][] =
      role === 'trainer'
        ? [
            [ENGINE_CONFIGURATION_CHANNEL_ID, 'EngineConfiguration'],
            [ENVIRONMENT_PARAMETERS_CHANNEL_ID, 'EnvironmentParameters'],
            [TRAINING_ANALYTICS_CHANNEL_ID, 'TrainingAnalytics'],
          ]
        : [[STATS_CHANNEL_ID, 'Stats']];
    for (const [id, name] of guards) {
      this.channels.set(id, new SendOnlyChannel(id, name, where));
      this.guarded.add(id);
    }
  }

  /**
   * Routes records for `channel.channelId` to it. A send-only guard may be replaced (a simulation stand-in that
   * does want, say, its own Stats reader); registering the same id twice otherwise is an error.
   */
  register(channel: SideChannel): void {
    const id = normalizeGuid(channel.channelId, `${this.where}: side channel id`);
    if (this.channels.has(id) && !this.guarded.has(id)) {
      throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${this.where}: a side channel with id ${id} is already registered`);
    }
    this.guarded.delete(id);
    this.channels.set(id, channel);
  }

  queue(channelId: string, payload: Uint8Array): void {
    // Checked once per id: a simulation queues a Stats record or more on every step.
    const id = this.queuedIds.has(channelId) ? channelId : normalizeGuid(channelId, `${this.where}: side channel id`);
    if (id === channelId && this.queuedIds.size < 1024) this.queuedIds.add(id);
    this.outgoing.push({ channelId: id, payload });
  }

  /** One record per set field. */
  queueEngineConfiguration(config: EngineConfiguration): void {
    queueEngineConfiguration(this, config);
  }

  queueEnvironmentParameter(key: string, parameter: EnvironmentParameter): void {
    queueEnvironmentParameter(this, key, parameter);
  }

  /** One record per key, in iteration order. */
  queueEnvironmentParameters(parameters: ReadonlyMap<string, EnvironmentParameter> | Readonly<Record<string, EnvironmentParameter>>): void {
    queueEnvironmentParameters(this, parameters);
  }

  queueTrainingEnvironmentInitialized(message: TrainingEnvironmentInitialized): void {
    queueTrainingEnvironmentInitialized(this, message);
  }

  queueTrainingBehaviorInitialized(message: TrainingBehaviorInitialized): void {
    queueTrainingBehaviorInitialized(this, message);
  }

  /** Everything queued, framed in queue order; the queue is then empty. An empty array when nothing was queued. */
  takeOutgoing(): Uint8Array {
    if (this.outgoing.length === 0) return NOTHING_QUEUED; // most steps: one shared empty array (none can write to it)
    const bytes = encodeSideChannelRecords(this.outgoing);
    this.outgoing = [];
    return bytes;
  }

  /** Hands each record of an incoming `side_channel` to its channel, in order. */
  processIncoming(bytes: Uint8Array | null | undefined): void {
    if (!bytes || bytes.length === 0) return;
    for (const record of decodeSideChannelRecords(bytes, `${this.where}: incoming side_channel`)) {
      const channel = this.channels.get(record.channelId);
      if (channel) {
        channel.onMessage(record.payload);
      } else if (!this.warnedIds.has(record.channelId)) {
        this.warnedIds.add(record.channelId);
        this.warn(
          `${this.where}: skipping side-channel records for unknown channel ${record.channelId} (${record.payload.length} bytes); ` +
            'register a channel with that id to receive them (this warning is given once per id)',
        );
      }
    }
  }
}
