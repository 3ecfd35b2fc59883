/**
 * A policy read from an ONNX file that ML-Agents (or Shiva's export) wrote, run by onnxruntime-node. It reads
 * ML-Agents' model contract (ml-agents/mlagents/trainers/torch_entities/model_serialization.py):
 *
 *   inputs   obs_0 … obs_{n-1}   [batch, …shape]: one per observation spec, in spec order
 *            action_masks        [batch, Σ branches]: 1 = allowed (the environment's masks inverted), when present
 *            recurrent_in        [batch, 1, memory_size]: each agent's memory (a recurrent model only)
 *   outputs  version_number      2 or 3 (ML-Agents release 21 writes 3)
 *            memory_size         0, or the size of recurrent_in (then recurrent_out [batch, 1, memory_size] too)
 *            deterministic_discrete_actions / deterministic_continuous_actions   (version 3; greedy acting)
 *            discrete_actions / continuous_actions                               (sampled by the graph itself)
 *            discrete_action_output_shape (the branch sizes), continuous_action_output_shape (the action size)
 *
 * Everything is checked against the behavior's spec once, when the model is loaded, with a coded error that names
 * the file, the input or output, what was expected and what came. The graph gives actions, not distributions: for
 * the reasoning layer, π per discrete branch is the model's action with MODEL_ACTION_SHARE of the mass, the rest
 * spread over the other allowed actions, so that a rule that vetoes the model's choice leaves an allowed one.
 * Acting is asynchronous (onnxruntime runs off the event loop); the decision pipeline's decideAsync awaits it.
 * A recurrent model's memories are kept per (environment source, agent id) as the trainer keeps them
 * (agents/networks/agent-memories.ts): fed as recurrent_in, replaced by recurrent_out, reset where an episode ended.
 */
import * as ort from 'onnxruntime-node';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import { AgentMemories } from '../networks/agent-memories.js';
import { actionsOnly, CONTINUOUS_RULE_REFUSAL, type ActingContext, type PolicyProposal, type RowSource, type StepsFromSource } from '../plugin/learner.js';

/** The model contract versions read (ML-Agents' MODEL_EXPORT_VERSION: 2 before release 19's deterministic outputs, 3 since). */
export const ONNX_CONTRACT_VERSIONS: readonly number[] = [2, 3];

/** π's mass on the model's own action when the reasoning layer combines it with rule factors. */
export const MODEL_ACTION_SHARE = 0.99;

/** A policy that acts asynchronously and learns nothing (an ONNX model): what decideAsync takes. */
export interface FrozenPolicy {
  /** Names it in errors and traces (the file). */
  readonly id: string;
  readonly spec: BehaviorSpec;
  readonly ruleRefusal: string | null;
  /** Sees every part before the batch acts (a recurrent model resets the memories of agents whose episode ended). */
  prepare?(parts: readonly StepsFromSource[]): void;
  /** `rows` says which environment each row came from (a recurrent model keys its memories by it; absent: all source 0). */
  act(steps: DecisionSteps, context: Pick<ActingContext, 'deterministic'> & { readonly rows?: readonly RowSource[] }): Promise<PolicyProposal>;
}

/** What was read from the model's constant outputs. */
export interface OnnxContract {
  readonly version: number;
  readonly memorySize: number;
  readonly discreteBranches: readonly number[];
  readonly continuousSize: number;
  readonly hasMasks: boolean;
  /** The outputs acting reads: greedy and sampled. */
  readonly outputs: { readonly discrete: { greedy: string; sampled: string } | null; readonly continuous: { greedy: string; sampled: string } | null };
}

export class OnnxPolicy implements FrozenPolicy {
  readonly ruleRefusal: string | null;
  private readonly maskWidth: number;
  /** A recurrent model's memories per agent; null when memory_size is 0. */
  private readonly memories: AgentMemories | null;

  private constructor(
    readonly id: string,
    readonly spec: BehaviorSpec,
    readonly contract: OnnxContract,
    private readonly session: ort.InferenceSession,
  ) {
    this.maskWidth = spec.actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
    this.ruleRefusal = spec.actionSpec.discreteBranches.length > 0 ? null : CONTINUOUS_RULE_REFUSAL;
    this.memories = contract.memorySize > 0 ? new AgentMemories(contract.memorySize) : null;
  }

  prepare(parts: readonly StepsFromSource[]): void {
    if (!this.memories) return;
    for (const part of parts) if (part.terminalSteps.count > 0) this.memories.reset(part.source, part.terminalSteps.agentIds);
  }

  /** Loads `path` and checks it against `spec`; SHIVA_ERR_ONNX_MODEL when it cannot be read or does not fit. */
  static async load(path: string, spec: BehaviorSpec): Promise<OnnxPolicy> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(path, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
    } catch (error) {
      throw new ShivaError('SHIVA_ERR_ONNX_MODEL', `${path}: expected an ONNX model onnxruntime can load, got: ${(error as Error).message}`, { cause: error });
    }
    try {
      const contract = await readContract(path, spec, session);
      return new OnnxPolicy(path, spec, contract, session);
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  async act(steps: DecisionSteps, context: Pick<ActingContext, 'deterministic'> & { readonly rows?: readonly RowSource[] }): Promise<PolicyProposal> {
    const count = steps.count;
    const { outputs } = this.contract;
    const feeds = inputFeeds(this.spec, this.contract, steps.observations, count, steps.actionMasks);
    const rows = context.rows ?? [{ source: 0, offset: 0, count }];
    const M = this.contract.memorySize;
    if (this.memories) feeds.recurrent_in = new ort.Tensor('float32', this.memories.gather(rows, steps.agentIds), [count, 1, M]);
    const fetch: string[] = this.memories ? ['recurrent_out'] : [];
    const discreteName = outputs.discrete ? (context.deterministic ? outputs.discrete.greedy : outputs.discrete.sampled) : null;
    const continuousName = outputs.continuous ? (context.deterministic ? outputs.continuous.greedy : outputs.continuous.sampled) : null;
    if (discreteName) fetch.push(discreteName);
    if (continuousName) fetch.push(continuousName);
    const result = await this.session.run(feeds, fetch);
    if (this.memories) this.memories.store(rows, steps.agentIds, Float32Array.from(result['recurrent_out']!.data as Float32Array).subarray(0, count * M));
    const nb = this.spec.actionSpec.discreteBranches.length;
    const C = this.spec.actionSpec.continuousSize;
    const discrete = new Int32Array(count * nb);
    if (discreteName) {
      const data = result[discreteName]!.data as BigInt64Array | Int32Array | Float32Array;
      for (let i = 0; i < count * nb; i++) discrete[i] = Number(data[i]!);
    }
    const continuous = new Float32Array(count * C);
    if (continuousName) continuous.set((result[continuousName]!.data as Float32Array).subarray(0, count * C));
    return actionsOnly(count, continuous, discrete, nb > 0 ? this.policyOf(discrete, count, steps.actionMasks) : new Float32Array(0));
  }

  /** Frees the session. */
  async release(): Promise<void> {
    await this.session.release();
  }

  /** π per branch for the reasoning layer: MODEL_ACTION_SHARE on the model's action, the rest on the other allowed ones. */
  private policyOf(discrete: Int32Array, count: number, masks: Uint8Array | null): Float32Array {
    const branches = this.spec.actionSpec.discreteBranches;
    const S = this.maskWidth;
    const probs = new Float32Array(count * S);
    for (let r = 0; r < count; r++) {
      let start = 0;
      branches.forEach((n, b) => {
        const chosen = discrete[r * branches.length + b]!;
        let others = 0;
        for (let a = 0; a < n; a++) if (a !== chosen && !(masks && masks[r * S + start + a])) others++;
        const share = others > 0 ? MODEL_ACTION_SHARE : 1;
        for (let a = 0; a < n; a++) {
          if (a === chosen) probs[r * S + start + a] = share;
          else if (!(masks && masks[r * S + start + a])) probs[r * S + start + a] = (1 - share) / others;
        }
        start += n;
      });
    }
    return probs;
  }
}

/** The feeds for `count` rows: obs_i as the model declares them, and action_masks (1 = allowed) where it takes them. */
function inputFeeds(spec: BehaviorSpec, contract: OnnxContract, observations: readonly Float32Array[], count: number, masks: Uint8Array | null): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  spec.observationSpecs.forEach((o, i) => {
    const size = observationSize(o);
    const values = observations[i]!;
    // A view into a larger buffer is copied: the runtime reads the tensor from its buffer's start.
    const own = values.byteOffset === 0 && values.length === count * size ? values : values.slice(0, count * size);
    feeds[`obs_${i}`] = new ort.Tensor('float32', own, [count, ...o.shape]);
  });
  if (contract.hasMasks) {
    const S = contract.discreteBranches.reduce((a, b) => a + b, 0);
    const allowed = new Float32Array(count * S).fill(1);
    if (masks) for (let i = 0; i < count * S; i++) allowed[i] = masks[i] ? 0 : 1;
    feeds.action_masks = new ort.Tensor('float32', allowed, [count, S]);
  }
  return feeds;
}

function fail(path: string, field: string, expected: string, got: string): never {
  throw new ShivaError('SHIVA_ERR_ONNX_MODEL', `${path}: ${field}: expected ${expected}, got ${got}`);
}

const shapeText = (shape: readonly (number | string)[]): string => `[${shape.join(', ')}]`;

/** Reads and checks the contract: input names and shapes against the spec, then the constant outputs (one run of one row). */
async function readContract(path: string, spec: BehaviorSpec, session: ort.InferenceSession): Promise<OnnxContract> {
  const inputs = new Map(session.inputMetadata.map((m) => [m.name, m]));
  const outputNames = new Set(session.outputNames);
  const want = spec.observationSpecs.map((_, i) => `obs_${i}`);
  const obsInputs = session.inputNames.filter((n) => /^obs_\d+$/.test(n));
  if (obsInputs.length !== want.length || want.some((n) => !inputs.has(n))) {
    fail(path, 'inputs', `${want.join(', ')} (behavior "${spec.name}" has ${want.length} observation${want.length === 1 ? '' : 's'})`, session.inputNames.join(', ') || 'none');
  }
  const recurrent = inputs.get('recurrent_in');
  const recurrentSize = recurrent?.isTensor ? Number(recurrent.shape[2]) : 0;
  if (recurrent && (!recurrent.isTensor || recurrent.shape.length !== 3 || !(recurrentSize > 0))) fail(path, 'input recurrent_in', 'float32 [batch, 1, memory_size] (ML-Agents\' recurrent contract)', recurrent.isTensor ? shapeText(recurrent.shape) : 'not a tensor');
  if (recurrent && !outputNames.has('recurrent_out')) fail(path, 'outputs', 'recurrent_out beside the input recurrent_in', session.outputNames.join(', '));
  spec.observationSpecs.forEach((o, i) => {
    const meta = inputs.get(`obs_${i}`)!;
    const shape = meta.isTensor ? meta.shape : [];
    const dims = shape.slice(1);
    const fits = meta.isTensor && meta.type === 'float32' && dims.length === o.shape.length && dims.every((d, k) => d === o.shape[k]);
    if (!fits) fail(path, `input obs_${i}`, `float32 [batch, ${o.shape.join(', ')}] (behavior "${spec.name}", observation ${o.name})`, meta.isTensor ? `${meta.type} ${shapeText(shape)}` : 'not a tensor');
  });
  const maskWidth = spec.actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  const hasMasks = inputs.has('action_masks');
  if (hasMasks) {
    const meta = inputs.get('action_masks')!;
    const width = meta.isTensor ? meta.shape[1] : undefined;
    if (width !== maskWidth) fail(path, 'input action_masks', `[batch, ${maskWidth}] (the sum of behavior "${spec.name}"'s branch sizes)`, meta.isTensor ? shapeText(meta.shape) : 'not a tensor');
  }
  for (const name of ['version_number', 'memory_size']) if (!outputNames.has(name)) fail(path, 'outputs', `${name} (ML-Agents' model contract)`, session.outputNames.join(', '));

  const discrete = spec.actionSpec.discreteBranches.length > 0 ? pickOutputs(path, outputNames, 'discrete') : null;
  const continuous = spec.actionSpec.continuousSize > 0 ? pickOutputs(path, outputNames, 'continuous') : null;
  const constants = ['version_number', 'memory_size'];
  if (discrete && outputNames.has('discrete_action_output_shape')) constants.push('discrete_action_output_shape');
  if (continuous && outputNames.has('continuous_action_output_shape')) constants.push('continuous_action_output_shape');
  const probe: DecisionSteps = {
    count: 1,
    agentIds: new Int32Array(1),
    observations: spec.observationSpecs.map((o) => new Float32Array(observationSize(o))),
    rewards: new Float32Array(1),
    groupIds: new Int32Array(1),
    groupRewards: new Float32Array(1),
    actionMasks: null,
  };
  const contractSoFar = { version: 0, memorySize: recurrentSize, discreteBranches: spec.actionSpec.discreteBranches, continuousSize: spec.actionSpec.continuousSize, hasMasks, outputs: { discrete, continuous } };
  let values: ort.InferenceSession.OnnxValueMapType;
  try {
    const feeds = inputFeeds(spec, contractSoFar, probe.observations, 1, null);
    if (recurrent) feeds.recurrent_in = new ort.Tensor('float32', new Float32Array(recurrentSize), [1, 1, recurrentSize]);
    values = await session.run(feeds, constants);
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_ONNX_MODEL', `${path}: a run of one row: expected the constant outputs ${constants.join(', ')}, got: ${(error as Error).message}`, { cause: error });
  }
  const numbers = (name: string): number[] => Array.from(values[name]!.data as Float32Array, Number);
  const version = numbers('version_number')[0]!;
  if (!ONNX_CONTRACT_VERSIONS.includes(version)) fail(path, 'version_number', `one of ${ONNX_CONTRACT_VERSIONS.join(', ')} (ML-Agents release 21 writes 3)`, String(version));
  const memorySize = numbers('memory_size')[0]!;
  if (memorySize !== recurrentSize) fail(path, 'memory_size', recurrent ? `${recurrentSize} (the size of recurrent_in)` : '0 (the model has no recurrent_in)', String(memorySize));
  if (constants.includes('discrete_action_output_shape')) {
    const branches = numbers('discrete_action_output_shape');
    const spb = spec.actionSpec.discreteBranches;
    if (branches.length !== spb.length || branches.some((n, b) => n !== spb[b])) fail(path, 'discrete_action_output_shape', `branches [${spb.join(', ')}] (behavior "${spec.name}")`, `[${branches.join(', ')}]`);
  }
  if (constants.includes('continuous_action_output_shape')) {
    const size = numbers('continuous_action_output_shape')[0];
    if (size !== spec.actionSpec.continuousSize) fail(path, 'continuous_action_output_shape', `${spec.actionSpec.continuousSize} continuous actions (behavior "${spec.name}")`, String(size));
  }
  return { ...contractSoFar, version, memorySize };
}

/** The greedy and sampled outputs of one action kind; the greedy one falls back to the sampled one (version 2). */
function pickOutputs(path: string, outputs: ReadonlySet<string>, kind: 'discrete' | 'continuous'): { greedy: string; sampled: string } {
  const sampled = `${kind}_actions`;
  const greedy = `deterministic_${kind}_actions`;
  if (!outputs.has(sampled) && !outputs.has(greedy)) fail(path, 'outputs', `${greedy} or ${sampled} (the behavior has ${kind} actions)`, [...outputs].join(', '));
  return { greedy: outputs.has(greedy) ? greedy : sampled, sampled: outputs.has(sampled) ? sampled : greedy };
}
