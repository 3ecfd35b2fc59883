/**
 * Expert transitions for a discriminator, from a demonstration already decoded into arrays (a Demonstration of
 * src/protocol/demo-file satisfies ExpertData; this folder reads no files). Checked once against the behavior the
 * learner trains: the same observation shapes, and (with use_actions) the same action spec and discrete actions
 * within their branches.
 *
 * Which rows: a `.demo` file holds one row per decision and one per episode end (the final observation, with the last
 * action repeated). A policy never acts on a final observation, so those rows are left out; the row before one
 * gets done = 1, as the policy's transition that ended its episode does.
 *
 * Note: agents/imitation (behavioural cloning) keeps its own demonstration dataset; this one is the few lines GAIL
 * needs (rows, done flags, uniform sampling with replacement as ML-Agents' sample_mini_batch).
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { SignalBatch } from './signal-batch.js';

export interface ExpertData {
  readonly spec: BehaviorSpec;
  readonly steps: number;
  readonly observations: readonly Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  readonly dones: Uint8Array;
}

export class ExpertSamples {
  /** The usable rows (decisions), as one batch. */
  readonly data: SignalBatch;

  /** `where` (the demo path) names the source in errors. */
  constructor(expert: ExpertData, spec: BehaviorSpec, useActions: boolean, where: string) {
    checkSpec(expert, spec, useActions, where);
    const rows: number[] = [];
    for (let i = 0; i < expert.steps; i++) if (!expert.dones[i]) rows.push(i);
    if (rows.length === 0) {
      throw new ShivaError('SHIVA_ERR_DEMO_FILE', `${where}: expected at least one decision row (a row that does not end its episode), got ${expert.steps} row(s), all episode ends`);
    }
    const sizes = spec.observationSpecs.map(observationSize);
    const C = spec.actionSpec.continuousSize;
    const nb = spec.actionSpec.discreteBranches.length;
    const n = rows.length;
    const observations = sizes.map((size, o) => {
      const out = new Float32Array(n * size);
      rows.forEach((r, i) => out.set(expert.observations[o]!.subarray(r * size, (r + 1) * size), i * size));
      return out;
    });
    const continuousActions = new Float32Array(n * C);
    const discreteActions = new Int32Array(n * nb);
    const dones = new Uint8Array(n);
    rows.forEach((r, i) => {
      continuousActions.set(expert.continuousActions.subarray(r * C, (r + 1) * C), i * C);
      discreteActions.set(expert.discreteActions.subarray(r * nb, (r + 1) * nb), i * nb);
      dones[i] = r + 1 < expert.steps && expert.dones[r + 1] ? 1 : 0;
    });
    this.data = { size: n, observations, continuousActions, discreteActions, dones };
  }

  get size(): number {
    return this.data.size;
  }

  /** `n` row indices drawn uniformly with replacement. */
  sampleRows(n: number, rng: Rng): Int32Array {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = rng.int(this.data.size);
    return rows;
  }
}

function checkSpec(expert: ExpertData, spec: BehaviorSpec, useActions: boolean, where: string): void {
  const fail = (field: string, expected: string, got: string): never => {
    throw new ShivaError('SHIVA_ERR_DEMO_FILE', `${where}: ${field}: expected ${expected} (behavior "${spec.name}", which GAIL trains), got ${got}`);
  };
  const shapes = (s: BehaviorSpec) => s.observationSpecs.map((o) => `[${o.shape.join(', ')}]`).join(', ');
  const mine = spec.observationSpecs;
  const theirs = expert.spec.observationSpecs;
  if (mine.length !== theirs.length || mine.some((o, i) => o.shape.length !== theirs[i]!.shape.length || o.shape.some((d, k) => d !== theirs[i]!.shape[k]))) {
    fail('observation shapes', `${mine.length} observation(s) ${shapes(spec)}`, `${theirs.length} observation(s) ${shapes(expert.spec)}`);
  }
  mine.forEach((o, i) => {
    if (o.shape.length !== 1) fail(`observation ${i}`, 'vector observations (GAIL here has no visual encoder)', `shape [${o.shape.join(', ')}]`);
  });
  if (!useActions) return;
  const a = spec.actionSpec;
  const b = expert.spec.actionSpec;
  if (a.continuousSize !== b.continuousSize || a.discreteBranches.length !== b.discreteBranches.length || a.discreteBranches.some((s, k) => s !== b.discreteBranches[k])) {
    fail('action spec', `${a.continuousSize} continuous and branches [${a.discreteBranches.join(', ')}]`, `${b.continuousSize} continuous and branches [${b.discreteBranches.join(', ')}]`);
  }
  const nb = a.discreteBranches.length;
  for (let i = 0; i < expert.steps * nb; i++) {
    const v = expert.discreteActions[i]!;
    const size = a.discreteBranches[i % nb]!;
    if (!Number.isInteger(v) || v < 0 || v >= size) fail(`row ${Math.floor(i / nb)} discrete action of branch ${i % nb}`, `an integer in [0, ${size - 1}]`, String(v));
  }
}
