/**
 * ML-Agents' visual encoders (release 21, `vis_encode_type`), as data: their names, the smallest image each
 * accepts, and the layers of each. The classes that build them are visual-encoder.ts (the plain convolution
 * stacks: simple, nature_cnn, match3, and fully_connected, a stack of none) and resnet-encoder.ts.
 *
 * | type            | layers (ML-Agents' torch_entities/encoders.py)                                           | min side |
 * |-----------------|-------------------------------------------------------------------------------------------|----------|
 * | simple          | conv 8×8/4 ×16, conv 4×4/2 ×32 ('valid', leaky ReLU each), dense, leaky ReLU               | 20       |
 * | nature_cnn      | conv 8×8/4 ×32, conv 4×4/2 ×64, conv 3×3/1 ×64 ('valid', leaky ReLU each), dense, leaky ReLU | 36     |
 * | match3          | conv 3×3/1 ×35, conv 3×3/1 ×144 ('valid', leaky ReLU each), dense, leaky ReLU (King's CNN) | 5        |
 * | fully_connected | the flattened image, dense, leaky ReLU                                                     | 1        |
 * | resnet          | 3 stacks of 16, 32, 32 channels: conv 3×3/1 padded 1, max-pool 3×3/2, 2 residual blocks    | 15       |
 * |                 | (x + conv(swish(conv(swish(x))))), then swish, dense, ReLU                                  |          |
 *
 * The minimums are ML-Agents' `ModelUtils.MIN_RESOLUTION_FOR_ENCODER`, checked on both height and width.
 */
import { ShivaError } from '../../src/core/errors.js';

export type VisEncodeType = 'simple' | 'nature_cnn' | 'resnet' | 'match3' | 'fully_connected';
export const VIS_ENCODE_TYPES: readonly VisEncodeType[] = ['simple', 'nature_cnn', 'resnet', 'match3', 'fully_connected'];

/** The smallest height and width each encoder accepts (ML-Agents' MIN_RESOLUTION_FOR_ENCODER). */
export const MIN_RESOLUTION: Readonly<Record<VisEncodeType, number>> = {
  fully_connected: 1,
  match3: 5,
  simple: 20,
  nature_cnn: 36,
  resnet: 15,
};

/** [kernel, stride, filters] of one 'valid' convolution. */
export type ConvSpec = readonly [kernel: number, stride: number, filters: number];

/** The convolutions of each plain stack, leaky ReLU after each; fully_connected has none. */
export const CONV_STACKS: Readonly<Record<Exclude<VisEncodeType, 'resnet'>, readonly ConvSpec[]>> = {
  simple: [
    [8, 4, 16],
    [4, 2, 32],
  ],
  nature_cnn: [
    [8, 4, 32],
    [4, 2, 64],
    [3, 1, 64],
  ],
  match3: [
    [3, 1, 35],
    [3, 1, 144],
  ],
  fully_connected: [],
};

/** ResNet: channels of each stack, residual blocks per stack, the max-pool's kernel and stride. */
export const RESNET = { channels: [16, 32, 32], blocks: 2, poolKernel: 3, poolStride: 2 } as const;

export function isVisEncodeType(value: unknown): value is VisEncodeType {
  return typeof value === 'string' && (VIS_ENCODE_TYPES as readonly string[]).includes(value);
}

/** Output side of a 'valid' convolution or pooling window. */
export function validOutput(size: number, kernel: number, stride: number): number {
  return Math.floor((size - kernel) / stride) + 1;
}

/**
 * Refuses an image smaller than `type` accepts: "<where>: visual observation shape [C, H, W]: the 'nature_cnn'
 * encoder needs images of at least 36×36, got 20×20" (SHIVA_ERR_NETWORK).
 */
export function checkVisualShape(type: VisEncodeType, shape: readonly number[], where: string): void {
  if (!isVisEncodeType(type)) {
    throw new ShivaError('SHIVA_ERR_NETWORK', `${where}: visEncodeType: expected one of ${VIS_ENCODE_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  }
  const [, h, w] = shape as [number, number, number];
  const min = MIN_RESOLUTION[type];
  if (h < min || w < min) {
    throw new ShivaError('SHIVA_ERR_NETWORK', `${where}: visual observation shape [${shape.join(', ')}]: the '${type}' encoder needs images of at least ${min}×${min}, got ${h}×${w}`);
  }
}

/** Weights and activations (floats per image) of an encoder, for memory estimates. */
export function visualEncoderSize(type: VisEncodeType, shape: readonly number[], outputSize: number): { weights: number; activations: number } {
  const [c, h, w] = shape as [number, number, number];
  let inH = h;
  let inW = w;
  let inC = c;
  let weights = 0;
  let activations = c * h * w;
  if (type === 'resnet') {
    for (const channels of RESNET.channels) {
      weights += 9 * inC * channels + channels + RESNET.blocks * 2 * (9 * channels * channels + channels);
      activations += inH * inW * channels * (1 + 4 * RESNET.blocks);
      inH = Math.max(1, validOutput(inH, RESNET.poolKernel, RESNET.poolStride));
      inW = Math.max(1, validOutput(inW, RESNET.poolKernel, RESNET.poolStride));
      inC = channels;
    }
  } else {
    for (const [kernel, stride, filters] of CONV_STACKS[type]) {
      inH = Math.max(1, validOutput(inH, kernel, stride));
      inW = Math.max(1, validOutput(inW, kernel, stride));
      weights += kernel * kernel * inC * filters + filters;
      activations += inH * inW * filters;
      inC = filters;
    }
  }
  weights += inH * inW * inC * outputSize + outputSize;
  activations += outputSize;
  return { weights, activations };
}
