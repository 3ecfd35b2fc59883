/**
 * Learners of every algorithm with random weights and normalisers (a fresh network's policy heads start near zero,
 * which would make any comparison easy), random observations and masks, and the ONNX session of a learner's export.
 */
import * as ort from 'onnxruntime-node';
import type { Learner, LearnerState } from '../../../agents/plugin/learner.js';
import { resolveHyperparameters } from '../../../agents/plugin/hyperparameter-table.js';
import { algorithmOf } from '../../../agents/registry.js';
import { vectorObservation, type BehaviorSpec, type ObservationSpec } from '../../../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../../../src/core/env/steps.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { policyToOnnx } from '../../../src/protocol/onnx/index.js';

export function imageObservation(shape: readonly [number, number, number]): ObservationSpec {
  return { name: 'CameraSensor', shape, dimensionProperties: [1, 2, 2], observationType: 0 };
}

/** A vector observation of type GOAL_SIGNAL (goal_conditioning_type hyper conditions the trunk on it). */
export function goalObservation(size: number): ObservationSpec {
  return { ...vectorObservation(size), name: 'GoalSensor', observationType: 1 };
}

export { vectorObservation };

export interface LearnerCase {
  readonly name: string;
  readonly trainerType: string;
  readonly spec: BehaviorSpec;
  readonly hyperparameters?: Record<string, unknown>;
  readonly network?: Record<string, unknown>;
}

/** A learner of the case's algorithm whose every weight and normaliser is random (seeded). */
export function randomLearner(c: LearnerCase, seed = 7): Learner {
  const plugin = algorithmOf(c.trainerType)!;
  const hyperparameters = resolveHyperparameters(plugin.schema, c.hyperparameters ?? {}, c.trainerType);
  const learner = plugin.createLearner!(c.spec, { id: c.name, hyperparameters, network: { hiddenUnits: 16, numLayers: 2, ...c.network }, maxSteps: 1000, rewardStrength: 1 }, new RunSeeds(seed));
  const rng = new Rng(seed + 1);
  learner.load(perturb(learner.save(), rng) as LearnerState, 'random weights');
  return learner;
}

/** Every saved parameter ({name, shape, values}) gets random values of a fan-in scale; every normaliser random statistics. */
function perturb(value: unknown, rng: Rng): unknown {
  if (Array.isArray(value)) return value.map((v) => perturb(v, rng));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o['name'] === 'string' && Array.isArray(o['shape']) && Array.isArray(o['values'])) {
    const shape = o['shape'] as number[];
    const fanIn = shape.length >= 2 ? shape.slice(0, -1).reduce((a, b) => a * b, 1) : 4;
    const scale = 1.5 / Math.sqrt(fanIn);
    return { ...o, values: (o['values'] as number[]).map(() => (rng.next() * 2 - 1) * scale) };
  }
  if (typeof o['count'] === 'number' && Array.isArray(o['mean']) && Array.isArray(o['m2'])) {
    const count = 100;
    return { count, mean: (o['mean'] as number[]).map(() => rng.next() * 2 - 1), m2: (o['m2'] as number[]).map(() => count * (0.25 + rng.next() * 2)) };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, perturb(v, rng)]));
}

/** `count` agents' random observations (vectors in ±3, images in [0, 1]) and masks with at least one allowed action per branch. */
export function randomSteps(spec: BehaviorSpec, count: number, rng: Rng): DecisionSteps {
  const observations = spec.observationSpecs.map((o) => {
    const size = o.shape.reduce((a, b) => a * b, 1);
    return Float32Array.from({ length: count * size }, () => (o.shape.length === 3 ? rng.next() : (rng.next() * 2 - 1) * 3));
  });
  const branches = spec.actionSpec.discreteBranches;
  const width = branches.reduce((a, b) => a + b, 0);
  let actionMasks: Uint8Array | null = null;
  if (width > 0) {
    actionMasks = new Uint8Array(count * width);
    for (let r = 0; r < count; r++) {
      let offset = r * width;
      for (const size of branches) {
        const keep = Math.floor(rng.next() * size);
        for (let a = 0; a < size; a++) actionMasks[offset + a] = a !== keep && rng.next() < 0.4 ? 1 : 0;
        offset += size;
      }
    }
  }
  return { count, agentIds: Int32Array.from({ length: count }, (_, i) => i), observations, rewards: new Float32Array(count), groupIds: new Int32Array(count), groupRewards: new Float32Array(count), actionMasks };
}

/** The learner's deterministic actions for `steps`, as the decision pipeline asks for them in evaluation. */
export function shivaActions(learner: Learner, steps: DecisionSteps): { continuous: Float32Array; discrete: Int32Array } {
  const { policy } = learner.acting(false);
  const parts = [{ source: 0, decisionSteps: steps, terminalSteps: { count: 0, agentIds: new Int32Array(0), observations: steps.observations.map(() => new Float32Array(0)), rewards: new Float32Array(0), interrupted: new Uint8Array(0), groupIds: new Int32Array(0), groupRewards: new Float32Array(0) } }];
  policy.prepare?.(parts);
  const out = policy.act(steps, { deterministic: true, learning: false, withRules: false, rows: [{ source: 0, offset: 0, count: steps.count }] });
  return { continuous: out.continuous, discrete: out.discrete };
}

export function exportBytes(learner: Learner, behavior = 'Toy'): Uint8Array {
  return policyToOnnx(learner.exportPolicy!()!, { producerVersion: '0.1.0', behavior });
}

/** Runs the model on `steps` (masks turned to ML-Agents' 1 = allowed). */
export async function runOnnx(bytes: Uint8Array, spec: BehaviorSpec, steps: DecisionSteps): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  spec.observationSpecs.forEach((o, i) => {
    feeds[`obs_${i}`] = new ort.Tensor('float32', steps.observations[i]!, [steps.count, ...o.shape]);
  });
  if (steps.actionMasks) feeds['action_masks'] = new ort.Tensor('float32', Float32Array.from(steps.actionMasks, (m) => 1 - m), [steps.count, steps.actionMasks.length / steps.count]);
  const out = await session.run(feeds);
  await session.release();
  return out;
}
