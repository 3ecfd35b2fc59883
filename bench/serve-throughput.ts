/**
 * Decisions per second served by `shiva serve` to 16 stand-ins of the Basic scene over gRPC (one agent each), the
 * same policy run two ways in one run: the tfjs checkpoint, and its ONNX export (`shiva export`) run by
 * onnxruntime-node. ML-Agents' own Basic.onnx is served too, as a reference. The policy is a tiny PPO trained here
 * for a few seconds (its return does not matter; both runtimes must give the same one). Each server runs for
 * SERVE_SECONDS from its first decision; figures move with the machine's load.
 *
 *   npm run bench:serve            (SERVE_SECONDS=10 and STAND_INS=16 by default)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const basicModel = fileURLToPath(new URL('../../test/fixtures/mlagents/onnx/Basic.onnx', import.meta.url));
const SECONDS = Number(process.env.SERVE_SECONDS ?? 10);
const STAND_INS = Number(process.env.STAND_INS ?? 16);

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SHIVA_LOG_LEVEL: 'warn' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('close', (code) => (code === 0 ? resolve(out.trim().split('\n').pop()!) : reject(new Error(`shiva ${args.join(' ')}: exit ${code}\n${err.slice(-2000)}`))));
  });
}

interface Served {
  runtime: string;
  decisions: number;
  seconds: number;
  decisionsPerSecond: number;
  behaviors: Record<string, { episodes: number; meanReturn: number | null }>;
}

const work = mkdtempSync(join(tmpdir(), 'shiva-bench-serve-'));
try {
  const config = join(work, 'basic.yaml');
  writeFileSync(
    config,
    `behaviors:\n  Basic:\n    trainer_type: ppo\n    max_steps: 4000\n    hyperparameters: { batch_size: 64, buffer_size: 512 }\n    network_settings: { hidden_units: 64, num_layers: 2 }\n    summary_freq: 2000\nenv_settings:\n  env_path: builtin:basic\n  num_areas: 8\ncheckpoint_settings:\n  results_dir: ${join(work, 'results')}\n  run_id: tiny\n`,
  );
  const trained = JSON.parse(await run(['train', config, '--force'])) as { checkpoint: string };
  const exported = JSON.parse(await run(['export', trained.checkpoint, '--out', join(work, 'onnx')])) as { models: string[] };
  const policies: [string, string][] = [
    ['tfjs checkpoint', trained.checkpoint],
    ['its ONNX export (onnxruntime)', `onnx:${join(work, 'onnx')}`],
    ["ML-Agents' Basic.onnx (onnxruntime)", `onnx:${basicModel}`],
  ];
  console.log(`shiva serve: ${STAND_INS} stand-ins of builtin:basic over gRPC (1 agent each), ${SECONDS} s per policy; the policy: PPO 2×64 tanh trained 4,000 steps (${trained.checkpoint.split('/').pop()}), exported to ${exported.models.map((m) => m.split('/').pop()).join(', ')}`);
  console.log('policy                                   decisions/s   decisions   episodes   mean return');
  for (const [label, policy] of policies) {
    const served = JSON.parse(await run(['serve', config, '--checkpoint', policy, '--env', 'standin:basic', '--num-envs', String(STAND_INS), '--base-port', '0', '--duration', String(SECONDS)])) as Served;
    const b = served.behaviors['Basic?team=0']!;
    console.log(`${label.padEnd(40)} ${served.decisionsPerSecond.toFixed(0).padStart(11)}   ${String(served.decisions).padStart(9)}   ${String(b.episodes).padStart(8)}   ${b.meanReturn === null ? '—' : b.meanReturn.toFixed(4)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
