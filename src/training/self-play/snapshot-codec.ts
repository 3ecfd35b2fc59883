/**
 * How self-play copies a learner's acting weights into a snapshot and back into the opponent's learner. A PPO
 * learner gives its actor-critic's weights (with the observation normalisers), so the opponent keeps its own
 * sampling stream and no optimizer moments are copied; any other learner gives its whole save() state.
 */
import type { SavedActorCritic } from '../../../agents/networks/actor-critic.js';
import type { Learner, LearnerState } from '../../../agents/plugin/learner.js';
import { PpoLearner } from '../../../agents/ppo/ppo-learner.js';

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

/** The actor-critic's weights of a PPO learner. */
export const ppoPolicySnapshots: SnapshotCodec = {
  take: (learner) => (learner as PpoLearner).policy.save(),
  give: (learner, snapshot, where) => (learner as PpoLearner).policy.load(snapshot as SavedActorCritic, where),
};

export function snapshotCodecFor(learner: Learner): SnapshotCodec {
  return learner instanceof PpoLearner ? ppoPolicySnapshots : learnerStateSnapshots;
}
