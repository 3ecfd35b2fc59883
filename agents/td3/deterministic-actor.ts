/**
 * TD3's and DDPG's actor: a deterministic policy μ(s) = tanh(MLP(s)), one output per continuous action component,
 * so its actions already lie in ML-Agents' action range [-1, 1] (the environment scales them, as the built-in
 * Pendulum does by max_torque). The last layer starts with a small gain so that μ starts near 0 rather than at
 * the saturated ends of tanh.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { ACTIVATIONS } from '../networks/activations.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from '../networks/network-settings.js';
import { ObservationEncoder } from '../networks/observation-encoder.js';
import { ParameterSet, type SavedParameter } from '../networks/parameters.js';

/** Gain of the actor's output layer (orthogonal init): small, so tanh starts in its linear range. */
export const ACTOR_HEAD_GAIN = 0.01;

export class DeterministicActor {
  readonly params = new ParameterSet();
  readonly settings: NetworkSettings;
  readonly observationSizes: readonly number[];
  readonly actionSize: number;
  private readonly encoder: ObservationEncoder;
  private readonly head: Dense;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    rng: Rng,
  ) {
    this.settings = { ...DEFAULT_NETWORK_SETTINGS, ...settings };
    const where = `actor for behavior "${spec.name}"`;
    validateContinuousNetwork(spec, this.settings, where);
    this.actionSize = spec.actionSpec.continuousSize;
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.encoder = new ObservationEncoder(this.params, 'pi', spec.observationSpecs, this.settings, rng, where);
    this.head = createDense(this.params, 'pi/mu', this.encoder.outputSize, this.actionSize, rng, ACTOR_HEAD_GAIN);
  }

  /** [B, size] per observation → μ(s) [B, C] in [-1, 1]. */
  forwardTf(observations: readonly tf.Tensor2D[]): tf.Tensor2D {
    return tf.tanh(denseTf(this.encoder.forwardTf(observations), this.head));
  }

  /** The same on the host copies: rows × C. */
  forwardHost(observations: readonly Float32Array[], rows: number): Float32Array {
    const out = denseHost(this.encoder.forwardHost(observations, rows), rows, this.head);
    for (let k = 0; k < out.length; k++) out[k] = Math.tanh(out[k]!);
    return out;
  }

  save(): SavedParameter[] {
    return this.params.save();
  }

  load(saved: readonly SavedParameter[], where: string): void {
    this.params.load(saved, where);
  }

  dispose(): void {
    this.params.dispose();
  }
}

/** Network settings a continuous-action network can be built with; refuses discrete branches. */
export function validateContinuousNetwork(spec: BehaviorSpec, settings: NetworkSettings, where: string): void {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ShivaError('SHIVA_ERR_NETWORK', `${where}: ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
  };
  if (!Number.isInteger(settings.hiddenUnits) || settings.hiddenUnits < 1) fail('hiddenUnits', 'an integer ≥ 1', settings.hiddenUnits);
  if (!Number.isInteger(settings.numLayers) || settings.numLayers < 0) fail('numLayers', 'an integer ≥ 0', settings.numLayers);
  if (!ACTIVATIONS.includes(settings.activation)) fail('activation', `one of ${ACTIVATIONS.join(', ')}`, settings.activation);
  if (spec.observationSpecs.length === 0) fail('observationSpecs', 'at least one observation', []);
  const { continuousSize, discreteBranches } = spec.actionSpec;
  if (!Number.isInteger(continuousSize) || continuousSize < 1) fail('actionSpec.continuousSize', 'an integer ≥ 1 (continuous actions)', continuousSize);
  if (discreteBranches.length !== 0) fail('actionSpec.discreteBranches', 'none (continuous actions only; use dqn, ppo or sac for discrete actions)', discreteBranches);
}
