/**
 * MA-POCA (Cohen et al. 2021, "On the Use and Misuse of Absorbing States in Multi-agent RL"; ML-Agents'
 * `trainer_type: poca`): the update step, readable top to bottom. Acting and collection live with the caller
 * (src/training/poca-learner.ts); the per-agent actor is agents/networks' ActorCritic (only its `actor/` weights
 * train here), the centralised critic is ./group-critic.ts, the buffer ./group-buffer.ts.
 *
 * One update, given closed group segments:
 *   1. decay learning rate, β and ε with training progress (ML-Agents' schedules, as PPO);
 *   2. prepare, once, under the current weights: V(g_k) for every group state, b_i for every member transition,
 *      the group λ-returns G (group-returns.ts) and the advantages A = G − b (group-batch.ts);
 *   3. num_epoch passes, each over a fresh seeded shuffle cut into minibatches of batch_size:
 *      log π(a|o), entropy, V(g), b_i under the current weights → POCA loss (poca-loss.ts) → gradients of actor
 *      and critic together → clip to a global norm → Adam;
 *   4. fold the observations into the normaliser, copy the weights to the fast acting path.
 *
 * Rule factors are stored per transition and evaluated with the same combined policy π·f/Z that acted (as PPO).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ActorCritic } from '../networks/actor-critic.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { clippedAdamStep } from '../networks/adam-step.js';
import { gatherRows, normalizeAdvantages, trainMinibatches } from '../networks/minibatches.js';
import { evaluateInputs, policyBatch, type PolicyBatch } from '../networks/policy-batch.js';
import { decayedCoefficients } from '../networks/schedule.js';
import { buildPocaBatch, fillReturns, returnDiagnostics, type PocaBatch, type ReturnDiagnostics } from './group-batch.js';
import type { GroupSegment } from './group-buffer.js';
import type { GroupCritic } from './group-critic.js';
import type { PocaHyperparameters } from './hyperparameters.js';
import { pocaLoss } from './poca-loss.js';

export interface PocaUpdateStats {
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly baselineLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  readonly clipFraction: number;
  readonly gradNorm: number;
  readonly learningRate: number;
  readonly beta: number;
  readonly epsilon: number;
  readonly minibatches: number;
  /** Mean λ-return, group value, baseline, advantage and bootstrap value of the batch (group-batch.ts). */
  readonly diagnostics: ReturnDiagnostics;
}

export interface SavedPoca {
  readonly optimizer: SavedAdam;
}

export class Poca {
  readonly optimizer: Adam;
  private readonly variables: tf.Variable[];

  constructor(
    readonly policy: ActorCritic,
    readonly critic: GroupCritic,
    /** PPO's on-policy keys (ML-Agents' POCASettings has the same keys and defaults). */
    readonly hp: PocaHyperparameters,
    private readonly rng: Rng,
  ) {
    // The ActorCritic's own per-agent critic is not POCA's: only the actor trains here.
    const actor = policy.params.all.filter((p) => p.name.startsWith('actor/')).map((p) => p.variable);
    this.variables = [...actor, ...critic.params.variables()];
    this.optimizer = new Adam(this.variables, { epsilon: hp.adam_epsilon });
  }

  /** Step 2: the training batch of `segments` with returns and advantages under the current weights. */
  prepare(segments: readonly GroupSegment[]): { batch: PocaBatch; diagnostics: ReturnDiagnostics } {
    const { policy, critic } = this;
    const prepared = buildPocaBatch(segments, policy.observationSizes, { continuousSize: policy.continuousSize, branches: policy.branches }, (obs) => this.entity(obs));
    const { batch } = prepared;
    critic.maxMembers = Math.max(critic.maxMembers, batch.members);
    const N = batch.members;
    const D = batch.entitySize;
    const M = batch.others;
    const [stepValues, baselines] = tf.tidy(() => [
      critic.valueTf(tf.tensor3d(prepared.stepObs, [prepared.stepCount, N, D]), tf.tensor2d(prepared.stepMask, [prepared.stepCount, N])),
      critic.baselineTf(tf.tensor2d(batch.selfObs, [batch.size, D]), tf.tensor3d(batch.othersObsActions, [batch.size, M, D + batch.actionSize]), tf.tensor2d(batch.othersMask, [batch.size, M])),
    ]);
    const v = stepValues!.dataSync() as Float32Array;
    const b = baselines!.dataSync() as Float32Array;
    tf.dispose([stepValues!, baselines!]);
    fillReturns(prepared, segments, v, b, this.hp.gamma, this.hp.lambd);
    return { batch, diagnostics: returnDiagnostics(prepared, v) };
  }

  /** One POCA update on `segments`; `progress` is the fraction of max_steps done (drives the schedules). */
  update(segments: readonly GroupSegment[], progress: number): PocaUpdateStats {
    const { hp, policy } = this;
    // 1. Schedules.
    const { learningRate, beta, epsilon } = decayedCoefficients(hp, progress);
    const zero = { policyLoss: 0, valueLoss: 0, baselineLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, gradNorm: 0 };
    // 2. Returns and advantages, once.
    const { batch, diagnostics } = this.prepare(segments);
    const n = batch.size;
    if (n === 0) return { ...zero, learningRate, beta, epsilon, minibatches: 0, diagnostics };

    const prepared = policyBatch(policy, batch, batch.factors);

    // 3. Epochs × minibatches over seeded shuffles (networks/minibatches.ts, as PPO), the stats averaged over minibatches.
    const { means, count } = trainMinibatches(zero, n, hp.batch_size, hp.num_epoch, this.rng, (rows) =>
      this.trainMinibatch(batch, prepared, rows, learningRate, beta, epsilon),
    );

    // 4. Normaliser and fast-path weights.
    policy.updateNormalizers(batch.observations, n);
    policy.syncHost();
    this.critic.params.syncHost();
    return { ...means, learningRate, beta, epsilon, minibatches: count, diagnostics };
  }

  private trainMinibatch(batch: PocaBatch, prepared: PolicyBatch, rows: Int32Array, learningRate: number, beta: number, epsilon: number) {
    const { hp, policy, critic } = this;
    const b = rows.length;
    const { members: N, others: M, entitySize: D, actionSize: A } = batch;
    const advantages = gatherRows(batch.advantages, 1, rows);
    if (hp.normalize_advantages) normalizeAdvantages(advantages);

    let diagnostics: tf.Tensor | null = null;
    const gradNorm = tf.tidy(() => {
      const inputs = evaluateInputs(policy, prepared, rows);
      const groupObs = tf.tensor3d(gatherRows(batch.groupObs, N * D, rows), [b, N, D]);
      const groupMask = tf.tensor2d(gatherRows(batch.groupMask, N, rows), [b, N]);
      const selfObs = tf.tensor2d(gatherRows(batch.selfObs, D, rows), [b, D]);
      const others = tf.tensor3d(gatherRows(batch.othersObsActions, M * (D + A), rows), [b, M, D + A]);
      const othersMask = tf.tensor2d(gatherRows(batch.othersMask, M, rows), [b, M]);
      const oldLogProb = tf.tensor1d(gatherRows(batch.logProbs, 1, rows));
      const oldValue = tf.tensor1d(gatherRows(batch.values, 1, rows));
      const oldBaseline = tf.tensor1d(gatherRows(batch.baselines, 1, rows));
      const returns = tf.tensor1d(gatherRows(batch.returns, 1, rows));
      const advantagesT = tf.tensor1d(advantages);

      const { grads } = tf.variableGrads(() => {
        const evaluation = policy.evaluateTf(inputs);
        const terms = pocaLoss({
          newLogProb: evaluation.logProb,
          oldLogProb,
          advantages: advantagesT,
          returns,
          newValue: critic.valueTf(groupObs, groupMask),
          oldValue,
          newBaseline: critic.baselineTf(selfObs, others, othersMask),
          oldBaseline,
          entropy: evaluation.entropy,
          epsilon,
          beta,
          valueLossCoef: hp.value_loss_coef,
        });
        diagnostics = tf.keep(tf.stack([terms.policyLoss, terms.valueLoss, terms.baselineLoss, evaluation.entropy, terms.approxKl, terms.clipFraction]));
        return terms.loss;
      }, this.variables);

      // Global-norm clipping on the host with the Adam step (as PPO).
      return tf.scalar(clippedAdamStep(this.variables, grads, this.optimizer, learningRate, hp.max_grad_norm));
    });

    const d = (diagnostics as tf.Tensor | null)!;
    const [policyLoss, valueLoss, baselineLoss, entropy, approxKl, clipFraction] = d.dataSync();
    const norm = gradNorm.dataSync()[0]!;
    tf.dispose([d, gradNorm]);
    return { policyLoss: policyLoss!, valueLoss: valueLoss!, baselineLoss: baselineLoss!, entropy: entropy!, approxKl: approxKl!, clipFraction: clipFraction!, gradNorm: norm };
  }

  save(): SavedPoca {
    return { optimizer: this.optimizer.save() };
  }

  load(saved: SavedPoca, where: string): void {
    this.optimizer.load(saved?.optimizer, `${where}: optimizer`);
  }

  dispose(): void {
    this.optimizer.dispose();
  }

  /** One member's observations → its critic entity: each spec normalised as the actor normalises it, concatenated. */
  private entity(observations: readonly Float32Array[]): Float32Array {
    const sizes = this.policy.observationSizes;
    const out = new Float32Array(sizes.reduce((a, b) => a + b, 0));
    let offset = 0;
    observations.forEach((obs, o) => {
      out.set(this.policy.normalizers[o]?.normalize(obs, 1) ?? obs, offset);
      offset += sizes[o]!;
    });
    return out;
  }
}
