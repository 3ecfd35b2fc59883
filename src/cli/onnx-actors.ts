/**
 * `onnx:PATH` where a command takes a policy (evaluate, serve, record --expert, dagger --expert): PATH is one model
 * for every behavior, or a folder holding NAME.onnx per behavior (as ML-Agents' results/RUN_ID/ does). Each
 * behavior's model is loaded when the behavior appears, checked against its spec (agents/onnx/onnx-policy.ts), and
 * acts through the decision pipeline (decideAsync: the behavior's reasoning layer applies, traces are written).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OnnxPolicy } from '../../agents/onnx/onnx-policy.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import { parseBehaviorName } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import { decideAsync } from '../decisions/decision-pipeline.js';
import type { Reasoner } from '../decisions/reasoning-layer.js';
import type { BatchActor } from '../training/rollout-loop.js';

export const ONNX_PREFIX = 'onnx:';

/** The path of an `onnx:PATH` value, or null for anything else (a checkpoint, a scripted expert's name). */
export function onnxPathOf(value: string | null | undefined): string | null {
  if (!value?.startsWith(ONNX_PREFIX)) return null;
  const path = value.slice(ONNX_PREFIX.length);
  if (path === '') throw new ShivaError('SHIVA_ERR_USAGE', `onnx:PATH: expected the path of an .onnx file or of a folder of BEHAVIOR.onnx files, got "${value}"`);
  return path;
}

/** The model for `behavior` (a "Name?team=N" id): PATH itself, or PATH/Name.onnx when PATH is a folder. */
export function modelFileFor(path: string, behavior: string): string {
  if (!existsSync(path)) throw new ShivaError('SHIVA_ERR_ONNX_MODEL', `onnx:${path}: expected an .onnx file or a folder of BEHAVIOR.onnx files, got no such file`);
  if (!statSync(path).isDirectory()) return path;
  const file = join(path, `${parseBehaviorName(behavior).name}.onnx`);
  if (!existsSync(file)) throw new ShivaError('SHIVA_ERR_ONNX_MODEL', `onnx:${path}: behavior "${behavior}": expected ${file}, got no such file`);
  return file;
}

export interface OnnxActorOptions {
  readonly deterministic: boolean;
  /** The behavior's reasoning layer (its rule file), or null. */
  readonly reasonerFor?: (behavior: string, spec: BehaviorSpec) => Reasoner | null;
}

/** The ONNX models of a run, one per behavior, and their actors. */
export class OnnxActors {
  /** Decisions served per behavior (agent decisions, not batches). */
  readonly decisions = new Map<string, number>();
  private readonly loading: Promise<OnnxPolicy>[] = [];

  constructor(
    readonly path: string,
    private readonly options: OnnxActorOptions,
  ) {}

  /** Loads the behavior's model now (checked when the first batch waits for it) and returns its actor. */
  actorFor(behavior: string, spec: BehaviorSpec): BatchActor {
    const loading = Promise.resolve().then(() => OnnxPolicy.load(modelFileFor(this.path, behavior), spec));
    // A model that fails to load fails the first batch that waits for it; nothing is left unhandled meanwhile.
    loading.catch(() => undefined);
    this.loading.push(loading);
    const reasoner = this.options.reasonerFor?.(behavior, spec) ?? null;
    this.decisions.set(behavior, 0);
    return async (requests) => {
      const policy = await loading;
      const step = this.decisions.get(behavior)!;
      this.decisions.set(behavior, step + requests.reduce((n, r) => n + r.decisionSteps.count, 0));
      return decideAsync(policy, requests, { deterministic: this.options.deterministic, reasoner, step });
    };
  }

  /** Frees every session that loaded. */
  async release(): Promise<void> {
    const settled = await Promise.allSettled(this.loading);
    for (const s of settled) if (s.status === 'fulfilled') await s.value.release();
  }
}
