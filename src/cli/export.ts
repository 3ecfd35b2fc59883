/**
 * `shiva export`: a training checkpoint's policies as ONNX models with ML-Agents' model contract (docs/ONNX.md),
 * one per behavior, from the acting networks the checkpoint holds (meta.exports); no configuration or scene needed.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShivaError } from '../core/errors.js';
import { nearest } from '../core/did-you-mean.js';
import { SHIVA_PACKAGE_VERSION } from '../protocol/version.js';
import { exportsOf, onnxBaseName, readTrainingCheckpoint, writeOnnxModels, type ExportedPolicy } from '../training/checkpoint/index.js';

export interface ExportOptions {
  /** Where the models go; absent: beside the checkpoint, as BEHAVIOR-STEP.onnx. With it: DIR/BEHAVIOR.onnx. */
  readonly out?: string;
  /** Only this behavior (its name, with or without "?team=N"). */
  readonly behavior?: string;
}

export interface ExportResult {
  readonly checkpoint: string;
  readonly step: number;
  readonly models: readonly string[];
}

export function exportCheckpoint(path: string, options: ExportOptions = {}): ExportResult {
  const checkpoint = readTrainingCheckpoint(path);
  let policies: ExportedPolicy[] = exportsOf(checkpoint, path);
  if (options.behavior !== undefined) {
    const wanted = options.behavior;
    const known = [...new Set(policies.flatMap((p) => p.behaviors))];
    policies = policies
      .map((p) => ({ ...p, behaviors: p.behaviors.filter((b) => b === wanted || onnxBaseName(b) === wanted) }))
      .filter((p) => p.behaviors.length > 0);
    if (policies.length === 0) {
      const hint = nearest(wanted, known.map(onnxBaseName));
      throw new ShivaError('SHIVA_ERR_USAGE', `--behavior: expected one of the checkpoint's behaviors (${known.join(', ')}), got "${wanted}"${hint ? `; did you mean "${hint}"?` : ''}`);
    }
  }
  const dir = options.out ?? dirname(path);
  if (options.out !== undefined) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (cause) {
      throw new ShivaError('SHIVA_ERR_USAGE', `--out: expected a folder that can be made or written, got "${dir}": ${(cause as Error).message}`, { cause });
    }
    if (!statSync(dir).isDirectory()) throw new ShivaError('SHIVA_ERR_USAGE', `--out: expected a folder, got the file "${dir}"`);
  }
  const models = writeOnnxModels(dir, policies, options.out === undefined ? checkpoint.meta.step : null, SHIVA_PACKAGE_VERSION);
  return { checkpoint: path, step: checkpoint.meta.step, models };
}
