/**
 * `network_settings` (a behavior's policy network, or a reward signal's own network): ML-Agents' keys plus
 * Shiva's `activation`. Every vis_encode_type of ML-Agents is built (agents/networks/visual-encoder-types.ts: each
 * with ML-Agents' minimum image size, checked when the network is made). `memory` is checked as ML-Agents checks
 * it; PPO builds it (an LSTM after the encoders), and what other trainers do with it is said by the behavior
 * (behavior-settings.ts, checkMemory). goal_conditioning_type hyper conditions the policy's and critics' last trunk
 * layer on goal-signal observations (agents/networks/hyper-layer.ts); what it does not reach yet is said at run
 * time, for behaviors with goal observations.
 */
import type { ConfigContext } from './config-context.js';
import { NETWORK_DEFAULTS } from './defaults.js';
import { LIMITS } from './limits.js';
import { ACTIVATION_NAMES, VIS_ENCODE_TYPES, type MemorySettingsConfig, type NetworkSettingsConfig } from './run-config.js';
import { Section } from './section.js';
import type { Origin, SourceNode } from './source-tree.js';

const MEMORY_KEYS = ['sequence_length', 'memory_size'] as const;
/** ML-Agents' MemorySettings defaults. */
const MEMORY_DEFAULTS: MemorySettingsConfig = { sequenceLength: 64, memorySize: 128 };

export const NETWORK_KEYS = ['normalize', 'hidden_units', 'num_layers', 'vis_encode_type', 'memory', 'goal_conditioning_type', 'deterministic', 'activation'] as const;

export function parseNetworkSettings(
  ctx: ConfigContext,
  node: SourceNode | undefined,
  path: string,
  parent: Origin,
  elsewhere: Record<string, string> = {},
  defaults: NetworkSettingsConfig = NETWORK_DEFAULTS,
): NetworkSettingsConfig {
  const s = new Section(ctx, node, path, NETWORK_KEYS, parent, { elsewhere });
  const memory = parseMemory(s);
  const visEncodeType = s.oneOf('vis_encode_type', VIS_ENCODE_TYPES, defaults.visEncodeType);
  // hyper (the default, written into every configuration ML-Agents saves) matters only for goal-signal observations;
  // what it does not reach yet is said once training sees a behavior that has them (src/cli/unbuilt-warnings.ts).
  const goalConditioningType = s.oneOf('goal_conditioning_type', ['hyper', 'none'] as const, defaults.goalConditioningType);
  return {
    normalize: s.bool('normalize', defaults.normalize),
    hiddenUnits: s.int('hidden_units', defaults.hiddenUnits, 1, LIMITS.hiddenUnits.max, LIMITS.hiddenUnits.bounds),
    numLayers: s.int('num_layers', defaults.numLayers, 1, LIMITS.numLayers.max, LIMITS.numLayers.bounds),
    visEncodeType,
    memory,
    goalConditioningType,
    deterministic: s.bool('deterministic', defaults.deterministic),
    activation: s.oneOf('activation', ACTIVATION_NAMES, defaults.activation),
  };
}

/** `memory` (null or absent: none): ML-Agents' sequence_length and memory_size (> 0 and even). */
function parseMemory(s: Section): MemorySettingsConfig | null {
  if (s.isNull('memory')) {
    s.node('memory');
    return null;
  }
  const m = s.section('memory', MEMORY_KEYS);
  const memory = {
    sequenceLength: m.int('sequence_length', MEMORY_DEFAULTS.sequenceLength, 1, LIMITS.timeHorizon.max, LIMITS.timeHorizon.bounds),
    memorySize: m.int('memory_size', MEMORY_DEFAULTS.memorySize, 1, LIMITS.hiddenUnits.max, LIMITS.hiddenUnits.bounds),
  };
  if (memory.memorySize % 2 !== 0) m.fail('memory_size', 'an even integer > 0 (ML-Agents: "memory size must be divisible by 2")', String(memory.memorySize));
  return memory;
}
