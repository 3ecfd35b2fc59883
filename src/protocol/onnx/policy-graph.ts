/**
 * An ExportablePolicy → an ONNX model with the contract Unity's ML-Agents inference engine (Sentis, Barracuda)
 * reads, as ML-Agents' release-21 exporter writes it (test/fixtures/mlagents/onnx; docs/ONNX.md lists each item):
 *
 *   inputs   obs_0 … obs_n  float [batch, …shape]       action_masks float [batch, Σ branches] (1 = allowed)
 *            recurrent_in float [batch, 1, memory_size] (a recurrent policy only: the actor's memory [h | c])
 *   outputs  version_number [1] = 3, memory_size [1] = the actor's memory size (0 without memory),
 *            continuous_actions, continuous_action_output_shape [1] = C, deterministic_continuous_actions  (float [batch, C])
 *            discrete_actions, discrete_action_output_shape [1, branches] = branch sizes, deterministic_discrete_actions
 *            (int64 [batch, branches])
 *            recurrent_out float [batch, 1, memory_size] (a recurrent policy only: the memory after this step)
 *
 * Inside the graph, as ML-Agents: each image through its visual encoder (Conv, LeakyRelu, MaxPool, residual Add,
 * swish as Mul·Sigmoid, Flatten, Gemm, Relu: every vis_encode_type), vector normalisation (x − mean)·(1/std) clipped to ±5, masked logits
 * logits·mask − 1e8·(1 − mask), the argmax per branch (deterministic) and a Multinomial draw from log softmax
 * (stochastic); continuous means clipped (or clamped to ±3 and ÷3, or tanh-squashed) as the policy acts, and
 * mean + RandomNormalLike·σ before the squash for the stochastic output. A goal-conditioned trunk (goal_conditioning_type
 * hyper) ends with ML-Agents' HyperNetwork layer (hyperLayer below). Opset 9 and IR version 4, as ML-Agents'.
 */
import { GraphBuilder, ONNX_FLOAT, ONNX_INT64 } from './graph-builder.js';
import type { ExportActivation, ExportContinuousHead, ExportConv, ExportConvEncoder, ExportDense, ExportDiscreteHead, ExportHyperLayer, ExportLstm, ExportResNetEncoder, ExportablePolicy, ExportObservation } from './exportable-policy.js';

/** ML-Agents' MODEL_EXPORT_VERSION (release 21): the model contract's version Unity checks. */
export const MODEL_EXPORT_VERSION = 3;
export const ONNX_OPSET = 9;
export const ONNX_IR_VERSION = 4;
/** What masked logits become (ML-Agents' exporter uses 1e8 too). */
const MASK_PENALTY = 1e8;
export const BATCH_DIM = 'batch';

export interface OnnxExportOptions {
  /** The model's producer version (Shiva's package version). */
  readonly producerVersion: string;
  /** The behavior's name, for the doc string. */
  readonly behavior: string;
}

/** The ONNX model bytes of `policy`. */
export function policyToOnnx(policy: ExportablePolicy, options: OnnxExportOptions): Uint8Array {
  const g = new GraphBuilder();
  const observations = policy.observations.map((o, i) => g.input(`obs_${i}`, ONNX_FLOAT, [BATCH_DIM, ...o.shape]));
  const width = policy.discrete ? policy.discrete.branches.reduce((a, b) => a + b, 0) : 0;
  const masks = policy.discrete ? g.input('action_masks', ONNX_FLOAT, [BATCH_DIM, width]) : null;
  const memorySize = policy.memory ? 2 * policy.memory.hiddenSize : 0;
  const recurrentIn = policy.memory ? g.input('recurrent_in', ONNX_FLOAT, [BATCH_DIM, 1, memorySize]) : null;

  const encoded = policy.observations.map((o, i) => encodeObservation(g, o, observations[i]!, i));
  let h = encoded.length === 1 ? encoded[0]! : g.node('Concat', encoded, { axis: 1 });
  policy.trunk.hidden.forEach((layer, l) => {
    h = activate(g, dense(g, h, layer, `trunk${l}`), policy.trunk.activation, policy.trunk.leakySlope);
  });
  if (policy.trunk.hyper) h = activate(g, hyperLayer(g, h, encoded, policy.trunk.hyper), policy.trunk.activation, policy.trunk.leakySlope);
  const recurrentOut = policy.memory ? lstmStep(g, h, recurrentIn!, policy.memory) : null;
  if (recurrentOut) h = recurrentOut.output;

  g.output('version_number', ONNX_FLOAT, [1]);
  g.node('Identity', [g.constant('version_number_value', [1], [MODEL_EXPORT_VERSION])], {}, 'version_number');
  g.output('memory_size', ONNX_FLOAT, [1]);
  g.node('Identity', [g.constant('memory_size_value', [1], [memorySize])], {}, 'memory_size');
  if (policy.continuous) continuousOutputs(g, h, policy.continuous);
  if (policy.discrete) discreteOutputs(g, h, policy.discrete, masks!);
  if (recurrentOut) {
    g.output('recurrent_out', ONNX_FLOAT, [BATCH_DIM, 1, memorySize]);
    g.node('Reshape', [recurrentOut.memory, g.constantInt64('recurrent_out_shape', [3], [-1, 1, memorySize])], {}, 'recurrent_out');
  }

  return g.encode({
    irVersion: ONNX_IR_VERSION,
    opset: ONNX_OPSET,
    producerName: 'shiva',
    producerVersion: options.producerVersion,
    graphName: 'shiva-policy',
    docString: `Shiva ${policy.trainerType} policy for behavior "${options.behavior}" (ML-Agents model contract, version ${MODEL_EXPORT_VERSION})`,
  });
}

function encodeObservation(g: GraphBuilder, o: ExportObservation, input: string, i: number): string {
  if (o.visual) return o.visual.kind === 'resnet' ? encodeResNet(g, o.visual, input, i) : encodeConvStack(g, o.visual, input, i);
  const size = o.shape.reduce((a, b) => a * b, 1);
  const x = o.shape.length === 1 ? input : g.node('Flatten', [input], { axis: 1 });
  if (!o.normalizer) return x;
  const centred = g.node('Sub', [x, g.constant(`obs${i}_running_mean`, [size], o.normalizer.mean)]);
  const scaled = g.node('Mul', [centred, g.constant(`obs${i}_inverse_std`, [size], o.normalizer.invStd)]);
  return g.node('Clip', [scaled], { min: { float: -o.normalizer.clip }, max: { float: o.normalizer.clip } });
}

/** A Conv node of `c` on an NCHW input, padded by `pad` on every side. */
function conv(g: GraphBuilder, x: string, c: ExportConv, name: string, pad = 0): string {
  const w = g.constant(`${name}_weight`, [c.outChannels, c.inChannels, c.kernel, c.kernel], ochw(c.weights, c.kernel, c.inChannels, c.outChannels));
  const b = g.constant(`${name}_bias`, [c.outChannels], c.bias);
  return g.node('Conv', [x, w, b], { kernel_shape: [c.kernel, c.kernel], strides: [c.stride, c.stride], pads: [pad, pad, pad, pad] });
}

/**
 * simple, nature_cnn, match3, fully_connected. obs_i is [batch, C, H, W]: Conv reads NCHW; Shiva's dense layer
 * reads the last conv's output in [h, w, c] order, or (no convolution) the image as it came.
 */
function encodeConvStack(g: GraphBuilder, v: ExportConvEncoder, input: string, i: number): string {
  let x = input;
  v.convs.forEach((c, k) => {
    x = g.node('LeakyRelu', [conv(g, x, c, `obs${i}_conv${k}`)], { alpha: { float: v.leakySlope } });
  });
  const flat = g.node('Flatten', [v.convs.length === 0 ? x : g.node('Transpose', [x], { perm: [0, 2, 3, 1] })], { axis: 1 });
  return g.node('LeakyRelu', [dense(g, flat, v.dense, `obs${i}_visual_dense`)], { alpha: { float: v.leakySlope } });
}

/** resnet: per stack a padded Conv, MaxPool, residual blocks (Add); swish as x·Sigmoid(x); Flatten, Gemm, Relu. */
function encodeResNet(g: GraphBuilder, v: ExportResNetEncoder, input: string, i: number): string {
  const swish = (x: string) => g.node('Mul', [x, g.node('Sigmoid', [x])]);
  let x = input;
  v.stacks.forEach((stack, s) => {
    x = g.node('MaxPool', [conv(g, x, stack.conv, `obs${i}_stack${s}_conv`, 1)], { kernel_shape: [v.poolKernel, v.poolKernel], strides: [v.poolStride, v.poolStride] });
    stack.blocks.forEach(([a, b], k) => {
      const inner = conv(g, swish(conv(g, swish(x), a, `obs${i}_stack${s}_block${k}_conv0`, 1)), b, `obs${i}_stack${s}_block${k}_conv1`, 1);
      x = g.node('Add', [x, inner]);
    });
  });
  const flat = g.node('Flatten', [g.node('Transpose', [swish(x)], { perm: [0, 2, 3, 1] })], { axis: 1 });
  return g.node('Relu', [dense(g, flat, v.dense, `obs${i}_visual_dense`)]);
}

/** [kh, kw, C_in, C_out] → ONNX's [C_out, C_in, kh, kw]. */
function ochw(w: Float32Array, k: number, cin: number, cout: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) for (let ci = 0; ci < cin; ci++) for (let co = 0; co < cout; co++) out[((co * cin + ci) * k + ky) * k + kx] = w[((ky * k + kx) * cin + ci) * cout + co]!;
  return out;
}

function dense(g: GraphBuilder, x: string, layer: ExportDense, name: string): string {
  const w = g.constant(`${name}_weight`, [layer.inSize, layer.outSize], layer.kernel);
  const b = g.constant(`${name}_bias`, [layer.outSize], layer.bias);
  return g.node('Gemm', [x, w, b], { alpha: { float: 1 }, beta: { float: 1 } });
}

/**
 * The goal-conditioned layer (ML-Agents' HyperNetwork): the goals' encodings through the hypernet (Gemm, swish),
 * layer norm (ReduceMean, Sub, Sqrt, Div), the generated weights reshaped to [batch, in, out], and x·W as a batched
 * MatMul of x unsqueezed to [batch, 1, in], squeezed back, plus the bias.
 */
function hyperLayer(g: GraphBuilder, x: string, encoded: readonly string[], hyper: ExportHyperLayer): string {
  const goals = hyper.goalObservations.map((i) => encoded[i]!);
  let h = goals.length === 1 ? goals[0]! : g.node('Concat', goals, { axis: 1 });
  hyper.hyper.forEach((layer, l) => {
    h = activate(g, dense(g, h, layer, `hyper${l}`), 'swish', 0);
  });
  const centred = g.node('Sub', [h, g.node('ReduceMean', [h], { axes: [1], keepdims: 1 })]);
  const variance = g.node('ReduceMean', [g.node('Mul', [centred, centred])], { axes: [1], keepdims: 1 });
  const std = g.node('Sqrt', [g.node('Add', [variance, g.constant('hyper_layer_norm_epsilon', [1], [hyper.layerNormEpsilon])])]);
  const generated = dense(g, g.node('Div', [centred, std]), hyper.generator, 'hyper_generator');
  const weights = g.node('Reshape', [generated, g.constantInt64('hyper_weights_shape', [3], [-1, hyper.inSize, hyper.outSize])]);
  const product = g.node('MatMul', [g.node('Unsqueeze', [x], { axes: [1] }), weights]);
  return g.node('Add', [g.node('Squeeze', [product], { axes: [1] }), g.constant('hyper_bias', [hyper.outSize], hyper.bias)]);
}

/**
 * One LSTM step (a recurrent policy): recurrent_in [batch, 1, 2H] is [h | c]; gates z = x·W + b + h·U sliced i, f,
 * g, o; c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). Returns h' and the new memory [h' | c'] ([batch, 2H]).
 */
function lstmStep(g: GraphBuilder, x: string, recurrentIn: string, lstm: ExportLstm): { output: string; memory: string } {
  const H = lstm.hiddenSize;
  const memory = g.node('Reshape', [recurrentIn, g.constantInt64('recurrent_in_shape', [2], [-1, 2 * H])]);
  const h0 = g.node('Slice', [memory], { axes: [1], starts: [0], ends: [H] });
  const c0 = g.node('Slice', [memory], { axes: [1], starts: [H], ends: [2 * H] });
  const fromInput = dense(g, x, { inSize: lstm.inSize, outSize: 4 * H, kernel: lstm.kernel, bias: lstm.bias }, 'lstm_input');
  const z = g.node('Add', [fromInput, g.node('MatMul', [h0, g.constant('lstm_recurrent_weight', [H, 4 * H], lstm.recurrent)])]);
  const gate = (k: number) => g.node('Slice', [z], { axes: [1], starts: [k * H], ends: [(k + 1) * H] });
  const c = g.node('Add', [g.node('Mul', [g.node('Sigmoid', [gate(1)]), c0]), g.node('Mul', [g.node('Sigmoid', [gate(0)]), g.node('Tanh', [gate(2)])])]);
  const h = g.node('Mul', [g.node('Sigmoid', [gate(3)]), g.node('Tanh', [c])]);
  return { output: h, memory: g.node('Concat', [h, c], { axis: 1 }) };
}

function activate(g: GraphBuilder, x: string, activation: ExportActivation, leakySlope: number): string {
  switch (activation) {
    case 'tanh':
      return g.node('Tanh', [x]);
    case 'relu':
      return g.node('Relu', [x]);
    case 'leaky_relu':
      return g.node('LeakyRelu', [x], { alpha: { float: leakySlope } });
    case 'swish':
      return g.node('Mul', [x, g.node('Sigmoid', [x])]);
    case 'linear':
      return x;
  }
}

function squash(g: GraphBuilder, x: string, mode: ExportContinuousHead['squash'], out: string): string {
  switch (mode) {
    case 'clip':
      return g.node('Clip', [x], { min: { float: -1 }, max: { float: 1 } }, out);
    case 'clamp3':
      return g.node('Div', [g.node('Clip', [x], { min: { float: -3 }, max: { float: 3 } }), g.constant('clamp_divisor', [], [3])], {}, out);
    case 'tanh':
      return g.node('Tanh', [x], {}, out);
  }
}

function continuousOutputs(g: GraphBuilder, h: string, head: ExportContinuousHead): void {
  const mean = dense(g, h, head.mean, 'continuous_mean');
  g.output('continuous_actions', ONNX_FLOAT, [BATCH_DIM, head.size]);
  g.output('continuous_action_output_shape', ONNX_FLOAT, [1]);
  g.output('deterministic_continuous_actions', ONNX_FLOAT, [BATCH_DIM, head.size]);
  const noise = head.noise;
  if (noise) {
    const std =
      noise.kind === 'fixed'
        ? g.constant('continuous_std', [head.size], Array.from(noise.logStd, Math.exp))
        : g.node('Exp', [g.node('Clip', [dense(g, h, noise.logStdHead, 'continuous_log_std')], { min: { float: noise.logStdMin }, max: { float: noise.logStdMax } })]);
    const sample = g.node('Add', [mean, g.node('Mul', [g.node('RandomNormalLike', [mean], { dtype: ONNX_FLOAT }), std])]);
    squash(g, sample, head.squash, 'continuous_actions');
  }
  g.node('Identity', [g.constant('continuous_act_size_vector', [1], [head.size])], {}, 'continuous_action_output_shape');
  const deterministic = squash(g, mean, head.squash, 'deterministic_continuous_actions');
  if (!noise) g.node('Identity', [deterministic], {}, 'continuous_actions');
}

function discreteOutputs(g: GraphBuilder, h: string, head: ExportDiscreteHead, masks: string): void {
  const logits = dense(g, h, head.logits, 'discrete_logits');
  const nb = head.branches.length;
  const sampled: string[] = [];
  const greedy: string[] = [];
  let start = 0;
  head.branches.forEach((size, b) => {
    const slice = (x: string) => (nb === 1 ? x : g.node('Slice', [x], { axes: [1], starts: [start], ends: [start + size] }));
    const allowed = g.node('Slice', [masks], { axes: [1], starts: [start], ends: [start + size] });
    const blocked = g.node('Add', [g.node('Mul', [allowed, g.constant('minus_one', [], [-1])]), g.constant('one', [], [1])]);
    const masked = g.node('Sub', [g.node('Mul', [slice(logits), allowed]), g.node('Mul', [blocked, g.constant('mask_penalty', [], [MASK_PENALTY])])]);
    greedy.push(g.node('ArgMax', [masked], { axis: 1, keepdims: 1 }));
    if (head.sample) sampled.push(g.node('Multinomial', [g.node('Log', [g.node('Softmax', [masked], { axis: 1 })])], { dtype: ONNX_INT64, sample_size: 1 }));
    start += size;
  });
  g.output('discrete_actions', ONNX_INT64, [BATCH_DIM, nb]);
  g.output('discrete_action_output_shape', ONNX_FLOAT, [1, nb]);
  g.output('deterministic_discrete_actions', ONNX_INT64, [BATCH_DIM, nb]);
  const deterministic = g.node('Concat', greedy, { axis: 1 }, 'deterministic_discrete_actions');
  if (head.sample) g.node('Concat', sampled, { axis: 1 }, 'discrete_actions');
  else g.node('Identity', [deterministic], {}, 'discrete_actions');
  g.node('Identity', [g.constant('discrete_act_size_vector', [1, nb], head.branches)], {}, 'discrete_action_output_shape');
}
