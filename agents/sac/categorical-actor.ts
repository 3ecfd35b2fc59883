/**
 * Discrete SAC's actor (Christodoulou 2019): an MLP trunk and one logits head per branch (a slice of one
 * [B, Σ branches] output), each branch a categorical over its allowed actions. Masked actions (1 in the
 * environment's mask) get probability exactly 0, in acting, in the targets and in the loss.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { exportDense } from '../networks/export-layers.js';
import { MASKED_LOGIT, logSoftmaxSegment } from '../networks/distributions.js';
import { POLICY_HEAD_GAIN } from '../networks/init.js';
import { checkTrunk, networkFailure } from '../networks/network-checks.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from '../networks/network-settings.js';
import { ObservationEncoder } from '../networks/observation-encoder.js';
import { ParameterNetwork } from '../networks/parameter-network.js';

export class CategoricalActor extends ParameterNetwork {
  readonly settings: NetworkSettings;
  readonly observationSizes: readonly number[];
  readonly branches: readonly number[];
  readonly width: number;
  private readonly encoder: ObservationEncoder;
  private readonly head: Dense;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    rng: Rng,
  ) {
    super();
    this.settings = { ...DEFAULT_NETWORK_SETTINGS, ...settings };
    const where = `discrete SAC actor for behavior "${spec.name}"`;
    validateDiscrete(spec, this.settings, where);
    this.branches = [...spec.actionSpec.discreteBranches];
    this.width = this.branches.reduce((a, b) => a + b, 0);
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.encoder = new ObservationEncoder(this.params, 'pi', spec.observationSpecs, this.settings, rng, where, true);
    this.head = createDense(this.params, 'pi/logits', this.encoder.outputSize, this.width, rng, POLICY_HEAD_GAIN);
  }

  /**
   * Masked log-probabilities [B, Σ branches], each branch log-softmaxed on its own. `masks` (1 = not allowed)
   * are constants; a masked logit becomes MASKED_LOGIT, so its probability is 0 and its gradient is cut.
   */
  logProbsTf(observations: readonly tf.Tensor2D[], masks: tf.Tensor2D | null): tf.Tensor2D {
    return maskedLogSoftmaxTf(denseTf(this.encoder.forwardTf(observations), this.head), masks, this.branches);
  }

  /** Export data: the masked argmax per branch (deterministic), a draw from the masked softmax (stochastic). */
  describePolicy(): ExportablePolicy {
    const { observations, trunk } = this.encoder.describe(this.spec.observationSpecs, []);
    return { format: 'shiva-exportable-policy', version: 1, trainerType: 'sac', observations, trunk, discrete: { branches: [...this.branches], logits: exportDense(this.head), sample: true }, continuous: null };
  }

  /** The same on the host copies: rows × Σ branches log-probabilities (masked actions ≈ −1e8). */
  logProbsHost(observations: readonly Float32Array[], masks: Uint8Array | null, rows: number): Float32Array {
    return maskedLogSoftmax(denseHost(this.encoder.forwardHost(observations, rows), rows, this.head), masks, rows, this.branches);
  }
}

/** [B, Σ branches] logits and constant masks (1 = not allowed) → per-branch log-softmax; a masked logit becomes MASKED_LOGIT. */
export function maskedLogSoftmaxTf(logits: tf.Tensor2D, masks: tf.Tensor2D | null, branches: readonly number[]): tf.Tensor2D {
  const adjusted = masks ? (tf.add(tf.mul(logits, tf.sub(1, masks)), tf.mul(masks, MASKED_LOGIT)) as tf.Tensor2D) : logits;
  if (branches.length === 1) return tf.logSoftmax(adjusted);
  return tf.concat(tf.split(adjusted, [...branches], 1).map((b) => tf.logSoftmax(b)), 1) as tf.Tensor2D;
}

/** rows × Σ branches logits and masks (1 = not allowed) → per-branch log-softmax, masked entries at ≈ MASKED_LOGIT. */
export function maskedLogSoftmax(logits: Float32Array, masks: Uint8Array | null, rows: number, branches: readonly number[]): Float32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * width);
  const row = new Float64Array(width);
  const lp = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < width; k++) row[k] = masks && masks[r * width + k] ? MASKED_LOGIT : logits[r * width + k]!;
    let start = 0;
    for (const size of branches) {
      logSoftmaxSegment(row, start, size, lp);
      start += size;
    }
    for (let k = 0; k < width; k++) out[r * width + k] = lp[k]!;
  }
  return out;
}

/** The checks a discrete SAC network runs before it draws a weight. */
export function validateDiscrete(spec: BehaviorSpec, settings: NetworkSettings, where: string): void {
  const fail = networkFailure(where);
  checkTrunk(settings, fail);
  if (spec.observationSpecs.length === 0) fail('observationSpecs', 'at least one observation', []);
  const { continuousSize, discreteBranches } = spec.actionSpec;
  if (continuousSize !== 0) fail('actionSpec.continuousSize', '0 (discrete SAC; hybrid actions are not supported yet)', continuousSize);
  if (discreteBranches.length === 0 || discreteBranches.some((b) => !Number.isInteger(b) || b < 1)) fail('actionSpec.discreteBranches', 'at least one branch, each of size ≥ 1', discreteBranches);
}
