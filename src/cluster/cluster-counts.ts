/**
 * What a distributed run's learner counts, so that summary.json can say where every trajectory went: messages and
 * agent steps consumed from the stream, acknowledged, trained on, dropped (stale: acted by a policy more than
 * `max_policy_lag` versions old, on-policy learners only), and per actor.
 */
export interface ActorCounts {
  messages: number;
  steps: number;
  trainedOnSteps: number;
  droppedSteps: number;
  /** How it left: "bye:<reason>", "timeout", or null while it is still there. */
  left: string | null;
  /** Environment sources this actor's steps went to in the learner (remapped so actors never mix). */
  sources: number;
}

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
  readonly actors = new Map<string, ActorCounts>();

  actor(id: string): ActorCounts {
    let counts = this.actors.get(id);
    if (!counts) this.actors.set(id, (counts = { messages: 0, steps: 0, trainedOnSteps: 0, droppedSteps: 0, left: null, sources: 0 }));
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
      actors: Object.fromEntries(this.actors),
    };
  }
}
