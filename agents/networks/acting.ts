/**
 * Acting: observations of a batch of agents → actions, log-probabilities and values. Small batches run the
 * plain-array forward (a tfjs op costs microseconds of dispatch, more than a 64-wide layer costs in plain
 * loops); large batches run the tfjs forward, and so does any batch with images (a convolution in plain loops costs
 * ~12× its wasm kernel: 92 against 7 ms of CPU for 8 of gridworld's 84×84×3 images through ML-Agents' 'simple'
 * encoders of actor and critic). Either way the distribution and the sampling below are the same
 * plain code, drawing from the caller's seeded Rng in a fixed order (per agent: branches, then continuous
 * components), so a seed gives the same actions whichever path ran.
 *
 * A policy with memory (network_settings.memory) always takes the plain-array path, one LSTM step per agent: the
 * caller gives each agent's memory before the decision (`memories`) and keeps the output's `memories`, the memory
 * after it; `memoriesBefore` rides with the output so the transition stores the memory it was chosen under.
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ActorCritic, HostOutputs } from './actor-critic.js';
import { isVisual } from './observation-encoder.js';
import {
  adjustLogit,
  argmaxSegment,
  combineFactors,
  envAction,
  gaussianLogProb,
  logSoftmaxSegment,
  sampleFromLogProbs,
} from './distributions.js';

/** Batches up to this size use the plain-array forward (see docs/tfjs-on-node.md for the crossover). */
export const FAST_PATH_MAX_BATCH = 32;

export type ForwardPath = 'auto' | 'fast' | 'tfjs';

export interface ActInput {
  readonly count: number;
  /** Raw observations, one count × size array per observation spec (as DecisionSteps holds them). */
  readonly observations: readonly Float32Array[];
  /** count × Σ branches, 1 = NOT allowed (DecisionSteps.actionMasks). */
  readonly actionMasks?: Uint8Array | null;
  /** count × Σ branches, ≥ 0: multipliers of the policy's probabilities from rules (0 = veto). */
  readonly ruleFactors?: Float32Array | null;
  /** count × memoryWidth: each agent's memory before this decision (null: zeros); read only with memory. */
  readonly memories?: Float32Array | null;
}

export interface ActOptions {
  /** Greedy: the most probable discrete action and the Gaussian mean; draws nothing from the Rng. */
  readonly deterministic?: boolean;
  readonly path?: ForwardPath;
  readonly fastPathMaxBatch?: number;
}

export interface ActOutput {
  readonly count: number;
  /** count × continuousSize: what the environment receives (clipped; see NetworkSettings.actionClip). */
  readonly continuous: Float32Array;
  /** count × continuousSize: the unclipped samples, whose log-probability is logProbs; what training evaluates. */
  readonly continuousRaw: Float32Array;
  /** count × branches. */
  readonly discrete: Int32Array;
  /** log π'(a|s), summed over branches and components, π' being the factor-combined policy. */
  readonly logProbs: Float32Array;
  readonly values: Float32Array;
  /** count × Σ branches: the combined per-branch probabilities actions were drawn from. */
  readonly probs: Float32Array;
  /** count × continuousSize Gaussian means, and the shared clamped log-std. */
  readonly means: Float32Array;
  readonly logStd: Float32Array;
  /** The combined factors (1 − mask)·f used; store them with the transition. Null when all were 1. */
  readonly factors: Float32Array | null;
  readonly path: 'fast' | 'tfjs';
  /** With memory: count × memoryWidth, each agent's memory before (`memoriesBefore`) and after (`memories`) acting. */
  readonly memoriesBefore?: Float32Array;
  readonly memories?: Float32Array;
}

export function act(policy: ActorCritic, input: ActInput, rng: Rng, options: ActOptions = {}): ActOutput {
  const { count } = input;
  checkObservations(policy, input.observations, count);
  const path = policy.memoryWidth > 0 ? 'fast' : resolvePath(options, count, policy);
  const memoriesBefore = policy.memoryWidth > 0 ? (input.memories ?? new Float32Array(count * policy.memoryWidth)) : null;
  const outputs = networkOutputs(policy, policy.normalizeObservations(input.observations, count), count, path, { policy: true, value: true }, memoriesBefore);
  const factors = combineFactors(count, policy.logitsSize, input.actionMasks, input.ruleFactors);
  const deterministic = options.deterministic ?? false;

  const nb = policy.branches.length;
  const S = policy.logitsSize;
  const C = policy.continuousSize;
  const discrete = new Int32Array(count * nb);
  const probs = new Float32Array(count * S);
  const continuous = new Float32Array(count * C);
  const continuousRaw = new Float32Array(count * C);
  const logProbs = new Float32Array(count);
  const logStd = policy.logStdHost();
  const adjusted = new Float64Array(S);
  const lp = new Float64Array(S);

  for (let r = 0; r < count; r++) {
    let total = 0;
    if (outputs.logits) {
      for (let k = 0; k < S; k++) adjusted[k] = factors ? adjustLogit(outputs.logits[r * S + k]!, factors[r * S + k]!) : outputs.logits[r * S + k]!;
      let start = 0;
      for (let b = 0; b < nb; b++) {
        const size = policy.branches[b]!;
        logSoftmaxSegment(adjusted, start, size, lp);
        const choice = deterministic ? argmaxSegment(lp, start, size) : sampleFromLogProbs(lp, start, size, rng);
        discrete[r * nb + b] = choice;
        total += lp[start + choice]!;
        start += size;
      }
      for (let k = 0; k < S; k++) probs[r * S + k] = Math.exp(lp[k]!);
    }
    if (outputs.means) {
      for (let c = 0; c < C; c++) {
        const mean = outputs.means[r * C + c]!;
        const ls = logStd[c]!;
        const sample = deterministic ? mean : mean + Math.exp(ls) * rng.normal();
        continuousRaw[r * C + c] = sample;
        continuous[r * C + c] = envAction(sample, policy.settings.actionClip);
        total += gaussianLogProb(Math.fround(sample), mean, ls);
      }
    }
    logProbs[r] = total;
  }
  return {
    count,
    continuous,
    continuousRaw,
    discrete,
    logProbs,
    values: outputs.values!,
    probs,
    means: outputs.means ?? new Float32Array(0),
    logStd,
    factors,
    path,
    ...(memoriesBefore ? { memoriesBefore, memories: outputs.memories ?? new Float32Array(0) } : {}),
  };
}

/**
 * V(s) for raw observations: the bootstrap value of a final observation, for instance. With memory, `memories`
 * (count × memoryWidth) is each agent's memory before this observation.
 */
export function predictValues(policy: ActorCritic, observations: readonly Float32Array[], count: number, options: Pick<ActOptions, 'path' | 'fastPathMaxBatch'> = {}, memories: Float32Array | null = null): Float32Array {
  checkObservations(policy, observations, count);
  const path = policy.memoryWidth > 0 ? 'fast' : resolvePath(options, count, policy);
  return networkOutputs(policy, policy.normalizeObservations(observations, count), count, path, { policy: false, value: true }, memories).values!;
}

/** The head outputs for normalised observations through one path; exported for the fast-vs-tfjs test. */
export function networkOutputs(policy: ActorCritic, normalized: readonly Float32Array[], count: number, path: 'fast' | 'tfjs', heads: { policy: boolean; value: boolean }, memories: Float32Array | null = null): HostOutputs {
  if (count === 0) {
    return {
      logits: policy.logitsSize > 0 && heads.policy ? new Float32Array(0) : null,
      means: policy.continuousSize > 0 && heads.policy ? new Float32Array(0) : null,
      values: heads.value ? new Float32Array(0) : null,
    };
  }
  if (path === 'fast' || policy.memoryWidth > 0) return policy.forwardHost(normalized, count, heads, memories);
  // Tensors leave the tidy and are read outside it (reading typed arrays inside tidy is the slow trap).
  const tensors: tf.Tensor[] = tf.tidy(() => {
    const inputs = normalized.map((obs, i) => tf.tensor2d(obs, [count, policy.observationSizes[i]!]));
    if (!heads.policy) return [policy.valueTf(inputs)];
    const out = policy.forwardTf(inputs);
    const list: tf.Tensor[] = [];
    if (out.logits) list.push(out.logits);
    if (out.mean) list.push(out.mean);
    if (heads.value) list.push(out.value);
    return list;
  });
  const read = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose(tensors);
  if (!heads.policy) return { logits: null, means: null, values: read[0]! };
  let i = 0;
  const logits = policy.logitsSize > 0 ? read[i++]! : null;
  const means = policy.continuousSize > 0 ? read[i++]! : null;
  const values = heads.value ? read[i]! : null;
  return { logits, means, values };
}

function resolvePath(options: Pick<ActOptions, 'path' | 'fastPathMaxBatch'>, count: number, policy: ActorCritic): 'fast' | 'tfjs' {
  const path = options.path ?? 'auto';
  if (path !== 'auto') return path;
  if (policy.spec.observationSpecs.some(isVisual)) return 'tfjs';
  return count <= (options.fastPathMaxBatch ?? FAST_PATH_MAX_BATCH) ? 'fast' : 'tfjs';
}

function checkObservations(policy: ActorCritic, observations: readonly Float32Array[], count: number): void {
  const specs = policy.spec.observationSpecs;
  if (observations.length !== specs.length) {
    throw new ShivaError('SHIVA_ERR_OBSERVATION', `policy for behavior "${policy.spec.name}": observations: expected ${specs.length} arrays (one per observation spec), got ${observations.length}`);
  }
  observations.forEach((obs, i) => {
    const expected = count * policy.observationSizes[i]!;
    if (obs.length !== expected) {
      throw new ShivaError('SHIVA_ERR_OBSERVATION', `policy for behavior "${policy.spec.name}": observation #${i} "${specs[i]!.name}": expected ${count} agents × ${policy.observationSizes[i]} = ${expected} floats, got ${obs.length}`);
    }
  });
}
