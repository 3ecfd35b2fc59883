/**
 * BrainParametersProto ↔ BehaviorSpec. The observation part of a spec comes from the first AgentInfo of the
 * behavior in the same message (as mlagents_envs does); the action part from action_spec, or from the
 * deprecated fields when action_spec is empty (peers older than API 1.3, and .demo files of api_version 1).
 */
import type { communicator_objects as co } from './generated/communicator.js';
import type { ActionSpec, BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import { observationSpecFromProto } from './observation-codec.js';

type BrainParameters = co.BrainParametersProto.$Properties;
type AgentInfo = co.AgentInfoProto.$Properties;

export function actionSpecFromBrainParameters(bp: BrainParameters, where: string): ActionSpec {
  const spec = bp.actionSpec;
  const continuousSize = spec?.numContinuousActions ?? 0;
  const branches = spec?.discreteBranchSizes ?? [];
  if (continuousSize > 0 || (spec?.numDiscreteActions ?? 0) > 0) {
    if ((spec?.numDiscreteActions ?? 0) !== branches.length) {
      throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${where}: brain "${bp.brainName}" action_spec.discrete_branch_sizes: expected ${spec?.numDiscreteActions} sizes (num_discrete_actions), got ${branches.length}`);
    }
    return checkActionSpec({ continuousSize, discreteBranches: [...branches] }, bp, where);
  }
  const legacy = bp.vectorActionSizeDeprecated ?? [];
  if (legacy.length === 0) return { continuousSize: 0, discreteBranches: [] };
  return checkActionSpec(bp.vectorActionSpaceTypeDeprecated === 1 ? { continuousSize: legacy[0]!, discreteBranches: [] } : { continuousSize: 0, discreteBranches: [...legacy] }, bp, where);
}

function checkActionSpec(spec: ActionSpec, bp: BrainParameters, where: string): ActionSpec {
  if (spec.continuousSize < 0 || spec.discreteBranches.some((b) => !(b >= 1))) {
    throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${where}: brain "${bp.brainName}" action spec: expected continuous size ≥ 0 and branch sizes ≥ 1, got ${spec.continuousSize} and [${spec.discreteBranches.join(', ')}]`);
  }
  return spec;
}

export function behaviorSpecFromProto(bp: BrainParameters, firstAgent: AgentInfo, where: string): BehaviorSpec {
  const name = bp.brainName ?? '';
  return {
    name,
    observationSpecs: (firstAgent.observations ?? []).map((o, i) => observationSpecFromProto(o, `${where}: behavior "${name}" observation ${i}`)),
    actionSpec: actionSpecFromBrainParameters(bp, where),
  };
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
