/**
 * What actors send the learner, on the run's stream (cluster-names.ts), in wire-pack's layout:
 * - `traj`: one decision batch of one behavior on one actor, as the learner's sink would have seen it in one
 *   process: the `endEpisodes` and `addDecisions` calls in order, with the policy version that acted, the actor's
 *   id and its per-actor sequence number;
 * - `episodes`: the episodes that ended on the actor and its environments' stats (the progress display, TensorBoard
 *   and summary.json count the whole cluster);
 * - `hello` (the actor's behaviors and their specs, before its first trajectory) and `bye` (it leaves; its counts).
 * Sources are the actor's own environment indices; the learner remaps them per actor.
 */
import type { ActOutput } from '../../agents/networks/acting.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { AggregatedStat, StatAggregation } from '../core/env/stats.js';
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';
import { ShivaError } from '../core/errors.js';
import type { EpisodeRecord } from '../training/episode-tracker.js';
import { pack, unpack } from './wire-pack.js';

/**
 * One call of the learner's sink, as the actor's rollout loop made it. `add`'s rows are the acting output as the
 * sink sees it in one process, a recurrent policy's memories included (`memoriesBefore`, `memories`: each agent's
 * memory before and after its decision, count × the learner's memory width). `forget`: the actor's environment
 * `source` was reset or restarted under it (the rollout loop's onRestart), so the learner cuts its open
 * trajectories there, as the Trainer's forgetSource does in one process.
 */
export type SinkCall =
  | { readonly k: 'end'; readonly source: number; readonly terminal: TerminalSteps }
  | { readonly k: 'add'; readonly source: number; readonly decisions: DecisionSteps; readonly rows: ActOutput }
  | { readonly k: 'forget'; readonly source: number };

export interface TrajectoryMessage {
  readonly kind: 'traj';
  readonly actor: string;
  /** Per actor, from 1, over every message it sends. */
  readonly seq: number;
  readonly behavior: string;
  readonly learnerId: string;
  /** The policy version (the learner's update count, or a self-play schedule change) that acted. */
  readonly version: number;
  /**
   * false: a self-play opponent acted (a snapshot of the policy, for a team that did not learn under this version):
   * the learner only counts these steps (swap_steps), unless its team learns now, when they are dropped. Absent: the
   * learning policy acted.
   */
  readonly learning?: boolean;
  readonly calls: readonly SinkCall[];
  /** Agent steps (decision rows) in this message. */
  readonly steps: number;
}

export interface EpisodesMessage {
  readonly kind: 'episodes';
  readonly actor: string;
  readonly seq: number;
  readonly episodes: readonly EpisodeRecord[];
  /** Environment stats drained since the last message: [behaviors of the environment, key, stat]. */
  readonly stats: readonly { readonly behaviors: readonly string[]; readonly key: string; readonly aggregation: StatAggregation; readonly value: number; readonly count: number }[];
}

export interface HelloMessage {
  readonly kind: 'hello';
  readonly actor: string;
  readonly seq: number;
  readonly specs: readonly BehaviorSpec[];
}

export interface ByeMessage {
  readonly kind: 'bye';
  readonly actor: string;
  readonly seq: number;
  /** Trajectory messages and agent steps this actor published. */
  readonly messages: number;
  readonly steps: number;
  readonly reason: string;
}

export type ClusterMessage = TrajectoryMessage | EpisodesMessage | HelloMessage | ByeMessage;

export function encodeMessage(message: ClusterMessage): Uint8Array {
  return pack(message);
}

/** A message from the stream, checked enough that the learner can trust its shape; `where` names it in errors. */
export function decodeMessage(bytes: Uint8Array, where: string): ClusterMessage {
  const m = unpack(bytes, where) as Record<string, unknown> | null;
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ShivaError('SHIVA_ERR_CLUSTER', `${where}: ${field}: expected ${expected}, got ${JSON.stringify(got)?.slice(0, 80)}`);
  };
  if (m === null || typeof m !== 'object') return fail('message', 'an object', m);
  if (typeof m['actor'] !== 'string' || m['actor'].length === 0) fail('actor', 'a non-empty string', m['actor']);
  if (!Number.isInteger(m['seq']) || (m['seq'] as number) < 1) fail('seq', 'an integer ≥ 1', m['seq']);
  switch (m['kind']) {
    case 'traj':
      if (typeof m['behavior'] !== 'string') fail('behavior', 'a string', m['behavior']);
      if (typeof m['learnerId'] !== 'string') fail('learnerId', 'a string', m['learnerId']);
      if (!Number.isInteger(m['version']) || (m['version'] as number) < 0) fail('version', 'an integer ≥ 0', m['version']);
      if (m['learning'] !== undefined && typeof m['learning'] !== 'boolean') fail('learning', 'true, false or absent', m['learning']);
      if (!Array.isArray(m['calls'])) fail('calls', 'a list', m['calls']);
      for (const c of m['calls'] as Record<string, unknown>[]) {
        if ((c['k'] !== 'end' && c['k'] !== 'add' && c['k'] !== 'forget') || !Number.isInteger(c['source']) || (c['source'] as number) < 0) fail('calls[]', '{k: end|add|forget, source ≥ 0}', { k: c['k'], source: c['source'] });
      }
      return m as unknown as TrajectoryMessage;
    case 'episodes':
      if (!Array.isArray(m['episodes']) || !Array.isArray(m['stats'])) fail('episodes, stats', 'lists', [typeof m['episodes'], typeof m['stats']]);
      return m as unknown as EpisodesMessage;
    case 'hello':
      if (!Array.isArray(m['specs'])) fail('specs', 'a list of behavior specs', m['specs']);
      return m as unknown as HelloMessage;
    case 'bye':
      return m as unknown as ByeMessage;
    default:
      return fail('kind', 'traj, episodes, hello or bye', m['kind']);
  }
}

/** Stats as an actor sends them (drained from one environment, credited to its behaviors). */
export function statsEntries(behaviors: readonly string[], stats: ReadonlyMap<string, AggregatedStat>): EpisodesMessage['stats'] {
  return [...stats].map(([key, s]) => ({ behaviors, key, aggregation: s.aggregation, value: s.value, count: s.count }));
}
