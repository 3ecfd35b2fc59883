/**
 * The run's JetStream stream (cluster-names.ts) and the learner's durable consumer on it.
 *
 * Retention: the stream keeps messages by limits (RetentionPolicy.Limits), never by acknowledgement, because
 * `--resume` reads again the messages after the newest checkpoint, which the dead learner may have acknowledged.
 * What bounds it on the server's disk are the run's `shiva.cluster.stream_max_bytes`, `stream_max_age_s` and
 * `stream_max_msgs` (null: no such limit), with DiscardPolicy.Old: once a limit is reached the oldest messages go
 * and actors keep publishing (DiscardPolicy.New would refuse their publishes and stall them). Messages removed before
 * the learner read them are counted (`expiredMessages`); a resume that needs removed messages is refused.
 */
import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { ShivaError } from '../core/errors.js';
import type { RunNames } from './cluster-names.js';

/** The stream's limits; null: none of that kind. */
export interface StreamLimits {
  readonly maxBytes: number | null;
  readonly maxAgeS: number | null;
  readonly maxMsgs: number | null;
}

/** No limits (a stream that grows until the server's own storage limit): tests that do not care. */
export const UNLIMITED_STREAM: StreamLimits = { maxBytes: null, maxAgeS: null, maxMsgs: null };

/** The limit fields of a JetStream stream configuration (-1 and 0 are JetStream's "no limit"). */
function limitsConfig(limits: StreamLimits) {
  return {
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_bytes: limits.maxBytes ?? -1,
    max_msgs: limits.maxMsgs ?? -1,
    // Nanoseconds.
    max_age: limits.maxAgeS === null ? 0 : Math.round(limits.maxAgeS * 1e9),
  };
}

function consumerConfig(names: RunNames) {
  return { durable_name: names.durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: 120_000_000_000, max_ack_pending: 20_000 };
}

/** A stream the server would not create or change (e.g. stream_max_bytes above the storage it can reserve). */
function refused(error: unknown, names: RunNames, limits: StreamLimits, what: string): ShivaError {
  const shown = `stream_max_bytes ${limits.maxBytes ?? 'null'}, stream_max_age_s ${limits.maxAgeS ?? 'null'}, stream_max_msgs ${limits.maxMsgs ?? 'null'}`;
  return new ShivaError('SHIVA_ERR_CLUSTER', `${what}: stream ${names.stream}: expected the NATS server to accept the run's stream with shiva.cluster's limits (${shown}), got ${error instanceof Error ? error.message : String(error)}${/resources|storage/i.test(String(error)) ? ': lower shiva.cluster.stream_max_bytes or give the server more JetStream storage (max_file_store)' : ''}`, { cause: error });
}

/** Creates the run's stream with its limits (a fresh run replaces one of the same id left on the server) and the learner's consumer. */
export async function prepareStream(jsm: JetStreamManager, names: RunNames, fresh: boolean, limits: StreamLimits = UNLIMITED_STREAM, what = 'shiva train --cluster'): Promise<void> {
  if (fresh) await jsm.streams.delete(names.stream).catch(() => false);
  const exists = await jsm.streams.info(names.stream).then(() => true, () => false);
  try {
    if (!exists) await jsm.streams.add({ name: names.stream, subjects: [...names.subjects], ...limitsConfig(limits) });
    else await jsm.streams.update(names.stream, limitsConfig(limits));
  } catch (error) {
    throw refused(error, names, limits, what);
  }
  await jsm.consumers.add(names.stream, consumerConfig(names));
}

/**
 * --resume: the run's stream as the dead learner left it (its limits set to the configuration's), and its consumer
 * made again to deliver from the message after the checkpoint's (whatever was acknowledged since: that training was
 * lost with the process). Refused when the stream is gone, is not this run's, or its limits have removed messages
 * after the checkpoint: training on without them would skip steps silently.
 */
export async function resumeStream(jsm: JetStreamManager, names: RunNames, afterSeq: number, what: string, limits: StreamLimits = UNLIMITED_STREAM): Promise<void> {
  const info = await jsm.streams.info(names.stream).catch(() => null);
  if (info === null) {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --resume: expected the run's stream ${names.stream} on the NATS server (the trajectories after the checkpoint are read from it), got none: was the server started again without its JetStream store (-sd)? Start the run afresh with --force`);
  }
  if (info.state.last_seq < afterSeq) {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --resume: expected the stream ${names.stream} to reach the checkpoint's sequence ${afterSeq}, got its last sequence ${info.state.last_seq}: the server's stream is not the one this run wrote`);
  }
  // first_seq is the oldest message still stored; past the last one when the limits removed them all.
  if (info.state.first_seq > afterSeq + 1) {
    const c = info.config;
    const kept = `max_bytes ${c.max_bytes}, max_age ${c.max_age / 1e9} s, max_msgs ${c.max_msgs}`;
    throw new ShivaError(
      'SHIVA_ERR_CLUSTER',
      `${what}: --resume: expected the stream ${names.stream} to hold the messages after the checkpoint's sequence ${afterSeq}, got its oldest at ${info.state.first_seq}: the stream's limits (${kept}) removed ${info.state.first_seq - afterSeq - 1} of them, and the learner would skip their steps. Resume from a checkpoint the stream still covers, raise shiva.cluster.stream_max_bytes / stream_max_age_s / stream_max_msgs (or checkpoint_interval lower) for the next run, or start afresh with --force`,
    );
  }
  try {
    await jsm.streams.update(names.stream, limitsConfig(limits));
  } catch (error) {
    throw refused(error, names, limits, what);
  }
  await jsm.consumers.delete(names.stream, names.durable).catch(() => false);
  await jsm.consumers.add(names.stream, { ...consumerConfig(names), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 });
}
