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
];

export function applyOverrides(root: MapNode, overrides: CliOverrides): void {
  for (const { field, flag, path } of OVERRIDES) {
    const value: unknown = overrides[field];
    if (value === undefined || value === false) continue;
    const scalar: Scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
    setOverride(root, path, { kind: 'scalar', value: scalar, origin: { kind: 'cli', flag } });
  }
}
