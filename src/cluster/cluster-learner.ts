/**
 * The learner of a distributed run (`shiva train CONFIG --cluster URL`): no environments of its own; it reads the
 * run's stream (cluster-names.ts) with a durable consumer and replays each actor's decision batches into the real
 * learner's sink, as the decision pipeline would have in one process:
 *
 *   stream ─▶ hello: create the learner from the actor's spec (MetaLearner) ─▶ traj: staleness check ─▶
 *   sink.endEpisodes / sink.addDecisions (sources remapped per actor) ─▶ ack ─▶ maybeUpdate ─▶ publish the new
 *   policy version (object store) ─▶ episodes: returns, stats, scalars, progress
 *
 * It acknowledges a message only once it has fed it to the learner (or deliberately dropped it). On-policy learners
 * (PPO, POCA) drop batches acted by a policy more than `max_policy_lag` versions behind theirs, and forget the
 * sources of the batch (the transition chain is cut there, as at a restart); off-policy learners take everything.
 * An actor that says goodbye, or whose heartbeat stops for `actor_timeout_s`, loses its open episodes
 * (forgetSource for its sources) and nothing else. The run ends when every learner reached max_steps, or on the
 * abort signal; the `_status` object then tells the actors to stop.
 *
 * Checkpoints and --resume (exactly once): a checkpoint is taken between two messages, right after an update, and
 * holds the stream sequence of the last message handled with the learners, their specs, versions and the counts.
 * A learner killed (SIGKILL) and started again with --resume loads it and reads the stream from the next sequence
 * (resumeStream), so every message is fed to the learner whose state goes on exactly once: those up to the
 * checkpoint live in its state, those after it are read again (whatever the dead learner had acknowledged), and
 * none is skipped. As in a single-process --resume, the agents' trajectories open at the checkpoint are cut there:
 * each source starts afresh. Its policy versions go on past any the dead learner published, so actors take them.
 */
import { jetstreamManager, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Learner } from '../../agents/plugin/learner.js';
import { algorithmOf } from '../../agents/registry.js';
import { maskSize, observationSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { ShivaError } from '../core/errors.js';
import { GhostLearner } from '../training/ghost-learner.js';
import type { MetaLearner } from '../training/meta-learner.js';
import { PeriodStats } from '../training/period-stats.js';
import type { LearnerSummary, ProgressReport, ScalarSink } from '../training/trainer.js';
import type { RunNames } from './cluster-names.js';
import { ClusterCounts } from './cluster-counts.js';
import { decodeMessage, type ClusterMessage, type SinkCall, type TrajectoryMessage } from './cluster-messages.js';
import { publishPolicy, publishStatus, publishedVersion } from './policy-store.js';

// The stream and the learner's consumer live in run-stream.ts; re-exported for the learner's callers.
export { prepareStream, resumeStream, UNLIMITED_STREAM, type StreamLimits } from './run-stream.js';

export interface ClusterLearnerOptions {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly store: ObjectStore;
  readonly names: RunNames;
  readonly meta: MetaLearner;
  readonly maxPolicyLag: number;
  readonly actorTimeoutS: number;
  readonly summaryFreq: (learnerId: string) => number;
  readonly scalars?: (learnerId: string) => ScalarSink;
  readonly onProgress?: (report: ProgressReport) => void;
  readonly onActor?: (event: { actor: string; event: 'joined' | 'left'; reason?: string }) => void;
  readonly signal?: AbortSignal;
  /** Off-policy learners update often: their policy is published at most this often (on-policy: after every update). */
  readonly publishEveryMs?: number;
  /** --resume: what the checkpoint held (the meta-learner was given its learner states). */
  readonly resumed?: ClusterResume;
  /** The NATS server stopped answering (a policy version is published again once it is back). */
  readonly onOutage?: (error: Error) => void;
  /** The stream's limits removed `messages` messages before this learner read them (the next one it reads is `atSeq`). */
  readonly onExpired?: (messages: number, atSeq: number) => void;
  /** Checkpoints: after an update that takes a learner `interval(id)` steps past its last checkpoint. */
  readonly checkpoints?: { readonly interval: (learnerId: string) => number; readonly save: (snapshot: ClusterSnapshot) => void };
}

/** What a distributed learner's checkpoint holds beside the learners' states (the `cluster` part of its state). */
export interface ClusterSnapshot {
  /** The stream sequence of the last message handled: a resumed learner reads from the next one. */
  readonly streamSeq: number;
  /** Every behavior spec announced by the actors' hellos (their learners are made again before any message). */
  readonly specs: readonly BehaviorSpec[];
  /** Each learner's policy version. */
  readonly versions: Readonly<Record<string, number>>;
  readonly counts: Record<string, unknown>;
  readonly episodes: Readonly<Record<string, number>>;
  readonly recentReturns: Readonly<Record<string, readonly number[]>>;
  readonly wallSeconds: number;
}

export type ClusterResume = Omit<ClusterSnapshot, 'counts'> & { readonly counts: ClusterCounts };

export interface ClusterRunResult {
  readonly summary: Record<string, LearnerSummary>;
  readonly stopped: boolean;
  readonly counts: ClusterCounts;
  /** The stream sequence this life of the learner started after (0: a fresh run) and the last one it handled. */
  readonly streamSeqs: { readonly from: number; readonly to: number };
  /** What a checkpoint at the end holds beside the learners' states (the final checkpoint's `cluster`). */
  readonly snapshot: ClusterSnapshot;
  /** What the server says at the end: the stream's trajectory messages, and the consumer's delivered/acked/pending. */
  readonly server: { readonly producedMessages: number; readonly delivered: number; readonly ackFloor: number; readonly ackPending: number; readonly pending: number };
}

export async function runClusterLearner(options: ClusterLearnerOptions): Promise<ClusterRunResult> {
  const { nc, js, store, names, meta } = options;
  const jsm = await jetstreamManager(nc);
  const resumed = options.resumed;
  const counts = resumed?.counts ?? new ClusterCounts();
  const started = performance.now();
  const wallOffset = resumed?.wallSeconds ?? 0;
  /** Every spec the actors announced, by behavior: a checkpoint keeps them for --resume. */
  const specsSeen = new Map<string, BehaviorSpec>();
  const since = new Date().toISOString();
  const consumer = await js.consumers.get(names.stream, names.durable);
  const where = (m: JsMsg) => `stream ${names.stream} message ${m.seq} (${m.subject})`;

  // Sources: each (actor, its environment index) is one source of the learner, so agents of different actors never mix.
  const sources = new Map<string, Map<number, number>>();
  let nextSource = 0;
  const sourceOf = (actor: string, source: number): number => {
    let mine = sources.get(actor);
    if (!mine) sources.set(actor, (mine = new Map()));
    let mapped = mine.get(source);
    if (mapped === undefined) {
      mine.set(source, (mapped = nextSource++));
      counts.actor(actor).sources++;
    }
    return mapped;
  };

  // Versions: a learner's update count, published after each update (off-policy: at most every publishEveryMs).
  const versions = new Map<string, number>();
  /** Each learner's steps when this life of the learner began (its speed is this life's). */
  const stepsAtStart = new Map<string, number>();
  const lastPublished = new Map<string, number>();
  /** Learners whose newest version could not be published (the server was away): published again from the ticker. */
  const unpublished = new Set<string>();
  let publishing = false;
  /** Each self-play learner's schedule as last published (learning team, opponents drawn); see scheduleMoved. */
  const schedules = new Map<string, { team: number | null; swaps: number }>();
  const scheduleOf = (id: string): { team: number | null; swaps: number } | null => {
    const ghost = meta.learners.get(id);
    return ghost instanceof GhostLearner ? { team: ghost.learningTeam, swaps: ghost.swaps } : null;
  };
  /** What moved in a self-play schedule since its last publish: the learning team, only the opponent, or nothing. */
  const scheduleMoved = (id: string): 'team' | 'opponent' | null => {
    const now = scheduleOf(id);
    const then = schedules.get(id);
    if (now === null || then === undefined) return null;
    return now.team !== then.team ? 'team' : now.swaps !== then.swaps ? 'opponent' : null;
  };
  const publish = async (learner: Learner, force: boolean): Promise<void> => {
    const now = performance.now();
    const family = familyOf(meta, learner);
    if (!force && family === 'off-policy' && now - (lastPublished.get(learner.id) ?? -Infinity) < (options.publishEveryMs ?? 250)) return;
    lastPublished.set(learner.id, now);
    const schedule = scheduleOf(learner.id);
    if (schedule !== null) schedules.set(learner.id, schedule);
    const actors = [...counts.actors.values()].filter((a) => a.left === null).length;
    const consumed = Object.fromEntries([...counts.actors].map(([id, a]) => [id, a.steps]));
    // Through an outage (the NATS server restarted under the run) training goes on; the version is published once
    // the server is back, and the actors act on with the one they have meanwhile.
    publishing = true;
    try {
      counts.policyBytesPublished += await publishPolicy(store, learner, versions.get(learner.id) ?? 0, Math.max(1, actors), consumed);
      counts.policyVersionsPublished++;
      unpublished.delete(learner.id);
    } catch (error) {
      if (unpublished.size === 0) options.onOutage?.(error as Error);
      unpublished.add(learner.id);
    } finally {
      publishing = false;
    }
  };
  const publishLeftOver = async () => {
    if (publishing) return;
    for (const id of [...unpublished]) {
      const learner = meta.learners.get(id);
      if (learner) await publish(learner, true);
    }
  };

  // Statistics, as the Trainer keeps them in one process.
  const episodeCounts = new Map<string, number>();
  const recentReturns = new Map<string, number[]>();
  const environmentStats = new Map<string, Map<string, { sum: number; count: number }>>();
  const periods = new Map<string, PeriodStats>();
  const periodOf = (id: string) => {
    let p = periods.get(id);
    if (!p) periods.set(id, (p = new PeriodStats()));
    return p;
  };
  const lastSummary = new Map<string, number>();
  const scalarSinks = new Map<string, ScalarSink>();
  const meanReturn = (id: string) => {
    const r = recentReturns.get(id);
    return r && r.length > 0 ? r.reduce((a, b) => a + b, 0) / r.length : null;
  };
  const stepsPerSecond = (learner: Learner) => (learner.steps - (stepsAtStart.get(learner.id) ?? 0)) / Math.max(1e-9, (performance.now() - started) / 1000);
  const summarize = (learner: Learner) => {
    const values = periodOf(learner.id).drain();
    const mean = meanReturn(learner.id);
    if (mean !== null) values.set('Environment/Mean Return (last 100)', { value: mean, sum: mean, count: 1 });
    const sps = stepsPerSecond(learner);
    values.set('Performance/Steps Per Second', { value: sps, sum: sps, count: 1 });
    values.set('Is Training', { value: learner.steps < learner.maxSteps ? 1 : 0, sum: 0, count: 1 });
    let sink = scalarSinks.get(learner.id);
    if (!sink && options.scalars) scalarSinks.set(learner.id, (sink = options.scalars(learner.id)));
    for (const [tag, { value }] of values) sink?.record(tag, value, learner.steps);
    sink?.flush();
    options.onProgress?.({ learnerId: learner.id, steps: learner.steps, maxSteps: learner.maxSteps, episodes: episodeCounts.get(learner.id) ?? 0, meanReturn: mean, stepsPerSecond: sps });
  };

  // Actors: heartbeats on core NATS; a silent one has left once the consumer has passed everything it published.
  const lastBeat = new Map<string, number>();
  const departing = new Map<string, number>();
  /**
   * Wall-clock ms of each actor's last sign of life: a heartbeat received, or a message it published (JetStream's
   * timestamp). An actor starved of CPU may miss heartbeats while it still publishes; a dead one does neither.
   */
  const lastSign = new Map<string, number>();
  /** When each actor was last given up (wall-clock ms): its messages published before then do not bring it back. */
  const leftAt = new Map<string, number>();
  const signOfLife = (actor: string, at: number) => lastSign.set(actor, Math.max(lastSign.get(actor) ?? 0, at));
  const heartbeats = nc.subscribe(names.heartbeat, {
    callback: (_error, msg) => {
      try {
        const { actor } = JSON.parse(Buffer.from(msg.data).toString('utf8')) as { actor?: unknown };
        if (typeof actor === 'string') {
          lastBeat.set(actor, performance.now());
          signOfLife(actor, Date.now());
        }
      } catch {
        // Not a heartbeat of ours: ignored (it carries nothing the learner acts on).
      }
    },
  });
  const leave = (actor: string, reason: string) => {
    const c = counts.actor(actor);
    if (c.left !== null) return;
    c.left = reason;
    leftAt.set(actor, Date.now());
    departing.delete(actor);
    lastBeat.delete(actor);
    for (const mapped of sources.get(actor)?.values() ?? []) {
      for (const learner of meta.learners.values()) learner.forgetSource(mapped);
      counts.forgottenSources++;
    }
    sources.delete(actor);
    options.onActor?.({ actor, event: 'left', reason });
  };
  const checkHeartbeats = async () => {
    const now = performance.now();
    for (const [actor, at] of lastBeat) {
      if (departing.has(actor) || now - at < options.actorTimeoutS * 1000) continue;
      // Everything it published is in the stream by now: leave once the consumer has passed the stream's end.
      departing.set(actor, Infinity);
      departing.set(actor, (await jsm.streams.info(names.stream)).state.last_seq);
    }
  };

  /** Each actor's last sequence number handled (its messages are numbered 1, 2, … by each actor process). */
  const lastActorSeq = new Map<string, number>();
  const handle = async (message: ClusterMessage, m: JsMsg): Promise<void> => {
    // The actor's own numbering: 1 starts a new actor process; a number at or below the last one handled is a
    // message that came out of order (an outage: a message lost in the crash and published again after later ones
    // got through) and is skipped; a number past the next one means messages are missing, and the actor's
    // trajectories are cut there (its sources start afresh). Both are counted.
    const previous = lastActorSeq.get(message.actor);
    if (previous !== undefined && message.seq !== 1) {
      if (message.seq <= previous) {
        counts.outOfOrderMessages++;
        return;
      }
      if (message.seq > previous + 1) {
        counts.sequenceGaps++;
        for (const mapped of sources.get(message.actor)?.values() ?? []) for (const learner of meta.learners.values()) learner.forgetSource(mapped);
        sources.delete(message.actor);
      }
    }
    lastActorSeq.set(message.actor, message.seq);
    const actor = counts.actor(message.actor);
    const published = Number(m.info.timestampNanos) / 1e6;
    signOfLife(message.actor, published);
    // Its backlog (published before it was given up) is still trained on, but only a newer message means it is back.
    if (actor.left !== null && message.kind !== 'bye' && published > (leftAt.get(message.actor) ?? 0)) {
      // An actor that was given up for silence and speaks again rejoins (its forgotten sources start afresh).
      actor.left = null;
      options.onActor?.({ actor: message.actor, event: 'joined' });
    }
    switch (message.kind) {
      case 'hello':
        counts.actor(message.actor);
        for (const spec of message.specs) {
          const learner = learnerOf(meta, spec as BehaviorSpec, where(m));
          if (learner) specsSeen.set(spec.name, spec as BehaviorSpec);
          if (learner && !versions.has(learner.id)) {
            versions.set(learner.id, 0);
            await publish(learner, true);
          }
        }
        lastBeat.set(message.actor, performance.now());
        options.onActor?.({ actor: message.actor, event: 'joined' });
        return;
      case 'bye':
        leave(message.actor, `bye:${message.reason}`);
        return;
      case 'episodes':
        recordEpisodes(message);
        return;
      case 'traj':
        await replay(message, m);
        return;
    }
  };

  const recordEpisodes = (message: Extract<ClusterMessage, { kind: 'episodes' }>) => {
    for (const e of message.episodes) {
      const learner = meta.learnerOfBehavior(e.behavior);
      if (!learner) continue;
      counts.episodes++;
      episodeCounts.set(learner.id, (episodeCounts.get(learner.id) ?? 0) + 1);
      if (learner.countsEpisodesOf && !learner.countsEpisodesOf(e.behavior)) continue;
      let recent = recentReturns.get(learner.id);
      if (!recent) recentReturns.set(learner.id, (recent = []));
      recent.push(e.return);
      if (recent.length > 100) recent.shift();
      const period = periodOf(learner.id);
      period.add('Environment/Cumulative Reward', e.return);
      period.add('Environment/Episode Length', e.length);
      if (e.groupReturn !== null) period.add('Environment/Group Cumulative Reward', e.groupReturn);
    }
    for (const s of message.stats) {
      const ids = new Set(s.behaviors.map((b) => meta.learnerOfBehavior(b)?.id).filter((id): id is string => id !== undefined));
      for (const id of ids) {
        const stat: AggregatedStat = { aggregation: s.aggregation, value: s.value, count: s.count };
        periodOf(id).addEnvironment(new Map([[s.key, stat]]));
        let byKey = environmentStats.get(id);
        if (!byKey) environmentStats.set(id, (byKey = new Map()));
        const entry = byKey.get(s.key) ?? { sum: 0, count: 0 };
        entry.sum += s.value * s.count;
        entry.count += s.count;
        byKey.set(s.key, entry);
      }
    }
  };

  const replay = async (message: TrajectoryMessage, m: JsMsg): Promise<void> => {
    counts.trajectoryMessages++;
    const actor = counts.actor(message.actor);
    actor.messages++;
    actor.steps += message.steps;
    const learner = meta.learnerOfBehavior(message.behavior);
    if (!learner || learner.id !== message.learnerId) throw new ShivaError('SHIVA_ERR_CLUSTER', `${where(m)}: behavior: expected a behavior this learner trains, announced by a hello first, got "${message.behavior}" (learner "${message.learnerId}")`);
    const version = versions.get(learner.id) ?? 0;
    // Self-play: who acts for this team now (the learning policy, or an opponent whose steps are only counted), and
    // who acted then; a team whose role changed since (a team change) has its message dropped, as stale.
    const { sink, learning } = learner.acting(true);
    const actedLearning = message.learning ?? true;
    const roleChanged = learning !== actedLearning;
    const stale = actedLearning && familyOf(meta, learner) === 'on-policy' && version - message.version > options.maxPolicyLag;
    if (learner.steps >= learner.maxSteps || roleChanged || stale) {
      // Too old for an on-policy update, acted under another role, or past max_steps: dropped, the chain of these sources cut here.
      for (const call of message.calls) learner.forgetSource(sourceOf(message.actor, call.source));
      counts.droppedMessages++;
      counts.droppedSteps += message.steps;
      actor.droppedSteps += message.steps;
      if (roleChanged) counts.roleChangedMessages++;
      return;
    }
    for (const call of message.calls) {
      const source = sourceOf(message.actor, call.source);
      if (call.k === 'forget') {
        learner.forgetSource(source);
        continue;
      }
      checkCall(learner.spec, learner.memoryWidth ?? 0, call, where(m));
      if (call.k === 'end') sink!.endEpisodes(source, call.terminal);
      else sink!.addDecisions(source, call.decisions, call.rows);
    }
    if (actedLearning) {
      counts.trainedOnMessages++;
      counts.trainedOnSteps += message.steps;
      actor.trainedOnSteps += message.steps;
    } else {
      counts.opponentMessages++;
      counts.opponentSteps += message.steps;
      actor.opponentSteps += message.steps;
    }
    const stats = learner.maybeUpdate();
    // Self-play: a team change is a version of its own, published at once (the teams' roles changed: what the old
    // roles act is dropped). A new opponent (swap_steps) goes with the next update, or on its own at most every
    // SCHEDULE_PUBLISH_MS (its steps are only counted; playing the previous one a little longer trains nothing
    // amiss, and a policy object per swap would churn the object store: swaps come every few environment steps).
    const moved = scheduleMoved(learner.id);
    const publishMove = moved === 'team' || (moved === 'opponent' && performance.now() - (lastPublished.get(learner.id) ?? -Infinity) >= SCHEDULE_PUBLISH_MS);
    if (stats || publishMove) {
      versions.set(learner.id, version + 1);
      for (const [tag, value] of Object.entries(stats ?? {})) periodOf(learner.id).add(tag, value);
      await publish(learner, publishMove);
      if (stats && options.checkpoints && learner.steps - (lastCheckpoint.get(learner.id) ?? 0) >= options.checkpoints.interval(learner.id)) checkpointDue = true;
    }
    const last = lastSummary.get(learner.id) ?? 0;
    if (learner.steps - last >= options.summaryFreq(learner.id)) {
      lastSummary.set(learner.id, learner.steps);
      summarize(learner);
    }
  };

  // A checkpoint between messages, once an update made one due (its state then covers every message handled).
  const lastCheckpoint = new Map<string, number>();
  let checkpointDue = false;
  const snapshot = (streamSeq: number): ClusterSnapshot => ({
    streamSeq,
    specs: [...specsSeen.values()],
    versions: Object.fromEntries(versions),
    counts: counts.toJSON(),
    episodes: Object.fromEntries(episodeCounts),
    recentReturns: Object.fromEntries([...recentReturns].map(([id, r]) => [id, [...r]])),
    wallSeconds: wallOffset + (performance.now() - started) / 1000,
  });
  const checkpoint = (streamSeq: number) => {
    checkpointDue = false;
    for (const learner of meta.learners.values()) lastCheckpoint.set(learner.id, learner.steps);
    options.checkpoints!.save(snapshot(streamSeq));
  };

  if (resumed) {
    // The learners of the checkpoint, made again (their states restored by the meta-learner) before any message:
    // the actors' hellos lie before the resumed position. Versions go on past any the dead learner published.
    for (const spec of resumed.specs) {
      const learner = learnerOf(meta, spec, 'the checkpoint');
      if (!learner) continue;
      specsSeen.set(spec.name, spec);
      if (versions.has(learner.id)) continue;
      const published = await publishedVersion(store, learner.id);
      versions.set(learner.id, Math.max(resumed.versions[learner.id] ?? 0, published ?? -1) + 1);
      await publish(learner, true);
    }
    for (const [id, n] of Object.entries(resumed.episodes)) episodeCounts.set(id, n);
    for (const [id, r] of Object.entries(resumed.recentReturns)) recentReturns.set(id, [...r].slice(-100));
  }
  for (const learner of meta.learners.values()) {
    stepsAtStart.set(learner.id, learner.steps);
    lastSummary.set(learner.id, learner.steps);
    lastCheckpoint.set(learner.id, learner.steps);
  }

  await publishStatus(store, { state: 'running', since });
  let stopped = false;
  // One continuous pull (consume: a missed server heartbeat while an update blocks the event loop only re-pulls).
  const messages = await consumer.consume({ max_messages: 512 });
  const firstSeq = resumed?.streamSeq ?? 0;
  let lastSeq = firstSeq;
  // Between messages: silent actors (once the consumer has passed what they published), and the abort signal.
  const ticker = setInterval(() => {
    if (options.signal?.aborted) {
      stopped = true;
      void messages.close();
      return;
    }
    for (const [actor, seq] of departing) if (lastSeq >= seq) leave(actor, 'timeout');
    checkHeartbeats().catch(() => undefined);
    if (unpublished.size > 0) publishLeftOver().catch(() => undefined);
  }, 250);
  try {
    if (!meta.finished) {
      for await (const m of messages) {
        // A message delivered again (JetStream redelivers what it thinks unacknowledged, e.g. after the client
        // re-pulled under a blocked event loop): the stream's order is the learner's, so anything at or before the
        // last sequence handled was fed already. Acknowledged and counted, never fed twice.
        if (m.seq <= lastSeq) {
          m.ack();
          counts.redeliveredMessages++;
          continue;
        }
        if (m.seq > lastSeq + 1) {
          // The stream's limits (run-stream.ts) removed these before the learner read them: a learner far behind.
          counts.expiredMessages += m.seq - lastSeq - 1;
          options.onExpired?.(m.seq - lastSeq - 1, m.seq);
        }
        counts.consumedMessages++;
        await handle(decodeMessage(m.data, where(m)), m);
        m.ack();
        counts.acknowledgedMessages++;
        lastSeq = m.seq;
        if (checkpointDue) checkpoint(m.seq);
        for (const [actor, seq] of departing) if (m.seq >= seq) leave(actor, 'timeout');
        if (meta.finished) break;
        if (options.signal?.aborted) {
          stopped = true;
          break;
        }
      }
    }
  } finally {
    clearInterval(ticker);
    // At the close, an actor found silent is given up even if the consumer had not yet passed all it published
    // (the run reached max_steps first): nothing more of it will be trained on.
    const closedAt = Date.now();
    for (const [actor, at] of lastSign) if (departing.has(actor) || closedAt - at >= options.actorTimeoutS * 1000) leave(actor, 'timeout');
    for (const actor of [...departing.keys()]) leave(actor, 'timeout');
    await messages.close().catch(() => undefined);
    heartbeats.unsubscribe();
    await publishStatus(store, { state: 'finished', since }).catch(() => undefined);
  }
  for (const learner of meta.learners.values()) summarize(learner);
  for (const sink of scalarSinks.values()) sink.flush();
  await nc.flush();
  // Acknowledgements are asynchronous: give the server a moment to record the last ones before reading its view.
  let info = await consumer.info();
  for (let tries = 0; info.ack_floor.consumer_seq < counts.acknowledgedMessages && tries < 40; tries++) {
    await new Promise((r) => setTimeout(r, 50));
    info = await consumer.info();
  }
  const stream = await jsm.streams.info(names.stream, { subjects_filter: names.subjects[0]! });
  const producedMessages = Object.values(stream.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  const summary: Record<string, LearnerSummary> = Object.fromEntries(
    [...meta.learners].map(([id, learner]) => [
      id,
      {
        behaviors: meta.behaviorsOf(id),
        steps: learner.steps,
        episodes: episodeCounts.get(id) ?? 0,
        meanReturnLast100: meanReturn(id),
        wallSeconds: wallOffset + (performance.now() - started) / 1000,
        stepsPerSecond: stepsPerSecond(learner),
        environmentStats: Object.fromEntries([...(environmentStats.get(id) ?? [])].map(([k, v]) => [k, v.sum / v.count])),
      },
    ]),
  );
  return {
    summary,
    stopped,
    counts,
    streamSeqs: { from: firstSeq, to: lastSeq },
    snapshot: snapshot(lastSeq),
    server: { producedMessages, delivered: info.delivered.consumer_seq, ackFloor: info.ack_floor.consumer_seq, ackPending: info.num_ack_pending, pending: info.num_pending },
  };
}

/** A self-play learner's new opponent, drawn without an update, is published on its own at most this often. */
const SCHEDULE_PUBLISH_MS = 1000;

function familyOf(meta: MetaLearner, learner: Learner): 'on-policy' | 'off-policy' {
  const plan = meta.plans.get(learner.id);
  return plan && algorithmOf(plan.trainerType)?.family === 'on-policy' ? 'on-policy' : 'off-policy';
}

/** The learner for an actor's spec (created on first sight); a behavior the configuration does not train is refused. */
function learnerOf(meta: MetaLearner, spec: BehaviorSpec, where: string): Learner | null {
  if (typeof spec?.name !== 'string' || !Array.isArray(spec.observationSpecs) || typeof spec.actionSpec?.continuousSize !== 'number' || !Array.isArray(spec.actionSpec.discreteBranches)) {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${where}: specs[]: expected a behavior spec (name, observationSpecs, actionSpec), got ${JSON.stringify(spec)?.slice(0, 120)}`);
  }
  return meta.learnerFor(spec);
}

/**
 * A call's arrays fit the learner's spec and memory width (a bad actor cannot write past a buffer's rows, nor hand a
 * recurrent learner steps without the memories its sequences start from).
 */
function checkCall(spec: BehaviorSpec, memoryWidth: number, call: Exclude<SinkCall, { k: 'forget' }>, where: string): void {
  const steps = call.k === 'end' ? call.terminal : call.decisions;
  const fail = (field: string, expected: number, got: number): never => {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${where}: ${call.k === 'end' ? 'terminal' : 'decisions'} of source ${call.source}: ${field}: expected ${expected} values, got ${got}`);
  };
  const n = steps.count;
  if (steps.agentIds.length !== n) fail('agentIds', n, steps.agentIds.length);
  if (steps.rewards.length !== n) fail('rewards', n, steps.rewards.length);
  if (steps.observations.length !== spec.observationSpecs.length) fail('observations (arrays)', spec.observationSpecs.length, steps.observations.length);
  spec.observationSpecs.forEach((o, i) => {
    if (steps.observations[i]!.length !== n * observationSize(o)) fail(`observations[${i}]`, n * observationSize(o), steps.observations[i]!.length);
  });
  if (call.k === 'add') {
    if (call.rows.count !== n) fail('rows.count', n, call.rows.count);
    if (call.rows.discrete.length !== n * spec.actionSpec.discreteBranches.length) fail('rows.discrete', n * spec.actionSpec.discreteBranches.length, call.rows.discrete.length);
    if (call.rows.continuousRaw.length !== n * spec.actionSpec.continuousSize) fail('rows.continuousRaw', n * spec.actionSpec.continuousSize, call.rows.continuousRaw.length);
    const masks = call.decisions.actionMasks;
    if (masks && masks.length !== n * maskSize(spec.actionSpec)) fail('actionMasks', n * maskSize(spec.actionSpec), masks.length);
    checkMemories(call.rows, n, memoryWidth, (field, expected, got) => {
      throw new ShivaError('SHIVA_ERR_CLUSTER', `${where}: decisions of source ${call.source}: rows.${field}: expected ${expected}, got ${got}`);
    });
  }
}

/**
 * A recurrent learner's rows carry each agent's memory before and after its decision (count × memoryWidth each); a
 * learner without memory takes rows without them (an actor whose network_settings.memory differs is refused).
 */
function checkMemories(rows: { readonly memoriesBefore?: Float32Array; readonly memories?: Float32Array }, count: number, memoryWidth: number, fail: (field: string, expected: string, got: string) => never): void {
  for (const field of ['memoriesBefore', 'memories'] as const) {
    const values = rows[field];
    if (memoryWidth === 0) {
      if (values !== undefined) fail(field, "none (the learner's policy has no network_settings.memory)", `${values.length} values`);
    } else if (!(values instanceof Float32Array) || values.length !== count * memoryWidth) {
      fail(field, `${count} × ${memoryWidth} float32 values (each agent's memory; the learner's network_settings.memory)`, values instanceof Float32Array ? `${values.length}` : 'none');
    }
  }
}
