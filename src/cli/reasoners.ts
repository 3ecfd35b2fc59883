/**
 * From the run configuration's `cognitive:` section to reasoning layers: every enabled rule file is read and
 * validated when the run starts (before any simulation is launched), and each behavior that appears gets its own
 * ReasoningLayer (its own seeded cycle, checked against its spec) with a trace file in RUN/traces/.
 */
import { join } from 'node:path';
import type { RuleSet } from '../../cognitive/index.js';
import { cognitiveConfigFor, type RunConfig } from '../config/index.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import { ReasoningLayer } from '../decisions/reasoning-layer.js';
import { loadRules } from '../decisions/rule-files.js';
import { TraceWriter } from '../decisions/trace-writer.js';
import { traceLabelsOf, writeTraceLabels } from '../decisions/trace-labels.js';
import { builtinEnvs } from '../../envs/registry.js';
import { deriveSeed, type RunSeeds } from '../core/runtime/seeding.js';

export type ReasonerResolver = (behavior: string, spec: BehaviorSpec) => ReasoningLayer | null;

/** `FILE:LINE: cognitive.KEY.rules`, the place errors about a rule file start from. */
function placeOf(config: RunConfig, key: string): string {
  const line = config.lines.get(`cognitive.${key}.rules`) ?? config.lines.get(`cognitive.${key}`);
  return `${config.file}${line === undefined ? '' : `:${line}`}: cognitive.${key}.rules`;
}

/** Reads every enabled rule file of the config; a bad one fails with SHIVA_ERR_RULES naming both files. */
export function loadRuleSets(config: RunConfig): Map<string, RuleSet> {
  const out = new Map<string, RuleSet>();
  for (const [key, entry] of config.cognitive) if (entry.enabled) out.set(key, loadRules(entry.rules, placeOf(config, key)));
  return out;
}

/**
 * Throws SHIVA_ERR_RULES when `behavior`'s enabled rule file does not fit its spec (action branches, observation
 * indices): the check a reasoning layer makes when it is built, made before the run folder is written or learners
 * are created (src/cli/preflight.ts). Nothing is kept.
 */
export function checkRulesFit(config: RunConfig, ruleSets: ReadonlyMap<string, RuleSet>, behavior: string, spec: BehaviorSpec): void {
  const entry = cognitiveConfigFor(config, behavior);
  const ruleSet = entry === null || !entry.enabled ? undefined : ruleSets.get(entry.name);
  if (entry === null || ruleSet === undefined) return;
  new ReasoningLayer(ruleSet, spec, { rulesFile: `${placeOf(config, entry.name)}: ${entry.rules}`, seed: 0, traces: null });
}

export interface ReasonerOptions {
  /** The run folder; traces go to RUN/traces/BEHAVIOR.jsonl. Null: no traces. */
  readonly runDir: string | null;
  readonly seeds: RunSeeds;
}

/** Behavior → its reasoning layer (created on first sight), or null when it has no enabled rule file. */
export function reasonerResolver(config: RunConfig, ruleSets: ReadonlyMap<string, RuleSet>, options: ReasonerOptions): ReasonerResolver {
  const made = new Map<string, ReasoningLayer | null>();
  return (behavior, spec) => {
    const known = made.get(behavior);
    if (known !== undefined) return known;
    const entry = cognitiveConfigFor(config, behavior);
    const ruleSet = entry === null ? undefined : ruleSets.get(entry.name);
    let layer: ReasoningLayer | null = null;
    if (entry !== null && entry.enabled && ruleSet !== undefined) {
      const traceFile = options.runDir !== null && entry.traceSampleRate > 0 ? join(options.runDir, 'traces', `${safeName(behavior)}.jsonl`) : null;
      // Beside the trace file: what its observation values and rules are called, for `shiva explain`.
      if (traceFile !== null) writeTraceLabels(traceFile, traceLabelsOf(spec, sceneObservationLabels(config, behavior), ruleSet.observation, ruleSet.conditionals.map((c) => c.name)));
      const traces =
        traceFile !== null
          ? {
              sink: new TraceWriter(traceFile, { maxBytes: entry.traceMaxBytes, keep: entry.traceKeep }),
              sampleRate: entry.traceSampleRate,
              rng: options.seeds.rng(`reasoning:${behavior}:traces`),
            }
          : null;
      layer = new ReasoningLayer(ruleSet, spec, { rulesFile: `${placeOf(config, entry.name)}: ${entry.rules}`, seed: deriveSeed(options.seeds.seed, `reasoning:${behavior}`), traces });
    }
    made.set(behavior, layer);
    return layer;
  };
}

/** The built-in scene's names for the behavior's observation values (builtin:NAME or standin:NAME), or null. */
function sceneObservationLabels(config: RunConfig, behavior: string): readonly string[] | null {
  const { builtinEnv, envPath } = config.envSettings;
  const name = builtinEnv ?? (envPath?.startsWith('standin:') ? envPath.slice('standin:'.length) : null);
  if (name === null || !builtinEnvs.has(name)) return null;
  return builtinEnvs.get(name)!.observationLabels?.(behavior) ?? null;
}

/** A behavior id as a file name ("Striker?team=1" → "Striker_team=1"). */
export function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.=-]/g, '_');
}
