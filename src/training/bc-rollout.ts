/**
 * Playing one behavior of an environment with a given actor, for imitation: the mean episode return of a policy
 * (DAgger's evaluation, the benchmarks' "return vs the expert's"), and stepping with every other behavior played
 * by its own actor.
 */
import type { Environment } from '../core/env/environment.js';
import { randomActions } from '../core/env/random-policy.js';
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';
import { ShivaError } from '../core/errors.js';
import type { Rng } from '../core/runtime/rng.js';
import { asyncBatchActor, batchActor, RolloutLoop, type Actor, type AsyncActor } from './rollout-loop.js';

export type { Actor } from './rollout-loop.js';

/** Who plays the behaviors that are not being imitated; default: random within masks. */
export type OtherActors = (behavior: string) => Actor;

export function randomActors(rng: Rng): OtherActors {
  return () => (spec, steps) => randomActions(spec.actionSpec, steps, rng);
}

/** Per-agent returns of one behavior: rewards summed from each decision and episode end; closed at the end. */
export class EpisodeReturns {
  readonly finished: number[] = [];
  private readonly open = new Map<number, number>();

  add(decisions: DecisionSteps, terminals: TerminalSteps): void {
    for (let i = 0; i < terminals.count; i++) {
      const id = terminals.agentIds[i]!;
      this.finished.push((this.open.get(id) ?? 0) + terminals.rewards[i]!);
      this.open.delete(id);
    }
    for (let i = 0; i < decisions.count; i++) {
      const id = decisions.agentIds[i]!;
      this.open.set(id, (this.open.get(id) ?? 0) + decisions.rewards[i]!);
    }
  }
}

/**
 * Resets `env` and plays `behavior` with `actor` until `episodes` of its episodes end; returns their returns
 * (the first `episodes` to end). The check comes before each step's actions, so no actor acts once they are in.
 */
export async function playEpisodes(env: Environment, behavior: string, actor: AsyncActor, episodes: number, others: OtherActors, maxSteps = 1_000_000): Promise<number[]> {
  const returns = new EpisodeReturns();
  let step = 0;
  const loop = new RolloutLoop([env], {
    actorFor: (name, spec) => (name === behavior ? asyncBatchActor(spec, actor) : batchActor(spec, others(name))),
    onSteps: (_source, name, steps) => {
      if (name === behavior) returns.add(steps.decisionSteps, steps.terminalSteps);
    },
    shouldStop: (_source, at) => {
      if (at !== 'observed') return false;
      if (returns.finished.length >= episodes) return true;
      if (step++ >= maxSteps) throw new ShivaError('SHIVA_ERR_ENV', `${env.name}: expected ${episodes} episode(s) of "${behavior}" within ${maxSteps} steps, got ${returns.finished.length}`);
      return false;
    },
  });
  await loop.run();
  return returns.finished.slice(0, episodes);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
