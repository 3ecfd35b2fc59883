/**
 * What a learner will allocate, estimated from its behavior's spec and its settings before it is created, so that a
 * configuration that cannot fit (a 4096-wide, 64-deep network; a replay buffer of 10⁷ images) is refused with the
 * keys to change instead of exhausting memory later (src/training/memory-budget.ts checks the sum against the
 * budget). Each algorithm estimates its own (AlgorithmPlugin.estimateBytes) from the pieces here; a test holds the
 * estimates to the bytes real learners allocate.
 *
 * The figures are per element of what the code allocates:
 *   - a trained weight: 20 bytes (its tf.Variable and the host copy the acting path reads, Adam's two moments (on
 *     the host, or on the backend for large arrays: agents/networks/adam.ts), and the gradient of an update); a target network's weight: 8 (variable and host copy);
 *   - an update's activations: per sample, the inputs and every layer's output, about 3 floats each (the forward
 *     values, what the backward pass keeps, the gradient flowing back);
 *   - buffers: the typed arrays they are, plus V8's overhead per object where a buffer holds one per transition.
 */
import type { BehaviorSpec, ObservationSpec } from '../../src/core/env/behavior-spec.js';
import { ObservationType, observationSize } from '../../src/core/env/behavior-spec.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from '../networks/network-settings.js';
import { visualEncoderSize, type VisEncodeType } from '../networks/visual-encoder-types.js';

export const FLOAT_BYTES = 4;
/** A weight that is trained: tf.Variable + host copy + Adam's m and v + the update's gradient. */
export const TRAINED_WEIGHT_BYTES = 20;
/** A target network's weight: tf.Variable + host copy. */
export const TARGET_WEIGHT_BYTES = 8;
/** Floats an update keeps per activation value: forward value, what the backward pass keeps, the gradient. */
const ACTIVATION_COPIES = 3;

/** One thing a learner allocates, with the configuration keys that size it. */
export interface MemoryPart {
  /** "actor and critic networks", "replay buffer (buffer_size 50000 transitions)". */
  readonly what: string;
  readonly bytes: number;
  /** The keys that size it, as the configuration names them (`hyperparameters.buffer_size`, `network_settings.hidden_units`). */
  readonly keys: readonly string[];
}

export interface MemoryEstimate {
  /** Trainable weights (target copies not counted). */
  readonly parameters: number;
  readonly bytes: number;
  readonly parts: readonly MemoryPart[];
}

/** What the estimate needs to know besides the spec: how many agents feed the learner. */
export interface EstimateContext {
  /** Agents of the behaviors the learner serves, over every environment and area (0 when unknown). */
  readonly agents: number;
  /** The most agents of one group in one environment (MADDPG's team when team_size is 0); 1 when none share one. */
  readonly largestGroup: number;
}

export const NETWORK_KEYS = ['network_settings.hidden_units', 'network_settings.num_layers'] as const;

/** A partial NetworkSettings with the networks' defaults filled in (what every network constructor does). */
export function networkOf(settings: Partial<NetworkSettings>): NetworkSettings {
  return { ...DEFAULT_NETWORK_SETTINGS, ...settings };
}

export function denseWeights(inSize: number, outSize: number): number {
  return inSize * outSize + outSize;
}

/** Weights and per-sample activation floats of a stack of dense layers. */
export interface NetworkSize {
  readonly weights: number;
  /** Floats of activations per sample in one forward pass (inputs included). */
  readonly activations: number;
  readonly outputSize: number;
}

/** A plain MLP: `layers` hidden layers of `hidden` units from `input`, then a head of `output` (0: none). */
export function mlpSize(input: number, hidden: number, layers: number, output = 0): NetworkSize {
  let weights = 0;
  let activations = input;
  let size = input;
  for (let l = 0; l < layers; l++) {
    weights += denseWeights(size, hidden);
    activations += hidden;
    size = hidden;
  }
  if (output > 0) {
    weights += denseWeights(size, output);
    activations += output;
  }
  return { weights, activations, outputSize: output > 0 ? output : size };
}

/** The visual encoder of `type` (agents/networks/visual-encoder-types.ts) on one image of `shape`. */
function visualSize(type: VisEncodeType, shape: readonly number[], hidden: number): NetworkSize {
  return { ...visualEncoderSize(type, shape, hidden), outputSize: hidden };
}

/**
 * ObservationEncoder (agents/networks/observation-encoder.ts) over `specs`, plus a head of `output`: images
 * through visual encoders, vectors as they are, then the MLP trunk.
 */
export function encoderSize(specs: readonly ObservationSpec[], settings: Partial<NetworkSettings>, output = 0, extraInputs = 0): NetworkSize {
  const net = networkOf(settings);
  let weights = 0;
  let activations = 0;
  let input = extraInputs;
  for (const spec of specs) {
    if (spec.shape.length === 3) {
      const v = visualSize(net.visEncodeType, spec.shape, net.hiddenUnits);
      weights += v.weights;
      activations += v.activations;
      input += v.outputSize;
    } else {
      input += observationSize(spec);
    }
  }
  const trunk = mlpSize(input, net.hiddenUnits, net.numLayers, output);
  const hyper = hyperExtra(specs, net, input);
  return { weights: weights + trunk.weights + hyper.weights, activations: activations + trunk.activations + hyper.activations, outputSize: trunk.outputSize };
}

/**
 * What goal conditioning (agents/networks/hyper-layer.ts) adds to the plain trunk: the last layer's weights become a
 * hypernetwork (two layers of hiddenUnits on the goals, a generator of in × out weights per row) instead of one
 * dense layer; per sample the generated matrix is an activation too.
 */
export function hyperExtra(specs: readonly ObservationSpec[], net: Pick<NetworkSettings, 'hiddenUnits' | 'numLayers' | 'goalConditioningType'>, input: number): { weights: number; activations: number } {
  const goals = specs.filter((s) => s.observationType === ObservationType.GOAL_SIGNAL && s.shape.length !== 3);
  if (goals.length === 0 || (net.goalConditioningType ?? 'hyper') !== 'hyper' || net.numLayers < 1) return { weights: 0, activations: 0 };
  const h = net.hiddenUnits;
  const inSize = net.numLayers === 1 ? input : h;
  const goalSize = goals.reduce((n, s) => n + observationSize(s), 0);
  const weights = denseWeights(goalSize, h) + denseWeights(h, h) + denseWeights(h, inSize * h) + h - denseWeights(inSize, h);
  return { weights, activations: 2 * h + inSize * h };
}

/** Floats of one agent's observations (every observation flattened). */
export function observationFloats(spec: BehaviorSpec): number {
  return spec.observationSpecs.reduce((n, o) => n + observationSize(o), 0);
}

/** Σ branch sizes: the logits (and masks, and rule factors) of one decision. */
export function logitsSize(spec: BehaviorSpec): number {
  return spec.actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
}

/** Bytes of an update's activations: `perSample` floats per sample of every network it runs, over `batch` samples. */
export function activationBytes(batch: number, perSample: number): number {
  return batch * perSample * ACTIVATION_COPIES * FLOAT_BYTES;
}

/**
 * V8's overhead for one small typed array of its own (a JSArrayBuffer, its typed-array view and the backing
 * store's allocation) and for one plain object with a handful of fields: what a buffer that keeps one per
 * transition pays besides the values.
 */
export const TYPED_ARRAY_OVERHEAD_BYTES = 200;
export const OBJECT_OVERHEAD_BYTES = 120;

/** Sums parts into an estimate (`parameters`: the trainable weights the parts describe). */
/**
 * `threaded: true` (update-thread.ts): the replica in the update thread holds every network and optimiser again,
 * and the training batch it trains on (parts named "training batch…" or "the training batch…").
 */
export function withUpdateThread(estimate: MemoryEstimate, threaded: boolean | undefined): MemoryEstimate {
  if (!threaded) return estimate;
  const batch = estimate.parts.filter((p) => /^(the )?training batch/.test(p.what)).reduce((n, p) => n + p.bytes, 0);
  return memoryEstimate(estimate.parameters, [...estimate.parts, { what: 'threaded: the replica in the update thread (networks, optimisers) and the batch it trains on', bytes: estimate.parameters * TRAINED_WEIGHT_BYTES + batch, keys: ['threaded'] }]);
}

export function memoryEstimate(parameters: number, parts: readonly MemoryPart[]): MemoryEstimate {
  const kept = parts.filter((p) => p.bytes > 0);
  return { parameters, bytes: kept.reduce((n, p) => n + p.bytes, 0), parts: kept };
}

/** "1.5 GiB", "320 MiB", "12 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
