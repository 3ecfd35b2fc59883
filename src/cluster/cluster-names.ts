/**
 * Names on the NATS server for one run: everything carries the run id, so that two runs on one server never mix
 * (their streams, subjects and buckets differ), and a resumed run finds its own.
 *
 *   stream  SHIVA_<run>          subjects shiva.<run>.traj.<behavior> (trajectories), shiva.<run>.episodes
 *                                (finished episodes and environment stats), shiva.<run>.actor (hello, goodbye)
 *   core    shiva.<run>.hb       actors' heartbeats (not stored: only the latest matters)
 *   objects shiva_<run>          one object per learner (its versioned policy state) and `status` (the run's phase)
 *
 * One stream per run rather than per behavior: one actor's messages keep their order across behaviors (an episode's
 * end and its next decisions, a goodbye after its last step), which the learner's replay relies on.
 */
import { createHash } from 'node:crypto';

/** A name NATS takes in a subject token, a stream and a bucket name: [A-Za-z0-9_-]; others are mapped and hashed. */
export function natsToken(name: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${hash}`;
}

export interface RunNames {
  readonly run: string;
  readonly stream: string;
  readonly subjects: readonly string[];
  readonly trajectories: (behavior: string) => string;
  readonly episodes: string;
  readonly actors: string;
  readonly heartbeat: string;
  readonly bucket: string;
  /** The learner's durable consumer. */
  readonly durable: string;
}

export function runNames(runId: string): RunNames {
  const run = natsToken(runId);
  const prefix = `shiva.${run}`;
  return {
    run,
    stream: `SHIVA_${run}`,
    subjects: [`${prefix}.traj.>`, `${prefix}.episodes`, `${prefix}.actor`],
    trajectories: (behavior) => `${prefix}.traj.${natsToken(behavior)}`,
    episodes: `${prefix}.episodes`,
    actors: `${prefix}.actor`,
    heartbeat: `${prefix}.hb`,
    bucket: `shiva_${run}`,
    durable: 'learner',
  };
}
