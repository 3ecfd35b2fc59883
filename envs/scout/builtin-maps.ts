/**
 * The maps that ship with the scenario (JSON files in envs/scout/maps/) and generated ones, loaded once and
 * shared by every area and scene: a map is read-only after loading.
 *
 * The `map` environment parameter picks one per episode: 0 = "scout-116" (the reference map: 116 waypoints,
 * 4-connected), 1 = "scout-116-coarse" (the coarse layer of the same terrain), 2 = a generated map of
 * `map_size` × `map_size` waypoints from seed `map_seed`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ShivaError } from '../../src/core/errors.js';
import { generateScoutMap } from './map-generator.js';
import { loadScoutMap, parseScoutMap } from './scout-map-json.js';
import type { ScoutMap } from './scout-map.js';

export const BUILTIN_MAP_NAMES = ['scout-116', 'scout-116-coarse'] as const;
/** The `map` parameter value that asks for a generated map. */
export const GENERATED_MAP = BUILTIN_MAP_NAMES.length;

const loaded = new Map<string, ScoutMap>();
/** Generated maps are kept while recent: a sampled `map_seed` would otherwise grow the cache without end. */
const generated = new Map<string, ScoutMap>();
const MAX_GENERATED = 16;

/** Where a built-in map file lives: beside this module, or (compiled into dist/) in the source tree. */
export function builtinMapPath(name: string): string {
  const candidates = [new URL(`./maps/${name}.json`, import.meta.url), new URL(`../../../envs/scout/maps/${name}.json`, import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new ShivaError('SHIVA_ERR_MAP', `built-in scout map "${name}": expected ${fileURLToPath(candidates[0]!)} or ${fileURLToPath(candidates[1]!)}, got neither`);
}

export function builtinMap(name: (typeof BUILTIN_MAP_NAMES)[number]): ScoutMap {
  let map = loaded.get(name);
  if (!map) {
    map = loadScoutMap(builtinMapPath(name));
    loaded.set(name, map);
  }
  return map;
}

/** A generated map (fine layer), cached by size and seed. */
export function generatedMap(size: number, seed: number): ScoutMap {
  const key = `generated:${size}x${size}:seed${seed}`;
  let map = generated.get(key);
  if (map) {
    generated.delete(key); // re-inserted below: most recently used last
  } else {
    map = parseScoutMap(generateScoutMap({ width: size, seed }), key);
    if (generated.size >= MAX_GENERATED) generated.delete(generated.keys().next().value!);
  }
  generated.set(key, map);
  return map;
}
