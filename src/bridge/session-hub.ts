/**
 * The sessions of one listener: created per connection, announced on `sessions$`, and closed together on
 * shutdown (held calls answered with status 400).
 */
import { ReplaySubject } from 'rxjs';
import type { Logger } from 'pino';
import { ShivaError } from '../core/errors.js';
import { silentLogger } from '../telemetry/logger.js';
import { BridgeSession } from './session.js';
import { DEFAULT_TIMEOUT_MS, type BridgeOptions } from './bridge-options.js';

export class SessionHub {
  /** Every session, in connection order (replayed to late subscribers). */
  readonly sessions$ = new ReplaySubject<BridgeSession>();
  readonly logger: Logger;
  private readonly live = new Map<string, BridgeSession>();
  private claimed = new Set<BridgeSession>();

  constructor(private readonly options: BridgeOptions) {
    this.logger = options.logger ?? silentLogger();
  }

  get(key: string): BridgeSession | undefined {
    return this.live.get(key);
  }

  open(key: string, name: string): BridgeSession {
    const session = new BridgeSession(name, {
      seed: this.options.seed ?? 0,
      numAreas: this.options.numAreas ?? 1,
      timeoutMs: this.options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : this.options.timeoutMs,
      logger: this.logger,
      ...(this.options.analytics ? { analytics: this.options.analytics } : {}),
      ...(this.options.behaviorAnalytics ? { behaviorAnalytics: this.options.behaviorAnalytics } : {}),
    });
    this.live.set(key, session);
    void session.ended.then(() => {
      if (this.live.get(key) === session) this.live.delete(key);
    });
    this.sessions$.next(session);
    return session;
  }

  /**
   * The next session nobody has taken yet, once its handshake is done; failed handshakes are skipped. `signal`
   * ends the wait at once (Ctrl-C while waiting for the Editor, a launched child given up on), rejecting with its
   * reason when that is an Error.
   */
  async nextSession(timeoutMs: number | null = null, what = 'a simulation', signal?: AbortSignal): Promise<BridgeSession> {
    const deadline = timeoutMs ? Date.now() + timeoutMs : null;
    for (;;) {
      const left = deadline === null ? null : Math.max(1, deadline - Date.now());
      const session = await this.firstUnclaimed(left, what, signal);
      try {
        await (signal ? raceAbort(session.ready, signal, what) : session.ready);
        return session;
      } catch (error) {
        if (signal?.aborted) {
          void session.close();
          throw error;
        }
        continue; // its handshake failed (already logged by the session); wait for another
      }
    }
  }

  private firstUnclaimed(timeoutMs: number | null, what: string, signal?: AbortSignal): Promise<BridgeSession> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal, what));
      let found = false;
      let timer: NodeJS.Timeout | null = null;
      const onAbort = () => {
        found = true;
        subscription.unsubscribe();
        if (timer) clearTimeout(timer);
        reject(abortReason(signal!, what));
      };
      // A ReplaySubject may deliver a waiting session synchronously, inside subscribe().
      const subscription = this.sessions$.subscribe((session) => {
        if (found || this.claimed.has(session) || session.state === 'closed') return;
        found = true;
        this.claimed.add(session);
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        queueMicrotask(() => subscription.unsubscribe());
        resolve(session);
      });
      if (found) return;
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs) {
        timer = setTimeout(() => {
          subscription.unsubscribe();
          signal?.removeEventListener('abort', onAbort);
          reject(new ShivaError('SHIVA_ERR_TIMEOUT', `waited ${timeoutMs / 1000} s for ${what} to connect`));
        }, timeoutMs);
      }
    });
  }

  /** Ends every session (status 400 to held calls, and to calls that arrive later). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.live.values()].map((s) => s.close()));
    this.sessions$.complete();
  }
}

/** The reason of an aborted wait: the signal's reason when it is an Error, else a SHIVA_ERR_CLOSED naming the wait. */
function abortReason(signal: AbortSignal, what: string): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new ShivaError('SHIVA_ERR_CLOSED', `stopped waiting for ${what} to connect (${String(reason ?? 'aborted')})`);
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal, what));
    const onAbort = () => reject(abortReason(signal, what));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
