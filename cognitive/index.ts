/**
 * The Sigma-like reasoning layer: factor graphs with summary-product (graph/), predicates and working memory
 * (memory/), conditionals and rule files (rules/), and the decision cycle with traces (cycle/).
 * A library on its own: it imports nothing else of the project.
 */
export { CognitiveError, COGNITIVE_ERROR_CODES, type CognitiveErrorCode } from './errors.js';
export { SeededRandom } from './random.js';

export * from './graph/types.js';
export * from './graph/factor.js';
export * from './graph/factor-ops.js';
export * from './graph/factor-graph.js';
export * from './graph/summary-product.js';
export * from './graph/elimination.js';
export * from './graph/inference.js';

export * from './memory/predicate.js';
export * from './memory/working-memory.js';
export * from './memory/perception.js';

export * from './rules/pattern.js';
export * from './rules/preferences.js';
export * from './rules/rule-set.js';
export { loadRuleFile, parseRuleFile, RULE_FILE_KEYS } from './rules/rule-file.js';
export { editDistance, nearestName } from './rules/rule-file-context.js';

export {
  DecisionCycle,
  type BatchDecision,
  type BatchInput,
  type CycleOptions,
  type Decision,
  type DecideOptions,
  type LearnFeedback,
  type LearnReport,
  type PolicyArray,
} from './cycle/decision-cycle.js';
export { IMPASSE_NAMES, type Impasse } from './cycle/decide.js';
export * from './cycle/trace.js';
