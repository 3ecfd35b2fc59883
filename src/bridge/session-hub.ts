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
    });
    this.live.set(key, session);
    void session.ended.then(() => {
      if (this.live.get(key) === session) this.live.delete(key);
    });
    this.sessions$.next(session);
    return session;
  }

  /** The next session nobody has taken yet, once its handshake is done; failed handshakes are skipped. */
  async nextSession(timeoutMs: number | null = null, what = 'a simulation'): Promise<BridgeSession> {
    const deadline = timeoutMs ? Date.now() + timeoutMs : null;
    for (;;) {
      const left = deadline === null ? null : Math.max(1, deadline - Date.now());
      const session = await this.firstUnclaimed(left, what);
      try {
        await session.ready;
        return session;
      } catch {
        continue; // its handshake failed (already logged by the session); wait for another
      }
    }
  }

  private firstUnclaimed(timeoutMs: number | null, what: string): Promise<BridgeSession> {
    return new Promise((resolve, reject) => {
      let found = false;
      let timer: NodeJS.Timeout | null = null;
      // A ReplaySubject may deliver a waiting session synchronously, inside subscribe().
      const subscription = this.sessions$.subscribe((session) => {
        if (found || this.claimed.has(session) || session.state === 'closed') return;
        found = true;
        this.claimed.add(session);
        if (timer) clearTimeout(timer);
        queueMicrotask(() => subscription.unsubscribe());
        resolve(session);
      });
      if (timeoutMs && !found) {
        timer = setTimeout(() => {
          subscription.unsubscribe();
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
