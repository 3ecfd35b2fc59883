/**
 * The small multilayer perceptrons MADDPG's actors and critics are: `numLayers` hidden layers of `hiddenUnits`
 * with the trunk activation, then a linear output. Weights live in a ParameterSet (a tf.Variable for training, a
 * host copy for acting and targets), so a target network is a second Mlp of the same shape that follows the
 * online one by softUpdateFrom.
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { ACTIVATIONS, activateInPlace, activateTf, type Activation } from '../networks/activations.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { ParameterSet, type SavedParameter } from '../networks/parameters.js';

export interface MlpShape {
  readonly inSize: number;
  readonly outSize: number;
  readonly hiddenUnits: number;
  readonly numLayers: number;
  readonly activation: Activation;
  /** Orthogonal gain of the output layer (small for actors, so that first actions are near zero). */
  readonly outputGain: number;
}

export class Mlp {
  readonly params = new ParameterSet();
  private readonly layers: Dense[] = [];

  constructor(
    readonly shape: MlpShape,
    name: string,
    rng: Rng,
  ) {
    const { inSize, outSize, hiddenUnits, numLayers, activation } = shape;
    const fail = (field: string, expected: string, got: unknown): never => {
      throw new ShivaError('SHIVA_ERR_NETWORK', `${name}: ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
    };
    if (!Number.isInteger(inSize) || inSize < 1) fail('input size', 'an integer ≥ 1', inSize);
    if (!Number.isInteger(hiddenUnits) || hiddenUnits < 1) fail('hiddenUnits', 'an integer ≥ 1', hiddenUnits);
    if (!Number.isInteger(numLayers) || numLayers < 0) fail('numLayers', 'an integer ≥ 0', numLayers);
    if (!ACTIVATIONS.includes(activation)) fail('activation', `one of ${ACTIVATIONS.join(', ')}`, activation);
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
      h = denseTf(h, layer);
      if (l < last) h = activateTf(h, this.shape.activation);
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

  variables(): tf.Variable[] {
    return this.params.variables();
  }

  /** θ ← τ·θ_source + (1 − τ)·θ on both copies; τ = 1 copies. `source` must have the same shape. */
  softUpdateFrom(source: Mlp, tau: number): void {
    const theirs = source.params.all;
    this.params.all.forEach((p, i) => {
      const s = theirs[i]!.host;
      const h = p.host;
      if (tau >= 1) h.set(s);
      else for (let k = 0; k < h.length; k++) h[k] = tau * s[k]! + (1 - tau) * h[k]!;
      tf.tidy(() => p.variable.assign(tf.tensor(h, [...p.shape], 'float32')));
    });
  }

  syncHost(): void {
    this.params.syncHost();
  }

  save(): SavedParameter[] {
    return this.params.save();
  }

  load(saved: readonly SavedParameter[], where: string): void {
    this.params.load(saved, where);
  }

  dispose(): void {
    this.params.dispose();
  }
}
