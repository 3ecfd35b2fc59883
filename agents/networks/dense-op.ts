/**
 * A dense layer and its activation, y = act(x·W + b), as one differentiable tfjs op with its gradient written out:
 *
 *   dz = dy ⊙ act'(z)        (tanh: 1 − y²; relu: [y > 0]; leaky relu: 1 or slope; swish: s + z·s·(1 − s), s = σ(z))
 *   dx = dz·Wᵀ,  dW = xᵀ·dz,  db = Σ_rows dz
 *
 * Why: tfjs's tape records every op of a layer and, for each op that keeps its inputs for the backward pass,
 * copies them (an Identity kernel and a tape node of its own, whose gradient is a Cast). For the small networks
 * trained here that bookkeeping, not the arithmetic, is the cost: a PPO minibatch of the 64-64 CartPole networks ran
 * 293 kernels, 91 of them those copies. As one op the layer costs its products, its sum and its activation.
 *
 * The forward and every gradient are the kernels tfjs runs for matMul (fast-ops.ts: explicit transposes on wasm),
 * add with a broadcast bias, and the activation, so the values are those of the layer and activation apart, bit for
 * bit, except on wasm tanh (see activate) and the bias's gradient (a product with ones, fast-ops.ts's sumRows,
 * summed in another order) (test/agents/networks/dense-op.test.ts compares them with tfjs's gradients of the
 * unfused ops).
 *
 * The backward reads x and y (and z for swish) through customGrad's `save`, which copies them: tfjs runs the forward
 * of a gradient in a scope of its own and frees everything in it but the loss before the backward starts. W is a
 * variable and outlives both.
 */
import * as tf from '@tensorflow/tfjs';
import { sumRows, transpose2d } from '../../src/core/runtime/fast-ops.js';
import { activateTf, LEAKY_SLOPE, type Activation } from './activations.js';

type DenseOp = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** One op per activation, backend kind and input-gradient choice (customGrad closures take tensors only). */
const ops = new Map<string, DenseOp>();

export function denseActivation(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation, inputGradient = true): tf.Tensor2D {
  const explicitTransposes = tf.getBackend() === 'wasm';
  const key = `${activation}:${explicitTransposes}:${inputGradient}`;
  let op = ops.get(key);
  if (!op) {
    op = makeDenseOp(activation, explicitTransposes, inputGradient);
    ops.set(key, op);
  }
  return op(x, w, b);
}

function makeDenseOp(activation: Activation, explicitTransposes: boolean, inputGradient: boolean): DenseOp {
  return tf.customGrad((...args) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const z = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
    const y = activate(z, activation, explicitTransposes);
    save(activation === 'swish' ? [x, y, z] : [x, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sy, sz] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D | undefined];
        const dz = activationGradient(dy as tf.Tensor2D, sy, sz, activation);
        // tfjs's MatMul gradient (fast-ops.ts for why wasm transposes explicitly) and Add's for a broadcast bias.
        const dx = !inputGradient
          ? tf.zerosLike(sx)
          : explicitTransposes
            ? tf.matMul(dz, transpose2d(w))
            : tf.matMul(dz, w, false, true);
        const dw = explicitTransposes ? tf.matMul(transpose2d(sx), dz) : tf.matMul(sx, dz, true, false);
        const db = tf.reshape(sumRows(dz), b.shape);
        return [dx, dw, db];
      },
    };
  }) as DenseOp;
}

function activate(z: tf.Tensor2D, activation: Activation, onWasm: boolean): tf.Tensor2D {
  // wasm's Tanh is a scalar loop over libm's tanh (167 µs for 128 × 64 here) where its Sigmoid runs on XNNPACK's
  // vector kernel (29 µs): tanh z = 2σ(2z) − 1 in four kernels takes about 60 µs, within 1e-7 of tanh.
  if (onWasm && activation === 'tanh') return tf.sub(tf.mul(tf.sigmoid(tf.mul(z, 2)), 2), 1) as tf.Tensor2D;
  return activateTf(z, activation);
}

/** dy ⊙ act'(z), as tfjs's own gradients of these activations compute it. */
function activationGradient(dy: tf.Tensor2D, y: tf.Tensor2D, z: tf.Tensor2D | undefined, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'tanh':
      return tf.mul(tf.sub(tf.scalar(1), tf.square(y)), dy) as tf.Tensor2D;
    case 'relu':
      // y > 0 exactly where z > 0.
      return tf.mul(dy, tf.step(y));
    case 'leaky_relu':
      return tf.where(tf.greater(y, 0), dy, tf.mul(dy, LEAKY_SLOPE)) as tf.Tensor2D;
    case 'swish': {
      // z·σ(z) through tfjs's Mul and Sigmoid gradients: dy·σ + (dy·z)·σ(1 − σ).
      const s = tf.sigmoid(z!);
      return tf.add(tf.mul(dy, s), tf.mul(tf.mul(dy, z!), tf.mul(s, tf.sub(tf.scalar(1), s)))) as tf.Tensor2D;
    }
    case 'linear':
      return dy;
  }
}
