/**
 * The observation encoder of a curiosity-style reward signal (ML-Agents' NetworkBody as its reward providers build
 * it from the signal's `network_settings`): the vector observations side by side, optionally normalised by running
 * statistics of their own, then `numLayers` dense layers of `hiddenUnits` with the activation after each:
 *
 *   x = [o_1 | o_2 | …]  (normalised),   h_0 = x,   h_l = act(h_{l−1}·W_l + b_l),   φ(s) = h_L
 *
 * With numLayers 0, φ(s) = x. Only vector observations are read (as GAIL here): a visual signal encoder is left for
 * later.
 *
 * Goal conditioning (ML-Agents builds a signal's NetworkBody with the signal's network_settings, goal_conditioning_type
 * included): given the columns of x that hold goal-signal observations and 'hyper' (the default), the last layer is
 * a HyperLayer whose weights the goal columns generate (agents/networks/hyper-layer.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { ObservationType, observationSize, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { activateTf } from '../networks/activations.js';
import { createDense, denseTf, type Dense } from '../networks/dense.js';
import { HyperLayer } from '../networks/hyper-layer.js';
import type { ParameterSet } from '../networks/parameters.js';
import type { RewardNetworkSettings } from './intrinsic-settings.js';

/** Hidden layers' orthogonal gain (the project's init, agents/networks/init.ts). */
export const SIGNAL_HIDDEN_GAIN = Math.SQRT2;

export class StateEncoder {
  private readonly layers: Dense[] = [];
  /** The goal-conditioned last layer, or null. */
  private readonly hyper: HyperLayer | null = null;
  readonly outputSize: number;

  constructor(
    params: ParameterSet,
    prefix: string,
    readonly inputSize: number,
    readonly network: RewardNetworkSettings,
    rng: Rng,
    /** Columns of x that hold goal-signal observations, as [offset, size] (goalColumns()); none: a plain MLP. */
    private readonly goals: readonly (readonly [number, number])[] = [],
  ) {
    const conditioned = goals.length > 0 && (network.goalConditioningType ?? 'hyper') === 'hyper' && network.numLayers > 0;
    let width = inputSize;
    for (let l = 0; l < network.numLayers - (conditioned ? 1 : 0); l++) {
      this.layers.push(createDense(params, `${prefix}/hidden${l}`, width, network.hiddenUnits, rng, SIGNAL_HIDDEN_GAIN));
      width = network.hiddenUnits;
    }
    if (conditioned) {
      const goalSize = goals.reduce((n, [, size]) => n + size, 0);
      this.hyper = new HyperLayer(params, `${prefix}/hidden${network.numLayers - 1}`, width, network.hiddenUnits, goalSize, network.hiddenUnits, rng);
      width = network.hiddenUnits;
    }
    this.outputSize = width;
  }

  /** φ(x) for rows of (already normalised) observations. Call inside tf.tidy. */
  forwardTf(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    for (const layer of this.layers) h = activateTf(denseTf(h, layer), this.network.activation);
    if (this.hyper) {
      const parts = this.goals.map(([offset, size]) => tf.slice(x, [0, offset], [-1, size]));
      h = activateTf(this.hyper.forwardTf(h, parts.length === 1 ? parts[0]! : (tf.concat(parts, 1) as tf.Tensor2D)), this.network.activation);
    }
    return h;
  }
}

/** Where `spec`'s goal-signal observations sit in the concatenation of its observations: [offset, size] each. */
export function goalColumns(spec: BehaviorSpec): [number, number][] {
  const out: [number, number][] = [];
  let offset = 0;
  for (const o of spec.observationSpecs) {
    const size = observationSize(o);
    if (o.observationType === ObservationType.GOAL_SIGNAL) out.push([offset, size]);
    offset += size;
  }
  return out;
}

/** Σ observation sizes of `spec`, refusing visual observations; `signal` names the reward signal in the error. */
export function vectorObservationWidth(spec: BehaviorSpec, signal: string): number {
  spec.observationSpecs.forEach((o, i) => {
    if (o.shape.length !== 1) {
      throw new ShivaError('SHIVA_ERR_CONFIG', `behavior "${spec.name}": reward_signals.${signal}: observation ${i}: expected vector observations (${signal} here has no visual encoder), got shape [${o.shape.join(', ')}]`);
    }
  });
  return spec.observationSpecs.reduce((n, o) => n + observationSize(o), 0);
}
