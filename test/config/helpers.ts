/**
 * Helpers for the config tests: parse a YAML string, and catch the ShivaError a parse throws.
 */
import assert from 'node:assert/strict';
import { isShivaError, type ShivaError } from '../../src/core/errors.js';
import { parseRunConfig } from '../../src/config/load-run-config.js';
import type { CliOverrides, RunConfig } from '../../src/config/run-config.js';

export const FILE = 'run.yaml';

/** Joins lines, so that a test can count them: line N of the file is lines[N - 1]. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export function parse(text: string, overrides?: CliOverrides): RunConfig {
  return parseRunConfig(text, FILE, overrides);
}

export function errorOf(fn: () => unknown): ShivaError {
  try {
    fn();
  } catch (error) {
    assert.ok(isShivaError(error), `expected a ShivaError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an error, got none');
}

export function parseError(text: string, overrides?: CliOverrides): ShivaError {
  return errorOf(() => parse(text, overrides));
}
