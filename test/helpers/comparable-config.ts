/**
 * What a run configuration says, as plain data for deepEqual: maps as entry lists (their order counts), without
 * the file it came from, its lines and its warnings.
 */
import type { RunConfig } from '../../src/config/run-config.js';

export function comparableConfig(config: RunConfig): unknown {
  const plain = (value: unknown): unknown => {
    if (value instanceof Map) return [...value].map(([k, v]) => [k, plain(v)]);
    if (Array.isArray(value)) return value.map(plain);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    return value;
  };
  const { file: _file, lines: _lines, warnings: _warnings, ...rest } = config;
  return plain(rest);
}
