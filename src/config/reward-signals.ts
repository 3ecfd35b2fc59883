/**
 * A behavior's `reward_signals`: extrinsic and GAIL are accepted; curiosity and RND are refused until they are
 * implemented. As in ML-Agents, a behavior without the key gets extrinsic with gamma 0.99 and strength 1.0, and one
 * that lists signals gets exactly those.
 */
import type { ConfigContext } from './config-context.js';
import { GAIL_LEARNING_RATE, NETWORK_DEFAULTS, REWARD_SIGNAL_DEFAULTS } from './defaults.js';
import { LIMITS } from './limits.js';
import { parseNetworkSettings } from './network-settings.js';
import type { ExtrinsicRewardConfig, GailRewardConfig, RewardSignalsConfig } from './run-config.js';
import { Section } from './section.js';
import type { Origin, SourceNode } from './source-tree.js';

const SIGNALS = ['extrinsic', 'gail', 'curiosity', 'rnd'] as const;
const EXTRINSIC_KEYS = ['gamma', 'strength', 'network_settings'] as const;
const GAIL_KEYS = ['gamma', 'strength', 'network_settings', 'learning_rate', 'encoding_size', 'use_actions', 'use_vail', 'demo_path'] as const;
/** The docs: "Must be strictly smaller than 1". */
const GAMMA = { min: 0, max: 1, maxExclusive: true } as const;

export function parseRewardSignals(ctx: ConfigContext, node: SourceNode | undefined, path: string, parent: Origin): RewardSignalsConfig {
  const s = new Section(ctx, node, path, SIGNALS, parent);
  if (!s.present) return { extrinsic: { ...REWARD_SIGNAL_DEFAULTS } };
  for (const unsupported of ['curiosity', 'rnd'] as const) {
    if (s.has(unsupported)) {
      ctx.expected(s.keyOriginOf(unsupported), s.child(unsupported), 'extrinsic or gail reward signals', `${unsupported}, which is not supported yet`);
    }
  }
  if (!s.has('extrinsic') && !s.has('gail')) ctx.expected(s.origin, path, 'at least one reward signal (extrinsic or gail)', 'none');
  const out: { extrinsic?: ExtrinsicRewardConfig; gail?: GailRewardConfig } = {};
  if (s.has('extrinsic')) {
    const e = s.section('extrinsic', EXTRINSIC_KEYS);
    // ML-Agents writes a network_settings for every signal into saved configs; extrinsic has no network, so it is
    // checked for typos and otherwise unused.
    parseNetworkSettings(ctx, e.node('network_settings'), e.child('network_settings'), e.keyOriginOf('network_settings'));
    out.extrinsic = { gamma: e.number('gamma', REWARD_SIGNAL_DEFAULTS.gamma, GAMMA), strength: e.number('strength', REWARD_SIGNAL_DEFAULTS.strength) };
  }
  if (s.has('gail')) {
    const g = s.section('gail', GAIL_KEYS);
    const demoPath = g.nullableString('demo_path') ?? g.fail('demo_path', 'the path of a .demo file or a folder of them', g.has('demo_path') ? 'null' : 'nothing (the key is missing)');
    const encodingSize = g.optionalInt('encoding_size', 1, LIMITS.hiddenUnits.max, LIMITS.hiddenUnits.bounds);
    let networkDefaults = NETWORK_DEFAULTS;
    if (encodingSize !== null) {
      g.warn('encoding_size', 'deprecated in ML-Agents; use network_settings.hidden_units (it sets hidden_units when network_settings is absent)');
      if (!g.has('network_settings')) networkDefaults = { ...NETWORK_DEFAULTS, hiddenUnits: encodingSize };
    }
    out.gail = {
      gamma: g.number('gamma', REWARD_SIGNAL_DEFAULTS.gamma, GAMMA),
      strength: g.number('strength', REWARD_SIGNAL_DEFAULTS.strength),
      demoPath,
      learningRate: g.number('learning_rate', GAIL_LEARNING_RATE, { min: 0, minExclusive: true }),
      useActions: g.bool('use_actions', false),
      useVail: g.bool('use_vail', false),
      networkSettings: parseNetworkSettings(ctx, g.node('network_settings'), g.child('network_settings'), g.keyOriginOf('network_settings'), {}, networkDefaults),
    };
  }
  return out;
}
