/**
 * GAIL's discriminator D(x) ∈ (0, 1): how much it believes the input row x (observations, and with use_actions the
 * action and done flag, see signal-batch.ts) came from the expert.
 *
 *   h_0 = x,  h_l = act(h_{l-1}·W_l + b_l)  for l = 1..numLayers          (the network_settings MLP)
 *   VAIL:     μ = h_L·W_μ + b_μ,  z = μ + ε ⊙ σ  (ε ~ N(0, I), or ε = 0 for the mean)
 *   D(x) = sigmoid(z·w_o + b_o)                   (z = h_L without VAIL)
 *
 * ∂D/∂x (for the gradient penalty) is written out in closed form by walking the layers back, as tensor ops:
 * tfjs's gradient of a gradient does not come out right (checked against finite differences), while a gradient
 * through these explicit ops is an ordinary first-order one.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import { activateTf, LEAKY_SLOPE, type Activation } from '../networks/activations.js';
import { createDense, denseTf, type Dense } from '../networks/dense.js';
import { ParameterSet, type Parameter } from '../networks/parameters.js';
import { GAIL_CONSTANTS, type GailNetworkSettings } from './gail-settings.js';

/** Hidden layers' orthogonal gain (the project's init, agents/networks/init.ts). */
const HIDDEN_GAIN = Math.SQRT2;

export interface DiscriminatorForward {
  /** Pre-sigmoid output per row. */
  readonly logit: tf.Tensor1D;
  /** VAIL's code mean per row (rows × zSize); null without VAIL. */
  readonly mu: tf.Tensor2D | null;
}

export class Discriminator {
  readonly params = new ParameterSet();
  private readonly layers: Dense[] = [];
  private readonly zMu: Dense | null;
  /** VAIL's σ of the code, one per component, trained (ML-Agents starts it at 1). */
  readonly zSigma: Parameter | null;
  private readonly estimator: Dense;

  constructor(
    readonly inputSize: number,
    readonly network: GailNetworkSettings,
    readonly useVail: boolean,
    rng: Rng,
  ) {
    let width = inputSize;
    for (let l = 0; l < network.numLayers; l++) {
      this.layers.push(createDense(this.params, `gail/hidden${l}`, width, network.hiddenUnits, rng, HIDDEN_GAIN));
      width = network.hiddenUnits;
    }
    const z = GAIL_CONSTANTS.zSize;
    this.zMu = useVail ? createDense(this.params, 'gail/z_mu', width, z, rng, GAIL_CONSTANTS.zMuGain) : null;
    this.zSigma = useVail ? this.params.add('gail/z_sigma', [z], new Float32Array(z).fill(1)) : null;
    this.estimator = createDense(this.params, 'gail/estimator', useVail ? z : width, 1, rng, GAIL_CONSTANTS.estimatorGain);
  }

  /** Width of VAIL's code (0 without VAIL): the noise given to forward() has this many columns. */
  get codeSize(): number {
    return this.useVail ? GAIL_CONSTANTS.zSize : 0;
  }

  variables(): tf.Variable[] {
    return this.params.variables();
  }

  /** The forward pass; `noise` (rows × codeSize) is ε of VAIL's code, null for the mean. Call inside tf.tidy. */
  forward(x: tf.Tensor2D, noise: tf.Tensor2D | null): DiscriminatorForward {
    let h = x;
    for (const layer of this.layers) h = activateTf(denseTf(h, layer), this.network.activation);
    let mu: tf.Tensor2D | null = null;
    if (this.zMu && this.zSigma) {
      mu = denseTf(h, this.zMu);
      h = noise ? (tf.add(mu, tf.mul(noise, this.zSigma.variable)) as tf.Tensor2D) : mu;
    }
    return { logit: tf.reshape(denseTf(h, this.estimator), [-1]) as tf.Tensor1D, mu };
  }

  /** D(x) per row. Call inside tf.tidy. */
  estimate(x: tf.Tensor2D, noise: tf.Tensor2D | null): tf.Tensor1D {
    return tf.sigmoid(this.forward(x, noise).logit);
  }

  /**
   * ∂(Σ_i D(x_i))/∂x, rows × inputSize (row i depends on x_i only), in closed form so that it can be
   * differentiated with respect to the weights. Call inside tf.tidy or a gradient function.
   */
  inputGradient(x: tf.Tensor2D, noise: tf.Tensor2D | null): tf.Tensor2D {
    // Forward, keeping each layer's pre-activation and output.
    const pre: tf.Tensor2D[] = [];
    const post: tf.Tensor2D[] = [];
    let h = x;
    for (const layer of this.layers) {
      const z = denseTf(h, layer);
      h = activateTf(z, this.network.activation);
      pre.push(z);
      post.push(h);
    }
    let code = h;
    if (this.zMu && this.zSigma) {
      const mu = denseTf(h, this.zMu);
      code = noise ? (tf.add(mu, tf.mul(noise, this.zSigma.variable)) as tf.Tensor2D) : mu;
    }
    const d = tf.sigmoid(denseTf(code, this.estimator)); // rows × 1
    // Backward: dD/dlogit = D(1 − D); through the estimator, z = μ + ε⊙σ (∂z/∂μ = I), then each layer.
    let g = tf.matMul(tf.mul(d, tf.sub(1, d)), this.estimator.w.variable as tf.Tensor2D, false, true) as tf.Tensor2D;
    if (this.zMu) g = tf.matMul(g, this.zMu.w.variable as tf.Tensor2D, false, true) as tf.Tensor2D;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const local = activationDerivative(pre[l]!, post[l]!, this.network.activation);
      g = tf.matMul(tf.mul(g, local), this.layers[l]!.w.variable as tf.Tensor2D, false, true) as tf.Tensor2D;
    }
    return g;
  }

  dispose(): void {
    this.params.dispose();
  }
}

/** act'(z) given z and h = act(z). */
function activationDerivative(z: tf.Tensor2D, h: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'tanh':
      return tf.sub(1, tf.square(h)) as tf.Tensor2D;
    case 'relu':
      return tf.cast(tf.greater(z, 0), 'float32') as tf.Tensor2D;
    case 'leaky_relu':
      return tf.where(tf.greater(z, 0), tf.onesLike(z), tf.fill(z.shape, LEAKY_SLOPE)) as tf.Tensor2D;
    case 'swish': {
      // d/dz z·s(z) = s + z·s·(1 − s)
      const s = tf.sigmoid(z);
      return tf.add(s, tf.mul(z, tf.mul(s, tf.sub(1, s)))) as tf.Tensor2D;
    }
    case 'linear':
      return tf.onesLike(z) as tf.Tensor2D;
  }
}
