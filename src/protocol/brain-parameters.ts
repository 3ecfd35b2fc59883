/**
 * BrainParametersProto ↔ BehaviorSpec. The observation part of a spec comes from the first AgentInfo of the
 * behavior in the same message (as mlagents_envs does); the action part from action_spec, or from the
 * deprecated fields when action_spec is empty (peers older than API 1.3, and .demo files of api_version 1).
 */
import type { communicator_objects as co } from './generated/communicator.js';
import { observationSize, type ActionSpec, type BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import { observationSpecFromProto } from './observation-codec.js';
import { quotedName } from './limits.js';
import { checkAtMost, checkPositive, PROTOCOL_LIMITS } from './limits.js';

type BrainParameters = co.BrainParametersProto.$Properties;
type AgentInfo = co.AgentInfoProto.$Properties;

/**
 * The action spec a brain announces, every size checked against the protocol (non-negative, branches ≥ 1) and
 * Shiva's limits (limits.ts) before anything is sized by it.
 */
export function actionSpecFromBrainParameters(bp: BrainParameters, where: string): ActionSpec {
  const spec = bp.actionSpec;
  const continuousSize = spec?.numContinuousActions ?? 0;
  const branches = spec?.discreteBranchSizes ?? [];
  const brain = `${where}: brain "${bp.brainName}"`;
  if (continuousSize > 0 || (spec?.numDiscreteActions ?? 0) > 0) {
    if ((spec?.numDiscreteActions ?? 0) !== branches.length) {
      throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${brain} action_spec.discrete_branch_sizes: expected ${spec?.numDiscreteActions} sizes (num_discrete_actions), got ${branches.length}`);
    }
    return checkActionSpec({ continuousSize, discreteBranches: [...branches] }, `${brain} action_spec.num_continuous_actions`, `${brain} action_spec.discrete_branch_sizes`);
  }
  const legacy = bp.vectorActionSizeDeprecated ?? [];
  if (legacy.length === 0) return { continuousSize: 0, discreteBranches: [] };
  const field = `${brain} vector_action_size_deprecated`;
  return checkActionSpec(bp.vectorActionSpaceTypeDeprecated === 1 ? { continuousSize: legacy[0]!, discreteBranches: [] } : { continuousSize: 0, discreteBranches: [...legacy] }, `${field}[0]`, field);
}

function checkActionSpec(spec: ActionSpec, continuousField: string, branchesField: string): ActionSpec {
  if (!Number.isInteger(spec.continuousSize) || spec.continuousSize < 0) {
    throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${continuousField}: expected continuous size ≥ 0, got ${spec.continuousSize}`);
  }
  checkAtMost(spec.continuousSize, PROTOCOL_LIMITS.continuousActions, continuousField, 'continuous actions');
  let total = 0;
  spec.discreteBranches.forEach((size, i) => {
    checkPositive(size, PROTOCOL_LIMITS.branchSize, `${branchesField}[${i}]`, ' (branch sizes ≥ 1)');
    total += size;
  });
  checkAtMost(total, PROTOCOL_LIMITS.maskSize, `${branchesField} (Σ over ${spec.discreteBranches.length} branches, one agent's action mask)`, 'options in all');
  return spec;
}

/**
 * A behavior's spec: its observations from the first agent (each shape checked: rank 1–3, every dimension a
 * positive integer, the elements of one observation and of all of them within Shiva's limits), its actions from
 * the brain parameters.
 */
export function behaviorSpecFromProto(bp: BrainParameters, firstAgent: AgentInfo, where: string): BehaviorSpec {
  const name = bp.brainName ?? '';
  const observations = firstAgent.observations ?? [];
  const here = `${where}: behavior "${name}"`;
  checkAtMost(observations.length, PROTOCOL_LIMITS.observations, `${here} observations (of its first agent)`, 'sensors');
  const observationSpecs = observations.map((o, i) => observationSpecFromProto(o, `${here} observation #${i} ${quotedName(o.name ?? '')}`));
  let elements = 0;
  for (const o of observationSpecs) elements += observationSize(o);
  checkAtMost(elements, PROTOCOL_LIMITS.observationElements, `${here} observations (Σ over ${observationSpecs.length} sensors of one agent)`, 'floats per agent');
  return { name, observationSpecs, actionSpec: actionSpecFromBrainParameters(bp, where) };
}

/** What a Unity scene sends on a behavior's first appearance. The deprecated fields only for a trainer without hybridActions. */
export function brainParametersFromSpec(spec: BehaviorSpec, peerHasHybridActions = true): BrainParameters {
  const a = spec.actionSpec;
  const bp: BrainParameters = {
    brainName: spec.name,
    isTraining: true,
    actionSpec: { numContinuousActions: a.continuousSize, numDiscreteActions: a.discreteBranches.length, discreteBranchSizes: [...a.discreteBranches] },
  };
  if (!peerHasHybridActions) {
    if (a.continuousSize > 0 && a.discreteBranches.length > 0) {
      throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `behavior "${spec.name}": hybrid actions need a trainer with the hybridActions capability`);
    }
    bp.vectorActionSizeDeprecated = a.continuousSize > 0 ? [a.continuousSize] : [...a.discreteBranches];
    bp.vectorActionSpaceTypeDeprecated = a.continuousSize > 0 ? 1 : 0;
  }
  return bp;
}
