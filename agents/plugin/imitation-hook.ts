/**
 * The seam between behavioral cloning (agents/imitation) and the learners it runs beside (ML-Agents' BCModule runs
 * beside PPO, SAC and POCA alike: every TorchOptimizer builds one from the `behavioral_cloning` section).
 *
 * - A learner that can take BC offers its actor as a `BcActor`: the actor's trainable weights, and for a batch of
 *   observations the outputs BC's loss reads (per-branch logits for discrete actions; for continuous actions the
 *   deterministic action in the space the loss compares the demo action in). PPO's actor-critic and SAC's actors
 *   each give one; nothing of the critic is in it, so BC moves the actor only, as ML-Agents' BC optimiser holds
 *   `policy.actor.parameters()`.
 * - The learner calls its `imitation` hook where ML-Agents calls `bc_module.update()`: after each PPO (or POCA)
 *   update, after each SAC gradient step.
 * - An actor with memory (recurrent PPO) says so in `memory`: BC then reads the demonstration in sequences of
 *   sequence_length within each episode, each from zero memories, as ML-Agents' BCModule does with memory.
 */
import type * as tf from '@tensorflow/tfjs';
import type { SequenceInputs } from '../networks/actor-critic.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import type { Learner } from './learner.js';

/** What a learner calls after its own updates (its optional `imitation` member: behavioral cloning beside it). */
export interface ImitationHook {
  /** Runs after an update at `steps` agent steps; returns stats as ns/metric tags. */
  afterUpdate(steps: number): Record<string, number>;
  /** JSON-safe state, saved with the learner's. */
  save(): unknown;
  load(state: unknown, where: string): void;
  /** Frees what it holds on the backend (its optimiser's moments for large weight arrays). */
  dispose(): void;
}

/** BC's outputs for a batch: null where the actor has no such actions. */
export interface BcOutputs<T> {
  /** rows × Σ branch sizes logits (any per-branch shift of them: BC log-softmaxes each branch). */
  readonly logits: T | null;
  /** rows × continuousSize deterministic actions, in the space `actionClip` maps demo actions into. */
  readonly mean: T | null;
}

/** An actor as behavioral cloning trains it. */
export interface BcActor {
  readonly observationSizes: readonly number[];
  readonly branches: readonly number[];
  readonly logitsSize: number;
  readonly continuousSize: number;
  /** How a demo action (as the environment received it) maps into `mean`'s space (bc-loss.ts continuousTargets). */
  readonly actionClip: NetworkSettings['actionClip'];
  /** The actor's trainable weights (nothing of a critic). */
  readonly variables: readonly tf.Variable[];
  /** With memory: the sequence length BC cuts episodes into, and the width of the (zero) memory each starts from. */
  readonly memory?: { readonly sequenceLength: number; readonly memoryWidth: number };
  /** Raw observations → what the actor reads (its running normalisers; identity without them). */
  normalizeObservations(raw: readonly Float32Array[], rows: number): Float32Array[];
  /** With memory, `sequences` says how the rows are laid out, and the outputs hold the valid rows only. */
  outputsTf(observations: readonly tf.Tensor2D[], sequences?: SequenceInputs): BcOutputs<tf.Tensor2D>;
  /** The same on the host (for evaluation; no gradient); unused for an actor with memory. */
  outputsHost(normalized: readonly Float32Array[], rows: number): BcOutputs<Float32Array>;
  /** Copies the trained weights to the acting path. */
  syncHost(): void;
}

/** A learner that takes behavioral cloning beside its algorithm. */
export interface ImitationHost {
  imitation: ImitationHook | null;
  bcActor(): BcActor;
}

export function imitationHostOf(learner: Learner): ImitationHost | null {
  const l = learner as Partial<ImitationHost>;
  return typeof l.bcActor === 'function' && 'imitation' in learner ? (learner as unknown as ImitationHost) : null;
}
