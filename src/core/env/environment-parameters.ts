/**
 * Values a trainer sets inside a simulation (ML-Agents' EnvironmentParameters side channel): a float, or a
 * sampler the simulation draws from each time it reads the key.
 */
export type EnvironmentParameter =
  | number
  | { readonly sampler: 'uniform'; readonly min: number; readonly max: number; readonly seed?: number }
  | { readonly sampler: 'gaussian'; readonly mean: number; readonly stddev: number; readonly seed?: number }
  | { readonly sampler: 'multirange_uniform'; readonly intervals: readonly (readonly [number, number])[]; readonly seed?: number };

/** ML-Agents' EngineConfiguration side channel. Each field is sent only when set. */
export interface EngineConfiguration {
  readonly width?: number;
  readonly height?: number;
  readonly qualityLevel?: number;
  /** Unity clamps it to [1, 100] in the Editor and ≥ 1 in players. */
  readonly timeScale?: number;
  readonly targetFrameRate?: number;
  readonly captureFrameRate?: number;
}

/** mlagents-learn's defaults. */
export const DEFAULT_ENGINE_CONFIGURATION: Required<EngineConfiguration> = {
  width: 84,
  height: 84,
  qualityLevel: 5,
  timeScale: 20,
  targetFrameRate: -1,
  captureFrameRate: 60,
};
