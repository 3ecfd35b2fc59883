/** Experience replay for the off-policy learners: uniform and prioritised buffers, n-step returns, collection. */
export { SumTree } from './sum-tree.js';
export { ReplayBuffer } from './replay-buffer.js';
export { PrioritizedReplayBuffer, type PrioritySettings } from './prioritized-replay-buffer.js';
export { NStepAccumulator, type SingleStep, type StepEnd } from './n-step.js';
export { ReplayCollector, type ChosenActions, type NStepSettings } from './replay-collector.js';
export { replaySpecOf, type ReplayBatch, type ReplaySink, type ReplaySpec, type Transition } from './replay-types.js';
export {
  REPLAY_FORMAT,
  REPLAY_FORMAT_VERSION,
  int32BitsAsFloat32,
  type ReplayBlob,
  type ReplayHeader,
  type ReplayKind,
  type ReplaySnapshot,
  type ReplaySnapshotInput,
} from './replay-snapshot.js';
