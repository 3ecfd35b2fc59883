/**
 * The validated content of a rule file. Everything here has passed validation (names resolve, labels exist,
 * variables bind consistently); compilation trusts it.
 */
import type { DomainType } from '../graph/types.js';
import type { InferenceOptions } from '../graph/inference.js';
import type { PerceptionEntry } from '../memory/perception.js';
import type { Predicate } from '../memory/predicate.js';
import type { Pattern } from './pattern.js';

export type DecideMode = 'best' | 'probability-matching' | 'boltzmann';
export const DECIDE_MODES: readonly DecideMode[] = ['best', 'probability-matching', 'boltzmann'];

/** How an impasse is resolved: the policy's own argmax (among the tied, for a tie), a seeded random pick, or a named action. */
export type FallbackChoice = { readonly kind: 'policy' } | { readonly kind: 'random' } | { readonly kind: 'action'; readonly label: string };

export interface Fallback {
  readonly none: FallbackChoice;
  readonly tie: FallbackChoice;
}

export interface Branch {
  /** the selection predicate: one unique argument whose values are this branch's actions */
  readonly predicate: string;
  readonly fallback: Fallback;
}

/** A function over some of a conditional's variables, flat and row-major over `over` (last fastest). */
export interface FunctionTable {
  readonly over: readonly string[];
  readonly values: readonly number[];
}

export type IdiomKind = 'best' | 'acceptable' | 'reject';

export interface Idiom {
  readonly kind: IdiomKind;
  readonly pattern: Pattern;
  readonly value: number;
}

export interface BetterPreference {
  readonly prefer: Pattern;
  readonly over: Pattern;
  /** the dominated candidate is capped at ratio × the preferred candidate's score */
  readonly ratio: number;
}

export interface Conditional {
  readonly name: string;
  readonly conditions: readonly Pattern[];
  readonly actions: readonly Pattern[];
  readonly condacts: readonly Pattern[];
  readonly idioms: readonly Idiom[];
  readonly better: readonly BetterPreference[];
  readonly fn: FunctionTable | null;
  readonly normal: string | null;
  readonly learn: boolean;
  readonly utility: number;
  /** 1-based line in the rule file, for messages */
  readonly line: number;
}

export interface DecideSettings {
  readonly mode: DecideMode;
  readonly seed: number;
  readonly temperature: number;
  /** Boltzmann temperature is multiplied by this after every decide call, down to minTemperature */
  readonly anneal: number;
  readonly minTemperature: number;
}

export interface LearningSettings {
  /**
   * gradient step for conditional functions (Sigma's default 0.05), or 'average': a step of 1/n for a
   * slice's n-th unit of evidence, which makes the function the running empirical frequency (prior weight 1)
   */
  readonly rate: number | 'average';
  /** floor for entries that did not start at 0 */
  readonly smoothing: number;
  /** ACT-R utility learning rate α in U ← U + α(R − U) */
  readonly utilityRate: number;
}

export interface ElaborationSettings {
  /** rounds of rule firing when conditionals feed each other in a loop */
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly inference: InferenceOptions;
}

export interface RuleSet {
  readonly file: string;
  readonly name: string;
  readonly types: ReadonlyMap<string, DomainType>;
  readonly predicates: readonly Predicate[];
  readonly observation: ReadonlyMap<string, number>;
  readonly perception: readonly PerceptionEntry[];
  readonly branches: readonly Branch[];
  readonly conditionals: readonly Conditional[];
  readonly decide: DecideSettings;
  readonly learning: LearningSettings;
  readonly elaboration: ElaborationSettings;
}
