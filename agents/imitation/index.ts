/** Imitation learning on tfjs: datasets of expert decisions, the behavioral-cloning loss and its update. */
export { bcLoss, continuousTargets, type BcLossInputs, type BcLossTerms } from './bc-loss.js';
export { BehavioralCloning, type BcEvaluation, type BcSettings, type BcUpdateStats, type SavedBehavioralCloning } from './behavioral-cloning.js';
export {
  ImitationDatasetBuilder,
  checkDemoFitsSpec,
  concatDatasets,
  datasetFromDemonstration,
  splitHeldOut,
  subsetDataset,
  type DemoDatasetReport,
  type ImitationDataset,
} from './imitation-dataset.js';
