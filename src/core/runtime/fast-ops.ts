/**
 * matMul and conv2d whose gradients avoid what the wasm backend does badly or not at all.
 *
 * - matMul: tfjs's built-in gradient emits BatchMatMul with transposeA/transposeB, which wasm runs as a plain
 *   loop instead of XNNPACK (~100 ms against 5–8 ms at 1024×256×256). Transposing explicitly first keeps every
 *   product on the fast path. On cpu the explicit transposes cost more than they save, so it is wasm-only.
 * - conv2d: wasm has no Conv2DBackpropFilter kernel at all. The filter gradient is itself a convolution: with
 *   the batch moved into the channel axis, convolving the input with dy (dilated by the stride) gives
 *   dW[kh, kw, ci, co] = Σ_b Σ_oh,ow x[b, oh·s+kh, ow·s+kw, ci] · dy[b, oh, ow, co].
 *
 * Both are checked against tfjs's own gradients in test/runtime/fast-ops.test.ts.
 */
import * as tf from '@tensorflow/tfjs';

/** A·B with a gradient made of plain (untransposed) products. */
export const matMulExplicitGrad = tf.customGrad((...args) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** Strides for conv2dExplicitGrad are fixed per call site; customGrad closures cannot take numbers, so cache one op per stride. */
const convByStride = new Map<number, (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D>();

/** NHWC 'valid' convolution with square stride whose gradients use only kernels wasm has. */
export function conv2dExplicitGrad(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number): tf.Tensor4D {
  let op = convByStride.get(stride);
  if (!op) {
    op = makeConv(stride);
    convByStride.set(stride, op);
  }
  return op(x, filter);
}

function makeConv(stride: number): (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D {
  return tf.customGrad((...args) => {
    const [x, filter, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x, filter]);
    return {
      value: tf.conv2d(x, filter, stride, 'valid'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sf] = saved as [tf.Tensor4D, tf.Tensor4D];
        const g = dy as tf.Tensor4D;
        const [kh, kw] = sf.shape;
        // Input gradient: Conv2DBackpropInput exists on wasm.
        const dx = tf.conv2dTranspose(g, sf, sx.shape, stride, 'valid');
        // Filter gradient: batch ↔ channels, dy as a dilated filter.
        const xT = tf.transpose(sx, [3, 1, 2, 0]); // [Ci, H, W, B]
        const dyT = tf.transpose(g, [1, 2, 0, 3]); // [oh, ow, B, Co]
        const full = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', stride); // [Ci, ≥kh, ≥kw, Co]
        const cut = tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]);
        const dFilter = tf.transpose(cut, [1, 2, 0, 3]); // [kh, kw, Ci, Co]
        return [dx, dFilter];
      },
    };
  }) as (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D;
}

function onWasm(): boolean {
  return tf.getBackend() === 'wasm';
}

/** A·B, with the explicit-transpose gradient on wasm and tfjs's own elsewhere. */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return onWasm() ? matMulExplicitGrad(a, b) : tf.matMul(a, b);
}

/** NHWC 'valid' conv2d, trainable on wasm (see above); tfjs's own op elsewhere. */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number): tf.Tensor4D {
  return onWasm() ? conv2dExplicitGrad(x, filter, stride) : tf.conv2d(x, filter, stride, 'valid');
}
