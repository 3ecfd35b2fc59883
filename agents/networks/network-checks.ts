/**
 * The checks a network runs on its settings and behavior before it draws a single weight, and the one error they
 * throw (SHIVA_ERR_NETWORK, "<where>: <field>: expected <what>, got <value>"). Each network adds the checks of
 * the actions it can act on; the trunk and the continuous-action checks are shared here.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import { ACTIVATIONS, type Activation } from './activations.js';
import type { NetworkSettings } from './network-settings.js';

export type NetworkFailure = (field: string, expected: string, got: unknown) => never;

/** Throws the network error for `where` (a network and its behavior). */
export function networkFailure(where: string): NetworkFailure {
  return (field, expected, got) => {
    throw new ShivaError('SHIVA_ERR_NETWORK', `${where}: ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
  };
}

/** The MLP trunk every network has: hidden units ≥ 1, layers ≥ 0, a known activation. */
export function checkTrunk(trunk: { readonly hiddenUnits: number; readonly numLayers: number; readonly activation: Activation }, fail: NetworkFailure): void {
  if (!Number.isInteger(trunk.hiddenUnits) || trunk.hiddenUnits < 1) fail('hiddenUnits', 'an integer ≥ 1', trunk.hiddenUnits);
  if (!Number.isInteger(trunk.numLayers) || trunk.numLayers < 0) fail('numLayers', 'an integer ≥ 0', trunk.numLayers);
  if (!ACTIVATIONS.includes(trunk.activation)) fail('activation', `one of ${ACTIVATIONS.join(', ')}`, trunk.activation);
}

/** Network settings a continuous-action network (an actor, or a Q(s, a) critic) can be built with; refuses discrete branches. */
export function validateContinuousNetwork(spec: BehaviorSpec, settings: NetworkSettings, where: string): void {
  const fail = networkFailure(where);
  checkTrunk(settings, fail);
  if (spec.observationSpecs.length === 0) fail('observationSpecs', 'at least one observation', []);
  const { continuousSize, discreteBranches } = spec.actionSpec;
  if (!Number.isInteger(continuousSize) || continuousSize < 1) fail('actionSpec.continuousSize', 'an integer ≥ 1 (continuous actions)', continuousSize);
  if (discreteBranches.length !== 0) fail('actionSpec.discreteBranches', 'none (continuous actions only; use dqn, ppo or sac for discrete actions)', discreteBranches);
}
