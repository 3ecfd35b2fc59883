/**
 * Adam (Kingma & Ba), written out rather than taken from tf.train.adam because the learning rate changes every
 * update (tfjs keeps it protected) and a checkpoint needs the moments as plain arrays. Same update as
 * torch.optim.Adam, which CleanRL and ML-Agents use:
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
 *   θ ← θ − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
 *
 * Where each weight array's step runs depends on its size:
 * - Small arrays (most of an RL-sized MLP): the moments live on the host and the step is one plain loop per array.
 *   A dozen tfjs calls per array cost far more in dispatch than the arithmetic (measured: a third of a PPO update
 *   on wasm).
 * - Arrays of BACKEND_STEP_MIN_SIZE weights or more, on a backend other than cpu: the moments stay on the backend
 *   and the step is a few tfjs ops. Reading a 2,592 × 128 visual-encoder kernel and its gradient to the host,
 *   stepping it there and uploading it back took 14 ms of a 90 ms minibatch; on wasm the ops take a third of that
 *   (docs/PERFORMANCE.md, "Visual observations", fourth round).
 * On the cpu backend everything stays on the host: its tensors are host arrays already, and each op a JS loop.
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

/** Weight arrays at least this large step on the backend (where the backend is not cpu). */
export const BACKEND_STEP_MIN_SIZE = 32_768;

/** One weight array's moments: on the host, or as backend variables. */
type Moments = { readonly where: 'host'; readonly m: Float32Array; readonly v: Float32Array } | { readonly where: 'backend'; readonly m: tf.Variable; readonly v: tf.Variable };

export class Adam {
  private stepCount = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly moments: Moments[];

  constructor(
    private readonly variables: readonly tf.Variable[],
    options: AdamOptions = {},
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-5;
    const backendSteps = tf.getBackend() !== 'cpu';
    this.moments = variables.map((p) =>
      backendSteps && p.size >= BACKEND_STEP_MIN_SIZE
        ? { where: 'backend', m: zeroMoment(p), v: zeroMoment(p) }
        : { where: 'host', m: new Float32Array(p.size), v: new Float32Array(p.size) },
    );
  }

  get step(): number {
    return this.stepCount;
  }

  /** How many weight arrays step on the backend (the rest step on the host). */
  get backendArrays(): number {
    return this.moments.filter((s) => s.where === 'backend').length;
  }

  /** One step with `grads` aligned with the variables. */
  apply(grads: readonly tf.Tensor[], learningRate: number): void {
    this.applyGradients(grads, learningRate, 0);
  }

  /**
   * One step with tfjs gradients aligned with the variables (undefined: the loss did not reach that variable, a
   * zero gradient), all scaled by min(1, maxNorm / ‖g‖) first (global-norm clipping), ‖g‖ the L2 norm over every
   * variable. Returns ‖g‖ where it was measured (`measureNorm`: by default only to clip), else NaN. Only the small
   * arrays' gradients are read to the host; the large ones' squared norms come back as one read.
   */
  applyGradients(grads: readonly (tf.Tensor | undefined)[], learningRate: number, maxNorm: number, measureNorm = maxNorm > 0): number {
    const host = this.moments.map((s, i) => (s.where === 'host' ? hostGradient(grads[i], this.variables[i]!) : null));
    let norm = NaN;
    let scale = 1;
    if (measureNorm || maxNorm > 0) {
      let squares = 0;
      for (const g of host) if (g) for (let k = 0; k < g.length; k++) squares += g[k]! * g[k]!;
      const onBackend = grads.filter((g, i) => g !== undefined && this.moments[i]!.where === 'backend') as tf.Tensor[];
      if (onBackend.length > 0) squares += tf.tidy(() => tf.addN(onBackend.map((g) => tf.sum(tf.square(g)))).dataSync()[0]!);
      norm = Math.sqrt(squares);
      if (maxNorm > 0) scale = Math.min(1, maxNorm / (norm + 1e-6));
    }
    this.stepEach(learningRate, scale, (i) => host[i]!, (i) => grads[i]);
    return norm;
  }

  /** One step with host gradients aligned with the variables, each scaled by `gradScale` (global-norm clipping). */
  applyHost(grads: readonly Float32Array[], learningRate: number, gradScale: number): void {
    this.stepEach(
      learningRate,
      gradScale,
      (i) => grads[i]!,
      (i) => tf.tensor(grads[i]!, this.variables[i]!.shape, 'float32'),
    );
  }

  private stepEach(learningRate: number, gradScale: number, hostGrad: (i: number) => Float32Array, backendGrad: (i: number) => tf.Tensor | undefined): void {
    this.stepCount++;
    const t = this.stepCount;
    const { beta1, beta2, epsilon } = this;
    const stepSize = learningRate / (1 - beta1 ** t);
    const invSqrtBias2 = 1 / Math.sqrt(1 - beta2 ** t);
    this.variables.forEach((p, i) => {
      const s = this.moments[i]!;
      if (s.where === 'backend') {
        tf.tidy(() => {
          const given = backendGrad(i) ?? tf.zerosLike(p);
          const g = gradScale === 1 ? given : tf.mul(given, gradScale);
          const m = tf.add(tf.mul(s.m, beta1), tf.mul(g, 1 - beta1));
          const v = tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(g), 1 - beta2));
          s.m.assign(m);
          s.v.assign(v);
          p.assign(tf.sub(p, tf.div(tf.mul(m, stepSize), tf.add(tf.mul(tf.sqrt(v), invSqrtBias2), epsilon))));
        });
        return;
      }
      // A copy: on the cpu backend dataSync() hands out the tensor's own storage.
      const theta = (p.dataSync() as Float32Array).slice();
      hostAdamStep(theta, hostGrad(i), s.m, s.v, gradScale, beta1, beta2, stepSize, invSqrtBias2, epsilon);
      tf.tidy(() => p.assign(tf.tensor(theta, p.shape, 'float32')));
    });
  }

  save(): SavedAdam {
    const read = (x: Float32Array | tf.Variable) => Array.from(x instanceof Float32Array ? x : (x.dataSync() as Float32Array));
    return {
      step: this.stepCount,
      m: this.moments.map((s) => read(s.m)),
      v: this.moments.map((s) => read(s.v)),
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
    this.moments.forEach((s, i) => {
      const shape = this.variables[i]!.shape;
      if (s.where === 'host') {
        s.m.set(saved.m[i] as number[]);
        s.v.set(saved.v[i] as number[]);
      } else {
        tf.tidy(() => {
          s.m.assign(tf.tensor(saved.m[i] as number[], shape, 'float32'));
          s.v.assign(tf.tensor(saved.v[i] as number[], shape, 'float32'));
        });
      }
    });
  }

  dispose(): void {
    for (const s of this.moments) if (s.where === 'backend') tf.dispose([s.m, s.v]);
  }
}

/** A backend variable of zeros shaped like p (tf.variable shares the zeros' data: the tidy frees only their handle). */
function zeroMoment(p: tf.Variable): tf.Variable {
  return tf.tidy(() => tf.variable(tf.zeros(p.shape), false));
}

function hostGradient(g: tf.Tensor | undefined, p: tf.Variable): Float32Array {
  return g ? (g.dataSync() as Float32Array) : new Float32Array(p.size);
}

/** The host step of one weight array, in place: its own function so that V8 optimises the loop on its own. */
function hostAdamStep(theta: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, gradScale: number, beta1: number, beta2: number, stepSize: number, invSqrtBias2: number, epsilon: number): void {
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const n = theta.length;
  for (let k = 0; k < n; k++) {
    const gk = g[k]! * gradScale;
    const mk = beta1 * m[k]! + c1 * gk;
    const vk = beta2 * v[k]! + c2 * gk * gk;
    m[k] = mk;
    v[k] = vk;
    theta[k] = theta[k]! - (stepSize * mk) / (Math.sqrt(vk) * invSqrtBias2 + epsilon);
  }
}
