/**
 * An actor of a distributed run (`shiva actor CONFIG --cluster URL`): the rollout loop (src/training/rollout-loop.ts)
 * on this process's environments, each behavior acting through the decision pipeline with a local copy of its
 * learner's policy and its reasoning layer, and no learning. Its sink publishes (agents/plugin/learner.ts foresaw
 * it): every decision batch's `endEpisodes`/`addDecisions` calls go to the run's stream as one message with the
 * policy version that acted; finished episodes and environment stats follow after each step. Between decisions
 * the actor loads newer policy versions from the object store. A heartbeat says it is alive; a goodbye that it
 * leaves. It stops when the learner says the run is finished, or on its abort signal (SIGINT/SIGTERM).
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import type { ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ActOutput } from '../../agents/networks/acting.js';
import type { Acting, Learner, TransitionSink } from '../../agents/plugin/learner.js';
import { algorithmOf } from '../../agents/registry.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { Environment } from '../core/env/environment.js';
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';
import { decide } from '../decisions/decision-pipeline.js';
import type { RouterOptions } from '../decisions/decision-router.js';
import type { Reasoner } from '../decisions/reasoning-layer.js';
import type { EpisodeRecord } from '../training/episode-tracker.js';
import type { MetaLearner } from '../training/meta-learner.js';
import { RolloutLoop } from '../training/rollout-loop.js';
import type { RunNames } from './cluster-names.js';
import { encodeMessage, statsEntries, type EpisodesMessage, type SinkCall } from './cluster-messages.js';
import { OrderedPublisher } from './ordered-publisher.js';
import { PolicyFollower } from './policy-store.js';

export interface ActorOptions {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly store: ObjectStore;
  readonly names: RunNames;
  readonly actorId: string;
  readonly envs: readonly Environment[];
  /** Local learners, seeded for this actor: their policies act, their sinks are never fed. */
  readonly meta: MetaLearner;
  readonly reasoners?: (behavior: string, spec: BehaviorSpec) => Reasoner | null;
  readonly deterministic?: (behavior: string) => boolean;
  readonly router?: RouterOptions;
  readonly signal?: AbortSignal;
  readonly heartbeatMs?: number;
  /** After each published trajectory message (tests and benchmarks count them). */
  readonly onPublished?: (steps: number) => void;
  /** The NATS server stopped answering publishes (they are retried through the outage: ordered-publisher.ts). */
  readonly onOutage?: (error: Error) => void;
}

export interface ActorReport {
  readonly messages: number;
  readonly steps: number;
  readonly bytes: number;
  readonly episodes: number;
  readonly stoppedBy: 'finished' | 'signal';
}

/** A sink that records one batch's calls, in order, for one message. */
class RecordingSink implements TransitionSink {
  calls: SinkCall[] = [];
  steps = 0;
  endEpisodes(source: number, terminal: TerminalSteps): void {
    this.calls.push({ k: 'end', source, terminal });
  }
  addDecisions(source: number, decisions: DecisionSteps, rows: ActOutput): void {
    this.calls.push({ k: 'add', source, decisions, rows });
    this.steps += decisions.count;
  }
  take(): { calls: SinkCall[]; steps: number } {
    const out = { calls: this.calls, steps: this.steps };
    this.calls = [];
    this.steps = 0;
    return out;
  }
}

export async function runActor(options: ActorOptions): Promise<ActorReport> {
  const { nc, js, store, names, actorId, envs, meta } = options;
  const where = `actor "${actorId}"`;
  const publisher = new OrderedPublisher(js, { ...(options.onOutage ? { onOutage: options.onOutage } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const follower = new PolicyFollower(store, where);
  await follower.start();
  let seq = 0;
  let trajectoryMessages = 0;
  let steps = 0;
  let episodeCount = 0;
  const pendingEpisodes: EpisodeRecord[] = [];
  const pendingStats: EpisodesMessage['stats'][number][] = [];
  const send = (subject: string, message: Parameters<typeof encodeMessage>[0]) => publisher.publish(subject, encodeMessage(message));
  const beat = () => nc.publish(names.heartbeat, JSON.stringify({ actor: actorId }));
  beat();
  const heartbeat = setInterval(beat, options.heartbeatMs ?? 1000);
  const reasoners = new Map<string, Reasoner | null>();

  const loop = new RolloutLoop(
    envs,
    {
      actorFor: (behavior, spec) => {
        const local = meta.learnerFor(spec);
        if (!local) return null;
        // The learner creates its learner from this spec (it has no environment of its own).
        void send(names.actors, { kind: 'hello', actor: actorId, seq: ++seq, specs: [spec] });
        const sink = new RecordingSink();
        const acting: Acting = { policy: local.acting(true).policy, sink, learning: true };
        const remote = actingThrough(local, acting);
        let reasoner = reasoners.get(behavior);
        if (reasoner === undefined) reasoners.set(behavior, (reasoner = options.reasoners?.(behavior, spec) ?? null));
        const deterministic = options.deterministic?.(behavior) ?? false;
        const subject = names.trajectories(behavior);
        const budget = versionBudget(meta, local);
        let produced = 0;
        // The version whose wait timed out: the actor then acts on with it, unpaced, until the next one comes.
        let gaveUpOn = -1;
        return async (requests) => {
          // Between decisions: the newest policy (the first one is awaited: nobody acts before the learner published).
          let version = await follower.refresh(local, options.signal);
          // On-policy learners: with more than its budget of steps not yet taken by the learner (as of its last
          // version), the actor waits (a while) for the next version instead of producing steps that would queue
          // up and be dropped as stale: the backlog, and so the lag, stays bounded.
          const agents = requests.reduce((n, r) => n + r.decisionSteps.count, 0);
          if (version !== gaveUpOn && produced + agents - follower.consumedFrom(local, actorId) > budget(agents, follower.actorsOf(local))) {
            const since = performance.now();
            const waitingFor = version;
            while (version === waitingFor && !follower.finished && !options.signal?.aborted && performance.now() - since < VERSION_WAIT_MS) {
              await new Promise((r) => setTimeout(r, 5));
              version = await follower.refresh(local, options.signal);
            }
            if (version === waitingFor) gaveUpOn = version;
          }
          const actions = decide(remote, requests, { reasoner: reasoner ?? null, deterministic });
          const batch = sink.take();
          if (batch.calls.length > 0 && version >= 0) {
            await send(subject, { kind: 'traj', actor: actorId, seq: ++seq, behavior, learnerId: local.id, version, calls: batch.calls, steps: batch.steps });
            trajectoryMessages++;
            steps += batch.steps;
            produced += batch.steps;
            options.onPublished?.(batch.steps);
          }
          return actions;
        };
      },
      onEpisodes: (_source, episodes) => {
        pendingEpisodes.push(...episodes);
        episodeCount += episodes.length;
      },
      onStats: (source, stats, atReset) => {
        if (!atReset) pendingStats.push(...statsEntries([...envs[source]!.behaviorSpecs.keys()], stats));
      },
      onRestart: () => undefined,
      afterStep: async () => {
        if (pendingEpisodes.length === 0 && pendingStats.length === 0) return;
        await send(names.episodes, { kind: 'episodes', actor: actorId, seq: ++seq, episodes: pendingEpisodes.splice(0), stats: pendingStats.splice(0) });
      },
      shouldStop: (_source, at) => at === 'decided' && follower.finished,
    },
    { ...(options.router ? { router: options.router } : {}), ...(options.signal ? { signal: options.signal } : {}) },
  );
  let stoppedBy: ActorReport['stoppedBy'] = 'finished';
  try {
    const run = await loop.run();
    if (run.stopped) stoppedBy = 'signal';
  } finally {
    clearInterval(heartbeat);
    for (const r of reasoners.values()) r?.close?.();
    await follower.stop();
  }
  await send(names.actors, { kind: 'bye', actor: actorId, seq: ++seq, messages: trajectoryMessages, steps, reason: stoppedBy });
  await publisher.flush();
  return { messages: trajectoryMessages, steps, bytes: publisher.bytes, episodes: episodeCount, stoppedBy };
}

/**
 * How long an actor past its budget waits for a new version before it acts on with the one it has, until the next
 * (a learner that cannot update yet, e.g. short of closed steps while a dead actor still counts, must not stall it).
 */
const VERSION_WAIT_MS = 1000;

/**
 * Agent steps an actor may have published and the learner not yet taken, for an on-policy learner: its share of
 * one update (buffer_size over the actors the learner counts) plus what its agents may hold open (time_horizon
 * each), so that the actors together always give the learner enough closed steps for its next update (and one
 * that waits too long acts anyway), while the backlog stays under two updates' worth; unbounded for off-policy
 * learners, which take every transition.
 */
function versionBudget(meta: MetaLearner, learner: Learner): (agents: number, actors: number) => number {
  const plan = meta.plans.get(learner.id);
  if (!plan || algorithmOf(plan.trainerType)?.family !== 'on-policy') return () => Infinity;
  const hp = plan.hyperparameters as { buffer_size?: number; time_horizon?: number };
  return (agents, actors) => Math.ceil((hp.buffer_size ?? 0) / actors) + agents * ((hp.time_horizon ?? 0) + 1);
}

/** The local learner as the decision pipeline sees it, acting with its policy into the recording sink. */
function actingThrough(local: Learner, acting: Acting): Learner {
  return {
    id: local.id,
    trainerType: local.trainerType,
    spec: local.spec,
    get steps() {
      return local.steps;
    },
    maxSteps: local.maxSteps,
    acting: () => acting,
    forgetSource: () => undefined,
    maybeUpdate: () => null,
    save: () => local.save(),
    load: (state, at) => local.load(state, at),
    dispose: () => undefined,
  };
}
