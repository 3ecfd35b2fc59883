/**
 * The observation encoder of a curiosity-style reward signal (ML-Agents' NetworkBody as its reward providers build
 * it from the signal's `network_settings`): the vector observations side by side, optionally normalised by running
 * statistics of their own, then `numLayers` dense layers of `hiddenUnits` with the activation after each:
 *
 *   x = [o_1 | o_2 | …]  (normalised),   h_0 = x,   h_l = act(h_{l−1}·W_l + b_l),   φ(s) = h_L
 *
 * With numLayers 0, φ(s) = x. Only vector observations are read (as GAIL here): a visual signal encoder is left for
 * later.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { activateTf } from '../networks/activations.js';
import { createDense, denseTf, type Dense } from '../networks/dense.js';
import type { ParameterSet } from '../networks/parameters.js';
import type { RewardNetworkSettings } from './intrinsic-settings.js';

/** Hidden layers' orthogonal gain (the project's init, agents/networks/init.ts). */
export const SIGNAL_HIDDEN_GAIN = Math.SQRT2;

export class StateEncoder {
  private readonly layers: Dense[] = [];
  readonly outputSize: number;

  constructor(params: ParameterSet, prefix: string, readonly inputSize: number, readonly network: RewardNetworkSettings, rng: Rng) {
    let width = inputSize;
    for (let l = 0; l < network.numLayers; l++) {
      this.layers.push(createDense(params, `${prefix}/hidden${l}`, width, network.hiddenUnits, rng, SIGNAL_HIDDEN_GAIN));
      width = network.hiddenUnits;
    }
    this.outputSize = width;
  }

  /** φ(x) for rows of (already normalised) observations. Call inside tf.tidy. */
  forwardTf(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    for (const layer of this.layers) h = activateTf(denseTf(h, layer), this.network.activation);
    return h;
  }
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
