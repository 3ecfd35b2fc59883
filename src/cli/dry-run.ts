/**
 * `shiva train FILE --dry-run`: the configuration validated and resolved as `shiva train` would (command line over
 * file over defaults, the checks made before any simulation starts), printed as the YAML `shiva train` writes to
 * RUN_ID/configuration.yaml (src/config/write-run-config.ts). Nothing is written, launched or listened on.
 *
 * Files the configuration names (demonstrations, init_path, the Unity executable, rule files, the run of
 * initialize_from) are needed only when training runs: a missing one is reported, not an error here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertTrainable, runConfigToYaml, type BehaviorConfig, type RunConfig } from '../config/index.js';
import { assertSceneBehaviors } from '../config/scene-behaviors.js';

export interface DryRunResult {
  /** The resolved configuration as YAML (stdout). */
  readonly yaml: string;
  /** The loader's warnings, each `FILE:LINE: PATH: message`. */
  readonly warnings: readonly string[];
  /** Files the configuration names that are not there, each `PATH (KEY)`. */
  readonly missingFiles: readonly string[];
}

/** Throws the coded error of the first check that fails (as `shiva train` would before starting anything). */
export function dryRun(config: RunConfig): DryRunResult {
  assertTrainable(config);
  assertSceneBehaviors(config);
  const header = [
    `The resolved configuration of ${config.file} (shiva train --dry-run: every default filled in, the command line`,
    'over the file); nothing was written or started.',
  ].join('\n');
  return { yaml: runConfigToYaml(config, header), warnings: config.warnings, missingFiles: missingFiles(config) };
}

/** Named files that do not exist, with the key that names them. */
export function missingFiles(config: RunConfig): string[] {
  const named: [string, string][] = [];
  const behaviors: [string, BehaviorConfig][] = [...config.behaviors].map(([name, b]) => [`behaviors.${name}`, b]);
  if (config.defaultSettings) behaviors.push(['default_settings', config.defaultSettings]);
  for (const [path, b] of behaviors) {
    if (b.behavioralCloning) named.push([b.behavioralCloning.demoPath, `${path}.behavioral_cloning.demo_path`]);
    if (b.rewardSignals.gail) named.push([b.rewardSignals.gail.demoPath, `${path}.reward_signals.gail.demo_path`]);
    if (b.initPath !== null) named.push([b.initPath, `${path}.init_path`]);
  }
  if (config.envSettings.envPath !== null && config.envSettings.builtinEnv === null && !config.envSettings.envPath.startsWith('standin:')) {
    named.push([config.envSettings.envPath, 'env_settings.env_path']);
  }
  for (const [key, entry] of config.cognitive) named.push([entry.rules, `cognitive.${key}.rules`]);
  const c = config.checkpointSettings;
  if (c.initializeFrom !== null) named.push([join(c.resultsDir, c.initializeFrom), 'checkpoint_settings.initialize_from']);
  if (c.resume) named.push([join(c.resultsDir, c.runId), 'checkpoint_settings.resume (the run folder)']);
  return named.filter(([file]) => !existsSync(file)).map(([file, key]) => `${file} (${key})`);
}
