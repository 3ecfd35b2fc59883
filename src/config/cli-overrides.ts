/**
 * `shiva train` flags as values in the configuration tree, each marked with its flag, so they win over the file
 * (as in mlagents-learn) and are checked, and reported, exactly like the file's values. Boolean flags can only
 * turn a setting on (`--resume`, `--force`), as store_true flags do in mlagents-learn.
 */
import type { CliOverrides } from './run-config.js';
import { setOverride, type MapNode, type Scalar } from './source-tree.js';

/** Each override: its field in CliOverrides, its flag, and the key path it sets. */
export const OVERRIDES: readonly { readonly field: keyof CliOverrides; readonly flag: string; readonly path: readonly string[] }[] = [
  { field: 'runId', flag: '--run-id', path: ['checkpoint_settings', 'run_id'] },
  { field: 'resume', flag: '--resume', path: ['checkpoint_settings', 'resume'] },
  { field: 'force', flag: '--force', path: ['checkpoint_settings', 'force'] },
  { field: 'resultsDir', flag: '--results-dir', path: ['checkpoint_settings', 'results_dir'] },
  { field: 'initializeFrom', flag: '--initialize-from', path: ['checkpoint_settings', 'initialize_from'] },
  { field: 'env', flag: '--env', path: ['env_settings', 'env_path'] },
  { field: 'numEnvs', flag: '--num-envs', path: ['env_settings', 'num_envs'] },
  { field: 'basePort', flag: '--base-port', path: ['env_settings', 'base_port'] },
  { field: 'seed', flag: '--seed', path: ['env_settings', 'seed'] },
  { field: 'backend', flag: '--backend', path: ['shiva', 'backend'] },
  { field: 'envWorkers', flag: '--env-workers', path: ['shiva', 'env_workers'] },
  { field: 'numAreas', flag: '--num-areas', path: ['env_settings', 'num_areas'] },
  { field: 'timeoutWait', flag: '--timeout-wait', path: ['env_settings', 'timeout_wait'] },
  { field: 'envArgs', flag: '--env-args', path: ['env_settings', 'env_args'] },
  { field: 'maxLifetimeRestarts', flag: '--max-lifetime-restarts', path: ['env_settings', 'max_lifetime_restarts'] },
  { field: 'restartsRateLimitN', flag: '--restarts-rate-limit-n', path: ['env_settings', 'restarts_rate_limit_n'] },
  { field: 'restartsRateLimitPeriodS', flag: '--restarts-rate-limit-period-s', path: ['env_settings', 'restarts_rate_limit_period_s'] },
  { field: 'width', flag: '--width', path: ['engine_settings', 'width'] },
  { field: 'height', flag: '--height', path: ['engine_settings', 'height'] },
  { field: 'qualityLevel', flag: '--quality-level', path: ['engine_settings', 'quality_level'] },
  { field: 'timeScale', flag: '--time-scale', path: ['engine_settings', 'time_scale'] },
  { field: 'targetFrameRate', flag: '--target-frame-rate', path: ['engine_settings', 'target_frame_rate'] },
  { field: 'captureFrameRate', flag: '--capture-frame-rate', path: ['engine_settings', 'capture_frame_rate'] },
  { field: 'noGraphics', flag: '--no-graphics', path: ['engine_settings', 'no_graphics'] },
  { field: 'debug', flag: '--debug', path: ['debug'] },
  { field: 'inference', flag: '--inference', path: ['checkpoint_settings', 'inference'] },
  { field: 'load', flag: '--load', path: ['checkpoint_settings', 'load_model'] },
  { field: 'train', flag: '--train', path: ['checkpoint_settings', 'train_model'] },
  { field: 'torchDevice', flag: '--torch-device', path: ['torch_settings', 'device'] },
];

/** --deterministic sets this under every behavior in the file (and default_settings), as mlagents-learn does. */
const DETERMINISTIC = { flag: '--deterministic', path: ['network_settings', 'deterministic'] } as const;

export function applyOverrides(root: MapNode, overrides: CliOverrides): void {
  for (const { field, flag, path } of OVERRIDES) {
    const value: unknown = overrides[field];
    if (value === undefined || value === false) continue;
    const origin = { kind: 'cli', flag } as const;
    if (Array.isArray(value)) {
      // --env-args: a list, as the file writes it.
      setOverride(root, path, { kind: 'seq', items: value.map((v: unknown) => ({ kind: 'scalar', value: String(v), origin })), origin });
      continue;
    }
    const scalar: Scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
    setOverride(root, path, { kind: 'scalar', value: scalar, origin });
  }
  if (overrides.deterministic) applyDeterministic(root);
}

/**
 * mlagents-learn's --deterministic: network_settings.deterministic = true for every behavior the file names. Shiva
 * also sets it under default_settings, so that behaviors without an entry of their own act deterministically too.
 */
function applyDeterministic(root: MapNode): void {
  const origin = { kind: 'cli', flag: DETERMINISTIC.flag } as const;
  const value = { kind: 'scalar', value: true, origin } as const;
  const behaviors = root.entries.get('behaviors')?.value;
  if (behaviors?.kind === 'map') {
    for (const name of behaviors.entries.keys()) setOverride(root, ['behaviors', name, ...DETERMINISTIC.path], value);
  }
  const defaults = root.entries.get('default_settings')?.value;
  if (defaults?.kind === 'map') setOverride(root, ['default_settings', ...DETERMINISTIC.path], value);
}
