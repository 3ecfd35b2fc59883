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
  const { key, value, aggregation } = record;
  // The usual record (an ASCII key, one of the four aggregations) written in one allocation; anything else through
  // OutgoingMessage, which names what it refuses. The same bytes either way (test/protocol/side-channels-codecs).
  let ascii = true;
  for (let i = 0; i < key.length && ascii; i++) ascii = key.charCodeAt(i) <= 0x7f;
  if (!ascii || !AGGREGATIONS.includes(aggregation)) {
    return new OutgoingMessage(`Stats "${key}"`).writeString(key).writeFloat32(value).writeInt32(aggregation).toBytes();
  }
  const out = new Uint8Array(12 + key.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, key.length, true);
  for (let i = 0; i < key.length; i++) out[4 + i] = key.charCodeAt(i);
  view.setFloat32(4 + key.length, value, true);
  view.setInt32(8 + key.length, aggregation, true);
  return out;
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
