/**
 * The sessions of one listener: opened per connection, claimed one at a time by whoever drives a simulation
 * (`nextSession`), and closed together on shutdown (held calls answered with status 400). The hub holds a session
 * only while it is open: one that ended (refused, failed, closed) is released at once, so a stream of rejected
 * connections leaves nothing behind.
 *
 * A claim takes the first session to finish its handshake. A session that finished it and is not claimed within
 * the session timeout (`timeoutMs`, the run's timeout_wait) is closed with SHIVA_ERR_TIMEOUT.
 *
 * With a launched player on this port (`expectPlayer`, called by the pool each time it (re)starts one), only that
 * player is claimed. Where the kernel says which process dialled (Linux: peer-process.ts), a connection dialled by
 * any process but the player or its descendants is a stranger, whenever it came. Where it cannot say, timing
 * decides: a connection made before the player was (re)started is a stranger. Either way a connection made while
 * the player is connected is refused, and once one is claimed the others are (SHIVA_ERR_STRANGER, status 400).
 */
import { Observable, Subject } from 'rxjs';
import type { Logger } from 'pino';
import { ShivaError, isShivaError } from '../core/errors.js';
import { silentLogger } from '../telemetry/logger.js';
import { BridgeSession } from './session.js';
import { dialledBy, type PeerSocket } from './peer-process.js';
import { DEFAULT_TIMEOUT_MS, type BridgeOptions } from './bridge-options.js';

interface Held {
  /** When its connection was made (performance.now()). */
  readonly connectedAt: number;
  claimed: boolean;
  /** The connection's ports, to ask the kernel who dialled it; null where the transport does not say. */
  readonly peer: PeerSocket | null;
  /** Whether the player of pid `pid` dialled it (null: unknown), looked up once per player process. */
  dialled: { readonly pid: number; readonly byPlayer: boolean | null } | null;
  /** Closes it when nobody claims it in time after its handshake. */
  timer: NodeJS.Timeout | null;
}

interface Waiter {
  readonly what: string;
  take(session: BridgeSession): void;
  fail(error: Error): void;
}

/** The launched player this port belongs to: `since` its last (re)start, or null while it is claimed. */
interface Player {
  readonly who: string;
  /** Its process, when known: connections are then matched to it, not timed. */
  readonly pid: number | null;
  since: number | null;
}

export class SessionHub {
  readonly logger: Logger;
  private readonly opened = new Subject<BridgeSession>();
  /**
   * Sessions as they open; a late subscriber first gets those still open, in connection order (a closed one is
   * never replayed: the hub keeps none).
   */
  readonly sessions$: Observable<BridgeSession> = new Observable<BridgeSession>((subscriber) => {
    for (const session of [...this.held.keys()]) subscriber.next(session);
    return this.opened.subscribe(subscriber);
  });
  /** By transport key (gRPC: the peer address; WebSocket: one per socket). */
  private readonly live = new Map<string, BridgeSession>();
  /** Every open session, in connection order. */
  private readonly held = new Map<BridgeSession, Held>();
  /** Open, unclaimed sessions that finished their handshake, in the order they finished it. */
  private readonly ready = new Set<BridgeSession>();
  private readonly waiters = new Set<Waiter>();
  private player: Player | null = null;
  private closed = false;
  private readonly unclaimedTimeoutMs: number | null;
  /**
   * The last handshake refused for an incompatible version (SHIVA_ERR_VERSION), until a session is claimed: it ends
   * the waits for a session at once, as mlagents_envs raises on a version mismatch, rather than a "waited … to
   * connect" timeout later (or never, for the Editor).
   */
  private versionRefusal: ShivaError | null = null;
  /** Whether any session was ever claimed here. */
  private taken = false;

  constructor(private readonly options: BridgeOptions) {
    this.logger = options.logger ?? silentLogger();
    const timeout = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : options.timeoutMs;
    this.unclaimedTimeoutMs = timeout && timeout > 0 ? timeout : null;
  }

  /** How many sessions the hub holds (open ones, claimed or not): for tests and monitoring. */
  get size(): number {
    return this.held.size;
  }

  get(key: string): BridgeSession | undefined {
    return this.live.get(key);
  }

  /**
   * A session for a new connection (`connectedAt`: when the transport accepted it; default now; `peer`: its ports,
   * so that a launched player's connections can be told from strangers' by the process that dialled).
   */
  open(key: string, name: string, connectedAt: number = performance.now(), peer: PeerSocket | null = null): BridgeSession {
    const session = new BridgeSession(name, {
      seed: this.options.seed ?? 0,
      numAreas: this.options.numAreas ?? 1,
      timeoutMs: this.options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : this.options.timeoutMs,
      ...(this.options.maxMessageBytes ? { maxMessageBytes: this.options.maxMessageBytes } : {}),
      logger: this.logger,
      ...(this.options.analytics ? { analytics: this.options.analytics } : {}),
      ...(this.options.behaviorAnalytics ? { behaviorAnalytics: this.options.behaviorAnalytics } : {}),
    });
    const held: Held = { connectedAt, claimed: false, peer, dialled: null, timer: null };
    this.live.set(key, session);
    this.held.set(session, held);
    void session.ended.then(() => this.release(key, session));
    this.opened.next(session);
    const refusal = this.closed ? new ShivaError('SHIVA_ERR_CLOSED', `${name}: the listener is shutting down`) : this.strangerError(session, held);
    if (refusal) session.refuse(refusal);
    else void session.ready.then(() => this.onReady(session), (error: unknown) => this.onRefused(error, held));
    return session;
  }

  /**
   * The player launched for this port was (re)started now: from here on only a connection made after this moment
   * may be claimed, and only one; any session still unclaimed is a stranger and is refused. `who` names the
   * player in the refusals ("worker 0 (./Build/Scene.x86_64)"); `pid`, its process, lets the hub match connections
   * to it where the kernel says who dialled.
   */
  expectPlayer(who: string, since: number = performance.now(), pid: number | null = null): void {
    this.player = { who, pid, since };
    for (const [session, held] of this.held) {
      if (held.claimed) continue;
      const error = this.strangerError(session, held);
      if (error) session.refuse(error);
    }
  }

  /**
   * Claims the next session that finishes its handshake (one that already has and waits is taken at once), or
   * fails after `timeoutMs` (null: waits forever). `signal` ends the wait at once (Ctrl-C while waiting for the
   * Editor, a launched child given up on), rejecting with its reason when that is an Error; closing the hub ends it
   * with SHIVA_ERR_CLOSED.
   */
  nextSession(timeoutMs: number | null = null, what = 'a simulation', signal?: AbortSignal): Promise<BridgeSession> {
    return new Promise<BridgeSession>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal, what));
      if (this.closed) return reject(new ShivaError('SHIVA_ERR_CLOSED', `stopped waiting for ${what} to connect: the listener is closed`));
      const waiting = this.ready.values().next();
      if (waiting.done && this.versionRefusal) return reject(this.versionRefusal);
      if (!waiting.done) {
        this.claim(waiting.value);
        return resolve(waiting.value);
      }
      let timer: NodeJS.Timeout | null = null;
      const done = () => {
        this.waiters.delete(waiter);
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        what,
        take: (session) => {
          done();
          this.claim(session);
          resolve(session);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const onAbort = () => waiter.fail(abortReason(signal!, what));
      this.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs) timer = setTimeout(() => waiter.fail(new ShivaError('SHIVA_ERR_TIMEOUT', `waited ${timeoutMs / 1000} s for ${what} to connect`)), timeoutMs);
    });
  }

  /** Ends every session (status 400 to held calls, and to calls that arrive later) and every wait for one. */
  async closeAll(): Promise<void> {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.fail(new ShivaError('SHIVA_ERR_CLOSED', `stopped waiting for ${waiter.what} to connect: the listener is closing`));
    await Promise.all([...this.held.keys()].map((s) => s.close()));
    this.opened.complete();
  }

  private onReady(session: BridgeSession): void {
    const held = this.held.get(session);
    if (!held || held.claimed || session.state === 'closed') return;
    const waiter = this.waiters.values().next();
    if (!waiter.done) return waiter.value.take(session);
    this.ready.add(session);
    const ms = this.unclaimedTimeoutMs;
    if (ms !== null) {
      held.timer = setTimeout(() => {
        held.timer = null;
        session.refuse(new ShivaError('SHIVA_ERR_TIMEOUT', `${session.name}: the simulation finished its handshake but nobody took it within ${ms / 1000} s (the session timeout, timeout_wait / --timeout); closed`));
      }, ms);
    }
  }

  /**
   * A handshake failed: a version mismatch ends every wait for a session with its error (see versionRefusal). On a
   * launched player's port only a connection that may be the player counts (made since its (re)start).
   */
  private onRefused(error: unknown, held: Held): void {
    if (!isShivaError(error, 'SHIVA_ERR_VERSION')) return;
    if (this.player && (this.player.since === null || held.connectedAt < this.player.since)) return;
    // It stays for a wait that starts later only while it may be the simulation awaited (a launched player's
    // (re)start, or before any was taken): once one is, a newcomer's mismatch is that connection's failure alone.
    if (this.player || !this.taken) this.versionRefusal = error;
    for (const waiter of [...this.waiters]) waiter.fail(error);
  }

  private claim(session: BridgeSession): void {
    this.versionRefusal = null;
    this.taken = true;
    const held = this.held.get(session)!;
    held.claimed = true;
    if (held.timer) clearTimeout(held.timer);
    held.timer = null;
    this.ready.delete(session);
    if (!this.player) return;
    // The launched player is connected: nobody else is, until it is (re)started.
    this.player.since = null;
    for (const [other, h] of this.held) if (!h.claimed) other.refuse(this.strangerError(other, h, session)!);
  }

  /** Why `session` may not be claimed (a stranger on a launched player's port), or null. */
  private strangerError(session: BridgeSession, held: Held, claimedInstead?: BridgeSession): ShivaError | null {
    const player = this.player;
    if (!player) return null;
    const byPlayer = this.dialledByPlayer(held, player);
    const why = claimedInstead
      ? `another connection (${claimedInstead.name}) was taken as the player`
      : player.since === null
        ? 'the player is connected'
        : byPlayer === false
          ? `this connection was dialled by another process than the player (pid ${player.pid})`
          : byPlayer === null && held.connectedAt < player.since
            ? 'this connection was made before the player was (re)started'
            : null;
    if (!why) return null;
    return new ShivaError('SHIVA_ERR_STRANGER', `${session.name}: refused: this port belongs to the player Shiva launched (${player.who}), and ${why}; only that player is served here`);
  }

  /** Whether the player's process dialled this connection, asked of the kernel once per player process. */
  private dialledByPlayer(held: Held, player: Player): boolean | null {
    if (player.pid === null || held.peer === null) return null;
    if (held.dialled?.pid !== player.pid) held.dialled = { pid: player.pid, byPlayer: dialledBy(held.peer, player.pid) };
    return held.dialled.byPlayer;
  }

  private release(key: string, session: BridgeSession): void {
    if (this.live.get(key) === session) this.live.delete(key);
    const held = this.held.get(session);
    if (held?.timer) clearTimeout(held.timer);
    this.held.delete(session);
    this.ready.delete(session);
  }
}

/** The reason of an aborted wait: the signal's reason when it is an Error, else a SHIVA_ERR_CLOSED naming the wait. */
function abortReason(signal: AbortSignal, what: string): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new ShivaError('SHIVA_ERR_CLOSED', `stopped waiting for ${what} to connect (${String(reason ?? 'aborted')})`);
}
