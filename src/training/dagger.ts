/**
 * DAgger (Ross, Gordon & Bagnell 2011, "A Reduction of Imitation Learning and Structured Prediction to No-Regret
 * Online Learning"), readable top to bottom:
 *
 *   D ← ∅
 *   for i = 0 … iterations−1:
 *     β_i = p^i (exponential; β_0 = 1, so the first round is the expert's own play), or 1 then 0 ('first')
 *     roll out π_i = β_i·π* + (1 − β_i)·π̂_i for `labelsPerIteration` decisions: each agent's action is the
 *       expert's with probability β_i, else the learner's (greedy);
 *     label every visited state with the expert's action (one expert label per decision) and add it to D;
 *     π̂_{i+1} ← BC on D (agents/imitation/behavioral-cloning.ts), continuing from π̂_i's weights;
 *     score π̂_{i+1}: mean return of `evalEpisodes` greedy episodes on a separate environment;
 *   stop early once the score reaches `targetReturn`.
 *
 * `labels` counts the expert queries that went into D; evaluation episodes query no expert.
 */
import { act } from '../../agents/networks/acting.js';
import type { ActorCritic } from '../../agents/networks/actor-critic.js';
import { BehavioralCloning, type BcSettings } from '../../agents/imitation/behavioral-cloning.js';
import { ImitationDatasetBuilder } from '../../agents/imitation/imitation-dataset.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { Environment } from '../core/env/environment.js';
import type { DecisionSteps } from '../core/env/steps.js';
import { ShivaError } from '../core/errors.js';
import type { Rng } from '../core/runtime/rng.js';
import { mean, playEpisodes, type OtherActors } from './bc-rollout.js';
import { asyncBatchActor, batchActor, RolloutLoop, type Actor, type AsyncActor } from './rollout-loop.js';

export type BetaSchedule = { readonly kind: 'exponential'; readonly p: number } | { readonly kind: 'first' };

/** β_i for iteration i (0-based). */
export function betaAt(schedule: BetaSchedule, iteration: number): number {
  return schedule.kind === 'first' ? (iteration === 0 ? 1 : 0) : schedule.p ** iteration;
}

export interface DaggerSettings {
  readonly iterations: number;
  /** Decisions rolled out, and labelled by the expert, per iteration. */
  readonly labelsPerIteration: number;
  readonly beta: BetaSchedule;
  /** The refit after each iteration: numEpoch passes over the whole of D. */
  readonly bc: BcSettings;
  readonly evalEpisodes: number;
  /** Stop once the greedy mean return reaches this; null: run every iteration. */
  readonly targetReturn: number | null;
}

export interface DaggerIteration {
  readonly iteration: number;
  readonly beta: number;
  /** Expert labels added this iteration, and in all so far. */
  readonly labels: number;
  readonly totalLabels: number;
  /** Decisions of this iteration where the expert's action was the one played. */
  readonly expertActed: number;
  readonly bcLoss: number;
  /** Mean greedy return of the refitted learner. */
  readonly meanReturn: number;
}

export interface DaggerResult {
  readonly iterations: readonly DaggerIteration[];
  readonly totalLabels: number;
  readonly finalReturn: number;
  readonly reachedTarget: boolean;
}

export interface DaggerRun {
  /** Rolled out and labelled on; its episodes carry on across iterations. */
  readonly env: Environment;
  /** Scored on (reset before every evaluation). */
  readonly evalEnv: Environment;
  readonly behavior: string;
  readonly policy: ActorCritic;
  /** The expert: labels every visited state (an ONNX model answers asynchronously). */
  readonly expert: AsyncActor;
  readonly others: OtherActors;
  readonly settings: DaggerSettings;
  /** β coin flips and minibatch shuffles. */
  readonly rng: Rng;
  readonly onIteration?: (report: DaggerIteration) => void;
}

export async function dagger(run: DaggerRun): Promise<DaggerResult> {
  const { env, behavior, policy, expert, settings, rng } = run;
  checkSettings(settings);
  await env.reset();
  const spec = env.behaviorSpecs.get(behavior);
  if (!spec) throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `${env.name}: behavior: expected one of [${[...env.behaviorSpecs.keys()].join(', ')}], got "${behavior}"`);
  const data = new ImitationDatasetBuilder(spec);
  const bc = new BehavioralCloning(policy, settings.bc, rng.fork());
  // The BC trainer's optimiser holds large weight arrays' moments on the backend: freed however the loop ends.
  try {
    const learner: Actor = (_spec, steps) => {
      const out = act(policy, steps, rng, { deterministic: true });
      return { continuous: out.continuous, discrete: out.discrete };
    };
    const others = new Map<string, Actor>();
    const iterations: DaggerIteration[] = [];
    let finalReturn = -Infinity;

    for (let i = 0; i < settings.iterations; i++) {
      const beta = betaAt(settings.beta, i);
      // Roll out the mixture and label every visited state.
      let labels = 0;
      let expertActed = 0;
      const mixture: AsyncActor = async (s, decisionSteps) => {
        const take = Math.min(decisionSteps.count, settings.labelsPerIteration - labels);
        const expertActions = await expert(s, decisionSteps);
        const fromExpert = Array.from({ length: decisionSteps.count }, () => beta >= 1 || (beta > 0 && rng.next() < beta));
        const played = fromExpert.every(Boolean) ? expertActions : mixRows(s, decisionSteps.count, fromExpert, expertActions, learner(s, decisionSteps));
        addLabels(data, s, decisionSteps, expertActions, take, i);
        labels += take;
        expertActed += fromExpert.slice(0, take).filter(Boolean).length;
        return played;
      };
      const rollout = new RolloutLoop(
        [env],
        {
          actorFor: (name, s) => {
            if (name === behavior) return asyncBatchActor(s, mixture);
            let other = others.get(name);
            if (!other) others.set(name, (other = run.others(name)));
            return batchActor(s, other);
          },
          shouldStop: (_source, at) => at === 'stepped' && labels >= settings.labelsPerIteration,
        },
        { reset: false },
      );
      await rollout.run();

      // Refit on the aggregate, then score.
      const aggregate = data.build();
      if (policy.normalizers.some((n) => n !== null)) {
        const fresh = aggregate.observations.map((o, k) => o.subarray((aggregate.size - labels) * aggregate.observationSizes[k]!));
        policy.updateNormalizers(fresh, labels);
      }
      const fit = bc.update(aggregate);
      const returns = await playEpisodes(run.evalEnv, behavior, learner, settings.evalEpisodes, run.others);
      finalReturn = mean(returns);
      const report: DaggerIteration = { iteration: i, beta, labels, totalLabels: data.size, expertActed, bcLoss: fit.loss, meanReturn: finalReturn };
      iterations.push(report);
      run.onIteration?.(report);
      if (settings.targetReturn !== null && finalReturn >= settings.targetReturn) break;
    }
    return { iterations, totalLabels: data.size, finalReturn, reachedTarget: settings.targetReturn !== null && finalReturn >= settings.targetReturn };
  } finally {
    bc.dispose();
  }
}

/** Row r of the result is the expert's where fromExpert[r], else the learner's. */
export function mixRows(spec: BehaviorSpec, count: number, fromExpert: readonly boolean[], expert: ActionTuple, learner: ActionTuple): ActionTuple {
  const C = spec.actionSpec.continuousSize;
  const nb = spec.actionSpec.discreteBranches.length;
  const continuous = Float32Array.from(learner.continuous);
  const discrete = Int32Array.from(learner.discrete);
  for (let r = 0; r < count; r++) {
    if (!fromExpert[r]) continue;
    continuous.set(expert.continuous.subarray(r * C, (r + 1) * C), r * C);
    discrete.set(expert.discrete.subarray(r * nb, (r + 1) * nb), r * nb);
  }
  return { continuous, discrete };
}

/** The first `take` rows of a decision batch, labelled with the expert's actions. */
function addLabels(data: ImitationDatasetBuilder, spec: BehaviorSpec, steps: DecisionSteps, expert: ActionTuple, take: number, episode: number): void {
  const C = spec.actionSpec.continuousSize;
  const nb = spec.actionSpec.discreteBranches.length;
  const S = spec.actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  const sizes = steps.observations.map((o) => (steps.count > 0 ? o.length / steps.count : 0));
  data.add(
    take,
    steps.observations.map((o, k) => o.subarray(0, take * sizes[k]!)),
    expert.continuous.subarray(0, take * C),
    expert.discrete.subarray(0, take * nb),
    steps.actionMasks ? steps.actionMasks.subarray(0, take * S) : null,
    episode,
  );
}

function checkSettings(s: DaggerSettings): void {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ShivaError('SHIVA_ERR_USAGE', `dagger: ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
  };
  if (!Number.isInteger(s.iterations) || s.iterations < 1) fail('iterations', 'an integer ≥ 1', s.iterations);
  if (!Number.isInteger(s.labelsPerIteration) || s.labelsPerIteration < 1) fail('labelsPerIteration', 'an integer ≥ 1', s.labelsPerIteration);
  if (s.beta.kind === 'exponential' && !(s.beta.p >= 0 && s.beta.p <= 1)) fail('beta p', 'a number in [0, 1]', s.beta.p);
  if (!Number.isInteger(s.evalEpisodes) || s.evalEpisodes < 1) fail('evalEpisodes', 'an integer ≥ 1', s.evalEpisodes);
}
