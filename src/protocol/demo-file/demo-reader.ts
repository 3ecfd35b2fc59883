/**
 * Reads one `.demo` file into typed arrays, with ML-Agents' framing rules (framing.ts) and its rules for actions:
 * a record's continuous_actions / discrete_actions when either is filled, else vector_actions_deprecated
 * (continuous values, then the discrete branch values as floats), which is all that api_version 1 files from
 * Unity 1.x carry. A record with no action at all (the shared files end with one: the recording stopped before the
 * agent acted on its last observation) reads as zeros.
 * Every error names the file, the byte offset of the record, what was expected and what came.
 */
import { readFileSync } from 'node:fs';
import { communicator_objects as co } from '../generated/communicator.js';
import { decodeAgentInfos } from '../agent-infos.js';
import { behaviorSpecFromProto } from '../brain-parameters.js';
import { maskSize, observationSize, type ActionSpec } from '../../core/env/behavior-spec.js';
import { isShivaError } from '../../core/errors.js';
import { episodeStartsOf, type Demonstration } from './demonstration.js';
import { CONTENT_OFFSET, MAX_META_BYTES, SUPPORTED_API_VERSIONS, decodeFrame, demoError, metaFromProto, readFrame, type Frame } from './framing.js';

type ActionProto = co.AgentActionProto.$Properties;

export function readDemoFile(path: string): Demonstration {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : error instanceof Error ? error.message : String(error);
    throw demoError(`${path}: expected a readable .demo file, but ${reason}`, error);
  }
  return decodeDemo(bytes, path);
}

/** Decodes the bytes of one `.demo` file; `file` names it in errors and in the result. */
export function decodeDemo(bytes: Uint8Array, file: string): Demonstration {
  if (bytes.length === 0) throw demoError(`${file}: expected a .demo file starting with a DemonstrationMetaProto, got an empty file`);
  const metaFrame = readFrame(bytes, 0, 'the DemonstrationMetaProto', file, MAX_META_BYTES);
  const meta = metaFromProto(decodeFrame((b) => co.DemonstrationMetaProto.decode(b), bytes, metaFrame, 'the DemonstrationMetaProto', file));
  if (!SUPPORTED_API_VERSIONS.includes(meta.apiVersion)) {
    throw demoError(`${file}: meta record api_version: expected one of ${SUPPORTED_API_VERSIONS.join(', ')}, got ${meta.apiVersion}`);
  }
  if (meta.numberSteps < 1) {
    throw demoError(`${file}: meta record number_steps: expected at least 1 (the observation spec comes from the first record), got ${meta.numberSteps}`);
  }
  if (bytes.length <= CONTENT_OFFSET) {
    throw demoError(`${file}: expected the brain parameters at byte ${CONTENT_OFFSET}, got the end of the file (${bytes.length} bytes): truncated`);
  }
  const brainFrame = readFrame(bytes, CONTENT_OFFSET, 'the BrainParametersProto', file);
  const brain = decodeFrame((b) => co.BrainParametersProto.decode(b), bytes, brainFrame, 'the BrainParametersProto', file);

  // Frame every record first: a truncated file fails here, before anything is allocated for number_steps.
  const frames: Frame[] = new Array(meta.numberSteps);
  let at = brainFrame.end;
  for (let n = 0; n < meta.numberSteps; n++) {
    frames[n] = readFrame(bytes, at, recordName(n, meta.numberSteps), file);
    at = frames[n]!.end;
  }
  const decodeRecord = (n: number): co.AgentInfoActionPairProto =>
    decodeFrame((b) => co.AgentInfoActionPairProto.decode(b), bytes, frames[n]!, `${recordName(n, meta.numberSteps)} (AgentInfoActionPairProto)`, file);

  const first = decodeRecord(0);
  const spec = rethrowAsDemoError(() => behaviorSpecFromProto(brain, first.agentInfo ?? {}, `${file}: brain parameters at byte ${CONTENT_OFFSET} with the record at byte ${frames[0]!.offset}`));
  const steps = meta.numberSteps;
  const sizes = spec.observationSpecs.map(observationSize);
  const continuousSize = spec.actionSpec.continuousSize;
  const branches = spec.actionSpec.discreteBranches.length;
  const masks = maskSize(spec.actionSpec);
  const observations = sizes.map((size) => new Float32Array(steps * size));
  const continuousActions = new Float32Array(steps * continuousSize);
  const discreteActions = new Int32Array(steps * branches);
  const rewards = new Float32Array(steps);
  const dones = new Uint8Array(steps);
  const interrupted = new Uint8Array(steps);
  const agentIds = new Int32Array(steps);
  let actionMasks: Uint8Array | null = null;

  for (let n = 0; n < steps; n++) {
    const record = n === 0 ? first : decodeRecord(n);
    const where = `${file}: ${recordName(n, steps)} at byte ${frames[n]!.offset}`;
    const info = rethrowAsDemoError(() => decodeAgentInfos([record.agentInfo ?? {}], spec, where));
    for (let o = 0; o < sizes.length; o++) observations[o]!.set(info.observations[o]!, n * sizes[o]!);
    rewards[n] = info.rewards[0]!;
    dones[n] = info.done[0]!;
    interrupted[n] = info.done[0]! & info.maxStepReached[0]!;
    agentIds[n] = info.agentIds[0]!;
    if (info.actionMasks) {
      actionMasks ??= new Uint8Array(steps * masks);
      actionMasks.set(info.actionMasks, n * masks);
    }
    decodeActions(record.actionInfo ?? {}, spec.actionSpec, continuousActions, n * continuousSize, discreteActions, n * branches, where);
  }
  return {
    files: [file],
    meta,
    fileMetas: [meta],
    fileStarts: [0],
    spec,
    steps,
    observations,
    continuousActions,
    discreteActions,
    actionMasks,
    rewards,
    dones,
    interrupted,
    agentIds,
    episodeStarts: Int32Array.from(episodeStartsOf(dones)),
  };
}

function recordName(n: number, total: number): string {
  return `record ${n + 1} of ${total}`;
}

/** The codecs this reader reuses throw protocol codes; from a file, every failure is a demo-file error. */
function rethrowAsDemoError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isShivaError(error) && error.code !== 'SHIVA_ERR_DEMO_FILE') throw demoError(error.message, error);
    throw error;
  }
}

function decodeActions(action: ActionProto, spec: ActionSpec, continuous: Float32Array, cAt: number, discrete: Int32Array, dAt: number, where: string): void {
  const c = action.continuousActions ?? [];
  const d = action.discreteActions ?? [];
  const size = spec.continuousSize;
  const branches = spec.discreteBranches.length;
  let discreteValues: readonly number[];
  if (c.length > 0 || d.length > 0) {
    if (c.length !== size) throw demoError(`${where}: action_info.continuous_actions: expected ${size} values, got ${c.length}`);
    if (d.length !== branches) throw demoError(`${where}: action_info.discrete_actions: expected ${branches} values (one per branch), got ${d.length}`);
    for (let k = 0; k < size; k++) continuous[cAt + k] = c[k]!;
    discreteValues = d;
  } else {
    const legacy = action.vectorActionsDeprecated ?? [];
    if (legacy.length === 0) return;
    if (legacy.length !== size + branches) {
      throw demoError(`${where}: action_info.vector_actions_deprecated: expected ${size + branches} values (${size} continuous + ${branches} branches), got ${legacy.length}`);
    }
    for (let k = 0; k < size; k++) continuous[cAt + k] = legacy[k]!;
    discreteValues = legacy.slice(size);
  }
  for (let k = 0; k < size; k++) {
    if (!Number.isFinite(continuous[cAt + k]!)) throw demoError(`${where}: continuous action ${k}: expected a finite number, got ${continuous[cAt + k]}`);
  }
  for (let k = 0; k < branches; k++) {
    const value = discreteValues[k]!;
    const branchSize = spec.discreteBranches[k]!;
    if (!Number.isInteger(value) || value < 0 || value >= branchSize) {
      throw demoError(`${where}: discrete action of branch ${k}: expected an integer in 0..${branchSize - 1}, got ${value}`);
    }
    discrete[dAt + k] = value;
  }
}
