/** What a side channel is to the SideChannelManager: an id and a handler for the records that arrive for it. */
export interface SideChannel {
  /** Lower-case dashed GUID. */
  readonly channelId: string;
  /** Called once per record addressed to this channel, in arrival order. */
  onMessage(payload: Uint8Array): void;
}

/** Where a channel queues outgoing payloads (the SideChannelManager). */
export interface SideChannelSink {
  queue(channelId: string, payload: Uint8Array): void;
}
