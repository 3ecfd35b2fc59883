/**
 * The plain convolution stacks among ML-Agents' visual encoders (visual-encoder-types.ts lists them): 'simple'
 * (conv 8×8 stride 4 with 16 filters, conv 4×4 stride 2 with 32 filters), 'nature_cnn' (32, 64, 64 filters),
 * 'match3' (two 3×3 stride-1 convolutions of 35 and 144 filters) and 'fully_connected' (no convolution): each
 * convolution 'valid' with a leaky ReLU, then a dense layer and a leaky ReLU.
 *
 * Layout: observations arrive as [C, H, W] (ML-Agents' order, row-major per agent). tfjs convolutions want
 * NHWC, so both forwards transpose each image to [H, W, C] first; kernels are stored [kh, kw, C_in, C_out]
 * and the flattened conv output is in [h, w, c] order, identically in both forwards. With no convolution
 * (fully_connected) the image is flattened as it came, in [c, h, w] order (ML-Agents' order).
 */
import * as tf from '@tensorflow/tfjs';
import { conv2d, imagesChannelsLast } from '../../src/core/runtime/fast-ops.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { LEAKY_SLOPE, activateInPlace, activateTf } from './activations.js';
import type { ExportVisualEncoder } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseActivationTf, denseHost, type Dense } from './dense.js';
import { exportDense } from './export-layers.js';
import { orthogonal } from './init.js';
import type { Parameter, ParameterSet } from './parameters.js';
import { CONV_STACKS, validOutput, type ConvSpec, type VisEncodeType } from './visual-encoder-types.js';

interface ConvLayer {
  readonly kernel: number;
  readonly stride: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly w: Parameter;
  readonly b: Parameter;
}

/** What every visual encoder gives the observation encoder. */
export interface ImageEncoder {
  readonly inputSize: number;
  readonly outputSize: number;
  forwardTf(x: tf.Tensor2D): tf.Tensor2D;
  forwardHost(x: Float32Array, rows: number): Float32Array;
  describe(): ExportVisualEncoder;
}

export class VisualEncoder implements ImageEncoder {
  readonly inputSize: number;
  private readonly channels: number;
  private readonly height: number;
  private readonly width: number;
  private readonly convs: ConvLayer[] = [];
  private readonly dense: Dense;

  /**
   * `shape` is the observation's [C, H, W], already checked against the type's minimum (checkVisualShape);
   * `type` picks the stack (not 'resnet').
   */
  constructor(params: ParameterSet, name: string, shape: readonly number[], readonly outputSize: number, rng: Rng, type: Exclude<VisEncodeType, 'resnet'> = 'simple') {
    const [c, h, w] = shape as [number, number, number];
    this.channels = c;
    this.height = h;
    this.width = w;
    this.inputSize = c * h * w;
    let inH = h;
    let inW = w;
    let inC = c;
    const stack: readonly ConvSpec[] = CONV_STACKS[type];
    stack.forEach(([kernel, stride, filters], i) => {
      const outH = validOutput(inH, kernel, stride);
      const outW = validOutput(inW, kernel, stride);
      const wParam = params.add(`${name}/conv${i}/kernel`, [kernel, kernel, inC, filters], orthogonal(rng, kernel * kernel * inC, filters, Math.SQRT2));
      const bParam = params.add(`${name}/conv${i}/bias`, [filters], new Float32Array(filters));
      this.convs.push({ kernel, stride, inH, inW, inC, outH, outW, outC: filters, w: wParam, b: bParam });
      inH = outH;
      inW = outW;
      inC = filters;
    });
    this.dense = createDense(params, `${name}/dense`, inH * inW * inC, outputSize, rng, Math.SQRT2);
  }

  forwardTf(x: tf.Tensor2D): tf.Tensor2D {
    if (this.convs.length === 0) return denseActivationTf(x, this.dense, 'leaky_relu', { inputGradient: false });
    const batch = x.shape[0];
    let h: tf.Tensor4D = imagesChannelsLast(x, this.channels, this.height, this.width);
    this.convs.forEach((layer, i) => {
      // The first layer reads observations: no gradient needs to reach them (the costliest part of its backward).
      const conv = conv2d(h, layer.w.variable as tf.Tensor4D, layer.stride, { inputGradient: i > 0 });
      h = activateTf(tf.add(conv, layer.b.variable) as tf.Tensor4D, 'leaky_relu');
    });
    const flat = tf.reshape(h, [batch, this.dense.inSize]) as tf.Tensor2D;
    return denseActivationTf(flat, this.dense, 'leaky_relu');
  }

  describe(): ExportVisualEncoder {
    return {
      kind: 'conv',
      convs: this.convs.map((c) => ({ kernel: c.kernel, stride: c.stride, inChannels: c.inC, outChannels: c.outC, weights: Float32Array.from(c.w.host), bias: Float32Array.from(c.b.host) })),
      dense: exportDense(this.dense),
      leakySlope: LEAKY_SLOPE,
    };
  }

  forwardHost(x: Float32Array, rows: number): Float32Array {
    if (this.convs.length === 0) {
      const direct = denseHost(x, rows, this.dense);
      activateInPlace(direct, 'leaky_relu');
      return direct;
    }
    const flatSize = this.dense.inSize;
    const flat = new Float32Array(rows * flatSize);
    for (let r = 0; r < rows; r++) {
      let h = chwToHwc(x.subarray(r * this.inputSize, (r + 1) * this.inputSize), this.channels, this.height, this.width);
      for (const layer of this.convs) h = convHost(h, layer);
      flat.set(h, r * flatSize);
    }
    const out = denseHost(flat, rows, this.dense);
    activateInPlace(out, 'leaky_relu');
    return out;
  }
}

function chwToHwc(src: Float32Array, c: number, h: number, w: number): Float32Array {
  const out = new Float32Array(c * h * w);
  for (let ch = 0; ch < c; ch++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) out[(y * w + x) * c + ch] = src[(ch * h + y) * w + x]!;
    }
  }
  return out;
}

/** One HWC image through a 'valid' convolution, bias and leaky ReLU. */
function convHost(input: Float32Array, layer: ConvLayer): Float32Array {
  const { kernel, stride, inW, inC, outH, outW, outC } = layer;
  const w = layer.w.host;
  const b = layer.b.host;
  const out = new Float32Array(outH * outW * outC);
  const acc = new Float64Array(outC);
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      for (let co = 0; co < outC; co++) acc[co] = b[co]!;
      for (let ky = 0; ky < kernel; ky++) {
        const rowBase = ((oy * stride + ky) * inW + ox * stride) * inC;
        for (let kx = 0; kx < kernel; kx++) {
          const inBase = rowBase + kx * inC;
          const wBase = (ky * kernel + kx) * inC * outC;
          for (let ci = 0; ci < inC; ci++) {
            const v = input[inBase + ci]!;
            if (v === 0) continue;
            const wRow = wBase + ci * outC;
            for (let co = 0; co < outC; co++) acc[co] = acc[co]! + v * w[wRow + co]!;
          }
        }
      }
      const base = (oy * outW + ox) * outC;
      for (let co = 0; co < outC; co++) {
        const v = acc[co]!;
        out[base + co] = v < 0 ? v * LEAKY_SLOPE : v;
      }
    }
  }
  return out;
}
