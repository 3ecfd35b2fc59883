/**
 * Shiva's layers as the plain data of an ExportablePolicy (src/protocol/onnx/exportable-policy.ts): copies of the
 * host weights, so that an export never aliases what training goes on updating.
 */
import type { ObservationSpec } from '../../src/core/env/behavior-spec.js';
import type { ExportDense, ExportObservation, ExportTrunk, ExportVisualEncoder } from '../../src/protocol/onnx/exportable-policy.js';
import { LEAKY_SLOPE, type Activation } from './activations.js';
import type { Dense } from './dense.js';
import { NORMALIZER_CLIP, type RunningNormalizer } from './normalizer.js';

export function exportDense(layer: Dense): ExportDense {
  return { inSize: layer.inSize, outSize: layer.outSize, kernel: Float32Array.from(layer.w.host), bias: Float32Array.from(layer.b.host) };
}

export function exportTrunk(hidden: readonly Dense[], activation: Activation): ExportTrunk {
  return { hidden: hidden.map(exportDense), activation, leakySlope: LEAKY_SLOPE };
}

/** One observation: its name and shape, its normaliser's statistics (if any), its visual encoder (if any). */
export function exportObservation(spec: ObservationSpec, normalizer: RunningNormalizer | null, visual: ExportVisualEncoder | null): ExportObservation {
  const stats = normalizer?.statistics() ?? null;
  return {
    name: spec.name,
    shape: [...spec.shape],
    normalizer: stats ? { mean: Float32Array.from(stats.mean), invStd: Float32Array.from(stats.invStd), clip: NORMALIZER_CLIP } : null,
    visual,
  };
}
