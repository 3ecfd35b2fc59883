/**
 * The memory check of a run, before any learner is created: each learner's plugin estimates what it will allocate
 * from its behavior's spec and settings (AlgorithmPlugin.estimateBytes; agents/plugin/memory-estimate.ts), and
 * the sum over the run's learners must fit the budget (`shiva.memory_budget`; by default half of this machine's
 * memory), or the run is refused with SHIVA_ERR_CONFIG naming the keys that size the largest parts.
 *
 * The specs come from the environment: a built-in scene's from a one-area copy made before the run folder is
 * (src/cli/preflight.ts), a Unity scene's from its first reset, before the learners are created.
 */
import { totalmem } from 'node:os';
import type { LearnerSettings } from '../../agents/plugin/algorithm-plugin.js';
import { formatBytes, type MemoryEstimate, type MemoryPart } from '../../agents/plugin/memory-estimate.js';
import { algorithmOf } from '../../agents/registry.js';
import { behaviorConfigFor, configErrorAt, type RunConfig } from '../config/index.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { Environment } from '../core/env/environment.js';
import type { LearnerPlan, PlanResolver } from './learner-plan.js';

/** A behavior as the environment announced it: its spec, how many agents report, the largest group among them. */
export interface BehaviorCensus {
  readonly spec: BehaviorSpec;
  /** Agents of the behavior over every environment (and area). */
  readonly agents: number;
  /** The most agents with one group id in one environment; 1 when none share a group. */
  readonly largestGroup: number;
}

/**
 * The behaviors `envs` have announced, with their agents counted from the decision steps they hold now (after a
 * reset); `scale` multiplies the counts (a one-area copy standing for num_envs × num_areas).
 */
export function censusOf(envs: readonly Environment[], scale = 1): Map<string, BehaviorCensus> {
  const out = new Map<string, BehaviorCensus>();
  for (const env of envs) {
    for (const [name, spec] of env.behaviorSpecs) {
      const steps = env.getSteps(name).decisionSteps;
      const groups = new Map<number, number>();
      let largest = 1;
      for (let i = 0; i < steps.count; i++) {
        const g = steps.groupIds[i]!;
        if (g === 0) continue;
        const n = (groups.get(g) ?? 0) + 1;
        groups.set(g, n);
        largest = Math.max(largest, n);
      }
      const known = out.get(name);
      out.set(name, { spec: known?.spec ?? spec, agents: (known?.agents ?? 0) + steps.count * scale, largestGroup: Math.max(known?.largestGroup ?? 1, largest) });
    }
  }
  return out;
}

/** One learner's estimate, with the plan it was made from and the behaviors it serves. */
export interface LearnerEstimate {
  readonly plan: LearnerPlan;
  readonly behaviors: readonly string[];
  readonly estimate: MemoryEstimate;
}

/** The estimate of every learner the census's behaviors resolve to (behaviors that are not trained are left out). */
export function estimateLearners(config: RunConfig, census: ReadonlyMap<string, BehaviorCensus>, resolve: PlanResolver): LearnerEstimate[] {
  const byLearner = new Map<string, { plan: LearnerPlan; behaviors: string[]; spec: BehaviorSpec; agents: number; largestGroup: number }>();
  for (const [behavior, c] of census) {
    const plan = resolve(behavior);
    if (!plan) continue;
    const known = byLearner.get(plan.learnerId);
    if (known) {
      known.behaviors.push(behavior);
      known.agents += c.agents;
      known.largestGroup = Math.max(known.largestGroup, c.largestGroup);
    } else {
      byLearner.set(plan.learnerId, { plan, behaviors: [behavior], spec: c.spec, agents: c.agents, largestGroup: c.largestGroup });
    }
  }
  const out: LearnerEstimate[] = [];
  for (const { plan, behaviors, spec, agents, largestGroup } of byLearner.values()) {
    const plugin = algorithmOf(plan.trainerType);
    if (!plugin?.estimateBytes) continue;
    const settings: LearnerSettings = {
      id: plan.learnerId,
      hyperparameters: plan.hyperparameters,
      network: plan.network,
      maxSteps: plan.maxSteps,
      rewardStrength: plan.rewardStrength,
      ...(plan.gail ? { gail: plan.gail } : {}),
      ...(plan.curiosity ? { curiosity: plan.curiosity } : {}),
      ...(plan.rnd ? { rnd: plan.rnd } : {}),
      ...(plan.threaded ? { threaded: true } : {}),
    };
    let estimate = plugin.estimateBytes(spec, settings, { agents, largestGroup });
    if (plan.selfPlay) {
      // The ghost learner: the learning learner, an opponent of the same kind, and `window` snapshots of the policy.
      const snapshots: MemoryPart = { what: `self-play snapshots (window ${plan.selfPlay.window})`, bytes: plan.selfPlay.window * estimate.parameters * 4, keys: ['self_play.window'] };
      estimate = { parameters: estimate.parameters, bytes: 2 * estimate.bytes + snapshots.bytes, parts: [...estimate.parts.map((p) => ({ ...p, what: `${p.what} ×2 (learner and opponent)`, bytes: 2 * p.bytes })), snapshots] };
    }
    out.push({ plan, behaviors, estimate });
  }
  return out;
}

/** The run's memory budget in bytes, and where it comes from. */
export function memoryBudgetOf(config: RunConfig): { readonly bytes: number; readonly source: string } {
  if (config.shiva.memoryBudget !== null) return { bytes: config.shiva.memoryBudget, source: 'shiva.memory_budget' };
  const machine = totalmem();
  return { bytes: Math.floor(machine / 2), source: `half of this machine's ${formatBytes(machine)}; shiva.memory_budget sets it` };
}

/**
 * Estimates every learner of `census` and throws SHIVA_ERR_CONFIG when their sum is over the budget: the message
 * names each learner's largest parts with the keys that size them, at the line of the largest part's first key.
 * Returns the estimates otherwise.
 */
export function assertMemoryBudget(config: RunConfig, census: ReadonlyMap<string, BehaviorCensus>, resolve: PlanResolver): LearnerEstimate[] {
  const estimates = estimateLearners(config, census, resolve);
  const total = estimates.reduce((n, e) => n + e.estimate.bytes, 0);
  const budget = memoryBudgetOf(config);
  if (total <= budget.bytes) return estimates;
  const sorted = [...estimates].sort((a, b) => b.estimate.bytes - a.estimate.bytes);
  const largest = sorted[0]!;
  const biggestPart = [...largest.estimate.parts].sort((a, b) => b.bytes - a.bytes)[0]!;
  const prefix = sectionOf(config, largest.behaviors[0]!);
  const describe = (e: LearnerEstimate) => {
    const parts = [...e.estimate.parts].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
    const keys = (p: MemoryPart) => (p.keys.length > 0 ? ` (${p.keys.map((k) => `${k} ${valueOf(e.plan, k)}`).join(', ')})` : '');
    return `learner "${e.plan.learnerId}" (${e.plan.trainerType}, ${e.estimate.parameters.toExponential(2)} weights) about ${formatBytes(e.estimate.bytes)}: ${parts.map((p) => `${p.what} ${formatBytes(p.bytes)}${keys(p)}`).join('; ')}`;
  };
  const path = `${prefix}.${biggestPart.keys[0] ?? 'hyperparameters'}`;
  throw configErrorAt(
    config,
    path,
    `expected learners that fit the memory budget of ${formatBytes(budget.bytes)} (${budget.source}), got an estimated ${formatBytes(total)} before anything was allocated: ${sorted.map(describe).join(' | ')}; make the largest parts smaller (${biggestPart.keys.map((k) => `${prefix}.${k}`).join(', ') || `${prefix}.hyperparameters`}) or raise shiva.memory_budget`,
  );
}

/** Where a behavior's settings are written: its own entry, or default_settings. */
function sectionOf(config: RunConfig, behavior: string): string {
  const b = behaviorConfigFor(config, behavior);
  return config.behaviors.has(b.name) ? `behaviors.${b.name}` : config.defaultSettings ? 'default_settings' : `behaviors.${b.name}`;
}

/** The value a plan has for a key as the configuration names it. */
function valueOf(plan: LearnerPlan, key: string): string {
  const [section, ...rest] = key.split('.');
  const name = rest.join('.');
  if (section === 'hyperparameters') return String(plan.hyperparameters[name] ?? '');
  if (key === 'network_settings.hidden_units') return String(plan.network.hiddenUnits ?? '');
  if (key === 'network_settings.num_layers') return String(plan.network.numLayers ?? '');
  if (key.startsWith('reward_signals.gail.network_settings.')) return String(key.endsWith('hidden_units') ? plan.gail?.network.hiddenUnits : plan.gail?.network.numLayers);
  for (const signal of ['curiosity', 'rnd'] as const) {
    if (key.startsWith(`reward_signals.${signal}.network_settings.`)) return String(key.endsWith('hidden_units') ? plan[signal]?.network.hiddenUnits : plan[signal]?.network.numLayers);
  }
  if (key === 'self_play.window') return String(plan.selfPlay?.window ?? '');
  return '';
}
