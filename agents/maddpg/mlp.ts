/**
 * The small multilayer perceptrons MADDPG's actors and critics are: `numLayers` hidden layers of `hiddenUnits`
 * with the trunk activation, then a linear output. Weights live in a ParameterSet (a tf.Variable for training, a
 * host copy for acting and targets), so a target network is a second Mlp of the same shape that follows the
 * online one by Polyak averaging (agents/networks/polyak.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import { activateInPlace, type Activation } from '../networks/activations.js';
import type { ExportDense, ExportTrunk } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseActivationTf, denseHost, type Dense } from '../networks/dense.js';
import { exportDense, exportTrunk } from '../networks/export-layers.js';
import { checkTrunk, networkFailure } from '../networks/network-checks.js';
import { ParameterNetwork } from '../networks/parameter-network.js';

export interface MlpShape {
  readonly inSize: number;
  readonly outSize: number;
  readonly hiddenUnits: number;
  readonly numLayers: number;
  readonly activation: Activation;
  /** Orthogonal gain of the output layer (small for actors, so that first actions are near zero). */
  readonly outputGain: number;
}

export class Mlp extends ParameterNetwork {
  private readonly layers: Dense[] = [];

  constructor(
    readonly shape: MlpShape,
    name: string,
    rng: Rng,
  ) {
    super();
    const { inSize, outSize, hiddenUnits, numLayers } = shape;
    const fail = networkFailure(name);
    if (!Number.isInteger(inSize) || inSize < 1) fail('input size', 'an integer ≥ 1', inSize);
    checkTrunk(shape, fail);
    let width = inSize;
    for (let l = 0; l < numLayers; l++) {
      this.layers.push(createDense(this.params, `${name}/hidden_${l}`, width, hiddenUnits, rng, Math.SQRT2));
      width = hiddenUnits;
    }
    this.layers.push(createDense(this.params, `${name}/out`, width, outSize, rng, shape.outputGain));
  }

  forwardTf(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    const last = this.layers.length - 1;
    this.layers.forEach((layer, l) => {
      h = denseActivationTf(h, layer, l < last ? this.shape.activation : 'linear');
    });
    return h;
  }

  /** The same forward on the host copies: rows × inSize → rows × outSize. */
  forwardHost(x: Float32Array, rows: number): Float32Array {
    let h = x;
    const last = this.layers.length - 1;
    this.layers.forEach((layer, l) => {
      h = denseHost(h, rows, layer);
      if (l < last) activateInPlace(h, this.shape.activation);
    });
    return h;
  }

  /** Export data: the hidden layers as a trunk, and the linear output layer. */
  describe(): { trunk: ExportTrunk; out: ExportDense } {
    return { trunk: exportTrunk(this.layers.slice(0, -1), this.shape.activation), out: exportDense(this.layers[this.layers.length - 1]!) };
  }

  variables(): tf.Variable[] {
    return this.params.variables();
  }
}
