/**
 * Activations with two implementations that must agree: tfjs for training, plain numbers for the fast
 * acting path.
 */
import * as tf from '@tensorflow/tfjs';

export type Activation = 'tanh' | 'relu' | 'leaky_relu' | 'swish' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'leaky_relu', 'swish', 'linear'];

/** Slope of leaky ReLU below zero (torch's and ML-Agents' default). */
export const LEAKY_SLOPE = 0.01;

export function activateTf(x: tf.Tensor2D, activation: Activation): tf.Tensor2D;
export function activateTf(x: tf.Tensor4D, activation: Activation): tf.Tensor4D;
export function activateTf(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'tanh':
      return tf.tanh(x);
    case 'relu':
      return tf.relu(x);
    case 'leaky_relu':
      return tf.leakyRelu(x, LEAKY_SLOPE);
    case 'swish':
      return tf.mul(x, tf.sigmoid(x));
    case 'linear':
      return x;
  }
}

/** Applies the activation to every element of `values` in place. */
export function activateInPlace(values: Float32Array, activation: Activation): void {
  const n = values.length;
  switch (activation) {
    case 'tanh':
      for (let i = 0; i < n; i++) values[i] = Math.tanh(values[i]!);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) if (values[i]! < 0) values[i] = 0;
      return;
    case 'leaky_relu':
      for (let i = 0; i < n; i++) if (values[i]! < 0) values[i] = values[i]! * LEAKY_SLOPE;
      return;
    case 'swish':
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        values[i] = v / (1 + Math.exp(-v));
      }
      return;
    case 'linear':
      return;
  }
}
