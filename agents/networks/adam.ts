/**
 * Adam (Kingma & Ba), written out rather than taken from tf.train.adam because the learning rate changes every
 * update (tfjs keeps it protected) and a checkpoint needs the moments as plain arrays. Same update as
 * torch.optim.Adam, which CleanRL and ML-Agents use:
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
 *   θ ← θ − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/errors.js';

export interface AdamOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  /** CleanRL's PPO uses 1e-5 (torch's default is 1e-8). */
  readonly epsilon?: number;
}

/** JSON-safe optimiser state. */
export interface SavedAdam {
  readonly step: number;
  readonly m: readonly (readonly number[])[];
  readonly v: readonly (readonly number[])[];
}

export class Adam {
  private stepCount = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    private readonly variables: readonly tf.Variable[],
    options: AdamOptions = {},
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-5;
    this.m = variables.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    this.v = variables.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
  }

  get step(): number {
    return this.stepCount;
  }

  /** One step with `grads` aligned with the variables. Call inside tf.tidy. */
  apply(grads: readonly tf.Tensor[], learningRate: number): void {
    this.stepCount++;
    const t = this.stepCount;
    const stepSize = learningRate / (1 - this.beta1 ** t);
    const invSqrtBias2 = 1 / Math.sqrt(1 - this.beta2 ** t);
    this.variables.forEach((p, i) => {
      const g = grads[i]!;
      const m = tf.add(tf.mul(this.m[i]!, this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(this.v[i]!, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      this.m[i]!.assign(m);
      this.v[i]!.assign(v);
      const denom = tf.add(tf.mul(tf.sqrt(v), invSqrtBias2), this.epsilon);
      p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
    });
  }

  save(): SavedAdam {
    return {
      step: this.stepCount,
      m: this.m.map((t) => Array.from(t.dataSync())),
      v: this.v.map((t) => Array.from(t.dataSync())),
    };
  }

  load(saved: SavedAdam, where: string): void {
    if (!saved || !Number.isInteger(saved.step) || saved.step < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: optimizer step: expected an integer ≥ 0, got ${saved ? String(saved.step) : 'nothing'}`);
    }
    for (const field of ['m', 'v'] as const) {
      const list = saved[field];
      if (!Array.isArray(list) || list.length !== this.variables.length) {
        throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: optimizer ${field}: expected ${this.variables.length} arrays, got ${Array.isArray(list) ? list.length : typeof list}`);
      }
      list.forEach((values, i) => {
        if (!Array.isArray(values) || values.length !== this.variables[i]!.size) {
          throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: optimizer ${field}[${i}]: expected ${this.variables[i]!.size} values, got ${Array.isArray(values) ? values.length : typeof values}`);
        }
      });
    }
    this.stepCount = saved.step;
    tf.tidy(() => {
      this.variables.forEach((p, i) => {
        this.m[i]!.assign(tf.tensor(saved.m[i] as number[], p.shape, 'float32'));
        this.v[i]!.assign(tf.tensor(saved.v[i] as number[], p.shape, 'float32'));
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
