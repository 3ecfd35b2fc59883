/**
 * Actions for a batch of agents of one behavior: continuous values and discrete branch choices, each flat
 * and row-major (agent-major). Validation says what was expected and what came, as mlagents_envs does.
 */
import type { ActionSpec } from './behavior-spec.js';
import { ShivaError } from '../errors.js';

export interface ActionTuple {
  /** count × continuousSize. */
  readonly continuous: Float32Array;
  /** count × number of branches. */
  readonly discrete: Int32Array;
}

export function emptyActions(spec: ActionSpec, count: number): ActionTuple {
  return { continuous: new Float32Array(count * spec.continuousSize), discrete: new Int32Array(count * spec.discreteBranches.length) };
}

/** Throws a ShivaError naming `where` unless `actions` fits `count` agents of `spec` with in-range branch values. */
export function validateActions(where: string, spec: ActionSpec, count: number, actions: ActionTuple): void {
  const expectContinuous = count * spec.continuousSize;
  const branches = spec.discreteBranches.length;
  if (!(actions.continuous instanceof Float32Array) || actions.continuous.length !== expectContinuous) {
    throw new ShivaError('SHIVA_ERR_ACTION_SHAPE', `${where}: continuous actions: expected ${count} agents × ${spec.continuousSize} = ${expectContinuous} float32 values, got ${describe(actions.continuous)}`);
  }
  if (!(actions.discrete instanceof Int32Array) || actions.discrete.length !== count * branches) {
    throw new ShivaError('SHIVA_ERR_ACTION_SHAPE', `${where}: discrete actions: expected ${count} agents × ${branches} branches = ${count * branches} int32 values, got ${describe(actions.discrete)}`);
  }
  for (let i = 0; i < actions.continuous.length; i++) {
    if (!Number.isFinite(actions.continuous[i])) {
      throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `${where}: continuous action of agent #${Math.floor(i / spec.continuousSize)} component ${i % spec.continuousSize}: expected a finite number, got ${actions.continuous[i]}`);
    }
  }
  for (let i = 0; i < actions.discrete.length; i++) {
    const size = spec.discreteBranches[i % branches]!;
    const value = actions.discrete[i]!;
    if (value < 0 || value >= size) {
      throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `${where}: discrete action of agent #${Math.floor(i / branches)} branch ${i % branches}: expected 0..${size - 1}, got ${value}`);
    }
  }
}

function describe(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name} of length ${(value as Float32Array).length}`;
  return value === undefined ? 'nothing' : typeof value;
}
