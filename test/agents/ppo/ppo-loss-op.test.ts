/**
 * PPO's loss on the host (agents/ppo/ppo-loss-op.ts) against the same loss as tfjs ops (ppo-loss.ts with
 * networks/distributions-tf.ts) differentiated by tfjs: the loss, the five diagnostics, and the gradient with respect
 * to every head output, for one discrete branch, several branches with masks and rule factors, continuous actions
 * (a log-std held by its clamp included), both kinds at once, value clipping on and off, and extra value heads.
 * Old log-probabilities are spread so that rows fall on both sides of the clip range.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { categoricalLogProbEntropy, factorArrays, gaussianLogProbEntropy, oneHotActions } from '../../../agents/networks/distributions-tf.js';
import { ppoLossOp, type PpoTargets } from '../../../agents/ppo/ppo-loss-op.js';
import { multiHeadLoss, ppoLoss, ppoValueLoss } from '../../../agents/ppo/ppo-loss.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('cpu');

interface Case {
  readonly name: string;
  readonly branches: readonly number[];
  readonly continuous: number;
  readonly masks: boolean;
  readonly clipValueLoss: boolean;
  readonly extraHeads: number;
  readonly logStd?: readonly number[];
}

const CASES: Case[] = [
  { name: 'one discrete branch, clipped value loss', branches: [2], continuous: 0, masks: false, clipValueLoss: true, extraHeads: 0 },
  { name: 'three branches with masks and rule factors', branches: [3, 2, 4], continuous: 0, masks: true, clipValueLoss: true, extraHeads: 0 },
  { name: 'continuous, one log-std above its clamp', branches: [], continuous: 3, masks: false, clipValueLoss: false, extraHeads: 0, logStd: [-0.3, 0.2, 2.5] },
  { name: 'discrete and continuous with two extra value heads', branches: [3], continuous: 2, masks: true, clipValueLoss: true, extraHeads: 2 },
  { name: 'discrete with an extra head, unclipped value loss', branches: [5], continuous: 0, masks: false, clipValueLoss: false, extraHeads: 1 },
];

const B = 48;
const coefficients = (clipValueLoss: boolean) => ({ epsilon: 0.2, beta: 0.013, valueLossCoef: 0.5, clipValueLoss });

function random(rng: Rng, n: number, scale: number): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
}

function closeArrays(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const tolerance = 2e-5 + 1e-4 * Math.abs(expected[i]!);
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance, `${what}[${i}]: ${actual[i]} against tfjs's ${expected[i]}`);
  }
}

for (const c of CASES) {
  test(`ppoLossOp: ${c.name} — loss, diagnostics and gradients as tfjs differentiates ppo-loss.ts`, () => {
    const rng = new Rng(11);
    const S = c.branches.reduce((a, b) => a + b, 0);
    const C = c.continuous;
    const heads = 1 + c.extraHeads;
    const actions = Int32Array.from({ length: B * c.branches.length }, (_, k) => rng.int(c.branches[k % c.branches.length]!));
    const oneHot = S > 0 ? oneHotActions(actions, B, c.branches) : null;
    // Factors: 0 masks an action (never the taken one), others scale it; the rest 1.
    let factors: Float32Array | null = null;
    if (c.masks && oneHot) {
      factors = Float32Array.from({ length: B * S }, (_, k) => (oneHot[k] === 1 ? 0.5 + rng.next() : rng.next() < 0.25 ? 0 : rng.next() < 0.5 ? 1 : 0.3 + rng.next()));
    }
    const factorData = factors ? factorArrays(factors) : null;
    const logitsData = S > 0 ? random(rng, B * S, 2) : null;
    const meanData = C > 0 ? random(rng, B * C, 1) : null;
    const logStdData = C > 0 ? Float32Array.from(c.logStd ?? random(rng, C, 0.5)) : null;
    const continuousActions = C > 0 ? random(rng, B * C, 1.5) : null;
    const valueData = Array.from({ length: heads }, () => random(rng, B, 2));
    const targets: PpoTargets = {
      branches: c.branches,
      oneHot,
      allowed: factorData?.allowed ?? null,
      offset: factorData?.offset ?? null,
      continuousActions,
      // Filled below from the current log-probabilities, spread by ±0.5 so ratios fall outside [0.8, 1.2] too.
      oldLogProb: new Float32Array(B),
      advantages: random(rng, B, 1.5),
      oldValues: valueData.map((v) => Float32Array.from(v, (x) => x + (rng.next() * 2 - 1) * 0.4)),
      returns: valueData.map(() => random(rng, B, 2)),
    };
    const inputs: tf.Tensor[] = [];
    const logits = logitsData ? tf.tensor2d(logitsData, [B, S]) : null;
    const mean = meanData ? tf.tensor2d(meanData, [B, C]) : null;
    const logStd = logStdData ? tf.tensor1d(logStdData) : null;
    if (logits) inputs.push(logits);
    if (mean && logStd) inputs.push(mean, logStd);
    const values = valueData.map((v) => tf.tensor1d(v));
    inputs.push(...values);

    // The reference: the loss as tfjs ops, differentiated by tfjs.
    const reference = (args: tf.Tensor[]) => {
      let k = 0;
      const lg = logits ? (args[k++] as tf.Tensor2D) : null;
      const mu = mean ? (args[k++] as tf.Tensor2D) : null;
      const ls = mean ? (args[k++] as tf.Tensor1D) : null;
      const vs = args.slice(k) as tf.Tensor1D[];
      let logProb: tf.Tensor1D | null = null;
      let entropy: tf.Scalar | null = null;
      if (lg && oneHot) {
        const cat = categoricalLogProbEntropy(lg, c.branches, tf.tensor2d(oneHot, [B, S]), factorData ? tf.tensor2d(factorData.allowed, [B, S]) : null, factorData ? tf.tensor2d(factorData.offset, [B, S]) : null);
        logProb = cat.logProb;
        entropy = tf.mean(cat.entropy) as tf.Scalar;
      }
      if (mu && ls && continuousActions) {
        const g = gaussianLogProbEntropy(mu, ls, tf.tensor2d(continuousActions, [B, C]));
        logProb = logProb ? (tf.add(logProb, g.logProb) as tf.Tensor1D) : g.logProb;
        entropy = entropy ? (tf.add(entropy, g.entropy) as tf.Scalar) : g.entropy;
      }
      return { logProb: logProb!, entropy: entropy!, values: vs };
    };
    const current = tf.tidy(() => reference(inputs).logProb.dataSync().slice());
    targets.oldLogProb.set(Float32Array.from(current, (x) => x + (rng.next() * 2 - 1) * 0.5));

    const k = coefficients(c.clipValueLoss);
    const referenceLoss = (args: tf.Tensor[]) => {
      const { logProb, entropy, values: vs } = reference(args);
      let terms = ppoLoss({
        newLogProb: logProb,
        oldLogProb: tf.tensor1d(targets.oldLogProb),
        advantages: tf.tensor1d(targets.advantages),
        newValue: vs[0]!,
        oldValue: tf.tensor1d(targets.oldValues[0]!),
        returns: tf.tensor1d(targets.returns[0]!),
        entropy,
        epsilon: k.epsilon,
        beta: k.beta,
        valueLossCoef: k.valueLossCoef,
        clipValueLoss: k.clipValueLoss,
      });
      if (vs.length > 1) {
        const extra = vs.slice(1).map((v, h) => ppoValueLoss(v, tf.tensor1d(targets.oldValues[h + 1]!), tf.tensor1d(targets.returns[h + 1]!), k.epsilon, k.clipValueLoss));
        terms = multiHeadLoss(terms, extra, entropy, k.valueLossCoef, k.beta);
      }
      return { terms, entropy };
    };

    const expected = tf.tidy(() => {
      const { terms, entropy } = referenceLoss(inputs);
      return [terms.loss, terms.policyLoss, terms.valueLoss, entropy, terms.approxKl, terms.clipFraction].map((t) => t.dataSync()[0]!);
    });
    const expectedGrads = tf.grads((...args: tf.Tensor[]) => referenceLoss(args).terms.loss)(inputs);

    let stats: (() => ReturnType<ReturnType<typeof ppoLossOp>['stats']>) | null = null;
    const actualGrads = tf.grads((...args: tf.Tensor[]) => {
      let j = 0;
      const out = ppoLossOp(
        {
          logits: logits ? (args[j++] as tf.Tensor2D) : null,
          mean: mean ? (args[j++] as tf.Tensor2D) : null,
          logStd: mean ? (args[j++] as tf.Tensor1D) : null,
          values: args.slice(j) as tf.Tensor1D[],
        },
        targets,
        k,
      );
      stats = out.stats;
      return out.loss;
    })(inputs);
    const s = stats!();
    const clipFraction = s.clipFraction;
    assert.ok(clipFraction > 0.1 && clipFraction < 0.9, `the case should clip some rows and not others (clip fraction ${clipFraction})`);
    const lossNow = tf.tidy(() => ppoLossOp({ logits, mean, logStd, values }, targets, k).loss.dataSync()[0]!);
    closeArrays([lossNow, s.policyLoss, s.valueLoss, s.entropy, s.approxKl, s.clipFraction], expected, 'loss, policy loss, value loss, entropy, approx KL, clip fraction');
    actualGrads.forEach((g, i) => closeArrays(g.dataSync(), expectedGrads[i]!.dataSync(), `gradient of input ${i}`));
    if (c.logStd) assert.equal(actualGrads[logits ? 2 : 1]!.dataSync()[2], 0, 'a log-std held by its clamp gets no gradient');
    tf.dispose([...inputs, ...actualGrads, ...expectedGrads]);
  });
}
