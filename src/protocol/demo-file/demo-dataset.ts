/**
 * A folder of `.demo` files as one dataset (as ML-Agents' `demo_path` takes a file or a folder): the files in name
 * order, their specs checked against the first file's (observation shapes and action spec, the fields ML-Agents
 * compares), their rows concatenated. Each file's start is an episode start: a recording ends with its file.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maskSize, type BehaviorSpec } from '../../core/env/behavior-spec.js';
import type { DemoMeta, Demonstration } from './demonstration.js';
import { readDemoFile } from './demo-reader.js';
import { demoError } from './framing.js';

/** A `.demo` file or a folder of them. */
export function readDemonstrations(pathOrDir: string): Demonstration {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(pathOrDir).isDirectory();
  } catch (error) {
    throw demoError(`${pathOrDir}: expected a .demo file or a folder of them, but it does not exist`, error);
  }
  return isDirectory ? readDemoDirectory(pathOrDir) : readDemoFile(pathOrDir);
}

export function readDemoDirectory(dir: string): Demonstration {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.demo')).sort();
  } catch (error) {
    throw demoError(`${dir}: expected a readable folder of .demo files (${error instanceof Error ? error.message : String(error)})`, error);
  }
  if (names.length === 0) throw demoError(`${dir}: expected at least one .demo file in the folder, got none`);
  return concatDemonstrations(names.map((name) => readDemoFile(join(dir, name))));
}

/** Joins demonstrations of one behavior, row after row; their specs must agree. */
export function concatDemonstrations(parts: readonly Demonstration[]): Demonstration {
  if (parts.length === 0) throw demoError('expected at least one demonstration to join, got none');
  if (parts.length === 1) return parts[0]!;
  const base = parts[0]!;
  for (const part of parts.slice(1)) checkSameSpec(base, part);
  const steps = parts.reduce((n, p) => n + p.steps, 0);
  const withMasks = parts.some((p) => p.actionMasks !== null);
  const masks = maskSize(base.spec.actionSpec);
  const fileStarts: number[] = [];
  const episodeStarts: number[] = [];
  let at = 0;
  for (const part of parts) {
    for (const start of part.fileStarts) fileStarts.push(at + start);
    for (const start of part.episodeStarts) episodeStarts.push(at + start);
    at += part.steps;
  }
  return {
    files: parts.flatMap((p) => p.files),
    meta: joinMeta(parts.flatMap((p) => p.fileMetas)),
    fileMetas: parts.flatMap((p) => p.fileMetas),
    fileStarts,
    spec: base.spec,
    steps,
    observations: base.observations.map((_, o) => join32(parts.map((p) => p.observations[o]!))),
    continuousActions: join32(parts.map((p) => p.continuousActions)),
    discreteActions: joinTyped(Int32Array, parts.map((p) => p.discreteActions)),
    // A file without masks allows everything: zeros.
    actionMasks: withMasks ? joinTyped(Uint8Array, parts.map((p) => p.actionMasks ?? new Uint8Array(p.steps * masks))) : null,
    rewards: join32(parts.map((p) => p.rewards)),
    dones: joinTyped(Uint8Array, parts.map((p) => p.dones)),
    interrupted: joinTyped(Uint8Array, parts.map((p) => p.interrupted)),
    agentIds: joinTyped(Int32Array, parts.map((p) => p.agentIds)),
    episodeStarts: Int32Array.from(episodeStarts),
  };
}

/** Counts summed; the mean reward over all episodes (each file's Σ reward is its mean × its episodes). */
function joinMeta(metas: readonly DemoMeta[]): DemoMeta {
  const episodes = metas.reduce((n, m) => n + m.numberEpisodes, 0);
  const reward = metas.reduce((sum, m) => sum + m.meanReward * m.numberEpisodes, 0);
  const names = [...new Set(metas.map((m) => m.name))];
  return {
    apiVersion: Math.max(...metas.map((m) => m.apiVersion)),
    name: names.join(','),
    numberSteps: metas.reduce((n, m) => n + m.numberSteps, 0),
    numberEpisodes: episodes,
    meanReward: episodes > 0 ? reward / episodes : 0,
  };
}

function checkSameSpec(base: Demonstration, other: Demonstration): void {
  const a = base.spec;
  const b = other.spec;
  const differ = (what: string, expected: string, got: string): never => {
    throw demoError(`${other.files[0]}: ${what}: expected ${expected} as in ${base.files[0]} (the files of one folder are one dataset of one behavior), got ${got}`);
  };
  if (a.observationSpecs.length !== b.observationSpecs.length) {
    differ('observations', `${a.observationSpecs.length} (${shapes(a)})`, `${b.observationSpecs.length} (${shapes(b)})`);
  }
  a.observationSpecs.forEach((o, i) => {
    const other = b.observationSpecs[i]!;
    if (o.shape.length !== other.shape.length || o.shape.some((d, k) => d !== other.shape[k])) {
      differ(`observation ${i} shape`, `[${o.shape.join(', ')}]`, `[${other.shape.join(', ')}]`);
    }
  });
  const x = a.actionSpec;
  const y = b.actionSpec;
  if (x.continuousSize !== y.continuousSize || x.discreteBranches.length !== y.discreteBranches.length || x.discreteBranches.some((s, k) => s !== y.discreteBranches[k])) {
    differ('action spec', describeActions(a), describeActions(b));
  }
}

function shapes(spec: BehaviorSpec): string {
  return spec.observationSpecs.map((o) => `[${o.shape.join(', ')}]`).join(', ');
}

function describeActions(spec: BehaviorSpec): string {
  return `${spec.actionSpec.continuousSize} continuous and discrete branches [${spec.actionSpec.discreteBranches.join(', ')}]`;
}

function join32(parts: readonly Float32Array[]): Float32Array {
  return joinTyped(Float32Array, parts);
}

function joinTyped<T extends Float32Array | Int32Array | Uint8Array>(make: new (length: number) => T, parts: readonly T[]): T {
  const out = new make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part as ArrayLike<number>, at);
    at += part.length;
  }
  return out;
}
