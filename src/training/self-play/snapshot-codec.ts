/**
 * How self-play copies a learner's acting weights into a snapshot and back into the opponent's learner. A PPO
 * learner, with or without memory, gives its actor-critic's weights (with the observation normalisers and, with
 * memory, the actor's and the critic's LSTMs), so the opponent keeps its own sampling stream and no optimizer
 * moments are copied; any other learner gives its whole save() state.
 */
import type { SavedActorCritic } from '../../../agents/networks/actor-critic.js';
import type { Learner, LearnerState } from '../../../agents/plugin/learner.js';
import { PpoLearner } from '../../../agents/ppo/ppo-learner.js';
import { RecurrentPpoLearner } from '../../../agents/ppo/recurrent-ppo-learner.js';

export interface SnapshotCodec {
  /** A JSON-safe copy of what `learner` acts with. */
  take(learner: Learner): unknown;
  /** Makes `learner` act with `snapshot`; `where` names the snapshot in errors. */
  give(learner: Learner, snapshot: unknown, where: string): void;
}

/** The whole learner state: works for every learner; loading it also sets the opponent's counters and RNGs. */
export const learnerStateSnapshots: SnapshotCodec = {
  take: (learner) => learner.save(),
  give: (learner, snapshot, where) => learner.load(snapshot as LearnerState, where),
};

type PpoKind = PpoLearner | RecurrentPpoLearner;

/** The actor-critic's weights of a PPO learner (the LSTMs' among them with memory). */
export const ppoPolicySnapshots: SnapshotCodec = {
  take: (learner) => (learner as PpoKind).policy.save(),
  give: (learner, snapshot, where) => (learner as PpoKind).policy.load(snapshot as SavedActorCritic, where),
};

export function snapshotCodecFor(learner: Learner): SnapshotCodec {
  return learner instanceof PpoLearner || learner instanceof RecurrentPpoLearner ? ppoPolicySnapshots : learnerStateSnapshots;
}
