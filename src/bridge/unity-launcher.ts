/**
 * Launches a Unity executable (or anything that takes Unity's player flags, like the stand-in) as a child
 * process on its port, as mlagents_envs does: `--mlagents-port N`, `-batchmode -nographics` when asked, and
 * `-logFile DIR/Player-W.log`. A child that exits while it should be running is restarted, with a growing
 * pause, up to `maxRestarts` times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
  readonly logger: Logger;
}

export class UnityProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restartsValue = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  /** Called after every (re)start, with the number of restarts so far. */
  onStart: ((restarts: number) => void) | null = null;
  /** Called when the child exits for good (given up or stopped). */
  onGiveUp: ((error: ShivaError) => void) | null = null;

  constructor(readonly options: LaunchOptions) {}

  get restarts(): number {
    return this.restartsValue;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get argv(): string[] {
    const o = this.options;
    return [...(o.args ?? []), '--mlagents-port', String(o.port), ...(o.noGraphics ? ['-batchmode', '-nographics'] : []), '-logFile', join(o.logDir, `Player-${o.workerId}.log`)];
  }

  start(): void {
    mkdirSync(this.options.logDir, { recursive: true });
    const child = spawn(this.options.command, this.argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString()).slice(-2000)));
    child.once('error', (error) => {
      this.options.logger.error({ worker: this.options.workerId, error: error.message }, 'cannot launch the simulation');
    });
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.stopping) return;
      const max = this.options.maxRestarts ?? 5;
      const why = `worker ${this.options.workerId} (${this.options.command}, port ${this.options.port}) exited with ${signal ?? `code ${code}`}${stderrTail ? `; last output: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}`;
      if (this.restartsValue >= max) {
        this.options.logger.error({ worker: this.options.workerId }, `${why}; giving up after ${max} restarts`);
        this.onGiveUp?.(new ShivaError('SHIVA_ERR_LAUNCH', `${why}; gave up after ${max} restarts`));
        return;
      }
      this.restartsValue++;
      const pauseMs = Math.min(10_000, 250 * 2 ** (this.restartsValue - 1));
      this.options.logger.warn({ worker: this.options.workerId, restart: this.restartsValue, pauseMs }, `${why}; restarting`);
      this.restartTimer = setTimeout(() => this.start(), pauseMs);
    });
    this.onStart?.(this.restartsValue);
  }

  /** The trainer is closing the connection (status 400): the child will quit on its own and must not be restarted. */
  expectExit(): void {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
  }

  /** Ends the child: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
