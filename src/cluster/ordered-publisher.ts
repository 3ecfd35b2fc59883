/**
 * JetStream publishing in order with a bounded number of unacknowledged messages: publishes go out on one
 * connection in call order (so the stream keeps an actor's order), and when too many wait for their PubAck the
 * next publish waits for the oldest (back-pressure: a slow server or a full stream slows the actor, it does not
 * grow its memory).
 *
 * Through an outage (the NATS server restarted under a run: the connection reconnects on its own), a publish that
 * failed is sent again, oldest first, until the server takes it or `outageMs` passes. Every message carries a
 * message id (`Nats-Msg-Id`: the publisher's own prefix and a counter), so a message that reached the stream before
 * its PubAck was lost is recognised by the server as a duplicate and stored once. What a retry cannot restore is the
 * order of a message lost in the crash against later ones that got through; the learner sees that by the actor's
 * sequence numbers (cluster-learner.ts) and cuts the actor's trajectories there.
 */
import { randomUUID } from 'node:crypto';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';

interface InFlight {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly msgID: string;
  ack: Promise<PubAck>;
}

export interface OrderedPublisherOptions {
  readonly maxInFlight?: number;
  /** How long a message is retried through an outage before the publish fails (default 120 s). */
  readonly outageMs?: number;
  /** Between retries (default 250 ms). */
  readonly retryMs?: number;
  /** Called once per outage, at its first failed publish. */
  readonly onOutage?: (error: Error) => void;
  readonly signal?: AbortSignal;
}

export class OrderedPublisher {
  private readonly inFlight: InFlight[] = [];
  private readonly prefix = randomUUID().slice(0, 12);
  private counter = 0;
  private lastOutageSaid = -Infinity;
  published = 0;
  bytes = 0;
  /** Publishes sent again after a failure. */
  retries = 0;

  constructor(
    private readonly js: JetStreamClient,
    private readonly options: OrderedPublisherOptions = {},
  ) {}

  async publish(subject: string, data: Uint8Array): Promise<void> {
    const msgID = `${this.prefix}-${++this.counter}`;
    this.inFlight.push({ subject, data, msgID, ack: this.send(subject, data, msgID) });
    this.published++;
    this.bytes += data.length;
    if (this.inFlight.length > (this.options.maxInFlight ?? 256)) await this.settle(this.inFlight.shift()!);
  }

  /** Waits for every PubAck (throws when a message could not be published through an outage). */
  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.settle(this.inFlight.shift()!);
  }

  private send(subject: string, data: Uint8Array, msgID: string): Promise<PubAck> {
    const ack = this.js.publish(subject, data, { msgID });
    // A failure is handled when the message is settled, in order; meanwhile the promise counts as handled.
    ack.catch(() => undefined);
    return ack;
  }

  private async settle(message: InFlight): Promise<void> {
    const since = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await message.ack;
        return;
      } catch (error) {
        if (this.options.signal?.aborted || performance.now() - since > (this.options.outageMs ?? 120_000)) throw error;
        // Said once per outage (a failed backlog of in-flight messages is one outage, not hundreds).
        const now = performance.now();
        if (now - this.lastOutageSaid > 10_000) this.options.onOutage?.(error as Error);
        this.lastOutageSaid = now;
        this.retries++;
        // The first retry goes at once (the connection is usually back by the time a PubAck times out); a
        // message that fails again waits between tries.
        if (attempt > 0) await new Promise((r) => setTimeout(r, this.options.retryMs ?? 250));
        message.ack = this.send(message.subject, message.data, message.msgID);
      }
    }
  }
}
