/**
 * What a distributed run's learner counts, so that summary.json can say where every trajectory went: messages and
 * agent steps consumed from the stream, acknowledged, trained on, dropped (stale: acted by a policy more than
 * `max_policy_lag` versions old, on-policy learners only), and per actor. A resumed learner (`--resume`) starts from
 * the counts its checkpoint holds, so the totals cover every life of the run.
 */
import { ShivaError } from '../core/errors.js';

export interface ActorCounts {
  messages: number;
  steps: number;
  trainedOnSteps: number;
  droppedSteps: number;
  /** How it left: "bye:<reason>", "timeout", or null while it is still there. */
  left: string | null;
  /** Environment sources this actor's steps went to in the learner (remapped so actors never mix). */
  sources: number;
  /** Steps a self-play opponent acted: counted (swap_steps), never trained on. */
  opponentSteps: number;
}

const COUNT_FIELDS = ['consumedMessages', 'acknowledgedMessages', 'trajectoryMessages', 'trainedOnMessages', 'droppedMessages', 'trainedOnSteps', 'droppedSteps', 'episodes', 'policyVersionsPublished', 'policyBytesPublished', 'forgottenSources', 'redeliveredMessages', 'outOfOrderMessages', 'sequenceGaps'] as const;

export class ClusterCounts {
  /** Every message consumed from the stream (trajectories, episodes, hello, bye). */
  consumedMessages = 0;
  acknowledgedMessages = 0;
  trajectoryMessages = 0;
  trainedOnMessages = 0;
  droppedMessages = 0;
  trainedOnSteps = 0;
  droppedSteps = 0;
  episodes = 0;
  policyVersionsPublished = 0;
  policyBytesPublished = 0;
  /** Sources forgotten because their actor left (its open episodes were lost). */
  forgottenSources = 0;
  /** Messages delivered again after they were handled (at or before the last stream sequence fed): skipped. */
  redeliveredMessages = 0;
  /** Messages whose actor sequence number was at or below one already handled (an outage reordered them): skipped. */
  outOfOrderMessages = 0;
  /** Places where an actor's sequence numbers jumped (messages lost): its trajectories were cut there. */
  sequenceGaps = 0;
  /**
   * Messages the stream's limits (shiva.cluster.stream_max_*) removed before the learner read them (it was that far
   * behind); their actors' trajectories are cut where their sequence numbers jump (sequenceGaps).
   */
  expiredMessages = 0;
  /** Self-play: trajectory messages (and their agent steps) a snapshot opponent acted, counted toward swap_steps only. */
  opponentMessages = 0;
  opponentSteps = 0;
  /** Self-play: messages dropped because their team's role changed (a team change) since they were acted. */
  roleChangedMessages = 0;
  readonly actors = new Map<string, ActorCounts>();

  /** Counts as toJSON wrote them (a checkpoint's); a field that is not a count is a SHIVA_ERR_CHECKPOINT naming it. */
  static fromJSON(json: unknown, where: string): ClusterCounts {
    const counts = new ClusterCounts();
    const o = (json ?? {}) as Record<string, unknown>;
    const count = (value: unknown, field: string): number => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${where}: cluster.counts.${field}: expected a count (an integer ≥ 0), got ${JSON.stringify(value)}`);
      }
      return value;
    };
    for (const field of COUNT_FIELDS) counts[field] = count(o[field], field);
    // Absent from checkpoints written before stream limits and self-play on clusters existed.
    for (const field of ['expiredMessages', 'opponentMessages', 'opponentSteps', 'roleChangedMessages'] as const) {
      if (o[field] !== undefined) counts[field] = count(o[field], field);
    }
    if (typeof o['actors'] !== 'object' || o['actors'] === null) throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${where}: cluster.counts.actors: expected an object of actors' counts, got ${JSON.stringify(o['actors'])}`);
    for (const [id, raw] of Object.entries(o['actors'] as Record<string, Record<string, unknown>>)) {
      const a = counts.actor(id);
      for (const field of ['messages', 'steps', 'trainedOnSteps', 'droppedSteps', 'sources'] as const) a[field] = count(raw?.[field], `actors.${id}.${field}`);
      if (raw?.['opponentSteps'] !== undefined) a.opponentSteps = count(raw['opponentSteps'], `actors.${id}.opponentSteps`);
      a.left = typeof raw?.['left'] === 'string' ? raw['left'] : null;
    }
    return counts;
  }

  actor(id: string): ActorCounts {
    let counts = this.actors.get(id);
    if (!counts) this.actors.set(id, (counts = { messages: 0, steps: 0, trainedOnSteps: 0, droppedSteps: 0, left: null, sources: 0, opponentSteps: 0 }));
    return counts;
  }

  toJSON(): Record<string, unknown> {
    return {
      consumedMessages: this.consumedMessages,
      acknowledgedMessages: this.acknowledgedMessages,
      trajectoryMessages: this.trajectoryMessages,
      trainedOnMessages: this.trainedOnMessages,
      droppedMessages: this.droppedMessages,
      trainedOnSteps: this.trainedOnSteps,
      droppedSteps: this.droppedSteps,
      episodes: this.episodes,
      policyVersionsPublished: this.policyVersionsPublished,
      policyBytesPublished: this.policyBytesPublished,
      forgottenSources: this.forgottenSources,
      redeliveredMessages: this.redeliveredMessages,
      outOfOrderMessages: this.outOfOrderMessages,
      sequenceGaps: this.sequenceGaps,
      expiredMessages: this.expiredMessages,
      opponentMessages: this.opponentMessages,
      opponentSteps: this.opponentSteps,
      roleChangedMessages: this.roleChangedMessages,
      actors: Object.fromEntries(this.actors),
    };
  }
}
