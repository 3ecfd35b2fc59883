/**
 * Polyak averaging of a target network's weights toward an online network's: θ⁻ ← τ·θ + (1 − τ)·θ⁻ on both
 * copies (host and variable), τ = 1 being a hard copy. The two parameter sets must have been built alike (same
 * names and shapes, in the same order). TD3, DDPG, SAC, DQN and MADDPG all keep their targets this way.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from './parameters.js';

export function polyakUpdate(target: ParameterSet, source: ParameterSet, tau: number): void {
  const mine = target.all;
  const theirs = source.all;
  if (mine.length !== theirs.length) throw new Error(`polyakUpdate: ${mine.length} target parameters for ${theirs.length} source parameters`);
  mine.forEach((p, i) => {
    const s = theirs[i]!.host;
    const h = p.host;
    if (s.length !== h.length) throw new Error(`polyakUpdate: parameter ${p.name}: ${h.length} values for ${s.length}`);
    if (tau >= 1) h.set(s);
    else for (let k = 0; k < h.length; k++) h[k] = tau * s[k]! + (1 - tau) * h[k]!;
    tf.tidy(() => p.variable.assign(tf.tensor(h, [...p.shape], 'float32')));
  });
}
