/** Checkpoints: the file format, atomic writes, validated reads (training checkpoints: their learner states checked), rotation, and the fit check on load. */
export {
  CHECKPOINT_EXTENSION,
  CHECKPOINT_FORMAT_VERSION,
  CHECKPOINT_MAGIC,
  type Checkpoint,
  type CheckpointMeta,
  type CheckpointTensor,
  type JsonValue,
} from './checkpoint-format.js';
export { writeCheckpoint, encodeCheckpoint } from './write-checkpoint.js';
export { readCheckpoint, readCheckpointMeta, decodeCheckpoint } from './read-checkpoint.js';
export { readTrainingCheckpoint, trainingStateOf, type TrainingCheckpoint, type TrainingCheckpointMeta } from './training-checkpoint.js';
export { CheckpointManager, CHECKPOINT_INDEX, type CheckpointEntry, type CheckpointManagerOptions } from './checkpoint-manager.js';
export { checkMatches, type ExpectedCheckpoint } from './check-matches.js';
export { writeFileAtomicSync } from './atomic-write.js';
export { collectExports, encodeExports, exportsOf, onnxBaseName, pruneOnnxModels, writeOnnxModels, type ExportedPolicy } from './exported-policies.js';
