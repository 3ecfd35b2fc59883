/**
 * A run configuration's behavior names checked against a built-in scene's (envs/catalog.ts knows them without
 * loading the scene), so that a typo is reported before the run folder is written or anything is launched:
 * every `behaviors:` and `cognitive:` key must name a behavior of the scene, and every behavior the scene always
 * announces must have settings (its own entry, or default_settings). For a Unity executable or the Editor the
 * names are known only once it connects; behaviorConfigFor reports them then.
 */
import { builtinEnvCatalog, type BuiltinEnvEntry } from '../../envs/catalog.js';
import { nearest } from '../core/did-you-mean.js';
import { ShivaError } from '../core/errors.js';
import { configErrorAt, parseBehaviorId } from './behavior-lookup.js';
import type { RunConfig } from './run-config.js';
import { STANDIN_PREFIX } from './run-settings.js';

/** The built-in scene a run trains on (builtin:NAME or standin:NAME), or null for an executable or the Editor. */
export function sceneOf(config: RunConfig): { readonly env: string; readonly entry: BuiltinEnvEntry } | null {
  const { builtinEnv, envPath } = config.envSettings;
  if (builtinEnv !== null) {
    const entry = builtinEnvCatalog.get(builtinEnv);
    return entry ? { env: `builtin:${builtinEnv}`, entry } : null;
  }
  if (envPath?.startsWith(STANDIN_PREFIX)) {
    const entry = builtinEnvCatalog.get(envPath.slice(STANDIN_PREFIX.length));
    return entry ? { env: envPath, entry } : null;
  }
  return null;
}

/** Throws SHIVA_ERR_CONFIG (file:line: key) for the first behavior name of `config` that its built-in scene does not have. */
export function assertSceneBehaviors(config: RunConfig): void {
  const scene = sceneOf(config);
  if (scene === null) return;
  const ids = scene.entry.behaviors;
  const names = [...new Set(ids.map((id) => parseBehaviorId(id).name))];
  const has = (key: string) => ids.includes(key) || names.includes(key);
  const listed = ids.join(', ');
  for (const [section, keys] of [
    ['behaviors', [...config.behaviors.keys()]],
    ['cognitive', [...config.cognitive.keys()]],
  ] as const) {
    for (const key of keys) {
      if (has(key)) continue;
      const guess = nearest(parseBehaviorId(key).name, names);
      throw configErrorAt(config, `${section}.${key}`, `expected a behavior of ${scene.env} (${listed}), got "${key}"${guess ? `; did you mean "${guess}"?` : ''}`);
    }
  }
  if (config.defaultSettings) return;
  const optional = scene.entry.optionalBehaviors ?? [];
  for (const id of ids) {
    if (optional.includes(id) || config.behaviors.has(id) || config.behaviors.has(parseBehaviorId(id).name)) continue;
    const known = [...config.behaviors.keys()];
    throw new ShivaError(
      'SHIVA_ERR_CONFIG',
      `${config.file}: behaviors: expected an entry for behavior "${parseBehaviorId(id).name}" of ${scene.env} (its scene announces ${id}), or a default_settings section, got ${known.length ? `entries for ${known.join(', ')} only` : 'no behaviors'}`,
    );
  }
}
