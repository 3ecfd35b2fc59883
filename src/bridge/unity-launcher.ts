/**
 * Launches a Unity executable (or anything that takes Unity's player flags, like the stand-in) as a child
 * process on its port, as mlagents_envs does: `--mlagents-port N`, `-batchmode -nographics` when asked, and
 * `-logFile DIR/Player-W.log`. A child that exits while it should be running is restarted, with a growing
 * pause, up to `maxRestarts` times (and, with `restartsRateLimit`, at most n times in any period, as ML-Agents limits).
 * An executable that cannot be started at all (ENOENT, EACCES) is given up on at once; a give-up is reported to
 * `onFailure` listeners (the environment waiting for the child to connect fails with it instead of timing out).
 * After the closing 400, `stop` gives the child timeout_wait to exit before SIGTERM, then SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ShivaError } from '../core/errors.js';

export interface LaunchOptions {
  /** The executable, and arguments placed before Unity's flags. */
  readonly command: string;
  readonly args?: readonly string[];
  readonly port: number;
  readonly workerId: number;
  readonly noGraphics?: boolean;
  /** Player logs go to DIR/Player-<workerId>.log. */
  readonly logDir: string;
  readonly maxRestarts?: number;
  /**
   * ML-Agents' restart rate limit: at most `n` restarts within any `periodS` seconds (-1: no rate limit), beside
   * maxRestarts over the lifetime. Absent: no rate limit.
   */
  readonly restartsRateLimit?: { readonly n: number; readonly periodS: number };
  readonly logger: Logger;
}

export class UnityProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restartsValue = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  /** When each restart happened (ms), for the rate limit. */
  private readonly restartTimes: number[] = [];
  /** Called after every (re)start, with the number of restarts so far. */
  onStart: ((restarts: number) => void) | null = null;
  /** Called when the child exits for good (given up or stopped). */
  onGiveUp: ((error: ShivaError) => void) | null = null;
  /** Why the child was given up on (it cannot be launched, or it exited past the restart limits); null until then. */
  private failureValue: ShivaError | null = null;
  private readonly failureListeners = new Set<(error: ShivaError) => void>();
  /** Whether the current child has connected (finished its handshake) since it was (re)started. */
  private connectedValue = false;
  /** Counts (re)starts: which child a connection belongs to. */
  private generationValue = 0;

  constructor(readonly options: LaunchOptions) {}

  get restarts(): number {
    return this.restartsValue;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get failure(): ShivaError | null {
    return this.failureValue;
  }

  /** The number of the current child: 1 for the first, one more for each restart. */
  get generation(): number {
    return this.generationValue;
  }

  /** Whether the child is being stopped (expectExit, stop) or was given up on: it will not be restarted. */
  get retired(): boolean {
    return this.stopping || this.failureValue !== null;
  }

  /** Calls `listener` once when the child is given up on (at once if it already was); returns an unsubscribe. */
  onFailure(listener: (error: ShivaError) => void): () => void {
    if (this.failureValue) {
      listener(this.failureValue);
      return () => undefined;
    }
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** The current child finished its handshake: an exit from now on is "after connecting". */
  markConnected(): void {
    this.connectedValue = true;
  }

  get argv(): string[] {
    const o = this.options;
    return [...(o.args ?? []), '--mlagents-port', String(o.port), ...(o.noGraphics ? ['-batchmode', '-nographics'] : []), '-logFile', join(o.logDir, `Player-${o.workerId}.log`)];
  }

  start(): void {
    mkdirSync(this.options.logDir, { recursive: true });
    const child = spawn(this.options.command, this.argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    this.generationValue++;
    this.connectedValue = false;
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString()).slice(-2000)));
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (!error.syscall?.startsWith('spawn')) {
        this.options.logger.error({ worker: this.options.workerId, error: error.message }, 'error from the simulation process');
        return;
      }
      // The executable cannot be started (ENOENT: no such file, EACCES: not executable): no restart would help.
      if (this.child === child) this.child = null;
      if (this.stopping) return;
      this.giveUp(new ShivaError('SHIVA_ERR_LAUNCH', `worker ${this.options.workerId}: cannot launch ${this.describeCommand()}: ${spawnFailure(error)}`));
    });
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.stopping) return;
      const max = this.options.maxRestarts ?? 5;
      const output = stderrTail.trim() ? `; last output: ${lastLines(stderrTail)}` : this.playerLogTail();
      const why = `worker ${this.options.workerId} (${this.options.command}, port ${this.options.port}) exited with ${signal ?? `code ${code}`} ${this.connectedValue ? 'after connecting' : 'before connecting'}${output}`;
      if (this.restartsValue >= max) {
        this.giveUp(new ShivaError('SHIVA_ERR_LAUNCH', `${why}; gave up after ${max} restart(s) (max_lifetime_restarts ${max})`));
        return;
      }
      const limit = this.options.restartsRateLimit;
      if (limit && limit.n >= 0) {
        const now = Date.now();
        while (this.restartTimes.length > 0 && this.restartTimes[0]! <= now - limit.periodS * 1000) this.restartTimes.shift();
        if (this.restartTimes.length >= limit.n) {
          const rate = `${this.restartTimes.length} restart(s) within the last ${limit.periodS} s (restarts_rate_limit_n ${limit.n}, restarts_rate_limit_period_s ${limit.periodS})`;
          this.giveUp(new ShivaError('SHIVA_ERR_LAUNCH', `${why}; gave up after ${rate}`));
          return;
        }
        this.restartTimes.push(now);
      }
      this.restartsValue++;
      const pauseMs = Math.min(10_000, 250 * 2 ** (this.restartsValue - 1));
      this.options.logger.warn({ worker: this.options.workerId, restart: this.restartsValue, pauseMs }, `${why}; restarting`);
      this.restartTimer = setTimeout(() => this.start(), pauseMs);
    });
    this.onStart?.(this.restartsValue);
  }

  /**
   * The connection of child `generation` failed: a child that crashed exits on its own, but one that went quiet,
   * or hung up and stays, would never connect again. Unless that child has exited within `settleMs`, end it
   * (SIGTERM, SIGKILL after `graceMs`) so that it is restarted like a crashed one, within the same limits.
   * Nothing happens once the process is retired or has moved on to another child.
   */
  recycle(generation: number, why: string, options: { settleMs?: number; graceMs?: number } = {}): void {
    const child = this.child;
    const gone = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
    if (this.retired || generation !== this.generationValue || !child || gone(child)) return;
    const settle = setTimeout(() => {
      if (this.retired || this.child !== child || gone(child)) return;
      this.options.logger.warn({ worker: this.options.workerId, pid: child.pid }, `worker ${this.options.workerId}: ${why}, and the player is still running; ending it (SIGTERM) so that it is restarted`);
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), options.graceMs ?? 3000);
      child.once('exit', () => clearTimeout(kill));
    }, options.settleMs ?? 1000);
    child.once('exit', () => clearTimeout(settle));
  }

  /** The trainer is closing the connection (status 400): the child will quit on its own and must not be restarted. */
  expectExit(): void {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
  }

  /**
   * Ends the child as mlagents_envs does after its closing 400: it gets `exitWaitMs` (timeout_wait) to exit on its
   * own, then SIGTERM, then SIGKILL after `graceMs`. A child that never connected heard no 400: SIGTERM at once.
   */
  async stop(options: { exitWaitMs?: number; graceMs?: number } = {}): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const graceMs = options.graceMs ?? 3000;
    const exitWaitMs = this.connectedValue ? (options.exitWaitMs ?? 0) : 0;
    const w = this.options.workerId;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const timers: NodeJS.Timeout[] = [];
    const term = () => {
      if (exitWaitMs > 0) this.options.logger.warn({ worker: w, pid: child.pid }, `worker ${w} did not exit within ${exitWaitMs / 1000} s (timeout_wait) of the close; sending SIGTERM`);
      child.kill('SIGTERM');
      timers.push(
        setTimeout(() => {
          this.options.logger.warn({ worker: w, pid: child.pid }, `worker ${w} still running ${graceMs / 1000} s after SIGTERM; sending SIGKILL`);
          child.kill('SIGKILL');
        }, graceMs),
      );
    };
    if (exitWaitMs > 0) timers.push(setTimeout(term, exitWaitMs));
    else term();
    await exited;
    for (const t of timers) clearTimeout(t);
  }

  private giveUp(error: ShivaError): void {
    if (this.failureValue) return;
    this.failureValue = error;
    this.options.logger.error({ worker: this.options.workerId, code: error.code }, error.message);
    this.onGiveUp?.(error);
    for (const listener of [...this.failureListeners]) listener(error);
    this.failureListeners.clear();
  }

  /** The command as given, with its absolute path when it is a relative path. */
  private describeCommand(): string {
    const c = this.options.command;
    return c.includes('/') && !c.startsWith('/') ? `${c} (${resolve(c)})` : c;
  }

  /** The last lines of the player's -logFile, when the child wrote one and nothing on stderr. */
  private playerLogTail(): string {
    const file = join(this.options.logDir, `Player-${this.options.workerId}.log`);
    try {
      const size = statSync(file).size;
      if (size === 0) return '';
      const length = Math.min(size, 4096);
      const buffer = Buffer.alloc(length);
      const fd = openSync(file, 'r');
      try {
        readSync(fd, buffer, 0, length, size - length);
      } finally {
        closeSync(fd);
      }
      const text = buffer.toString('utf8').trim();
      return text ? `; last lines of ${file}: ${lastLines(text)}` : '';
    } catch {
      return '';
    }
  }
}

/** The last three lines of `text`, at most 600 characters of them, on one line. */
function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(-600);
}

/** Why spawn failed, in words: the errno code first (ENOENT, EACCES), then what it usually means here. */
function spawnFailure(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'unknown error';
  if (code === 'ENOENT') return 'ENOENT, no such file (check env_path / --env, and that the build was copied whole)';
  if (code === 'EACCES') return 'EACCES, permission denied (is it an executable file? chmod +x it; a folder or a plain file cannot be launched)';
  return `${code}, ${error.message}`;
}
