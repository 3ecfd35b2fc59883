/**
 * JetStream publishing in order with a bounded number of unacknowledged messages: publishes go out on one
 * connection in call order (so the stream keeps an actor's order), and when too many wait for their PubAck the
 * next publish waits for the oldest (back-pressure: a slow server or a full stream slows the actor, it does not
 * grow its memory).
 */
import type { JetStreamClient } from '@nats-io/jetstream';

export class OrderedPublisher {
  private readonly inFlight: Promise<unknown>[] = [];
  published = 0;
  bytes = 0;

  constructor(private readonly js: JetStreamClient, private readonly maxInFlight = 256) {}

  async publish(subject: string, data: Uint8Array): Promise<void> {
    const ack = this.js.publish(subject, data);
    // A failed publish surfaces at the next flush; keep the promise handled meanwhile.
    ack.catch(() => undefined);
    this.inFlight.push(ack);
    this.published++;
    this.bytes += data.length;
    if (this.inFlight.length > this.maxInFlight) await this.inFlight.shift();
  }

  /** Waits for every PubAck (throws the first failure). */
  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }
}
