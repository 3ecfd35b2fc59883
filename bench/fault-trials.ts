/**
 * What bench/faults.ts and bench/faults-bridge.ts share: their flags (`--trials N --only a,b --seed S`) and the seeded
 * draws of each trial (when to strike, which checkpoint, how to damage it). The draws are mulberry32, not the
 * project's Rng, so that a seed picks the same trials as when docs/RELIABILITY.md's figures were measured.
 */
const args = process.argv.slice(2);

export function flag(name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
}

export function hasFlag(name: string): boolean {
  return args.includes(`--${name}`);
}

let rngState = Number(flag('seed', '1')) >>> 0;

/** Uniform in [0, 1), from --seed. */
export function random(): number {
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [lo, hi]. */
export const pick = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
