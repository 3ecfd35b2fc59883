/**
 * What a behavior observes and how it acts: the contract every environment, local or remote, states
 * once per behavior. Modelled on mlagents_envs' BehaviorSpec.
 */

/** Flags per observation dimension (ML-Agents DimensionPropertyProto values). */
export const DimensionProperty = {
  UNSPECIFIED: 0,
  NONE: 1,
  TRANSLATIONAL_EQUIVARIANCE: 2,
  VARIABLE_SIZE: 4,
} as const;

export const ObservationType = {
  DEFAULT: 0,
  GOAL_SIGNAL: 1,
} as const;
export type ObservationType = (typeof ObservationType)[keyof typeof ObservationType];

export interface ObservationSpec {
  /** Sensor name, e.g. "VectorSensor_size4" or "CameraSensor". */
  readonly name: string;
  /** Vector `[N]`, variable length `[maxNumObs, obsSize]`, visual `[C, H, W]`. */
  readonly shape: readonly number[];
  /** One flag per dimension; see DimensionProperty. */
  readonly dimensionProperties: readonly number[];
  readonly observationType: ObservationType;
}

export interface ActionSpec {
  readonly continuousSize: number;
  /** Size of each discrete branch; empty for purely continuous actions. */
  readonly discreteBranches: readonly number[];
}

export interface BehaviorSpec {
  /** Fully qualified name as on the wire: "Name?team=N". */
  readonly name: string;
  readonly observationSpecs: readonly ObservationSpec[];
  readonly actionSpec: ActionSpec;
}

/** Number of floats in one agent's observation of this spec. */
export function observationSize(spec: ObservationSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}

/** Σ branch sizes: the length of one agent's action mask. */
export function maskSize(actionSpec: ActionSpec): number {
  return actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
}

/** Default dimension properties for a shape, as a Unity sensor of that rank reports them. */
export function defaultDimensionProperties(shape: readonly number[]): number[] {
  if (shape.length === 3) {
    return [DimensionProperty.NONE, DimensionProperty.TRANSLATIONAL_EQUIVARIANCE, DimensionProperty.TRANSLATIONAL_EQUIVARIANCE];
  }
  if (shape.length === 2) return [DimensionProperty.VARIABLE_SIZE, DimensionProperty.NONE];
  return shape.map(() => DimensionProperty.NONE);
}

/** A vector observation spec named like Unity's CollectObservations sensor. */
export function vectorObservation(size: number, name = `VectorSensor_size${size}`): ObservationSpec {
  return { name, shape: [size], dimensionProperties: [DimensionProperty.NONE], observationType: ObservationType.DEFAULT };
}

/** Splits "Name?team=N" into its parts; a name without "?team=" is team 0. */
export function parseBehaviorName(fullName: string): { name: string; team: number } {
  const at = fullName.lastIndexOf('?team=');
  if (at < 0) return { name: fullName, team: 0 };
  const team = Number(fullName.slice(at + 6));
  return { name: fullName.slice(0, at), team: Number.isInteger(team) ? team : 0 };
}

export function behaviorKey(name: string, team: number): string {
  return `${name}?team=${team}`;
}
