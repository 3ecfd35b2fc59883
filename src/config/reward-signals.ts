/**
 * A behavior's `reward_signals`: extrinsic, GAIL, curiosity and RND, read and checked as ML-Agents' RewardSignal,
 * GAILSettings, CuriositySettings and RNDSettings. Whether the behavior's trainer takes each is its plugin's to say
 * (`rewardSignals`); a signal it does not take is warned about once (behavior-settings.ts). As in ML-Agents, a
 * behavior without the key gets extrinsic with gamma 0.99 and strength 1.0, and one that lists signals gets exactly
 * those.
 */
import type { ConfigContext } from './config-context.js';
import { GAIL_LEARNING_RATE, NETWORK_DEFAULTS, REWARD_SIGNAL_DEFAULTS } from './defaults.js';
import { LIMITS } from './limits.js';
import { parseNetworkSettings } from './network-settings.js';
import type { ExtrinsicRewardConfig, GailRewardConfig, IntrinsicRewardConfig, RewardSignalsConfig } from './run-config.js';
import { Section } from './section.js';
import type { Origin, SourceNode } from './source-tree.js';

const SIGNALS = ['extrinsic', 'gail', 'curiosity', 'rnd'] as const;
const EXTRINSIC_KEYS = ['gamma', 'strength', 'network_settings'] as const;
const GAIL_KEYS = ['gamma', 'strength', 'network_settings', 'learning_rate', 'encoding_size', 'use_actions', 'use_vail', 'demo_path'] as const;
const INTRINSIC_KEYS = ['gamma', 'strength', 'network_settings', 'learning_rate', 'encoding_size'] as const;
/** ML-Agents' CuriositySettings and RNDSettings learning rates. */
const INTRINSIC_LEARNING_RATE = { curiosity: 3e-4, rnd: 1e-4 } as const;
/** The docs: "Must be strictly smaller than 1". */
const GAMMA = { min: 0, max: 1, maxExclusive: true } as const;

export function parseRewardSignals(ctx: ConfigContext, node: SourceNode | undefined, path: string, parent: Origin): RewardSignalsConfig {
  const s = new Section(ctx, node, path, SIGNALS, parent);
  if (!s.present) return { extrinsic: { ...REWARD_SIGNAL_DEFAULTS } };
  if (!s.has('extrinsic') && !s.has('gail') && !s.has('curiosity') && !s.has('rnd')) ctx.expected(s.origin, path, 'at least one reward signal (extrinsic, gail, curiosity or rnd)', 'none');
  const out: { extrinsic?: ExtrinsicRewardConfig; gail?: GailRewardConfig; curiosity?: IntrinsicRewardConfig; rnd?: IntrinsicRewardConfig } = {};
  if (s.has('extrinsic')) {
    const e = s.section('extrinsic', EXTRINSIC_KEYS);
    // ML-Agents writes a network_settings for every signal into saved configs; extrinsic has no network of its own
    // here (its value head is the critic's), so it is checked and said to be unused.
    // ML-Agents builds no network for extrinsic either: the defaults it writes pass silently, anything else warns.
    if (!e.isNull('network_settings')) {
      const network = parseNetworkSettings(ctx, e.node('network_settings'), e.child('network_settings'), e.keyOriginOf('network_settings'));
      if (JSON.stringify(network) !== JSON.stringify(NETWORK_DEFAULTS)) {
        e.warn('network_settings', "unused: the extrinsic value head is part of the behavior's critic, built from the behavior's network_settings (ML-Agents builds no network for extrinsic either)");
      }
    }
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
  for (const kind of ['curiosity', 'rnd'] as const) {
    if (!s.has(kind)) continue;
    const c = s.section(kind, INTRINSIC_KEYS);
    const encodingSize = c.optionalInt('encoding_size', 1, LIMITS.hiddenUnits.max, LIMITS.hiddenUnits.bounds);
    let networkDefaults = NETWORK_DEFAULTS;
    if (encodingSize !== null) {
      c.warn('encoding_size', 'deprecated in ML-Agents; use network_settings.hidden_units (it sets hidden_units when network_settings is absent)');
      if (!c.has('network_settings')) networkDefaults = { ...NETWORK_DEFAULTS, hiddenUnits: encodingSize };
    }
    out[kind] = {
      gamma: c.number('gamma', REWARD_SIGNAL_DEFAULTS.gamma, GAMMA),
      strength: c.number('strength', REWARD_SIGNAL_DEFAULTS.strength),
      learningRate: c.number('learning_rate', INTRINSIC_LEARNING_RATE[kind], { min: 0, minExclusive: true }),
      networkSettings: parseNetworkSettings(ctx, c.node('network_settings'), c.child('network_settings'), c.keyOriginOf('network_settings'), {}, networkDefaults),
    };
  }
  return out;
}
