/**
 * One line of a decision-trace file: where and when the decision was made (behavior, environment, agent, the
 * learner's step), what the rules saw (the observation values the perception map reads), the actions taken,
 * and cognitive's Trace (every contribution to every candidate, the combined scores, impasses, elaboration).
 */
import type { Trace } from '../../cognitive/index.js';
import { ShivaError } from '../core/errors.js';

export const TRACE_RECORD_VERSION = 1;

export interface DecisionTraceRecord {
  readonly v: typeof TRACE_RECORD_VERSION;
  /** ISO time of the decision. */
  readonly time: string;
  /** Fully qualified behavior name ("CartPole?team=0"). */
  readonly behavior: string;
  readonly learner: string | null;
  /** Index of the environment in the run's pool. */
  readonly env: number;
  readonly agent: number;
  /** The learner's agent-step count when the decision was made (the x-axis of its scalars). */
  readonly step: number;
  /** `sample` while training (π·f/Z sampled), `greedy` for deterministic evaluation. */
  readonly mode: 'sample' | 'greedy';
  /** The observation values the perception map reads (the first cycle.observationSize values). */
  readonly observation: readonly number[];
  /** The action per discrete branch. */
  readonly actions: readonly number[];
  readonly trace: Trace;
}

/** Parses and checks one line; `where` names it (`FILE:LINE`). */
export function parseTraceRecord(line: string, where: string): DecisionTraceRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_TRACE', `${where}: expected one JSON decision trace per line, got ${error instanceof Error ? error.message : String(error)}`);
  }
  const r = value as Partial<DecisionTraceRecord> | null;
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ShivaError('SHIVA_ERR_TRACE', `${where}: ${field}: expected ${expected}, got ${got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 80)}`);
  };
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return fail('(line)', 'a JSON object', r);
  if (r.v !== TRACE_RECORD_VERSION) fail('v', `${TRACE_RECORD_VERSION} (a Shiva decision trace)`, r.v);
  if (typeof r.behavior !== 'string') fail('behavior', 'a behavior name', r.behavior);
  for (const key of ['env', 'agent', 'step'] as const) if (!Number.isInteger(r[key])) fail(key, 'an integer', r[key]);
  if (!Array.isArray(r.observation)) fail('observation', 'an array of numbers', r.observation);
  if (!Array.isArray(r.actions)) fail('actions', 'an array of action indices', r.actions);
  const t = r.trace;
  if (t === null || typeof t !== 'object' || !Array.isArray(t.branches) || typeof t.rules !== 'string' || typeof t.elaboration !== 'object' || !Array.isArray(t.fired)) {
    fail('trace', 'a cognitive trace (rules, branches, elaboration, fired)', t);
  }
  return r as DecisionTraceRecord;
}
