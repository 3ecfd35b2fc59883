/**
 * MA-POCA's update for a policy with memory (network_settings.memory), as ML-Agents' TorchPOCAOptimizer runs it with
 * memory. It is poca.ts's update with these differences:
 *   - step 2 runs the group critic's LSTM along the data (critic-memories.ts): the value pass along each group's
 *     steps, the baseline pass along each member's transitions, from the memories carried since the group's episode
 *     began; V(g_k), b_i and every row's memories come from it;
 *   - each member stream is cut into sequences of sequence_length (group-sequences.ts), minibatches are
 *     max(1, ⌊batch_size / sequence_length⌋) whole sequences, and every sequence runs through the actor's LSTM from
 *     the memory it acted under and through the critic's from its value and baseline memories (ML-Agents'
 *     critic_pass and baseline with memories and sequence_length);
 *   - padding is masked out: only real rows reach the heads, so every loss term, the entropy, the KL and the clip
 *     fraction are means over real rows (ML-Agents' masked_mean). The loss is poca-loss.ts's, unchanged.
 * The value pass is replayed along each member's own transitions from the group's memory at the sequence's first
 * step: exact for members that decide at every group step (the value chain's inputs are then the same group states).
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows, normalizeBufferAdvantages, trainMinibatches } from '../networks/minibatches.js';
import { policyBatch, type PolicyBatch } from '../networks/policy-batch.js';
import { decayedCoefficients } from '../networks/schedule.js';
import { CriticCarry, recurrentCriticPass } from './critic-memories.js';
import { buildPocaBatch, fillReturns, returnDiagnostics, type PocaBatch } from './group-batch.js';
import type { GroupSegment } from './group-buffer.js';
import { buildGroupSequences, gatherPadded, groupCriticTensors, sequenceRows, type GroupSequences } from './group-sequences.js';
import { pocaStats, pocaTargets, type PocaMinibatchStats } from './poca-loss.js';
import { stepOnPpoLoss } from '../ppo/ppo-loss-op.js';
import { Poca, type PocaUpdateStats, type Prepared } from './poca.js';

/** Step 2's result with the memories the sequences start from. */
interface RecurrentPrepared extends Prepared {
  readonly sequences: GroupSequences;
  /** count × memoryWidth (the actor-critic's), count × memorySize twice (the group critic's): each sequence's first row's. */
  readonly actorMemories: Float32Array;
  readonly valueMemories: Float32Array;
  readonly baselineMemories: Float32Array;
}

export class RecurrentPoca extends Poca {
  /** The critic's memories carried from each group's segment to its next (across updates too). */
  readonly carry = new CriticCarry();

  /** Step 2 with the critic's LSTM: returns and advantages under the current weights, and the sequences. */
  prepareSequences(segments: readonly GroupSegment[]): RecurrentPrepared {
    const { policy, critic } = this;
    const memory = policy.settings.memory;
    if (!memory || critic.memorySize === 0) throw new Error('RecurrentPoca: the actor and the group critic need network_settings.memory');
    const prepared = buildPocaBatch(segments, policy.observationSizes, { continuousSize: policy.continuousSize, branches: policy.branches }, (obs) => this.entity(obs));
    const { batch } = prepared;
    critic.maxMembers = Math.max(critic.maxMembers, batch.members);
    const { members: N, entitySize: D, others: M } = batch;
    const [valueTrunk, valueCount, baselineTrunk, baselineCount] = tf.tidy(() => {
      const value = critic.valueEncodingTf(tf.tensor3d(prepared.stepObs, [prepared.stepCount, N, D]), tf.tensor2d(prepared.stepMask, [prepared.stepCount, N]));
      const baseline = critic.baselineEncodingTf(tf.tensor2d(batch.selfObs, [batch.size, D]), tf.tensor3d(batch.othersObsActions, [batch.size, M, D + batch.actionSize]), tf.tensor2d(batch.othersMask, [batch.size, M]));
      return [value.trunk, value.count, baseline.trunk, baseline.count];
    }).map((t) => {
      const data = t.dataSync() as Float32Array;
      t.dispose();
      return data;
    });
    const pass = recurrentCriticPass(critic, prepared, segments, { valueTrunk: valueTrunk!, valueCount: valueCount!, baselineTrunk: baselineTrunk!, baselineCount: baselineCount!, hiddenUnits: policy.settings.hiddenUnits }, this.carry);
    const base = this.signals.length > 0
      ? this.withSignalStreams(prepared, segments, pass.stepValues, pass.baselines)
      : this.extrinsicOnly(prepared, segments, pass.stepValues[0]!, pass.baselines[0]!);

    const sequences = buildGroupSequences(segments, memory.sequenceLength);
    const W = policy.memoryWidth;
    const rows = segments.flatMap((s) => s.rows);
    const actorMemories = new Float32Array(sequences.count * W);
    sequences.firstRows.forEach((g, s) => {
      const stored = rows[g]!.memory;
      if (!stored || stored.length !== W) throw new Error(`RecurrentPoca: row ${g}: expected the ${W}-float memory it acted under, got ${stored ? stored.length : 'none'}`);
      actorMemories.set(stored, s * W);
    });
    return {
      ...base,
      sequences,
      actorMemories,
      valueMemories: gatherRows(pass.valueMemories, critic.memorySize, sequences.firstRows),
      baselineMemories: gatherRows(pass.baselineMemories, critic.memorySize, sequences.firstRows),
    };
  }

  override update(segments: readonly GroupSegment[], progress: number): PocaUpdateStats {
    const { hp, policy } = this;
    const { learningRate, beta, epsilon } = decayedCoefficients(hp, progress);
    const zero = { policyLoss: 0, valueLoss: 0, baselineLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, gradNorm: 0 };
    const prepared = this.prepareSequences(segments);
    const { batch, diagnostics, transitions, signalStats } = prepared;
    const n = batch.size;
    if (n === 0) return { ...zero, learningRate, beta, epsilon, minibatches: 0, diagnostics, signalStats };

    const inputs = policyBatch(policy, batch, batch.factors);
    // Every row here is real (padding lives only in the sequences), so the whole-batch normalisation is over real rows.
    const advantages = hp.normalize_advantages ? normalizeBufferAdvantages(batch.advantages) : batch.advantages;
    const perMinibatch = Math.max(1, Math.floor(hp.batch_size / prepared.sequences.length));
    const { means, count } = trainMinibatches(zero, prepared.sequences.count, perMinibatch, hp.num_epoch, this.rng, (chosen) =>
      this.trainSequences(prepared, inputs, advantages, chosen, learningRate, beta, epsilon),
    );
    for (const signal of this.signals) Object.assign(signalStats, signal.train(transitions!, hp.num_epoch, hp.batch_size));

    policy.updateNormalizers(batch.observations, n);
    policy.syncHost();
    this.critic.params.syncHost();
    return { ...means, learningRate, beta, epsilon, minibatches: count, diagnostics, signalStats };
  }

  /** One gradient step on the sequences `chosen`. */
  private trainSequences(prepared: RecurrentPrepared, inputs: PolicyBatch, allAdvantages: Float32Array, chosen: Int32Array, learningRate: number, beta: number, epsilon: number): PocaMinibatchStats {
    const { hp, policy, critic } = this;
    const { batch, sequences, streams } = prepared;
    const { all, real, positions } = sequenceRows(sequences, chosen);
    const B = chosen.length;
    const L = sequences.length;
    const W = policy.memoryWidth;
    const m = critic.memorySize;
    const targets = pocaTargets(policy, inputs, batch, allAdvantages, real, streams, hp.value_loss_coef);
    const coefficients = { epsilon, beta, valueLossCoef: hp.value_loss_coef, clipValueLoss: true };
    const step = { variables: this.variables, optimizer: this.optimizer, learningRate, maxGradNorm: hp.max_grad_norm };
    const { gradNorm, ...stats } = stepOnPpoLoss(
      step,
      () => {
        const select = selection(positions, all.length);
        const observations = inputs.observations.map((obs, i) => tf.tensor2d(gatherPadded(obs, policy.observationSizes[i]!, all), [all.length, policy.observationSizes[i]!]));
        const actorSequences = { length: L, memories: tf.tensor2d(gatherRows(prepared.actorMemories, W, chosen), [B, W]), select };
        const criticSequences = { length: L, select, valueMemories: tf.tensor2d(gatherRows(prepared.valueMemories, m, chosen), [B, m]), baselineMemories: tf.tensor2d(gatherRows(prepared.baselineMemories, m, chosen), [B, m]) };
        const { groupObs, groupMask, selfObs, others, othersMask } = groupCriticTensors(batch, all);
        // The actor alone: the actor-critic's own critic is not POCA's (poca.ts).
        const { logits, mean } = policy.policyHeadsTf(observations, actorSequences);
        const { values, baselines } = critic.sequencesTf({ groupObs, groupMask }, { selfObs, others, othersMask }, criticSequences);
        return { logits, mean, logStd: mean ? policy.logStdTf() : null, values: [...values, ...baselines] };
      },
      targets,
      coefficients,
    );
    return pocaStats(stats, streams.length + 1, gradNorm);
  }

  /** Step 2's returns with the extrinsic stream alone (no reward signals). */
  private extrinsicOnly(prepared: ReturnType<typeof buildPocaBatch>, segments: readonly GroupSegment[], stepValues: Float32Array, baselines: Float32Array): Prepared {
    fillReturns(prepared, segments, stepValues, baselines, this.hp.gamma, this.hp.lambd);
    return { batch: prepared.batch as PocaBatch, diagnostics: returnDiagnostics(prepared, stepValues), transitions: null, streams: [], signalStats: {} };
  }
}

/** [positions.length, width]: row k one-hot at positions[k] (a matmul selects the real rows: gather's gradient has no wasm kernel). */
function selection(positions: Int32Array, width: number): tf.Tensor2D {
  const data = new Float32Array(positions.length * width);
  positions.forEach((p, k) => (data[k * width + p] = 1));
  return tf.tensor2d(data, [positions.length, width]);
}
