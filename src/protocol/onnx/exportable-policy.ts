/**
 * A trained policy's acting network as plain data: what an algorithm hands over for ONNX export (policy-graph.ts
 * turns it into a model with ML-Agents' contract). It names no algorithm: a trunk (each observation normalised or
 * encoded, concatenated, then dense layers with one activation) and the heads that choose actions from the trunk's
 * features. Weights are Float32Arrays; dense kernels are [in, out] row-major, conv kernels [kh, kw, C_in, C_out].
 */

export type ExportActivation = 'tanh' | 'relu' | 'leaky_relu' | 'swish' | 'linear';

export interface ExportDense {
  readonly inSize: number;
  readonly outSize: number;
  /** [inSize, outSize] row-major. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

export interface ExportConv {
  readonly kernel: number;
  readonly stride: number;
  readonly inChannels: number;
  readonly outChannels: number;
  /** [kernel, kernel, inChannels, outChannels] row-major. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/**
 * A [C, H, W] image through 'valid' convolutions and a dense layer, leaky ReLU (slope `leakySlope`) after each
 * (ML-Agents' simple, nature_cnn, match3). The last convolution's output is flattened in [h, w, c] order; with
 * no convolution (fully_connected) the image is flattened as it came, [c, h, w].
 */
export interface ExportConvEncoder {
  readonly kind: 'conv';
  readonly convs: readonly ExportConv[];
  readonly dense: ExportDense;
  readonly leakySlope: number;
}

/**
 * ML-Agents' resnet: per stack, `conv` (3×3, stride 1, padded by 1), a max-pool (`poolKernel`, `poolStride`,
 * 'valid'), then blocks x + b(swish(a(swish(x)))) (a, b padded 3×3 convolutions); then swish, the last stack's
 * output flattened in [h, w, c] order, `dense`, ReLU.
 */
export interface ExportResNetEncoder {
  readonly kind: 'resnet';
  readonly stacks: readonly { readonly conv: ExportConv; readonly blocks: readonly (readonly [ExportConv, ExportConv])[] }[];
  readonly poolKernel: number;
  readonly poolStride: number;
  readonly dense: ExportDense;
}

export type ExportVisualEncoder = ExportConvEncoder | ExportResNetEncoder;

export interface ExportObservation {
  readonly name: string;
  /** The observation's shape without the batch dimension ([size] for vectors, [C, H, W] for images). */
  readonly shape: readonly number[];
  /** (x − mean)·invStd clipped to ±clip (vectors with normalisation on); null: the observation passes as it is. */
  readonly normalizer: { readonly mean: Float32Array; readonly invStd: Float32Array; readonly clip: number } | null;
  /** Images only; null: the (flattened) observation enters the trunk directly. */
  readonly visual: ExportVisualEncoder | null;
}

export interface ExportTrunk {
  readonly hidden: readonly ExportDense[];
  readonly activation: ExportActivation;
  /** Slope below zero for 'leaky_relu'. */
  readonly leakySlope: number;
  /**
   * Goal conditioning (goal_conditioning_type hyper): a last layer, after `hidden`, whose weights a hypernetwork
   * generates from the goal-signal observations' encodings; followed by the trunk's activation. Absent: none.
   */
  readonly hyper?: ExportHyperLayer | null;
}

/**
 * ML-Agents' HyperNetwork layer: g = the encodings of `goalObservations` concatenated; h = swish(dense(h)) through
 * `hyper`; h layer-normalised (no gain or bias, `layerNormEpsilon`); W = dense(h, generator) as [inSize, outSize]
 * per row; y = x·W + bias.
 */
export interface ExportHyperLayer {
  readonly goalObservations: readonly number[];
  readonly inSize: number;
  readonly outSize: number;
  readonly hyper: readonly ExportDense[];
  readonly generator: ExportDense;
  readonly bias: Float32Array;
  readonly layerNormEpsilon: number;
}

/**
 * Discrete branches: per branch, the masked argmax of `logits` is the deterministic action. `sample`: the stochastic
 * action is a draw from softmax(masked logits) (a categorical policy); otherwise it is the argmax too (Q-values).
 */
export interface ExportDiscreteHead {
  readonly branches: readonly number[];
  readonly logits: ExportDense;
  readonly sample: boolean;
}

/**
 * Continuous actions: the deterministic action is squash(mean). 'clip': clip to [-1, 1]; 'clamp3': clamp to
 * [-3, 3] then ÷3 (ML-Agents' torch trainers); 'tanh': tanh (SAC, TD3, MADDPG). The stochastic action adds Gaussian
 * noise before the squash: a state-independent log-std (`logStd`), a state-dependent one (`logStdHead`, clamped to
 * [logStdMin, logStdMax]), or none (the deterministic action).
 */
export interface ExportContinuousHead {
  readonly size: number;
  readonly mean: ExportDense;
  readonly squash: 'clip' | 'clamp3' | 'tanh';
  readonly noise:
    | { readonly kind: 'fixed'; readonly logStd: Float32Array }
    | { readonly kind: 'state'; readonly logStdHead: ExportDense; readonly logStdMin: number; readonly logStdMax: number }
    | null;
}

/**
 * An LSTM after the trunk (a recurrent policy, network_settings.memory): z = h·kernel + h₀·recurrent + bias with
 * gate blocks i, f, g, o (torch's order); c' = σ(f)·c₀ + σ(i)·tanh(g); h' = σ(o)·tanh(c'). The heads read h'. The
 * memory is [h | c], 2·hiddenSize floats: ML-Agents' recurrent_in / recurrent_out.
 */
export interface ExportLstm {
  readonly inSize: number;
  readonly hiddenSize: number;
  /** [inSize, 4·hiddenSize] row-major. */
  readonly kernel: Float32Array;
  /** [hiddenSize, 4·hiddenSize] row-major. */
  readonly recurrent: Float32Array;
  readonly bias: Float32Array;
}

export interface ExportablePolicy {
  readonly format: 'shiva-exportable-policy';
  readonly version: 1;
  /** The trainer type that trained it (for the model's doc string). */
  readonly trainerType: string;
  readonly observations: readonly ExportObservation[];
  readonly trunk: ExportTrunk;
  readonly discrete: ExportDiscreteHead | null;
  readonly continuous: ExportContinuousHead | null;
  /** The LSTM after the trunk of a recurrent policy; absent or null: none (memory_size 0). */
  readonly memory?: ExportLstm | null;
}
