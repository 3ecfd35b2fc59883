/**
 * Everything between a behavior's observations and a feature vector: each observation encoded on its own (a
 * vector passes through as it is, already normalised; a [C, H, W] image goes through the visual encoder that
 * `settings.visEncodeType` names: create-visual-encoder.ts),
 * the encodings concatenated in spec order, then an MLP trunk of `numLayers` × `hiddenUnits`. ML-Agents'
 * NetworkBody has the same shape. Rank-2 observations ([maxNumObs, obsSize], ML-Agents' attention inputs) are
 * flattened and treated as vectors.
 *
 * Goal conditioning (ML-Agents' ConditionalEncoder with one conditional layer): when some observations are goal
 * signals (ObservationType.GOAL_SIGNAL) and settings.goalConditioningType is 'hyper' (the default), the trunk's
 * last layer is a HyperLayer whose weights come from the goals' encodings (hyper-layer.ts); every observation,
 * goals included, still enters the trunk as before. With 'none', or without goals, the trunk is plain.
 */
import * as tf from '@tensorflow/tfjs';
import { ObservationType, observationSize, type ObservationSpec } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { activateInPlace, activateTf } from './activations.js';
import type { ExportObservation, ExportTrunk } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseActivationTf, denseHost, type Dense } from './dense.js';
import { HyperLayer } from './hyper-layer.js';
import { exportObservation, exportTrunk } from './export-layers.js';
import type { NetworkSettings } from './network-settings.js';
import type { RunningNormalizer } from './normalizer.js';
import type { ParameterSet } from './parameters.js';
import { createVisualEncoder } from './create-visual-encoder.js';
import type { ImageEncoder } from './visual-encoder.js';

/** Observations of rank 3 are images; everything else is a vector. */
export function isVisual(spec: ObservationSpec): boolean {
  return spec.shape.length === 3;
}

export class ObservationEncoder {
  readonly outputSize: number;
  private readonly encodedSizes: number[];
  private readonly visual: (ImageEncoder | null)[];
  private readonly hidden: Dense[] = [];
  /** The goal-conditioned last layer, or null (no goal signals, or goal_conditioning_type none). */
  private readonly hyper: HyperLayer | null = null;
  /** Indices of the goal-signal observations (the hypernetwork's input), in spec order. */
  private readonly goals: number[];

  constructor(
    params: ParameterSet,
    name: string,
    specs: readonly ObservationSpec[],
    private readonly settings: NetworkSettings,
    rng: Rng,
    where: string,
    /**
     * True where every input is an observation, which no gradient needs to reach (actors, value critics, Q-networks
     * of observations): the first layer then skips its input gradient. False where an input is itself computed
     * from weights being trained (a critic reading the actor's actions).
     */
    private readonly inputsAreData = false,
  ) {
    this.visual = specs.map((spec, i) =>
      isVisual(spec) ? createVisualEncoder(settings.visEncodeType ?? 'simple', params, `${name}/visual${i}`, spec.shape, settings.hiddenUnits, rng, `${where}: observation #${i} "${spec.name}"`) : null,
    );
    this.encodedSizes = specs.map((spec, i) => this.visual[i]?.outputSize ?? observationSize(spec));
    this.goals = specs.flatMap((spec, i) => (spec.observationType === ObservationType.GOAL_SIGNAL ? [i] : []));
    const conditioned = this.goals.length > 0 && (settings.goalConditioningType ?? 'hyper') === 'hyper' && settings.numLayers > 0;
    let size = this.encodedSizes.reduce((a, b) => a + b, 0);
    for (let l = 0; l < settings.numLayers - (conditioned ? 1 : 0); l++) {
      this.hidden.push(createDense(params, `${name}/hidden${l}`, size, settings.hiddenUnits, rng, Math.SQRT2));
      size = settings.hiddenUnits;
    }
    if (conditioned) {
      const goalSize = this.goals.reduce((total, i) => total + this.encodedSizes[i]!, 0);
      this.hyper = new HyperLayer(params, `${name}/hidden${settings.numLayers - 1}`, size, settings.hiddenUnits, goalSize, settings.hiddenUnits, rng);
      size = settings.hiddenUnits;
    }
    this.outputSize = size;
  }

  /** The encoder as export data: each observation of `specs` with its normaliser (null: none), and the trunk. */
  describe(specs: readonly ObservationSpec[], normalizers: readonly (RunningNormalizer | null)[]): { observations: ExportObservation[]; trunk: ExportTrunk } {
    return {
      observations: specs.map((spec, i) => exportObservation(spec, normalizers[i] ?? null, this.visual[i]?.describe() ?? null)),
      trunk: { ...exportTrunk(this.hidden, this.settings.activation), hyper: this.hyper?.describe(this.goals) ?? null },
    };
  }

  /** One [B, size] tensor per observation (vectors already normalised) → [B, outputSize]. */
  forwardTf(inputs: readonly tf.Tensor2D[]): tf.Tensor2D {
    const encoded = inputs.map((x, i) => this.visual[i]?.forwardTf(x) ?? x);
    let h = encoded.length === 1 ? encoded[0]! : tf.concat(encoded, 1);
    // The first layer reads the observations themselves when no image encoder stands before it.
    let inputGradient = !(this.inputsAreData && this.visual.every((v) => v === null));
    for (const layer of this.hidden) {
      h = denseActivationTf(h, layer, this.settings.activation, { inputGradient });
      inputGradient = true;
    }
    if (this.hyper) {
      const goals = this.goals.map((i) => encoded[i]!);
      h = activateTf(this.hyper.forwardTf(h, goals.length === 1 ? goals[0]! : tf.concat(goals, 1)), this.settings.activation);
    }
    return h;
  }

  /** The same forward on plain arrays: one rows × size array per observation → rows × outputSize. */
  forwardHost(inputs: readonly Float32Array[], rows: number): Float32Array {
    const encoded = inputs.map((x, i) => this.visual[i]?.forwardHost(x, rows) ?? x);
    let h = encoded.length === 1 ? encoded[0]! : concatRows(encoded, this.encodedSizes, rows);
    for (const layer of this.hidden) {
      h = denseHost(h, rows, layer);
      activateInPlace(h, this.settings.activation);
    }
    if (this.hyper) {
      const goals = this.goals.map((i) => encoded[i]!);
      h = this.hyper.forwardHost(h, goals.length === 1 ? goals[0]! : concatRows(goals, this.goals.map((i) => this.encodedSizes[i]!), rows), rows);
      activateInPlace(h, this.settings.activation);
    }
    return h;
  }
}

function concatRows(parts: readonly Float32Array[], sizes: readonly number[], rows: number): Float32Array {
  const total = sizes.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * total);
  for (let r = 0; r < rows; r++) {
    let offset = r * total;
    parts.forEach((part, i) => {
      const size = sizes[i]!;
      out.set(part.subarray(r * size, (r + 1) * size), offset);
      offset += size;
    });
  }
  return out;
}
