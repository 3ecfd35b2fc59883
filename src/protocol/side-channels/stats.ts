/**
 * ML-Agents' Stats side channel (simulation → trainer): one record per StatsRecorder.Add, holding string key,
 * float32 value, int32 aggregation (0 AVERAGE, 1 MOST_RECENT, 2 SUM, 3 HISTOGRAM).
 */
import { ShivaError } from '../../core/errors.js';
import { StatAggregation, type StatRecord } from '../../core/env/stats.js';
import { STATS_CHANNEL_ID } from '../guid.js';
import { IncomingMessage, OutgoingMessage } from './message-io.js';
import type { SideChannel } from './side-channel.js';

const AGGREGATIONS: readonly number[] = Object.values(StatAggregation);

export function decodeStatRecord(payload: Uint8Array, where: string): StatRecord {
  const message = new IncomingMessage(payload, `${where}: Stats record`);
  const key = message.readString();
  const value = message.readFloat32();
  const aggregation = message.readInt32();
  if (!AGGREGATIONS.includes(aggregation)) {
    throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${where}: Stats "${key}" aggregation ${aggregation}: expected 0..3 (AVERAGE, MOST_RECENT, SUM, HISTOGRAM)`);
  }
  return { key, value, aggregation: aggregation as StatAggregation };
}

/** The simulation side (the stand-in's StatsRecorder). */
export function encodeStatRecord(record: StatRecord): Uint8Array {
  return new OutgoingMessage(`Stats "${record.key}"`).writeString(record.key).writeFloat32(record.value).writeInt32(record.aggregation).toBytes();
}

/** Trainer side: collects the records that arrive until drained. */
export class StatsChannel implements SideChannel {
  readonly channelId = STATS_CHANNEL_ID;
  private records: StatRecord[] = [];

  constructor(private readonly where = 'stats side channel') {}

  onMessage(payload: Uint8Array): void {
    this.records.push(decodeStatRecord(payload, this.where));
  }

  /** The records since the last drain, in arrival order; then forgets them. */
  drain(): StatRecord[] {
    const out = this.records;
    this.records = [];
    return out;
  }
}
