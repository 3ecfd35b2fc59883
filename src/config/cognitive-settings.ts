/**
 * Shiva's `cognitive:` section: which behaviors decide through the reasoning layer, with which rule file, and how
 * their decisions are traced. Keys are behavior names, looked up as under `behaviors` ("Name" for every team,
 * "Name?team=1" for one team only, and it wins). A value is the rule file's path, or a mapping:
 *
 *   cognitive:
 *     CartPole: configs/cartpole-veto.rules.yaml
 *     Guard: { rules: rules/guard.yaml, enabled: false, trace_sample_rate: 0.001 }
 *
 * Rule-file paths are relative to the working directory, as every path in the file is (ML-Agents' rule). The
 * rule files themselves are read when training starts (src/cli/reasoners.ts), not here: loading a config loads
 * neither them nor cognitive/.
 */
import { nearest } from '../core/did-you-mean.js';
import { parseBehaviorId } from './behavior-lookup.js';
import type { ConfigContext } from './config-context.js';
import type { BehaviorConfig, CognitiveBehaviorConfig, RunConfig } from './run-config.js';
import { Section } from './section.js';
import { describeNode, type Origin, type SourceNode } from './source-tree.js';

export const COGNITIVE_ENTRY_KEYS = ['rules', 'enabled', 'trace_sample_rate', 'trace_max_bytes', 'trace_keep'] as const;

export const COGNITIVE_DEFAULTS = {
  enabled: true,
  /** One decision in a hundred is traced. */
  traceSampleRate: 0.01,
  /** A trace file is rotated before it passes 64 MiB… */
  traceMaxBytes: 64 * 1024 * 1024,
  /** …and two rotated files are kept beside it. */
  traceKeep: 2,
} as const;

export function parseCognitive(
  ctx: ConfigContext,
  top: Section,
  behaviors: ReadonlyMap<string, BehaviorConfig>,
  defaultSettings: BehaviorConfig | null,
): Map<string, CognitiveBehaviorConfig> {
  const out = new Map<string, CognitiveBehaviorConfig>();
  const node = top.node('cognitive');
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return out;
  if (node.kind !== 'map') {
    return ctx.expected(node.origin, 'cognitive', 'a mapping of behavior names to rule files (e.g. CartPole: rules.yaml)', describeNode(node));
  }
  for (const [name, entry] of node.entries) {
    const path = `cognitive.${name}`;
    ctx.record(path, entry.keyOrigin);
    const { name: base } = parseBehaviorId(name);
    if (defaultSettings === null && !behaviors.has(name) && !behaviors.has(base)) {
      const guess = nearest(base, behaviors.keys());
      const known = [...behaviors.keys()];
      ctx.expected(entry.keyOrigin, path, `a behavior listed under behaviors (${known.length ? known.join(', ') : 'none listed'}), or a default_settings section for behaviors not listed`, `"${name}"${guess ? `; did you mean "${guess}"?` : ''}`);
    }
    out.set(name, parseEntry(ctx, entry.value, entry.keyOrigin, path, name));
  }
  return out;
}

function parseEntry(ctx: ConfigContext, value: SourceNode, keyOrigin: Origin, path: string, name: string): CognitiveBehaviorConfig {
  const expected = 'the path of a rule file, or a mapping with rules (a path), enabled, trace_sample_rate, trace_max_bytes, trace_keep';
  if (value.kind === 'scalar') {
    if (typeof value.value !== 'string' || value.value.trim() === '') return ctx.expected(value.origin, path, expected, describeNode(value));
    return { name, rules: value.value, ...COGNITIVE_DEFAULTS };
  }
  if (value.kind !== 'map') return ctx.expected(value.origin, path, expected, describeNode(value));
  const s = new Section(ctx, value, path, COGNITIVE_ENTRY_KEYS, keyOrigin);
  if (!s.has('rules')) s.fail('rules', 'the path of a rule file (YAML; see cognitive/README.md)', describeNode(undefined));
  const d = COGNITIVE_DEFAULTS;
  return {
    name,
    rules: s.string('rules', ''),
    enabled: s.bool('enabled', d.enabled),
    traceSampleRate: s.number('trace_sample_rate', d.traceSampleRate, { min: 0, max: 1 }),
    traceMaxBytes: s.int('trace_max_bytes', d.traceMaxBytes, 1024),
    traceKeep: s.int('trace_keep', d.traceKeep, 0, 100),
  };
}

/**
 * The cognitive entry of `behaviorId` ("Name?team=N"): its exact key first, then its name without the team; null
 * when the behavior has none. A disabled entry is returned (enabled: false); callers decide what that means.
 */
export function cognitiveConfigFor(config: RunConfig, behaviorId: string): CognitiveBehaviorConfig | null {
  const { name } = parseBehaviorId(behaviorId);
  return config.cognitive.get(behaviorId) ?? config.cognitive.get(name) ?? null;
}
