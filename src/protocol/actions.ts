/**
 * ActionTuple ↔ AgentActionProto lists. Like mlagents_envs, the trainer also fills the deprecated
 * vector_actions field (continuous values, then discrete values as floats); Unity ignores it.
 */
import type { communicator_objects as co } from './generated/communicator.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { ActionSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';

type AgentAction = co.AgentActionProto.$Properties;

export function encodeActions(actions: ActionTuple, spec: ActionSpec, count: number): AgentAction[] {
  const c = spec.continuousSize;
  const b = spec.discreteBranches.length;
  const out: AgentAction[] = new Array(count);
  for (let i = 0; i < count; i++) {
    // protobufjs writes repeated scalars by index, so typed-array views go in without copies.
    const continuous = actions.continuous.subarray(i * c, (i + 1) * c);
    const discrete = actions.discrete.subarray(i * b, (i + 1) * b);
    let deprecated: ArrayLike<number> = continuous;
    if (c === 0) deprecated = discrete;
    else if (b > 0) {
      const both = new Float32Array(c + b);
      both.set(continuous);
      both.set(discrete, c);
      deprecated = both;
    }
    out[i] = { vectorActionsDeprecated: deprecated as number[], continuousActions: continuous as unknown as number[], discreteActions: discrete as unknown as number[] };
  }
  return out;
}

/** The simulation side: one action per decision agent, in order, each of the spec's sizes. */
export function decodeActions(list: readonly AgentAction[], spec: ActionSpec, count: number, where: string): ActionTuple {
  if (list.length !== count) {
    throw new ShivaError('SHIVA_ERR_ACTION_SHAPE', `${where}: agent_actions: expected ${count} actions (one per agent that asked for a decision), got ${list.length}`);
  }
  const c = spec.continuousSize;
  const b = spec.discreteBranches.length;
  const continuous = new Float32Array(count * c);
  const discrete = new Int32Array(count * b);
  for (let i = 0; i < count; i++) {
    const action = list[i]!;
    let cont = action.continuousActions ?? [];
    let disc = action.discreteActions ?? [];
    // A pre-1.3 trainer fills only the deprecated field.
    if (cont.length === 0 && disc.length === 0 && (action.vectorActionsDeprecated?.length ?? 0) === c + b) {
      cont = action.vectorActionsDeprecated!.slice(0, c);
      disc = action.vectorActionsDeprecated!.slice(c).map(Math.round);
    }
    if (cont.length !== c) throw new ShivaError('SHIVA_ERR_ACTION_SHAPE', `${where}: action #${i} continuous_actions: expected ${c} values, got ${cont.length}`);
    if (disc.length !== b) throw new ShivaError('SHIVA_ERR_ACTION_SHAPE', `${where}: action #${i} discrete_actions: expected ${b} values (one per branch), got ${disc.length}`);
    continuous.set(cont, i * c);
    discrete.set(disc, i * b);
  }
  return { continuous, discrete };
}
