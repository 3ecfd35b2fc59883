/**
 * matMul and conv2d whose gradients avoid what the wasm backend does badly or not at all.
 *
 * - matMul: tfjs's built-in gradient emits BatchMatMul with transposeA/transposeB, which wasm runs as a plain
 *   loop instead of XNNPACK (~100 ms against 5–8 ms at 1024×256×256). Transposing explicitly first keeps every
 *   product on the fast path. On cpu the explicit transposes cost more than they save, so it is wasm-only.
 * - conv2d: wasm has no Conv2DBackpropFilter kernel at all. The filter gradient is itself a convolution: with
 *   the batch moved into the channel axis, convolving the input with dy (dilated by the stride) gives
 *   dW[kh, kw, ci, co] = Σ_b Σ_oh,ow x[b, oh·s+kh, ow·s+kw, ci] · dy[b, oh, ow, co].
 *   The input gradient is one too, and wasm's Conv2DBackpropInput is a plain loop (165 of 395 ms of kernel time for
 *   a minibatch of 32 84×84×3 images through ML-Agents' 'simple' encoders): dy convolved at stride 1 with the
 *   kernel turned 180°, one phase of the stride at a time (conv2dInputGradient), gives dx on the convolution
 *   kernel that XNNPACK runs. Where x is data (a first layer reading observations) nothing needs dx, and
 *   `inputGradient: false` skips it (zeros are returned, the gradient contract wanting one per input).
 *
 * - transpose2d and sumRows: wasm's Transpose moves a matrix several times slower than the same move written as a
 *   rank-3 transpose of 8-row blocks (a [512, 64] matrix: 175 against 32 µs; [2048, 64]: 937 against 119), and its
 *   Sum over rows transposes first; a 1×B product with ones runs on XNNPACK instead. They are what the gradients of
 *   dense layers spend most of their time in after the products (MA-POCA's update: 26% of its kernel time).
 * - imagesChannelsLast: images [C, H, W] per row to NHWC as one rank-3 transpose [B, C, H·W] → [B, H·W, C], which
 *   wasm runs about 4× faster than the rank-4 [B, C, H, W] → [B, H, W, C] (84×84×3, 32 images: 240 against 1,020 µs).
 *
 * All are checked against tfjs's own ops and gradients in test/core/runtime/fast-ops.test.ts.
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
      return [tf.matMul(dy as tf.Tensor2D, transpose2d(sb)), tf.matMul(transpose2d(sa), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/**
 * Strides for conv2dExplicitGrad are fixed per call site; customGrad closures cannot take numbers, so cache one op per
 * stride and input-gradient choice.
 */
const convByStride = new Map<string, (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D>();

/**
 * NHWC 'valid' convolution with square stride whose gradients use only fast kernels wasm has. With
 * `inputGradient` false, x's gradient is zeros: only for x that no gradient must reach (observations).
 */
export function conv2dExplicitGrad(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, inputGradient = true): tf.Tensor4D {
  const key = `${stride}:${inputGradient}`;
  let op = convByStride.get(key);
  if (!op) {
    op = makeConv(stride, inputGradient);
    convByStride.set(key, op);
  }
  return op(x, filter);
}

/**
 * The gradient of a 'valid' stride-`stride` convolution with respect to its input of `xShape`, as one stride-1
 * convolution (tf.conv2dTranspose computes the same on wasm's slow Conv2DBackpropInput), split by phase so that no
 * multiply meets a zero: input rows y = Y·s + py (columns likewise) receive only from kernel rows kh ≡ py (mod s),
 * so phase (py, px) is dy convolved with that sub-kernel turned 180° (in and out channels swapped). The s² turned
 * sub-kernels side by side along the output channels make one convolution, whose channel groups are interleaved
 * back into rows and columns. Rows and columns of x that no window reached get zeros.
 */
export function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, xShape: readonly [number, number, number, number], stride: number): tf.Tensor4D {
  const [batch, oh, ow] = dy.shape;
  const [kh, kw, ci] = filter.shape;
  const [, h, w] = xShape;
  // Taps per phase: the first phase has the most; the others' sub-kernels are padded with zeros to its size.
  const tapsH = Math.ceil(kh / stride);
  const tapsW = Math.ceil(kw / stride);
  const rows = Math.ceil(h / stride);
  const cols = Math.ceil(w / stride);
  const kernels: tf.Tensor4D[] = [];
  for (let py = 0; py < stride; py++) {
    for (let px = 0; px < stride; px++) {
      kernels.push(turnedPhaseKernel(filter, py, px, stride, tapsH, tapsW));
    }
  }
  const kernel = kernels.length === 1 ? kernels[0]! : tf.concat(kernels, 3); // [tapsH, tapsW, Co, s²·Ci]
  // Phase row Y reads dy rows Y − tapsH + 1 .. Y: pad tapsH − 1 above, and below up to the phase's row count.
  const padded = tf.pad(dy, [[0, 0], [tapsH - 1, rows - oh], [tapsW - 1, cols - ow], [0, 0]]);
  const phases = tf.conv2d(padded, kernel, 1, 'valid'); // [B, rows, cols, s²·Ci], channels in (py, px, ci) order
  // [B·rows, cols, py, (px, ci)] → [B·rows, py, cols, (px, ci)], which is [B, rows·s + py, cols·s + px, ci] in
  // memory: one rank-4 transpose (wasm's DepthToSpace and its rank-6 transposes take several times longer).
  const interleaved =
    stride === 1 ? phases : tf.reshape(tf.transpose(tf.reshape(phases, [batch * rows, cols, stride, stride * ci]), [0, 2, 1, 3]), [batch, rows * stride, cols * stride, ci]);
  return tf.slice(interleaved, [0, 0, 0, 0], [-1, h, w, -1]) as tf.Tensor4D;
}

/** Kernel rows py, py + s, … (columns likewise) of `filter`, zero-padded to taps, turned 180°: [tapsH, tapsW, Co, Ci]. */
function turnedPhaseKernel(filter: tf.Tensor4D, py: number, px: number, stride: number, tapsH: number, tapsW: number): tf.Tensor4D {
  const [kh, kw, ci, co] = filter.shape;
  const subH = Math.ceil((kh - py) / stride);
  const subW = Math.ceil((kw - px) / stride);
  if (subH <= 0 || subW <= 0) return tf.zeros([tapsH, tapsW, co, ci]);
  let sub = tf.stridedSlice(filter, [py, px, 0, 0], [kh, kw, ci, co], [stride, stride, 1, 1]) as tf.Tensor4D;
  if (subH < tapsH || subW < tapsW) sub = tf.pad(sub, [[0, tapsH - subH], [0, tapsW - subW], [0, 0], [0, 0]]);
  return tf.transpose(tf.reverse(sub, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
}

function makeConv(stride: number, inputGradient: boolean): (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D {
  return tf.customGrad((...args) => {
    const [x, filter, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x, filter]);
    return {
      value: tf.conv2d(x, filter, stride, 'valid'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sf] = saved as [tf.Tensor4D, tf.Tensor4D];
        const g = dy as tf.Tensor4D;
        const [kh, kw] = sf.shape;
        const dx = inputGradient ? conv2dInputGradient(g, sf, sx.shape, stride) : tf.zerosLike(sx);
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

/** Rows per block in transpose2d: 8 and 16 measured alike, 2 and 4 slower, for 128 to 4,096 rows of 16 to 125 columns. */
const TRANSPOSE_BLOCK = 8;

/**
 * xᵀ. On wasm, a matrix whose rows come in blocks of 8 is moved as [rows/8, 8, cols] → [cols, rows/8, 8] (the same
 * values in the same places: the reshapes are free), which wasm's Transpose runs several times faster than the
 * rank-2 case. The values are exactly tf.transpose's.
 */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  if (!onWasm() || rows === 0 || rows % TRANSPOSE_BLOCK !== 0 || rows === TRANSPOSE_BLOCK) return tf.transpose(x);
  return tf.tidy(() => tf.reshape(tf.transpose(tf.reshape(x, [rows / TRANSPOSE_BLOCK, TRANSPOSE_BLOCK, cols]), [2, 0, 1]), [cols, rows]));
}

/**
 * Σ over the rows of x (a bias's gradient). On wasm, ones[1, rows]·x on XNNPACK; elsewhere tf.sum. The sum's order
 * differs from tf.sum's, so the last bits may.
 */
export function sumRows(x: tf.Tensor2D): tf.Tensor1D {
  if (!onWasm()) return tf.sum(x, 0);
  // No rows: zeros (XNNPACK refuses an empty product, and wasm's Sum returns garbage there).
  if (x.shape[0] === 0) return tf.zeros([x.shape[1]]);
  return tf.tidy(() => tf.reshape(tf.matMul(tf.ones([1, x.shape[0]]), x), [x.shape[1]]));
}

/** Rows of [C, H, W] images (B × C·H·W) as an NHWC batch; the same values as tf.transpose to [0, 2, 3, 1]. */
export function imagesChannelsLast(x: tf.Tensor2D, channels: number, height: number, width: number): tf.Tensor4D {
  const batch = x.shape[0];
  return tf.tidy(() => tf.reshape(tf.transpose(tf.reshape(x, [batch, channels, height * width]), [0, 2, 1]), [batch, height, width, channels]));
}

/** A·B, with the explicit-transpose gradient on wasm and tfjs's own elsewhere. */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return onWasm() ? matMulExplicitGrad(a, b) : tf.matMul(a, b);
}

/**
 * NHWC 'valid' conv2d, trainable on wasm (see above); tfjs's own op elsewhere. `inputGradient: false` where x is
 * data that no gradient must reach (on wasm its gradient is then zeros, not computed).
 */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, options: { readonly inputGradient?: boolean } = {}): tf.Tensor4D {
  return onWasm() ? conv2dExplicitGrad(x, filter, stride, options.inputGradient ?? true) : tf.conv2d(x, filter, stride, 'valid');
}
