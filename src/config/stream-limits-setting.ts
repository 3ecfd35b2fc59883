/**
 * `shiva.cluster.stream_max_bytes`, `stream_max_age_s`, `stream_max_msgs`: how much of a distributed run's
 * trajectories the NATS server keeps (src/cluster/run-stream.ts). Absent: the defaults (8 GiB, a day, no count
 * limit); null: no such limit (the server's own storage limit still applies).
 */
import { CLUSTER_DEFAULTS } from './defaults.js';
import { parseByteSize } from './memory-budget-setting.js';
import type { Section } from './section.js';

/** A year: past it, an age limit is no limit, and JetStream's nanoseconds stay exact. */
const MAX_AGE_S = 365 * 86_400;

export function parseStreamLimits(s: Section): { streamMaxBytes: number | null; streamMaxAgeS: number | null; streamMaxMsgs: number | null } {
  const setting = <T>(key: string, fallback: T | null, parse: () => T): T | null => (!s.has(key) ? fallback : s.isNull(key) ? null : parse());
  return {
    streamMaxBytes: setting('stream_max_bytes', CLUSTER_DEFAULTS.streamMaxBytes, () => parseByteSize(s, 'stream_max_bytes')),
    // At least a minute: a shorter age would remove trajectories before a learner under an update has read them.
    streamMaxAgeS: setting('stream_max_age_s', CLUSTER_DEFAULTS.streamMaxAgeS, () => s.number('stream_max_age_s', 0, { min: 60, max: MAX_AGE_S })),
    streamMaxMsgs: setting('stream_max_msgs', CLUSTER_DEFAULTS.streamMaxMsgs, () => s.int('stream_max_msgs', 0, 1000, Number.MAX_SAFE_INTEGER)),
  };
}
