/**
 * The visual encoder of one image observation, of the type NetworkSettings.visEncodeType names (ML-Agents'
 * `vis_encode_type`; visual-encoder-types.ts lists them), after checking the image is large enough for it.
 */
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ParameterSet } from './parameters.js';
import { ResNetEncoder } from './resnet-encoder.js';
import { VisualEncoder, type ImageEncoder } from './visual-encoder.js';
import { checkVisualShape, type VisEncodeType } from './visual-encoder-types.js';

/** `shape` is the observation's [C, H, W]; `where` names the network and the observation in errors. */
export function createVisualEncoder(type: VisEncodeType, params: ParameterSet, name: string, shape: readonly number[], outputSize: number, rng: Rng, where: string): ImageEncoder {
  checkVisualShape(type, shape, where);
  return type === 'resnet' ? new ResNetEncoder(params, name, shape, outputSize, rng) : new VisualEncoder(params, name, shape, outputSize, rng, type);
}
