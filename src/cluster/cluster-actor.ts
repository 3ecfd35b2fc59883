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
  /** Environment `source` was reset or restarted: sent before this behavior's next calls, in order with them. */
  forget(source: number): void {
    this.calls.push({ k: 'forget', source });
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
  /**
   * Agent steps published per learner, against which the learner's count of steps taken from this actor paces it:
   * per learner, not per behavior (self-play's teams, or behaviors named to one learner, share one count).
   */
  const produced = new Map<string, number>();
  /** Each behavior's local learner and recording sink, for a restart of one of this actor's environments. */
  const acting: { readonly local: Learner; readonly sink: RecordingSink }[] = [];

  const loop = new RolloutLoop(
    envs,
    {
      actorFor: (behavior, spec) => {
        const local = meta.learnerFor(spec);
        if (!local) return null;
        // The learner creates its learner from this spec (it has no environment of its own).
        void send(names.actors, { kind: 'hello', actor: actorId, seq: ++seq, specs: [spec] });
        const sink = new RecordingSink();
        acting.push({ local, sink });
        let reasoner = reasoners.get(behavior);
        if (reasoner === undefined) reasoners.set(behavior, (reasoner = options.reasoners?.(behavior, spec) ?? null));
        const deterministic = options.deterministic?.(behavior) ?? false;
        const subject = names.trajectories(behavior);
        const budget = versionBudget(meta, local);
        // When a wait for the next version times out, the actor may act one more budget's worth with the version it
        // has (then waits again): a learner that cannot update yet still gets steps, and a slow update (a recurrent
        // PPO's) is not flooded with steps that would be stale by the time it reads them.
        let grace = { version: -1, steps: 0 };
        return async (requests) => {
          // Between decisions: the newest policy (the first one is awaited: nobody acts before the learner published).
          let version = await follower.refresh(local, options.signal);
          // On-policy learners: with more than its budget of steps not yet taken by the learner (as of its last
          // version), the actor waits (a while) for the next version instead of producing steps that would queue
          // up and be dropped as stale: the backlog, and so the lag, stays bounded.
          const agents = requests.reduce((n, r) => n + r.decisionSteps.count, 0);
          const allowed = budget(agents, follower.actorsOf(local));
          if ((produced.get(local.id) ?? 0) + agents - follower.consumedFrom(local, actorId) > allowed + (grace.version === version ? grace.steps : 0)) {
            const since = performance.now();
            const waitingFor = version;
            while (version === waitingFor && !follower.finished && !options.signal?.aborted && performance.now() - since < VERSION_WAIT_MS) {
              await new Promise((r) => setTimeout(r, 5));
              version = await follower.refresh(local, options.signal);
            }
            if (version === waitingFor) grace = { version, steps: (grace.version === version ? grace.steps : 0) + allowed };
          }
          // The local learner's own acting policy, asked anew at each decision: self-play's ghost learner answers with
          // the learning policy or the opponent's snapshot, as the version's schedule says for this team. With
          // network_settings.memory it keeps each (environment, agent)'s memory across decisions and across policy
          // versions (a version loads weights; memories stay, as in one process where an update changes the weights
          // under them), reset where an agent's episode ended; its rows carry the memories before and after each
          // decision, and so do the messages (cluster-messages.ts).
          const own = local.acting(true);
          const actions = decide(actingThrough(local, { policy: own.policy, sink, learning: own.learning }), requests, { reasoner: reasoner ?? null, deterministic });
          const batch = sink.take();
          if (batch.calls.length > 0 && version >= 0) {
            await send(subject, { kind: 'traj', actor: actorId, seq: ++seq, behavior, learnerId: local.id, version, ...(own.learning ? {} : { learning: false }), calls: batch.calls, steps: batch.steps });
            trajectoryMessages++;
            steps += batch.steps;
            produced.set(local.id, (produced.get(local.id) ?? 0) + batch.steps);
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
      // As the Trainer's forgetSource in one process: the restarted environment's memories start from zeros here,
      // and the learner cuts its open trajectories (a `forget` call ahead of the behavior's next ones).
      onRestart: (source) => {
        for (const { local, sink } of acting) {
          local.forgetSource(source);
          sink.forget(source);
        }
      },
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
 * How long an actor past its budget waits for a new version before it acts one more budget's worth with the one it
 * has (a learner that cannot update yet, e.g. short of closed steps while a dead actor still counts, must not stall
 * it, and a learner in a long update must not be buried under steps that will be stale).
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
