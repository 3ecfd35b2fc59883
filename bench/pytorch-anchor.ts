/**
 * The PyTorch anchor of the PPO benchmarks (bench/anchors/cleanrl_style_ppo_cartpole.py) run as a child process:
 * which Python has PyTorch, and one timed run of the anchor. On Debian, `apt-get install python3-torch` gives
 * /usr/bin/python3 PyTorch and numpy; SHIVA_ANCHOR_PYTHON names another interpreter.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export interface AnchorRun {
  readonly stepsPerSecond: number;
  readonly steps: number;
  readonly seconds: number;
  readonly threads: number;
  readonly torch: string;
}

const SCRIPT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'bench', 'anchors', 'cleanrl_style_ppo_cartpole.py');

/** The first interpreter that imports torch and numpy, or why there is none. */
export function findAnchorPython(): { python: string } | { missing: string } {
  const candidates = [process.env['SHIVA_ANCHOR_PYTHON'], '/usr/bin/python3', 'python3'].filter((c): c is string => Boolean(c));
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch, numpy'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return { python };
  }
  return { missing: `no Python with PyTorch and numpy (tried ${candidates.join(', ')}; on Debian: apt-get install python3-torch, or set SHIVA_ANCHOR_PYTHON)` };
}

/** One run of the anchor: `steps` timed after `warmup`, PyTorch on `threads` threads. */
export function runAnchor(python: string, steps: number, warmup: number, seed: number, threads: number): AnchorRun {
  const child = spawnSync(python, [SCRIPT, '--steps', String(steps), '--warmup', String(warmup), '--seed', String(seed), '--threads', String(threads)], { encoding: 'utf8', timeout: 600_000 });
  if (child.status !== 0) throw new Error(`the PyTorch anchor failed (exit ${child.status}): ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  const out = JSON.parse(line) as { steps_per_second: number; steps: number; seconds: number; threads: number; torch: string };
  return { stepsPerSecond: out.steps_per_second, steps: out.steps, seconds: out.seconds, threads: out.threads, torch: out.torch };
}
