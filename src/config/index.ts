/**
 * src/config: the run configuration of `shiva train` (ML-Agents trainer-config files as they are, with Shiva's
 * keys beside theirs). docs/CONFIGURATION.md lists every key.
 */
export { loadRunConfig, parseRunConfig } from './load-run-config.js';
export { runConfigToYaml } from './write-run-config.js';
export { assertTrainable, behaviorConfigFor, configErrorAt, learnerIdFor, parseBehaviorId } from './behavior-lookup.js';
export * from './run-config.js';
export { CHECKPOINT_DEFAULTS, CLUSTER_DEFAULTS, DECISION_ROUTING_DEFAULTS, ENGINE_DEFAULTS, ENV_DEFAULTS, NETWORK_DEFAULTS, TRAINER_DEFAULTS } from './defaults.js';
export { BUILTIN_PREFIX } from './run-settings.js';
export { COGNITIVE_DEFAULTS, COGNITIVE_ENTRY_KEYS, cognitiveConfigFor } from './cognitive-settings.js';
