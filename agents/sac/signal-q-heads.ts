/**
 * SAC's Q heads of the reward signals beside the extrinsic one (gail, curiosity, rnd), as ML-Agents' SAC gives its
 * Q networks one head per reward stream: in each of the twin critics, and in each of their targets, one linear
 * head per signal on the critic's encoder output (the same encoder the extrinsic head reads),
 *
 *   Q_k(s, a) = φ_critic(s, a)·w_k + b_k        continuous: one output;  discrete: one per action of every branch.
 *
 * The online heads train with the critics (one Adam, sac-state.ts); the target heads follow them by Polyak
 * averaging with the target critics, and start as copies. A learner with the extrinsic signal alone has none, so
 * its networks are exactly what they were.
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { ParameterSet, type SavedParameter } from '../networks/parameters.js';
import { polyakUpdate } from '../networks/polyak.js';

/** One critic's heads: a ParameterSet holding one dense layer per signal. */
interface HeadSet {
  readonly params: ParameterSet;
  readonly heads: Dense[];
}

export interface SavedSignalQHeads {
  readonly names: readonly string[];
  readonly critics: SavedParameter[][];
  readonly targetCritics: SavedParameter[][];
}

export class SignalQHeads {
  private readonly online: [HeadSet, HeadSet];
  private readonly target: [HeadSet, HeadSet];

  constructor(
    /** The signals' names, in the learner's order. */
    readonly names: readonly string[],
    embeddingSize: number,
    /** Outputs per head: 1 (continuous), Σ branch sizes (discrete). */
    readonly outSize: number,
    rng: Rng,
  ) {
    const make = (critic: string): HeadSet => {
      const params = new ParameterSet();
      return { params, heads: names.map((name) => createDense(params, `${critic}/q_${name}`, embeddingSize, outSize, rng, 1)) };
    };
    this.online = [make('q1'), make('q2')];
    this.target = [make('q1'), make('q2')];
    this.target.forEach((t, i) => polyakUpdate(t.params, this.online[i]!.params, 1));
  }

  /** The online heads' variables (both critics), trained with the critics. */
  variables(): tf.Variable[] {
    return this.online.flatMap((h) => h.params.variables());
  }

  /** Critic `critic`'s (0 or 1) online heads on its encoder output h: one [B, outSize] per signal. */
  tf(critic: number, h: tf.Tensor2D): tf.Tensor2D[] {
    return this.online[critic]!.heads.map((head) => denseTf(h, head));
  }

  /** The same on the host copies, online or target: one rows × outSize array per signal. */
  host(critic: number, target: boolean, h: Float32Array, rows: number): Float32Array[] {
    return (target ? this.target : this.online)[critic]!.heads.map((head) => denseHost(h, rows, head));
  }

  /** After an Adam step on the critics: the online host copies. */
  syncHost(): void {
    for (const h of this.online) h.params.syncHost();
  }

  /** θ⁻ ← τθ + (1 − τ)θ⁻, with the target critics. */
  softUpdate(tau: number): void {
    this.target.forEach((t, i) => polyakUpdate(t.params, this.online[i]!.params, tau));
  }

  save(): SavedSignalQHeads {
    return { names: [...this.names], critics: this.online.map((h) => h.params.save()), targetCritics: this.target.map((h) => h.params.save()) };
  }

  load(state: unknown, where: string): void {
    const saved = state as SavedSignalQHeads | undefined;
    if (!saved || !Array.isArray(saved.names) || saved.names.join(',') !== this.names.join(',')) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: names: expected the Q heads of reward signals [${this.names.join(', ')}], got ${saved && Array.isArray(saved.names) ? `[${saved.names.join(', ')}]` : 'nothing (saved without those signals)'}`);
    }
    this.online.forEach((h, i) => h.params.load(saved.critics?.[i] ?? [], `${where}: critic ${i + 1}`));
    this.target.forEach((h, i) => h.params.load(saved.targetCritics?.[i] ?? [], `${where}: target critic ${i + 1}`));
  }

  dispose(): void {
    for (const h of [...this.online, ...this.target]) h.params.dispose();
  }
}
