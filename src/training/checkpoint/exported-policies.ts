/**
 * The learners' acting networks inside a training checkpoint, so that `shiva export` makes ONNX models from the
 * checkpoint alone (no configuration, no scene): meta.exports lists, per learner, its behaviors and its
 * ExportablePolicy with every Float32Array replaced by {"tensor": NAME}, the arrays themselves being the
 * checkpoint's float32 sections `export/<learner>/<n>`. And the ONNX files: `BEHAVIOR-STEP.onnx` beside each
 * checkpoint, `BEHAVIOR.onnx` in the run folder at the end of a run, written atomically (temp file, rename).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ShivaError } from '../../core/errors.js';
import { parseBehaviorName } from '../../core/env/behavior-spec.js';
import type { Learner } from '../../../agents/plugin/learner.js';
import type { ExportablePolicy } from '../../protocol/onnx/exportable-policy.js';
import { policyToOnnx } from '../../protocol/onnx/policy-graph.js';
import { writeFileAtomicSync } from './atomic-write.js';
import type { CheckpointTensor, JsonValue } from './checkpoint-format.js';
import type { TrainingCheckpoint } from './training-checkpoint.js';

/** One learner's exportable policy and the behaviors it acts for. */
export interface ExportedPolicy {
  readonly learner: string;
  readonly behaviors: readonly string[];
  readonly policy: ExportablePolicy;
}

/** The exportable policies of `learners` (those that have one, serving at least one behavior). */
export function collectExports(learners: Iterable<Learner>, behaviorsOf: (learnerId: string) => readonly string[]): ExportedPolicy[] {
  const out: ExportedPolicy[] = [];
  for (const learner of learners) {
    const policy = learner.exportPolicy?.() ?? null;
    const behaviors = behaviorsOf(learner.id);
    if (policy && behaviors.length > 0) out.push({ learner: learner.id, behaviors: [...behaviors], policy });
  }
  return out;
}

/** What a checkpoint stores of `policies`: the meta's `exports` and the tensors. */
export function encodeExports(policies: readonly ExportedPolicy[]): { exports: JsonValue; tensors: Record<string, CheckpointTensor> } {
  const tensors: Record<string, CheckpointTensor> = {};
  const exports = policies.map((p) => {
    let n = 0;
    const walk = (value: unknown): JsonValue => {
      if (value instanceof Float32Array) {
        const name = `export/${p.learner}/${n++}`;
        tensors[name] = { shape: [value.length], data: value };
        return { tensor: name };
      }
      if (Array.isArray(value)) return value.map(walk);
      if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
      return value as JsonValue;
    };
    return { learner: p.learner, behaviors: [...p.behaviors], policy: walk(p.policy) };
  });
  return { exports, tensors };
}

/** The exported policies of a training checkpoint; `source` names it in errors (SHIVA_ERR_CHECKPOINT). */
export function exportsOf(checkpoint: TrainingCheckpoint, source: string): ExportedPolicy[] {
  const raw = checkpoint.meta.raw['exports'];
  if (raw === undefined) {
    throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${source}: meta.exports: expected the learners' exportable policies (checkpoints written since ONNX export exist), got none: resume the run for one checkpoint interval, or train again, to write a checkpoint that has them`);
  }
  if (!Array.isArray(raw)) throw fail(source, 'meta.exports', 'a list of {learner, behaviors, policy}', raw);
  return raw.map((entry, i) => {
    const at = `meta.exports[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw fail(source, at, 'an object {learner, behaviors, policy}', entry);
    const { learner, behaviors, policy } = entry;
    if (typeof learner !== 'string') throw fail(source, `${at}.learner`, 'a string', learner);
    if (!Array.isArray(behaviors) || behaviors.length === 0 || !behaviors.every((b) => typeof b === 'string')) throw fail(source, `${at}.behaviors`, 'a non-empty list of behavior names', behaviors);
    const walk = (value: JsonValue, path: string): unknown => {
      if (Array.isArray(value)) return value.map((v, k) => walk(v, `${path}[${k}]`));
      if (value !== null && typeof value === 'object') {
        const name = value['tensor'];
        if (typeof name === 'string' && Object.keys(value).length === 1) {
          const tensor = checkpoint.tensors[name];
          if (!tensor) throw fail(source, path, `the tensor section "${name}"`, 'no such section');
          return tensor.data;
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, `${path}.${k}`)]));
      }
      return value;
    };
    const decoded = walk(policy ?? null, `${at}.policy`) as ExportablePolicy;
    if (!decoded || decoded.format !== 'shiva-exportable-policy' || decoded.version !== 1) {
      throw fail(source, `${at}.policy`, 'a shiva-exportable-policy of version 1', policy ?? null);
    }
    return { learner, behaviors: behaviors as string[], policy: decoded };
  });
}

/** The behavior's name without its team ("Striker?team=1" → "Striker"), as ML-Agents names its .onnx files. */
export function onnxBaseName(behavior: string): string {
  return parseBehaviorName(behavior).name.replace(/[^A-Za-z0-9_.=-]/g, '_');
}

/**
 * Writes one model per behavior into `dir`: `<behavior>-<step>.onnx`, or `<behavior>.onnx` when `step` is null.
 * Returns the paths written.
 */
export function writeOnnxModels(dir: string, policies: readonly ExportedPolicy[], step: number | null, producerVersion: string): string[] {
  const written: string[] = [];
  const seen = new Set<string>();
  for (const p of policies) {
    for (const behavior of p.behaviors) {
      const base = onnxBaseName(behavior);
      if (seen.has(base)) continue; // self-play teams share a name and a policy
      seen.add(base);
      const path = join(dir, step === null ? `${base}.onnx` : `${base}-${step}.onnx`);
      writeFileAtomicSync(path, [policyToOnnx(p.policy, { producerVersion, behavior: base })]);
      written.push(path);
    }
  }
  return written;
}

/** Deletes `<behavior>-<step>.onnx` files in `dir` whose step is not in `keepSteps` (their checkpoints were rotated out). */
export function pruneOnnxModels(dir: string, keepSteps: ReadonlySet<number>): void {
  for (const name of readdirSync(dir)) {
    const m = /^(.+)-(\d+)\.onnx$/.exec(name);
    if (m && !keepSteps.has(Number(m[2]))) rmSync(join(dir, name), { force: true });
  }
}

function fail(source: string, field: string, expected: string, got: JsonValue | string): ShivaError {
  const text = typeof got === 'string' ? got : JSON.stringify(got).slice(0, 80);
  return new ShivaError('SHIVA_ERR_CHECKPOINT', `${source}: ${field}: expected ${expected}, got ${text}`);
}
