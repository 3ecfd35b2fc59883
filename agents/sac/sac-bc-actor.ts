/**
 * SAC's actors as behavioral cloning trains them (agents/plugin/imitation-hook.ts), as ML-Agents' BCModule does with
 * its SAC policy (tanh-squashed): continuous, the deterministic action tanh(μ(s)) against the demo action clipped to
 * [−1, 1] (ML-Agents compares a squashed sample; the mean has the same minimiser and no noise); discrete, the
 * masked-free log-softmax per branch of the categorical actor, whose NLL BC takes under the expert's masks. SAC
 * reads raw observations (no normaliser), and its actor is a ParameterNetwork whose host copy acting reads.
 */
import * as tf from '@tensorflow/tfjs';
import type { BcActor } from '../plugin/imitation-hook.js';
import type { CategoricalActor } from './categorical-actor.js';
import type { SquashedGaussianActor } from './gaussian-actor.js';

export function gaussianBcActor(actor: SquashedGaussianActor): BcActor {
  return {
    observationSizes: actor.observationSizes,
    branches: [],
    logitsSize: 0,
    continuousSize: actor.actionSize,
    actionClip: 'clip',
    variables: actor.params.variables(),
    normalizeObservations: (raw) => [...raw],
    outputsTf: (observations) => ({ logits: null, mean: tf.tanh(actor.forwardTf(observations).mean) }),
    outputsHost: (observations, rows) => ({ logits: null, mean: actor.forwardHost(observations, rows).mean.map(Math.tanh) }),
    syncHost: () => actor.syncHost(),
  };
}

export function categoricalBcActor(actor: CategoricalActor): BcActor {
  return {
    observationSizes: actor.observationSizes,
    branches: actor.branches,
    logitsSize: actor.width,
    continuousSize: 0,
    actionClip: 'clip',
    variables: actor.params.variables(),
    normalizeObservations: (raw) => [...raw],
    outputsTf: (observations) => ({ logits: actor.logProbsTf(observations, null), mean: null }),
    outputsHost: (observations, rows) => ({ logits: actor.logProbsHost(observations, null, rows), mean: null }),
    syncHost: () => actor.syncHost(),
  };
}
