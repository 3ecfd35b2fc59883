/**
 * ML-Agents' 'resnet' visual encoder (release 21, ResNetVisualEncoder; IMPALA's network): three stacks of 16, 32
 * and 32 channels, each a 3×3 stride-1 convolution padded by 1, a 3×3 stride-2 max-pool ('valid') and two
 * residual blocks x + conv(swish(conv(swish(x)))) (3×3, padded by 1); then swish, a dense layer and a ReLU.
 * Images of at least 15×15 (three poolings leave 1×1).
 *
 * Layout as visual-encoder.ts: [C, H, W] images transposed to NHWC, kernels [kh, kw, C_in, C_out], the last
 * stack's output flattened in [h, w, c] order. The padding is an explicit tf.pad before a 'valid' convolution,
 * so the wasm-safe conv2d of fast-ops.ts serves. There is no plain-array forward: forwardHost runs the tfjs
 * forward (on the variables, which syncHost() keeps equal to the host copies) and reads the result back.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2d, imagesChannelsLast } from '../../src/core/runtime/fast-ops.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportConv, ExportResNetEncoder } from '../../src/protocol/onnx/exportable-policy.js';
import { activateTf } from './activations.js';
import { createDense, denseTf, type Dense } from './dense.js';
import { exportDense } from './export-layers.js';
import { orthogonal } from './init.js';
import type { Parameter, ParameterSet } from './parameters.js';
import type { ImageEncoder } from './visual-encoder.js';
import { RESNET, validOutput } from './visual-encoder-types.js';

/** A 3×3 stride-1 convolution padded by 1 on every side. */
interface PaddedConv {
  readonly inC: number;
  readonly outC: number;
  readonly w: Parameter;
  readonly b: Parameter;
}

interface Stack {
  readonly conv: PaddedConv;
  /** Each block's two convolutions. */
  readonly blocks: readonly (readonly [PaddedConv, PaddedConv])[];
}

const PAD: [number, number][] = [
  [0, 0],
  [1, 1],
  [1, 1],
  [0, 0],
];

export class ResNetEncoder implements ImageEncoder {
  readonly inputSize: number;
  private readonly channels: number;
  private readonly height: number;
  private readonly width: number;
  private readonly stacks: Stack[] = [];
  private readonly dense: Dense;

  /** `shape` is the observation's [C, H, W], already checked against the minimum (checkVisualShape). */
  constructor(params: ParameterSet, name: string, shape: readonly number[], readonly outputSize: number, rng: Rng) {
    const [c, h, w] = shape as [number, number, number];
    this.channels = c;
    this.height = h;
    this.width = w;
    this.inputSize = c * h * w;
    const conv = (path: string, inC: number, outC: number, gain: number): PaddedConv => ({
      inC,
      outC,
      w: params.add(`${path}/kernel`, [3, 3, inC, outC], orthogonal(rng, 9 * inC, outC, gain)),
      b: params.add(`${path}/bias`, [outC], new Float32Array(outC)),
    });
    let inH = h;
    let inW = w;
    let inC = c;
    RESNET.channels.forEach((channels, s) => {
      const first = conv(`${name}/stack${s}/conv`, inC, channels, Math.SQRT2);
      const blocks: (readonly [PaddedConv, PaddedConv])[] = [];
      for (let k = 0; k < RESNET.blocks; k++) {
        blocks.push([conv(`${name}/stack${s}/block${k}/conv0`, channels, channels, 1), conv(`${name}/stack${s}/block${k}/conv1`, channels, channels, 1)]);
      }
      this.stacks.push({ conv: first, blocks });
      inH = validOutput(inH, RESNET.poolKernel, RESNET.poolStride);
      inW = validOutput(inW, RESNET.poolKernel, RESNET.poolStride);
      inC = channels;
    });
    this.dense = createDense(params, `${name}/dense`, inH * inW * inC, outputSize, rng, Math.SQRT2);
  }

  forwardTf(x: tf.Tensor2D): tf.Tensor2D {
    const batch = x.shape[0];
    const conv = (input: tf.Tensor4D, layer: PaddedConv): tf.Tensor4D => tf.add(conv2d(tf.pad(input, PAD), layer.w.variable as tf.Tensor4D, 1), layer.b.variable) as tf.Tensor4D;
    let h: tf.Tensor4D = imagesChannelsLast(x, this.channels, this.height, this.width);
    for (const stack of this.stacks) {
      h = tf.maxPool(conv(h, stack.conv), RESNET.poolKernel, RESNET.poolStride, 'valid');
      for (const [a, b] of stack.blocks) {
        const inner = conv(activateTf(conv(activateTf(h, 'swish'), a), 'swish'), b);
        h = tf.add(h, inner) as tf.Tensor4D;
      }
    }
    const flat = tf.reshape(activateTf(h, 'swish'), [batch, this.dense.inSize]) as tf.Tensor2D;
    return activateTf(denseTf(flat, this.dense), 'relu');
  }

  /** The tfjs forward, read back (no plain-array version of this network). */
  forwardHost(x: Float32Array, rows: number): Float32Array {
    const out = tf.tidy(() => this.forwardTf(tf.tensor2d(x, [rows, this.inputSize])));
    const values = Float32Array.from(out.dataSync() as Float32Array);
    out.dispose();
    return values;
  }

  describe(): ExportResNetEncoder {
    const conv = (c: PaddedConv): ExportConv => ({ kernel: 3, stride: 1, inChannels: c.inC, outChannels: c.outC, weights: Float32Array.from(c.w.host), bias: Float32Array.from(c.b.host) });
    return {
      kind: 'resnet',
      stacks: this.stacks.map((s) => ({ conv: conv(s.conv), blocks: s.blocks.map(([a, b]) => [conv(a), conv(b)] as const) })),
      poolKernel: RESNET.poolKernel,
      poolStride: RESNET.poolStride,
      dense: exportDense(this.dense),
    };
  }
}
