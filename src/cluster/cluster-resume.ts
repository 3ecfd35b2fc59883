/**
 * The `cluster` part of a distributed learner's checkpoint (cluster-learner.ts's ClusterSnapshot), read back for
 * `shiva train --cluster --resume`: each field checked, so a damaged or foreign checkpoint is a SHIVA_ERR_CHECKPOINT
 * naming the field rather than a learner resumed at the wrong place in the stream.
 */
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import { ClusterCounts } from './cluster-counts.js';
import type { ClusterResume } from './cluster-learner.js';

/** The checkpoint state's `cluster` part, or null when it has none (a single-process run's checkpoint). */
export function clusterResumeOf(state: unknown, where: string): ClusterResume | null {
  const raw = (state as { cluster?: unknown } | null)?.cluster;
  if (raw === undefined) return null;
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${where}: cluster.${field}: expected ${expected}, got ${JSON.stringify(got)?.slice(0, 120)}`);
  };
  const o = (typeof raw === 'object' && raw !== null ? raw : fail('', 'an object', raw)) as Record<string, unknown>;
  const seq = o['streamSeq'];
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) fail('streamSeq', 'a stream sequence (an integer ≥ 0)', seq);
  const specs = o['specs'];
  if (!Array.isArray(specs)) fail('specs', 'an array of behavior specs', specs);
  (specs as unknown[]).forEach((spec, i) => {
    const s = spec as Partial<BehaviorSpec> | null;
    if (typeof s?.name !== 'string' || !Array.isArray(s.observationSpecs) || typeof s.actionSpec?.continuousSize !== 'number') fail(`specs[${i}]`, 'a behavior spec (name, observationSpecs, actionSpec)', spec);
  });
  const numbers = (field: string): Record<string, number> => {
    const v = o[field];
    if (typeof v !== 'object' || v === null || Object.values(v).some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 0)) fail(field, 'an object of counts by learner', v);
    return v as Record<string, number>;
  };
  const returns = o['recentReturns'];
  if (typeof returns !== 'object' || returns === null || Object.values(returns).some((r) => !Array.isArray(r) || r.some((x) => typeof x !== 'number'))) fail('recentReturns', 'an object of returns by learner', returns);
  const wall = o['wallSeconds'];
  if (typeof wall !== 'number' || !(wall >= 0)) fail('wallSeconds', 'seconds ≥ 0', wall);
  return {
    streamSeq: seq as number,
    specs: specs as BehaviorSpec[],
    versions: numbers('versions'),
    counts: ClusterCounts.fromJSON(o['counts'], `${where}: cluster`),
    episodes: numbers('episodes'),
    recentReturns: returns as Record<string, number[]>,
    wallSeconds: wall as number,
  };
}
