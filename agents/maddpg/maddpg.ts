/**
 * MADDPG (Lowe et al. 2017, "Multi-Agent Actor-Critic for Mixed Cooperative-Competitive Environments"): one
 * gradient step, readable top to bottom. Team assembly, acting and the replay buffer live with the caller
 * (src/training/maddpg-learner.ts); the input layout of the critics is ./critic-input.ts.
 *
 * Decentralised deterministic actors μ_k(o_i) (one per slot, or one shared), centralised critics Q_c(x) over the
 * layout x of ./critic-input.ts (per slot, or one shared critic trained on permuted samples; `independent` makes
 * each critic see only its own agent: DDPG per agent). One gradient step on a batch of joint transitions:
 *   1. target actions a'_j = μ'_j(o'_j) (tanh for continuous actions, the one-hot argmax for discrete ones);
 *   2. for every agent i: y_i = r_i + γ(1 − done_i)·Q'_c(i)(x'_i), and the critic loss mean (Q_c(i)(x_i) − y_i)²;
 *   3. for every agent i: a_i ← μ_k(i)(o_i) inside x_i (tanh, or the straight-through Gumbel-softmax sample for
 *      discrete actions), and the actor loss −mean Q_c(i)(x_i) + λ·mean(pre-activation²);
 *   4. each network's gradient clipped to max_grad_norm, Adam; then θ' ← τθ + (1 − τ)θ' for every target.
 * Critic and actor losses of agents sharing a network are averaged, so a shared network takes steps of the same
 * size as a per-slot one.
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { clippedAdamStep } from '../networks/adam-step.js';
import type { Activation } from '../networks/activations.js';
import { readForward } from '../networks/batch-tensors.js';
import { POLICY_HEAD_GAIN } from '../networks/init.js';
import type { SavedParameter } from '../networks/parameters.js';
import { polyakUpdate } from '../networks/polyak.js';
import { criticAgents, criticInputSize, criticInputs, criticOrder, selfPosition, slotRows, type CriticView } from './critic-input.js';
import { gumbelNoise, gumbelSoftmaxTf, oneHotArgmax } from './gumbel-softmax.js';
import type { MaddpgHyperparameters } from './hyperparameters.js';
import type { JointBatch } from './joint-replay.js';
import { Mlp } from './mlp.js';

export interface MaddpgShape {
  /** Agents per team. */
  readonly n: number;
  readonly obsSize: number;
  /** Continuous action components (0 when discrete). */
  readonly continuousSize: number;
  /** Discrete branch sizes (empty when continuous). */
  readonly branches: readonly number[];
  readonly hiddenUnits: number;
  readonly numLayers: number;
  readonly activation: Activation;
}

export interface MaddpgStepStats {
  readonly criticLoss: number;
  readonly actorLoss: number;
  readonly meanQ: number;
}

export interface SavedMaddpg {
  readonly actors: SavedParameter[][];
  readonly targetActors: SavedParameter[][];
  readonly critics: SavedParameter[][];
  readonly targetCritics: SavedParameter[][];
  readonly actorOptimizers: SavedAdam[];
  readonly criticOptimizers: SavedAdam[];
  readonly gradientSteps: number;
}

export class Maddpg {
  readonly actors: Mlp[];
  readonly targetActors: Mlp[];
  readonly critics: Mlp[];
  readonly targetCritics: Mlp[];
  readonly view: CriticView;
  /** Width of one agent's stored action: continuous components, or Σ branches (one-hot). */
  readonly actSize: number;
  private readonly actorOptimizers: Adam[];
  private readonly criticOptimizers: Adam[];
  private steps = 0;

  constructor(
    readonly shape: MaddpgShape,
    readonly hp: MaddpgHyperparameters,
    rng: Rng,
  ) {
    const { n, obsSize, continuousSize, branches } = shape;
    if ((continuousSize > 0) === branches.length > 0) {
      throw new ShivaError('SHIVA_ERR_NETWORK', `maddpg: action spec: expected continuous actions or discrete branches (not both, not neither), got ${continuousSize} continuous and branches [${branches.join(', ')}]`);
    }
    this.view = hp.independent ? 'independent' : hp.critic;
    this.actSize = continuousSize > 0 ? continuousSize : branches.reduce((a, b) => a + b, 0);
    const layers = { hiddenUnits: shape.hiddenUnits, numLayers: shape.numLayers, activation: shape.activation };
    const actorShape = { inSize: obsSize, outSize: this.actSize, ...layers, outputGain: POLICY_HEAD_GAIN };
    const criticShape = { inSize: criticInputSize(this.view, n, obsSize, this.actSize), outSize: 1, ...layers, outputGain: 1 };
    const actorCount = hp.shared_actor ? 1 : n;
    const criticCount = hp.critic === 'shared' ? 1 : n;
    const make = (count: number, s: typeof actorShape, name: string) => Array.from({ length: count }, (_, k) => new Mlp(s, `${name}_${k}`, rng));
    this.actors = make(actorCount, actorShape, 'maddpg/actor');
    this.critics = make(criticCount, criticShape, 'maddpg/critic');
    this.targetActors = make(actorCount, actorShape, 'maddpg/target_actor');
    this.targetCritics = make(criticCount, criticShape, 'maddpg/target_critic');
    this.targetActors.forEach((t, k) => polyakUpdate(t.params, this.actors[k]!.params, 1));
    this.targetCritics.forEach((t, k) => polyakUpdate(t.params, this.critics[k]!.params, 1));
    // TensorFlow's Adam ε (MADDPG's code uses tf.train.AdamOptimizer's defaults).
    this.actorOptimizers = this.actors.map((a) => new Adam(a.variables(), { epsilon: 1e-8 }));
    this.criticOptimizers = this.critics.map((c) => new Adam(c.variables(), { epsilon: 1e-8 }));
  }

  get gradientSteps(): number {
    return this.steps;
  }

  get discrete(): boolean {
    return this.shape.branches.length > 0;
  }

  actorOf(slot: number): number {
    return this.actors.length === 1 ? 0 : slot;
  }

  criticOf(slot: number): number {
    return this.critics.length === 1 ? 0 : slot;
  }

  /** Slot `slot`'s actor outputs before the squashing (tanh means, or logits) for rows × obsSize observations. */
  actorOutputs(slot: number, obs: Float32Array, rows: number, target = false): Float32Array {
    return (target ? this.targetActors : this.actors)[this.actorOf(slot)]!.forwardHost(obs, rows);
  }

  /** The deterministic action of actor outputs: tanh of each component, or the one-hot argmax of each branch. */
  squash(outputs: Float32Array, rows: number): Float32Array {
    if (this.discrete) return oneHotArgmax(outputs, rows, this.shape.branches);
    return outputs.map((v) => Math.tanh(v));
  }

  /** Q of the critic of `agent` for rows of critic input laid out as critic-input.ts says. */
  qHost(agent: number, inputs: Float32Array, rows: number): Float32Array {
    return this.critics[this.criticOf(agent)]!.forwardHost(inputs, rows);
  }

  gradientStep(batch: JointBatch, rng: Rng): MaddpgStepStats {
    const { hp, view } = this;
    const { size: B, n, obsSize: O } = batch;
    const A = this.actSize;
    if (n !== this.shape.n || O !== this.shape.obsSize || batch.actSize !== A) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `maddpg: batch: expected ${this.shape.n} agents × ${this.shape.obsSize} observations × ${A} actions, got ${n} × ${O} × ${batch.actSize}`);
    }
    const width = criticAgents(view, n);
    const rowSize = criticInputSize(view, n, O, A);

    // 1. Target actions of every slot for the next observations.
    const nextActions = new Float32Array(B * n * A);
    for (let s = 0; s < n; s++) {
      const target = this.targetActors[this.actorOf(s)]!;
      const outputs = readForward(() => target.forwardTf(tf.tensor2d(slotRows(batch.nextObs, B, n, O, s), [B, O])));
      const a = this.squash(outputs, B);
      for (let r = 0; r < B; r++) nextActions.set(a.subarray(r * A, (r + 1) * A), (r * n + s) * A);
    }

    // 2. Critic inputs (one order per agent, the same for x and x') and TD targets, on the host.
    const inputs: Float32Array[] = [];
    const targets: Float32Array[] = [];
    for (let i = 0; i < n; i++) {
      const order = criticOrder(view, i, n, B, rng);
      inputs.push(criticInputs(order, width, batch.obs, batch.actions, B, n, O, A));
      const nextInputs = criticInputs(order, width, batch.nextObs, nextActions, B, n, O, A);
      const qNext = readForward(() => this.targetCritics[this.criticOf(i)]!.forwardTf(tf.tensor2d(nextInputs, [B, rowSize])));
      const y = new Float32Array(B);
      for (let r = 0; r < B; r++) y[r] = batch.rewards[r * n + i]! + hp.gamma * (1 - batch.dones[r * n + i]!) * qNext[r]!;
      targets.push(y);
    }
    const criticWeight = this.critics.length / n;
    const criticVars = this.critics.flatMap((c) => c.variables());
    let criticLoss = 0;
    let meanQ = 0;
    tf.tidy(() => {
      const xs = inputs.map((x) => tf.tensor2d(x, [B, rowSize]));
      const ys = targets.map((y) => tf.tensor2d(y, [B, 1]));
      let qSum: tf.Scalar | null = null;
      const { value, grads } = tf.variableGrads(() => {
        let loss: tf.Scalar = tf.scalar(0);
        let qs: tf.Scalar = tf.scalar(0);
        for (let i = 0; i < n; i++) {
          const q = this.critics[this.criticOf(i)]!.forwardTf(xs[i]!);
          loss = tf.add(loss, tf.mul(tf.mean(tf.square(tf.sub(q, ys[i]!))), criticWeight));
          qs = tf.add(qs, tf.mean(q));
        }
        qSum = tf.keep(qs);
        return loss;
      }, criticVars);
      criticLoss = value.dataSync()[0]! / this.critics.length;
      const kept = (qSum as tf.Scalar | null)!;
      meanQ = kept.dataSync()[0]! / n;
      kept.dispose();
      this.applyClipped(this.critics, this.criticOptimizers, grads);
    });
    this.critics.forEach((c) => c.syncHost());

    // 3. Actor losses through the updated critics; other agents' actions stay as sampled.
    const noise = this.discrete ? Array.from({ length: n }, () => gumbelNoise(B, A, rng)) : [];
    const actorWeight = this.actors.length / n;
    const actorVars = this.actors.flatMap((a) => a.variables());
    let actorLoss = 0;
    tf.tidy(() => {
      const xs = inputs.map((x) => tf.tensor2d(x, [B, rowSize]));
      const own = Array.from({ length: n }, (_, i) => tf.tensor2d(slotRows(batch.obs, B, n, O, i), [B, O]));
      const { value, grads } = tf.variableGrads(() => {
        let loss: tf.Scalar = tf.scalar(0);
        for (let i = 0; i < n; i++) {
          const pre = this.actors[this.actorOf(i)]!.forwardTf(own[i]!);
          const action = this.discrete ? gumbelSoftmaxTf(pre, noise[i]!, this.shape.branches, hp.gumbel_temperature) : tf.tanh(pre);
          const left = width * O + selfPosition(view, i) * A;
          const x = tf.concat([tf.slice(xs[i]!, [0, 0], [B, left]), action, tf.slice(xs[i]!, [0, left + A], [B, rowSize - left - A])], 1) as tf.Tensor2D;
          const q = this.critics[this.criticOf(i)]!.forwardTf(x);
          const li = tf.add(tf.neg(tf.mean(q)), tf.mul(tf.mean(tf.square(pre)), hp.policy_regularization));
          loss = tf.add(loss, tf.mul(li, actorWeight));
        }
        return loss;
      }, actorVars);
      actorLoss = value.dataSync()[0]! / this.actors.length;
      this.applyClipped(this.actors, this.actorOptimizers, grads);
    });
    this.actors.forEach((a) => a.syncHost());

    // 4. Targets follow.
    this.targetCritics.forEach((t, k) => polyakUpdate(t.params, this.critics[k]!.params, hp.tau));
    this.targetActors.forEach((t, k) => polyakUpdate(t.params, this.actors[k]!.params, hp.tau));
    this.steps++;
    return { criticLoss, actorLoss, meanQ };
  }

  /** Per network: its gradients clipped to max_grad_norm in L2 norm (each network on its own), one Adam step. */
  private applyClipped(networks: readonly Mlp[], optimizers: readonly Adam[], grads: Record<string, tf.Tensor>): void {
    networks.forEach((net, k) => clippedAdamStep(net.variables(), grads, optimizers[k]!, this.hp.learning_rate, this.hp.max_grad_norm));
  }

  save(): SavedMaddpg {
    return {
      actors: this.actors.map((a) => a.save()),
      targetActors: this.targetActors.map((a) => a.save()),
      critics: this.critics.map((c) => c.save()),
      targetCritics: this.targetCritics.map((c) => c.save()),
      actorOptimizers: this.actorOptimizers.map((o) => o.save()),
      criticOptimizers: this.criticOptimizers.map((o) => o.save()),
      gradientSteps: this.steps,
    };
  }

  load(saved: SavedMaddpg, where: string): void {
    const steps = saved?.gradientSteps;
    if (!Number.isSafeInteger(steps) || steps < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: gradientSteps: expected an integer ≥ 0, got ${JSON.stringify(steps ?? null)}`);
    }
    const lists: [string, readonly unknown[] | undefined, number][] = [
      ['actors', saved.actors, this.actors.length],
      ['targetActors', saved.targetActors, this.actors.length],
      ['critics', saved.critics, this.critics.length],
      ['targetCritics', saved.targetCritics, this.critics.length],
      ['actorOptimizers', saved.actorOptimizers, this.actors.length],
      ['criticOptimizers', saved.criticOptimizers, this.critics.length],
    ];
    for (const [field, list, count] of lists) {
      if (!Array.isArray(list) || list.length !== count) {
        throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: ${field}: expected ${count} entries (critic ${this.hp.critic}, shared_actor ${this.hp.shared_actor}), got ${Array.isArray(list) ? list.length : typeof list}`);
      }
    }
    this.actors.forEach((a, k) => a.load(saved.actors[k]!, `${where}: actor ${k}`));
    this.targetActors.forEach((a, k) => a.load(saved.targetActors[k]!, `${where}: target actor ${k}`));
    this.critics.forEach((c, k) => c.load(saved.critics[k]!, `${where}: critic ${k}`));
    this.targetCritics.forEach((c, k) => c.load(saved.targetCritics[k]!, `${where}: target critic ${k}`));
    this.actorOptimizers.forEach((o, k) => o.load(saved.actorOptimizers[k]!, `${where}: actor optimizer ${k}`));
    this.criticOptimizers.forEach((o, k) => o.load(saved.criticOptimizers[k]!, `${where}: critic optimizer ${k}`));
    this.steps = steps;
  }

  dispose(): void {
    for (const net of [...this.actors, ...this.targetActors, ...this.critics, ...this.targetCritics]) net.dispose();
    for (const optimizer of [...this.actorOptimizers, ...this.criticOptimizers]) optimizer.dispose();
  }
}
