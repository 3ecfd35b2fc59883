/**
 * Steps many environments concurrently: remote ones overlap their network waits, so a pool of N simulations
 * costs about one round trip per step, not N.
 */
import type { Environment } from './environment.js';

export class EnvPool {
  constructor(readonly envs: readonly Environment[]) {}

  reset(): Promise<void> {
    return this.all((env) => env.reset());
  }

  step(): Promise<void> {
    return this.all((env) => env.step());
  }

  close(): Promise<void> {
    return this.all((env) => env.close());
  }

  /** Runs `f` on every env at once; if any fails, waits for the rest and rethrows the first failure. */
  private async all(f: (env: Environment) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(this.envs.map(f));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
