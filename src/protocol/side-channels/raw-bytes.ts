/**
 * ML-Agents' RawBytesChannel: a user channel with a chosen GUID carrying opaque bytes both ways. Received
 * payloads are copied, since the manager hands out views into the message buffer.
 */
import { normalizeGuid } from '../guid.js';
import type { SideChannel, SideChannelSink } from './side-channel.js';

export class RawBytesChannel implements SideChannel {
  readonly channelId: string;
  /** Every payload received, in arrival order; the owner may clear it. */
  readonly received: Uint8Array[] = [];

  constructor(
    channelId: string,
    private readonly sink: SideChannelSink,
    private readonly onReceive?: (payload: Uint8Array) => void,
  ) {
    this.channelId = normalizeGuid(channelId, 'RawBytesChannel id');
  }

  /** Queues `bytes` (copied) to go out with the next message. */
  send(bytes: Uint8Array): void {
    this.sink.queue(this.channelId, bytes.slice());
  }

  onMessage(payload: Uint8Array): void {
    const copy = payload.slice();
    this.received.push(copy);
    this.onReceive?.(copy);
  }
}
