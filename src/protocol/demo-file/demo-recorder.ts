/**
 * Writes a `.demo` file step by step, as Unity's DemonstrationRecorder does, in the api_version 1 layout of the
 * shared files: the meta area (33 bytes), the brain parameters with the action space in both action_spec and, where
 * it is not hybrid, the deprecated fields; then one AgentInfoActionPairProto per step, with the action in
 * continuous_actions / discrete_actions and again in vector_actions_deprecated (continuous, then branches as
 * floats), so readers of either generation find it. The file is written under a temporary name; close() writes the
 * meta record with the final counts over the reserved area and renames the file into place, so nothing half-written
 * ever carries the final name.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { communicator_objects as co } from '../generated/communicator.js';
import { brainParametersFromSpec } from '../brain-parameters.js';
import { encodeObservation, type ObservationCompression } from '../observation-codec.js';
import { maskSize, observationSize, type BehaviorSpec } from '../../core/env/behavior-spec.js';
import { validateActions } from '../../core/env/action-tuple.js';
import { ShivaError } from '../../core/errors.js';
import type { DemoMeta } from './demonstration.js';
import { CONTENT_OFFSET, WRITTEN_API_VERSION, demoError, encodeMetaArea, fitMeta } from './framing.js';

/** One recorded step of one agent: what it observed and was told, and the action the expert took. */
export interface DemoStep {
  /** One array per observation spec, prod(shape) floats each (channels first for visual observations). */
  readonly observations: readonly Float32Array[];
  /** continuousSize values; may be left out when the spec has none. */
  readonly continuousActions?: Float32Array;
  /** One value per branch; may be left out when the spec has no branches. */
  readonly discreteActions?: Int32Array;
  /** Σ branch sizes, 1 = action NOT allowed; left out or null: no mask. */
  readonly actionMask?: Uint8Array | null;
  readonly reward: number;
  readonly done: boolean;
  /** The episode ended by max step rather than by the task (only meaningful with done). */
  readonly interrupted?: boolean;
  readonly agentId?: number;
}

export interface DemoRecorderOptions {
  /** demonstration_name in the meta record (shortened to fit it); default: the file name without `.demo`. */
  readonly name?: string;
  /** 'png' writes rank-3 [C, H, W] observations as PNG (values rounded to 1/255); default 'none' (floats). */
  readonly compression?: ObservationCompression;
}

const FLUSH_BYTES = 1 << 20;

export class DemoRecorder {
  private fd: number | null;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private recorded = 0;
  private doneCount = 0;
  /** Float32, in step order, as Unity's writer sums it. */
  private cumulativeReward = 0;
  private readonly sizes: number[];
  private readonly masks: number;
  private readonly empty = { continuous: new Float32Array(0), discrete: new Int32Array(0) };

  private constructor(
    readonly path: string,
    readonly spec: BehaviorSpec,
    private readonly tempPath: string,
    fd: number,
    private readonly name: string,
    private readonly compression: ObservationCompression,
  ) {
    this.fd = fd;
    this.sizes = spec.observationSpecs.map(observationSize);
    this.masks = maskSize(spec.actionSpec);
  }

  /** Creates the temporary file beside `path` and writes the reserved meta area and the brain parameters. */
  static open(path: string, spec: BehaviorSpec, options: DemoRecorderOptions = {}): DemoRecorder {
    const tempPath = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    let fd: number;
    try {
      // The folder is made as Unity's recorder makes its Demonstrations folder; an empty folder is all a failure leaves.
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(tempPath, 'wx');
    } catch (error) {
      throw demoError(`${path}: cannot create the demonstration file (${error instanceof Error ? error.message : String(error)})`, error);
    }
    const recorder = new DemoRecorder(path, spec, tempPath, fd, options.name ?? basename(path).replace(/\.demo$/, ''), options.compression ?? 'none');
    try {
      const hybrid = spec.actionSpec.continuousSize > 0 && spec.actionSpec.discreteBranches.length > 0;
      // The deprecated fields hold one kind of action only; a hybrid spec lives in action_spec alone.
      const brain = { ...brainParametersFromSpec(spec, hybrid), isTraining: false };
      recorder.push(new Uint8Array(CONTENT_OFFSET));
      recorder.push(co.BrainParametersProto.encodeDelimited(brain).finish());
    } catch (error) {
      recorder.abort();
      throw error;
    }
    return recorder;
  }

  get steps(): number {
    return this.recorded;
  }

  addStep(step: DemoStep): void {
    if (this.fd === null) throw demoError(`${this.path}: the recorder is closed`);
    const where = `${this.path}: step ${this.recorded}`;
    const specs = this.spec.observationSpecs;
    if (step.observations.length !== specs.length) {
      throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: observations: expected ${specs.length} (one per observation spec), got ${step.observations.length}`);
    }
    const observations = specs.map((spec, o) => {
      const values = step.observations[o]!;
      if (values.length !== this.sizes[o]) {
        throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: observation ${o}: expected ${this.sizes[o]} values for shape [${spec.shape.join(', ')}], got ${values.length}`);
      }
      for (let i = 0; i < values.length; i++) {
        if (values[i]! - values[i]! !== 0) throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: observation ${o} value ${i}: expected a finite number, got ${values[i]}`);
      }
      return encodeObservation(values, spec, spec.shape.length === 3 ? this.compression : 'none');
    });
    if (!Number.isFinite(step.reward)) throw new ShivaError('SHIVA_ERR_REWARD', `${where}: reward: expected a finite number, got ${step.reward}`);
    const actions = { continuous: step.continuousActions ?? this.empty.continuous, discrete: step.discreteActions ?? this.empty.discrete };
    validateActions(where, this.spec.actionSpec, 1, actions);
    const mask = step.actionMask ?? null;
    if (mask && mask.length !== this.masks) {
      throw new ShivaError('SHIVA_ERR_ACTION_SHAPE', `${where}: action mask: expected ${this.masks} values (Σ branch sizes), got ${mask.length}`);
    }
    const continuous = Array.from(actions.continuous);
    const discrete = Array.from(actions.discrete);
    const record: co.AgentInfoActionPairProto.$Properties = {
      agentInfo: {
        reward: step.reward,
        done: step.done,
        maxStepReached: step.done && step.interrupted === true,
        id: step.agentId ?? 0,
        observations,
        ...(mask ? { actionMask: Array.from(mask, (m) => m !== 0) } : {}),
      },
      actionInfo: { vectorActionsDeprecated: [...continuous, ...discrete], continuousActions: continuous, discreteActions: discrete },
    };
    this.push(co.AgentInfoActionPairProto.encodeDelimited(record).finish());
    this.recorded++;
    if (step.done) this.doneCount++;
    this.cumulativeReward = Math.fround(this.cumulativeReward + Math.fround(step.reward));
  }

  /** The meta record close() will write, from the steps so far (the name shortened if it would not fit). */
  meta(): DemoMeta {
    // Unity's writer ends one more episode when it closes, whether or not the last step was done.
    const episodes = this.doneCount + 1;
    return fitMeta({
      apiVersion: WRITTEN_API_VERSION,
      name: this.name,
      numberSteps: this.recorded,
      numberEpisodes: episodes,
      meanReward: Math.fround(this.cumulativeReward / episodes),
    });
  }

  /** Writes the meta record over the reserved area and renames the file into place. Returns the meta record. */
  close(): DemoMeta {
    if (this.fd === null) throw demoError(`${this.path}: the recorder is already closed`);
    if (this.recorded === 0) {
      this.abort();
      throw demoError(`${this.path}: nothing recorded: a .demo file needs at least one step (its first record gives the observation spec)`);
    }
    const meta = this.meta();
    try {
      this.flush();
      writeSync(this.fd, encodeMetaArea(meta), 0, CONTENT_OFFSET, 0);
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = null;
      renameSync(this.tempPath, this.path);
    } catch (error) {
      this.abort();
      throw demoError(`${this.path}: writing the demonstration failed (${error instanceof Error ? error.message : String(error)})`, error);
    }
    return meta;
  }

  /** Drops the temporary file; the final path is never touched. Safe to call more than once. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already closed by the OS or a failed write; the unlink below still runs.
      }
      this.fd = null;
    }
    try {
      unlinkSync(this.tempPath);
    } catch {
      // Renamed already, or never created.
    }
    this.pending = [];
    this.pendingBytes = 0;
  }

  private push(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd, chunk, written, chunk.length - written);
  }
}
