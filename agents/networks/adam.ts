/**
 * Adam (Kingma & Ba), written out rather than taken from tf.train.adam because the learning rate changes every
 * update (tfjs keeps it protected) and a checkpoint needs the moments as plain arrays. Same update as
 * torch.optim.Adam, which CleanRL and ML-Agents use:
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
 *   θ ← θ − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
 * The moments live on the host and the update runs as one plain loop per weight array: for the small networks
 * trained here, a dozen tfjs calls per weight array cost far more in dispatch than the arithmetic (measured: a third
 * of a PPO update on wasm). Gradients are read once, θ is read, updated and assigned back once.
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';

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
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];

  constructor(
    private readonly variables: readonly tf.Variable[],
    options: AdamOptions = {},
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-5;
    this.m = variables.map((p) => new Float32Array(p.size));
    this.v = variables.map((p) => new Float32Array(p.size));
  }

  get step(): number {
    return this.stepCount;
  }

  /** One step with `grads` aligned with the variables. */
  apply(grads: readonly tf.Tensor[], learningRate: number): void {
    this.applyHost(grads.map((g) => g.dataSync() as Float32Array), learningRate, 1);
  }

  /** One step with host gradients aligned with the variables, each scaled by `gradScale` (global-norm clipping). */
  applyHost(grads: readonly Float32Array[], learningRate: number, gradScale: number): void {
    this.stepCount++;
    const t = this.stepCount;
    const { beta1, beta2, epsilon } = this;
    const stepSize = learningRate / (1 - beta1 ** t);
    const invSqrtBias2 = 1 / Math.sqrt(1 - beta2 ** t);
    this.variables.forEach((p, i) => {
      const g = grads[i]!;
      const m = this.m[i]!;
      const v = this.v[i]!;
      // A copy: on the cpu backend dataSync() hands out the tensor's own storage.
      const theta = (p.dataSync() as Float32Array).slice();
      for (let k = 0; k < theta.length; k++) {
        const gk = g[k]! * gradScale;
        const mk = (m[k] = beta1 * m[k]! + (1 - beta1) * gk);
        const vk = (v[k] = beta2 * v[k]! + (1 - beta2) * gk * gk);
        theta[k] = theta[k]! - (stepSize * mk) / (Math.sqrt(vk) * invSqrtBias2 + epsilon);
      }
      tf.tidy(() => p.assign(tf.tensor(theta, p.shape, 'float32')));
    });
  }

  save(): SavedAdam {
    return {
      step: this.stepCount,
      m: this.m.map((t) => Array.from(t)),
      v: this.v.map((t) => Array.from(t)),
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
    this.variables.forEach((_, i) => {
      this.m[i]!.set(saved.m[i] as number[]);
      this.v[i]!.set(saved.v[i] as number[]);
    });
  }

  dispose(): void {
    // Nothing held on the backend: the moments are plain arrays.
  }
}
