/**
 * `network_settings` (a behavior's policy network, or a reward signal's own network): ML-Agents' keys plus
 * Shiva's `activation`. Recurrent memory is refused until it is implemented.
 */
import type { ConfigContext } from './config-context.js';
import { NETWORK_DEFAULTS } from './defaults.js';
import { LIMITS } from './limits.js';
import { ACTIVATION_NAMES, VIS_ENCODE_TYPES, type NetworkSettingsConfig } from './run-config.js';
import { Section } from './section.js';
import { describeNode, type Origin, type SourceNode } from './source-tree.js';

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
  if (!s.isNull('memory')) {
    s.fail('memory', 'null or no memory key (recurrent memory, LSTM, is not supported yet)', describeNode(s.node('memory')));
  }
  return {
    normalize: s.bool('normalize', defaults.normalize),
    hiddenUnits: s.int('hidden_units', defaults.hiddenUnits, 1, LIMITS.hiddenUnits.max, LIMITS.hiddenUnits.bounds),
    numLayers: s.int('num_layers', defaults.numLayers, 1, LIMITS.numLayers.max, LIMITS.numLayers.bounds),
    visEncodeType: s.oneOf('vis_encode_type', VIS_ENCODE_TYPES, defaults.visEncodeType),
    memory: null,
    goalConditioningType: s.oneOf('goal_conditioning_type', ['hyper', 'none'] as const, defaults.goalConditioningType),
    deterministic: s.bool('deterministic', defaults.deterministic),
    activation: s.oneOf('activation', ACTIVATION_NAMES, defaults.activation),
  };
}
