/**
 * One run seed, many independent streams. Each consumer (weight initialisation, action sampling, minibatch
 * shuffling, a tfjs op that takes a seed) asks for its stream by a label, so adding a consumer never shifts the
 * draws of the others, and the same seed gives the same run on the same backend.
 *
 * tfjs has no global seed: its random ops and initializers take a `seed` argument each. `tfSeed(label)` gives
 * that number; Shiva's own networks initialise from an Rng instead, so their weights are identical on every
 * backend.
 */
import { Rng } from './rng.js';

/** A 32-bit seed for `label` under `runSeed` (FNV-1a of the label, mixed with the seed by a murmur3 finaliser). */
export function deriveSeed(runSeed: number, label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let z = (h ^ Math.imul(runSeed >>> 0, 0x9e3779b1)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class RunSeeds {
  constructor(readonly seed: number) {}

  /** A fresh generator for `label`; the same label always starts the same stream. */
  rng(label: string): Rng {
    return new Rng(deriveSeed(this.seed, label));
  }

  /** A seed for a tfjs op or initializer (e.g. `tf.initializers.glorotUniform({ seed })`). */
  tfSeed(label: string): number {
    return deriveSeed(this.seed, `tfjs:${label}`);
  }
}
