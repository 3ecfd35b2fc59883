/**
 * What the numbers of a trace file mean: RUN/traces/BEHAVIOR.labels.json beside BEHAVIOR.jsonl, written when the
 * behavior's reasoning layer starts. It names the observation values a trace line holds (the scene's own name
 * for each value, where the scene names them; the rule file's names for the indices it reads) and the rule
 * set's conditionals, so that `shiva explain` can label a decision and check a `--rule` name.
 */
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import { observationSize } from '../core/env/behavior-spec.js';

export const TRACE_LABELS_VERSION = 1;

export interface TraceLabels {
  readonly v: typeof TRACE_LABELS_VERSION;
  readonly behavior: string;
  /** The behavior's observations (sensor names and sizes, in spec order): a trace line's values come first from them. */
  readonly observations: readonly { readonly name: string; readonly size: number }[];
  /** A name per observation value (the observations concatenated), as the scene names them; null when it does not. */
  readonly scene: readonly string[] | null;
  /** The rule file's names of the observation indices it reads (its `observation:` section): name → index. */
  readonly rules: Readonly<Record<string, number>>;
  /** The rule set's conditionals, in file order. */
  readonly conditionals: readonly string[];
}

/** RUN/traces/NAME.labels.json for NAME.jsonl and its rotated NAME.1.jsonl, NAME.2.jsonl. */
export function traceLabelsPath(traceFile: string): string {
  const name = basename(traceFile).replace(/(\.\d+)?\.jsonl$/, '');
  return join(dirname(traceFile), `${name}.labels.json`);
}

export function traceLabelsOf(spec: BehaviorSpec, scene: readonly string[] | null, rules: ReadonlyMap<string, number>, conditionals: readonly string[]): TraceLabels {
  return {
    v: TRACE_LABELS_VERSION,
    behavior: spec.name,
    observations: spec.observationSpecs.map((o) => ({ name: o.name, size: observationSize(o) })),
    scene,
    rules: Object.fromEntries(rules),
    conditionals,
  };
}

/** Writes the labels beside `traceFile` (whole or not at all: a temporary file renamed). */
export function writeTraceLabels(traceFile: string, labels: TraceLabels): void {
  const path = traceLabelsPath(traceFile);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(labels) + '\n');
  renameSync(tmp, path);
}

/** The labels of `traceFile`, or null when there are none (an older run, a trace written elsewhere) or they do not read. */
export function readTraceLabels(traceFile: string): TraceLabels | null {
  const path = traceLabelsPath(traceFile);
  if (!existsSync(path)) return null;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<TraceLabels> | null;
    if (value === null || value.v !== TRACE_LABELS_VERSION || typeof value.behavior !== 'string') return null;
    return {
      v: TRACE_LABELS_VERSION,
      behavior: value.behavior,
      observations: Array.isArray(value.observations) ? value.observations : [],
      scene: Array.isArray(value.scene) && value.scene.every((x) => typeof x === 'string') ? value.scene : null,
      rules: value.rules !== null && typeof value.rules === 'object' && !Array.isArray(value.rules) ? value.rules : {},
      conditionals: Array.isArray(value.conditionals) ? value.conditionals.filter((x): x is string => typeof x === 'string') : [],
    };
  } catch {
    return null;
  }
}
