/**
 * Versioned policies in the run's NATS object store (cluster-names.ts): one object per learner, its state as
 * `learner.save()` gives it (the replay buffer left out: actors act, they do not replay), JSON gzipped, with its
 * version (the learner's update count) in the object's metadata; and a `_status` object saying whether the run is
 * running or finished. The object store chunks large states (a scout network with its optimiser moments is MBs).
 *
 * Actors follow it (PolicyFollower): a watch keeps the newest version of each object known, and the actor fetches
 * and loads a newer one between decisions, keeping its own random streams so that actors never sample alike.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ObjectStore } from '@nats-io/obj';
import type { Learner, LearnerState } from '../../agents/plugin/learner.js';
import { ShivaError } from '../core/errors.js';
import { natsToken } from './cluster-names.js';

export const STATUS_OBJECT = '_status';

/** How long one object-store call may take before it is an error (a stuck call must not hang an actor for ever). */
const CALL_TIMEOUT_MS = 15_000;

/** `call`, or SHIVA_ERR_CLUSTER naming `what` when it takes longer than CALL_TIMEOUT_MS. */
export function withTimeout<T>(call: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ShivaError('SHIVA_ERR_CLUSTER', `${what}: expected an answer from the NATS server within ${CALL_TIMEOUT_MS / 1000} s, got none`)), CALL_TIMEOUT_MS);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

export interface RunStatus {
  readonly state: 'running' | 'finished';
  /** When this learner started the run (ISO), so an actor can tell a new run from an old one of the same id. */
  readonly since: string;
}

/**
 * `actors`: how many actors feed the learner now (they share an on-policy learner's buffer between them);
 * `consumed`: agent steps the learner has taken from each actor so far (trained on or dropped), which paces them.
 */
export async function publishPolicy(store: ObjectStore, learner: Learner, version: number, actors: number, consumed: Readonly<Record<string, number>>): Promise<number> {
  const { replay: _replay, ...state } = learner.save() as LearnerState & { replay?: unknown };
  const bytes = gzipSync(Buffer.from(JSON.stringify({ version, learnerId: learner.id, state })), { level: 1 });
  await store.putBlob({ name: natsToken(learner.id), metadata: { version: String(version), actors: String(actors), consumed: JSON.stringify(consumed) } }, bytes);
  return bytes.length;
}

/** The version of `learnerId`'s policy in the store (null: none published, or the store did not say in time). */
export async function publishedVersion(store: ObjectStore, learnerId: string): Promise<number | null> {
  const info = await withTimeout(store.info(natsToken(learnerId)), `policy "${learnerId}"`).catch(() => null);
  const version = Number(info?.metadata?.['version'] ?? NaN);
  return Number.isInteger(version) ? version : null;
}

export async function publishStatus(store: ObjectStore, status: RunStatus): Promise<void> {
  await store.putBlob({ name: STATUS_OBJECT }, Buffer.from(JSON.stringify(status)));
}

export async function readStatus(store: ObjectStore): Promise<RunStatus | null> {
  const bytes = await withTimeout(store.getBlob(STATUS_OBJECT), `the run's ${STATUS_OBJECT} object`).catch(() => null);
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as RunStatus) : null;
}

/** An actor's view of the published policies: the newest version of each, loaded on demand. */
export class PolicyFollower {
  private readonly latest = new Map<string, number>();
  private readonly loaded = new Map<string, number>();
  private readonly actorCounts = new Map<string, number>();
  private readonly consumed = new Map<string, Record<string, number>>();
  private finishedFlag = false;
  private watching: Promise<void> | null = null;
  private stopWatch: (() => void) | null = null;

  constructor(private readonly store: ObjectStore, private readonly where: string) {}

  async start(): Promise<void> {
    const watch = await withTimeout(this.store.watch({ includeHistory: true }), `${this.where}: watching the policies`);
    this.stopWatch = () => watch.stop();
    this.watching = (async () => {
      for await (const info of watch) {
        if (!info || info.deleted) continue;
        if (info.name === STATUS_OBJECT) {
          const status = await readStatus(this.store);
          if (status?.state === 'finished') this.finishedFlag = true;
          continue;
        }
        const version = Number(info.metadata?.['version'] ?? NaN);
        if (Number.isInteger(version) && version > (this.latest.get(info.name) ?? -1)) this.latest.set(info.name, version);
        const actors = Number(info.metadata?.['actors'] ?? NaN);
        if (Number.isInteger(actors) && actors > 0) this.actorCounts.set(info.name, actors);
        try {
          const consumed = JSON.parse(info.metadata?.['consumed'] ?? '{}') as unknown;
          if (consumed !== null && typeof consumed === 'object') this.consumed.set(info.name, consumed as Record<string, number>);
        } catch {
          // An older learner's metadata without it: the actor is paced by versions alone.
        }
      }
    })();
  }

  /** The learner said the run is over. */
  get finished(): boolean {
    return this.finishedFlag;
  }

  /** How many actors the learner counted at its last published version (1 before any is known). */
  actorsOf(learner: Learner): number {
    return this.actorCounts.get(natsToken(learner.id)) ?? 1;
  }

  /** Agent steps the learner had taken from `actor` at its last published version (0 before any). */
  consumedFrom(learner: Learner, actor: string): number {
    const steps = this.consumed.get(natsToken(learner.id))?.[actor];
    return typeof steps === 'number' && Number.isFinite(steps) ? steps : 0;
  }

  /** The version `learner` acts with now (−1: none loaded yet). */
  versionOf(learner: Learner): number {
    return this.loaded.get(natsToken(learner.id)) ?? -1;
  }

  /**
   * Loads the newest published version of `learner`'s policy if it is newer than the loaded one; before the first
   * version is published, waits for it (until `signal`). Keeps the local learner's random streams.
   */
  async refresh(learner: Learner, signal?: AbortSignal): Promise<number> {
    const name = natsToken(learner.id);
    while ((this.latest.get(name) ?? -1) < 0 && (this.loaded.get(name) ?? -1) < 0) {
      if (signal?.aborted || this.finishedFlag) return -1;
      // The watch may not have seen it yet: ask once directly, then wait a little.
      const info = await withTimeout(this.store.info(name), `${this.where}: policy object "${name}"`).catch(() => null);
      const version = Number(info?.metadata?.['version'] ?? NaN);
      if (Number.isInteger(version)) this.latest.set(name, version);
      else await new Promise((r) => setTimeout(r, 100));
    }
    const newest = this.latest.get(name) ?? -1;
    const current = this.loaded.get(name) ?? -1;
    if (newest <= current) return current;
    let bytes: Uint8Array | null;
    try {
      bytes = await withTimeout(this.store.getBlob(name), `${this.where}: policy object "${name}"`);
    } catch (error) {
      // A read that lost the race with the learner replacing the object (its chunks purged under it) or timed out:
      // an actor with a version acts on with it, and the next decision asks for the newest again.
      if (current >= 0) return current;
      throw error;
    }
    if (!bytes) return current;
    let parsed: { version: number; learnerId: string; state: LearnerState };
    try {
      parsed = JSON.parse(gunzipSync(bytes).toString('utf8')) as typeof parsed;
    } catch (error) {
      throw new ShivaError('SHIVA_ERR_CLUSTER', `${this.where}: policy object "${name}": expected gzipped JSON of a learner's state, got ${bytes.length} bytes that do not parse (${String(error)})`);
    }
    if (parsed.learnerId !== learner.id) throw new ShivaError('SHIVA_ERR_CLUSTER', `${this.where}: policy object "${name}": expected learner "${learner.id}", got "${parsed.learnerId}"`);
    const where = `${this.where}: policy "${learner.id}" version ${parsed.version}`;
    if (learner.loadPublished) learner.loadPublished(parsed.state, where);
    else {
      const own = (learner.save() as Record<string, unknown>)['rngs'];
      learner.load({ ...parsed.state, ...(own !== undefined ? { rngs: own } : {}) }, where);
    }
    this.loaded.set(name, parsed.version);
    if (parsed.version > newest) this.latest.set(name, parsed.version);
    return parsed.version;
  }

  async stop(): Promise<void> {
    this.stopWatch?.();
    await this.watching?.catch(() => undefined);
  }
}
