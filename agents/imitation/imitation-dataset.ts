/**
 * A dataset of expert decisions for behavioral cloning: one row per state where the expert chose an action, with
 * what the learner needs to evaluate log π(a|s) of that action. Built from demonstration (.demo) files checked
 * against the learner's BehaviorSpec, or aggregated row by row (DAgger).
 *
 * From a demonstration, a row is every record that is not an episode end: a done record holds the final
 * observation and, as Unity's recorder stores it, the last action again, which no decision chose. The reward and
 * done flag of a row are those of the record that follows it in the same episode (the outcome of the action, as
 * ML-Agents' demo_to_buffer pairs them); a row with no following record gets 0 and 0.
 */
import { maskSize, observationSize, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Demonstration } from '../../src/protocol/demo-file/index.js';

export interface ImitationDataset {
  readonly size: number;
  readonly observationSizes: readonly number[];
  /** One size × observationSizes[o] array per observation spec, row-major, raw (not normalised). */
  readonly observations: readonly Float32Array[];
  /** size × continuousSize, as the environment received them. */
  readonly continuousActions: Float32Array;
  /** size × number of branches. */
  readonly discreteActions: Int32Array;
  /** size × Σ branch sizes, 1 = NOT allowed; null when no row had a mask. */
  readonly actionMasks: Uint8Array | null;
  readonly rewards: Float32Array;
  readonly dones: Uint8Array;
  /** Episode index of each row (0-based, in order); held-out splits cut between episodes. */
  readonly episodes: Int32Array;
}

/** What a demonstration held beside its rows. */
export interface DemoDatasetReport {
  /** Records read, done records included. */
  readonly records: number;
  /** Rows whose expert action its own mask forbids: their mask was dropped (the expert's choice wins). */
  readonly maskConflicts: number;
}

/**
 * Checks that `demo` fits `spec` (observation count and shapes, continuous size, branch sizes) and that its
 * actions are valid for it; a ShivaError (SHIVA_ERR_DEMO_SPEC, or SHIVA_ERR_DEMO_FILE for a bad value) names the
 * file, the field, what was expected and what came.
 */
export function checkDemoFitsSpec(demo: Demonstration, spec: BehaviorSpec): void {
  const file = demo.files.join(', ');
  const fail = (field: string, expected: string, got: string): never => {
    throw new ShivaError('SHIVA_ERR_DEMO_SPEC', `${file}: ${field}: expected ${expected} (behavior "${spec.name}"), got ${got}`);
  };
  const mine = spec.observationSpecs;
  const theirs = demo.spec.observationSpecs;
  const shapes = (list: BehaviorSpec['observationSpecs']) => list.map((o) => `[${o.shape.join(', ')}]`).join(', ');
  if (mine.length !== theirs.length) fail('observations', `${mine.length} (${shapes(mine)})`, `${theirs.length} (${shapes(theirs)})`);
  mine.forEach((o, i) => {
    const t = theirs[i]!;
    if (o.shape.length !== t.shape.length || o.shape.some((d, k) => d !== t.shape[k])) fail(`observation #${i} shape`, `[${o.shape.join(', ')}]`, `[${t.shape.join(', ')}]`);
  });
  const a = spec.actionSpec;
  const b = demo.spec.actionSpec;
  if (a.continuousSize !== b.continuousSize) fail('continuous actions', String(a.continuousSize), String(b.continuousSize));
  if (a.discreteBranches.length !== b.discreteBranches.length || a.discreteBranches.some((s, k) => s !== b.discreteBranches[k])) {
    fail('discrete branches', `[${a.discreteBranches.join(', ')}]`, `[${b.discreteBranches.join(', ')}]`);
  }
  const nb = a.discreteBranches.length;
  for (let i = 0; i < demo.discreteActions.length; i++) {
    const size = a.discreteBranches[i % nb]!;
    const value = demo.discreteActions[i]!;
    if (!(value >= 0 && value < size)) {
      const row = Math.floor(i / nb);
      throw new ShivaError('SHIVA_ERR_DEMO_FILE', `${fileOfRow(demo, row)}: record ${row - fileStartOfRow(demo, row)} discrete action branch ${i % nb}: expected 0..${size - 1}, got ${value}`);
    }
  }
  for (let i = 0; i < demo.continuousActions.length; i++) {
    if (!Number.isFinite(demo.continuousActions[i])) {
      const row = Math.floor(i / a.continuousSize);
      throw new ShivaError('SHIVA_ERR_DEMO_FILE', `${fileOfRow(demo, row)}: record ${row - fileStartOfRow(demo, row)} continuous action ${i % a.continuousSize}: expected a finite number, got ${demo.continuousActions[i]}`);
    }
  }
}

/** The rows of `demo` for a learner of `spec` (checked first; see checkDemoFitsSpec). */
export function datasetFromDemonstration(demo: Demonstration, spec: BehaviorSpec): { dataset: ImitationDataset; report: DemoDatasetReport } {
  checkDemoFitsSpec(demo, spec);
  const sizes = spec.observationSpecs.map(observationSize);
  const C = spec.actionSpec.continuousSize;
  const nb = spec.actionSpec.discreteBranches.length;
  const S = maskSize(spec.actionSpec);
  const starts = new Set<number>([...demo.episodeStarts, ...demo.fileStarts]);
  const rows: number[] = [];
  const episodeOf: number[] = [];
  let episode = -1;
  for (let i = 0; i < demo.steps; i++) {
    if (starts.has(i)) episode++;
    if (demo.dones[i]) continue;
    rows.push(i);
    episodeOf.push(episode);
  }
  const n = rows.length;
  const rewards = new Float32Array(n);
  const dones = new Uint8Array(n);
  rows.forEach((i, r) => {
    if (i + 1 < demo.steps && !starts.has(i + 1)) {
      rewards[r] = demo.rewards[i + 1]!;
      dones[r] = demo.dones[i + 1]!;
    }
  });
  let masks: Uint8Array | null = null;
  let maskConflicts = 0;
  if (demo.actionMasks && S > 0) {
    masks = gatherRows(demo.actionMasks, S, rows) as Uint8Array;
    for (let r = 0; r < n; r++) {
      let offset = 0;
      let conflict = false;
      for (let b = 0; b < nb; b++) {
        if (masks[r * S + offset + demo.discreteActions[rows[r]! * nb + b]!]) conflict = true;
        offset += spec.actionSpec.discreteBranches[b]!;
      }
      if (conflict) {
        masks.fill(0, r * S, (r + 1) * S);
        maskConflicts++;
      }
    }
  }
  // Renumber episodes densely: an episode of done records only would leave a gap.
  const dense = new Map<number, number>();
  const episodes = Int32Array.from(episodeOf, (e) => {
    if (!dense.has(e)) dense.set(e, dense.size);
    return dense.get(e)!;
  });
  const dataset: ImitationDataset = {
    size: n,
    observationSizes: sizes,
    observations: demo.observations.map((obs, o) => gatherRows(obs, sizes[o]!, rows) as Float32Array),
    continuousActions: gatherRows(demo.continuousActions, C, rows) as Float32Array,
    discreteActions: gatherRows(demo.discreteActions, nb, rows) as Int32Array,
    actionMasks: masks,
    rewards,
    dones,
    episodes,
  };
  return { dataset, report: { records: demo.steps, maskConflicts } };
}

/** The rows `rows` of a dataset, in that order (episode ids kept). */
export function subsetDataset(data: ImitationDataset, rows: readonly number[] | Int32Array): ImitationDataset {
  const list = Array.from(rows);
  const S = data.actionMasks && data.size > 0 ? data.actionMasks.length / data.size : 0;
  const C = data.size > 0 ? data.continuousActions.length / data.size : 0;
  const nb = data.size > 0 ? data.discreteActions.length / data.size : 0;
  return {
    size: list.length,
    observationSizes: data.observationSizes,
    observations: data.observations.map((obs, o) => gatherRows(obs, data.observationSizes[o]!, list) as Float32Array),
    continuousActions: gatherRows(data.continuousActions, C, list) as Float32Array,
    discreteActions: gatherRows(data.discreteActions, nb, list) as Int32Array,
    actionMasks: data.actionMasks ? (gatherRows(data.actionMasks, S, list) as Uint8Array) : null,
    rewards: gatherRows(data.rewards, 1, list) as Float32Array,
    dones: gatherRows(data.dones, 1, list) as Uint8Array,
    episodes: gatherRows(data.episodes, 1, list) as Int32Array,
  };
}

/**
 * Splits by whole episodes: the last ⌈fraction × episodes⌉ episodes are held out (at least one when the
 * dataset has two or more and fraction > 0). With a single episode, the last ⌈fraction × rows⌉ rows are.
 */
export function splitHeldOut(data: ImitationDataset, fraction: number): { train: ImitationDataset; heldOut: ImitationDataset } {
  const episodes = data.size > 0 ? data.episodes[data.size - 1]! + 1 : 0;
  const all = Array.from({ length: data.size }, (_, i) => i);
  if (fraction <= 0 || data.size === 0) return { train: data, heldOut: subsetDataset(data, []) };
  if (episodes >= 2) {
    const heldEpisodes = Math.min(episodes - 1, Math.max(1, Math.ceil(fraction * episodes)));
    const first = episodes - heldEpisodes;
    return { train: subsetDataset(data, all.filter((i) => data.episodes[i]! < first)), heldOut: subsetDataset(data, all.filter((i) => data.episodes[i]! >= first)) };
  }
  const cut = data.size - Math.min(data.size - 1, Math.max(1, Math.ceil(fraction * data.size)));
  return { train: subsetDataset(data, all.slice(0, cut)), heldOut: subsetDataset(data, all.slice(cut)) };
}

/**
 * Rows added batch by batch (DAgger's aggregate D): observations and expert labels of visited states. Rewards
 * and done flags are not what DAgger learns from; they are kept as 0.
 */
export class ImitationDatasetBuilder {
  private readonly parts: ImitationDataset[] = [];
  private rows = 0;

  constructor(private readonly spec: BehaviorSpec) {}

  get size(): number {
    return this.rows;
  }

  /** `count` rows: raw observations (one count × size array per spec), the labels, the masks (1 = not allowed). */
  add(count: number, observations: readonly Float32Array[], continuous: Float32Array, discrete: Int32Array, masks: Uint8Array | null, episode = 0): void {
    if (count === 0) return;
    const sizes = this.spec.observationSpecs.map(observationSize);
    this.parts.push({
      size: count,
      observationSizes: sizes,
      observations: observations.map((o) => Float32Array.from(o)),
      continuousActions: Float32Array.from(continuous),
      discreteActions: Int32Array.from(discrete),
      actionMasks: masks ? Uint8Array.from(masks) : null,
      rewards: new Float32Array(count),
      dones: new Uint8Array(count),
      episodes: new Int32Array(count).fill(episode),
    });
    this.rows += count;
  }

  build(): ImitationDataset {
    return concatDatasets(this.spec, this.parts);
  }
}

/** Rows of several datasets of one spec, one after another; a part without masks allows everything. */
export function concatDatasets(spec: BehaviorSpec, parts: readonly ImitationDataset[]): ImitationDataset {
  const sizes = spec.observationSpecs.map(observationSize);
  const S = maskSize(spec.actionSpec);
  const n = parts.reduce((a, p) => a + p.size, 0);
  const withMasks = parts.some((p) => p.actionMasks !== null);
  const join = <T extends Float32Array | Int32Array | Uint8Array>(make: new (length: number) => T, pick: (p: ImitationDataset) => T, width: number): T => {
    const out = new make(n * width);
    let at = 0;
    for (const p of parts) {
      out.set(pick(p) as ArrayLike<number>, at);
      at += p.size * width;
    }
    return out;
  };
  return {
    size: n,
    observationSizes: sizes,
    observations: sizes.map((size, o) => join(Float32Array, (p) => p.observations[o]!, size)),
    continuousActions: join(Float32Array, (p) => p.continuousActions, spec.actionSpec.continuousSize),
    discreteActions: join(Int32Array, (p) => p.discreteActions, spec.actionSpec.discreteBranches.length),
    actionMasks: withMasks ? join(Uint8Array, (p) => p.actionMasks ?? new Uint8Array(p.size * S), S) : null,
    rewards: join(Float32Array, (p) => p.rewards, 1),
    dones: join(Uint8Array, (p) => p.dones, 1),
    episodes: join(Int32Array, (p) => p.episodes, 1),
  };
}

function gatherRows(src: Float32Array | Int32Array | Uint8Array, width: number, rows: readonly number[]): Float32Array | Int32Array | Uint8Array {
  const out = new (src.constructor as new (length: number) => Float32Array | Int32Array | Uint8Array)(rows.length * width);
  if (width === 0) return out;
  rows.forEach((r, i) => out.set(src.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

function fileStartOfRow(demo: Demonstration, row: number): number {
  let start = 0;
  for (const s of demo.fileStarts) if (s <= row) start = s;
  return start;
}

function fileOfRow(demo: Demonstration, row: number): string {
  let file = demo.files[0] ?? 'demonstration';
  demo.fileStarts.forEach((s, i) => {
    if (s <= row) file = demo.files[i]!;
  });
  return file;
}
