/**
 * The bridge's faults against `shiva train`, repeated (bench/faults.ts runs this after its own): each trial is a
 * tiny CartPole run of the real binary with a launched "Unity build" (a script that records its pid, then is the
 * stand-in), and a fault. Kinds:
 *   killed-mid-episode      the player is SIGKILLed at a random point of the run
 *   killed-after-reconnect  killed mid-episode, then its replacement is killed again as soon as it has reconnected
 *                           (its handshake done, the trainer's reset under way)
 *   strangers               while the player is connected, a stranger that answers NaN to whatever it is sent and a
 *                           silent one connect (each with its own connection, each completing the handshake if let),
 *                           then the player is SIGKILLed
 *   redialing-stranger      the player is SIGKILLed while a NaN-speaking stranger dials the port again every 20 ms
 *                           through the restart: the window that timing alone ("connected after the (re)start,
 *                           first to finish the handshake") leaves open; closed where the kernel says which process
 *                           dialled (Linux: src/bridge/peer-process.ts)
 * For each kind it prints: runs finished (exit 0, max_steps reached), restarts (the launcher's, summed), strangers
 * refused (sessions ended with SHIVA_ERR_STRANGER) and strangers taken (a stranger was ever sent a trainer's input).
 *
 *   npm run build && node dist/bench/faults-bridge.js [--trials 5] [--only killed-mid-episode,...] [--seed 1]
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMain } from '../test/helpers/paths.js';
import { lastJsonLine, runCli } from '../test/helpers/processes.js';
import { EMPTY_OUTPUT, INIT_MESSAGE, nanStranger, rawGrpcPeer, type RawGrpcPeer } from '../test/helpers/raw-grpc.js';
import { flag, hasFlag, pick, random } from './fault-trials.js';

const TRIALS = Number(flag('trials', '5'));
const KINDS = flag('only', 'killed-mid-episode,killed-after-reconnect,strangers,redialing-stranger').split(',');
const MAX_STEPS = 1500;


interface Trial {
  finished: boolean;
  restarts: number;
  refused: number;
  taken: number;
  /** Seconds from the first kill to the end of the run. */
  afterKill: number;
  note?: string;
}

function setUp(kind: string): { dir: string; file: string; pids: string } {
  const dir = mkdtempSync(join(tmpdir(), `shiva-faults-bridge-${kind}-`));
  const pids = join(dir, 'pids');
  const player = join(dir, 'Player.x86_64');
  writeFileSync(player, `#!/bin/sh\necho $$ >> "${pids}"\nexec "${process.execPath}" "${cliMain}" unity-standin --env cartpole "$@"\n`);
  chmodSync(player, 0o755);
  const file = join(dir, 'run.yaml');
  writeFileSync(
    file,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 32, buffer_size: 128, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 32, num_layers: 1 }
    max_steps: ${MAX_STEPS}
    time_horizon: 32
    summary_freq: 50
    checkpoint_interval: 100000
env_settings:
  env_path: ${player}
  base_port: 0
  seed: 1
  timeout_wait: 30
  max_lifetime_restarts: 5
  restarts_rate_limit_n: 3
checkpoint_settings:
  run_id: trial
  results_dir: ${join(dir, 'results')}
shiva:
  backend: cpu
`,
  );
  return { dir, file, pids };
}

const playerPids = (pids: string) => (existsSync(pids) ? readFileSync(pids, 'utf8').trim().split('\n').filter(Boolean).map(Number) : []);

/** The handshake, then silence: its second call is held, and it answers nothing it is sent. */
async function silentStranger(peer: RawGrpcPeer): Promise<{ taken: boolean }> {
  const first = await peer.call(INIT_MESSAGE);
  if (first?.header?.status !== 200) return { taken: false };
  const second = await peer.call(EMPTY_OUTPUT);
  return { taken: second?.header?.status === 200 && second.unityInput !== undefined && second.unityInput !== null };
}

async function trial(kind: string): Promise<Trial> {
  const { dir, file, pids } = setUp(kind);
  const trainer = runCli(['train', file], { SHIVA_LOG_LEVEL: 'info' });
  let stderr = '';
  trainer.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const until = async (test: () => RegExpExecArray | boolean | null, ms = 60_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = test();
      if (m) return m;
      if (Date.now() > deadline || trainer.child.exitCode !== null) return null;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const peers: RawGrpcPeer[] = [];
  const strangerRuns: Promise<{ taken: boolean }>[] = [];
  let killedAt = 0;
  let stopDialing = false;
  try {
    const listening = (await until(() => /"listener":"grpc localhost:(\d+)"/.exec(stderr))) as RegExpExecArray | null;
    const killAt = pick(100, MAX_STEPS - 600);
    const progressed = await until(() => [...stderr.matchAll(/CartPole: step (\d+)/g)].some((m) => Number(m[1]) >= killAt));
    if (!listening || !progressed) return { finished: false, restarts: 0, refused: 0, taken: 0, afterKill: 0, note: 'the run did not get going' };
    const port = Number(listening[1]);
    if (kind === 'strangers') {
      for (let i = 0; i < 2; i++) {
        const peer = await rawGrpcPeer(port);
        peers.push(peer);
        strangerRuns.push(i === 0 ? nanStranger(peer) : silentStranger(peer));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (kind === 'redialing-stranger') {
      strangerRuns.push(
        (async () => {
          let taken = false;
          while (!stopDialing && !taken) {
            try {
              const peer = await rawGrpcPeer(port);
              peers.push(peer);
              taken = (await nanStranger(peer)).taken;
              peer.close();
            } catch {
              /* the port is closed: the run ended */
            }
            await new Promise((r) => setTimeout(r, 20));
          }
          return { taken };
        })(),
      );
    }
    const connectedBefore = (stderr.match(/simulation connected/g) ?? []).length;
    process.kill(playerPids(pids)[0]!, 'SIGKILL');
    killedAt = performance.now();
    if (kind === 'killed-after-reconnect') {
      // The replacement's handshake done: kill it at once.
      const reconnected = await until(() => (stderr.match(/simulation connected/g) ?? []).length > connectedBefore && playerPids(pids).length >= 2, 30_000);
      if (reconnected) process.kill(playerPids(pids)[1]!, 'SIGKILL');
    }
    if (kind === 'redialing-stranger') setTimeout(() => (stopDialing = true), 5000);
    const result = await trainer.done;
    stopDialing = true;
    const out = result.code === 0 ? lastJsonLine<{ behaviors: Record<string, { steps: number }> }>(result.stdout) : null;
    const strangers = await Promise.all(strangerRuns);
    const trial: Trial = {
      finished: out !== null && (out.behaviors['CartPole?team=0']?.steps ?? 0) >= MAX_STEPS,
      restarts: (result.stderr.match(/; restarting"/g) ?? []).length,
      refused: (result.stderr.match(/"code":"SHIVA_ERR_STRANGER"/g) ?? []).length,
      taken: strangers.filter((s) => s.taken).length,
      afterKill: (performance.now() - killedAt) / 1000,
    };
    if (!trial.finished) trial.note = `exit ${result.code}: ${/shiva: (.*)/.exec(result.stderr)?.[1]?.slice(0, 200) ?? result.stderr.slice(-200)}`;
    return trial;
  } finally {
    stopDialing = true;
    for (const p of peers) p.close();
    if (trainer.child.exitCode === null) trainer.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: string[] = [];
const t0 = performance.now();
for (const kind of KINDS) {
  if (!['killed-mid-episode', 'killed-after-reconnect', 'strangers', 'redialing-stranger'].includes(kind)) throw new Error(`--only: unknown kind "${kind}"`);
  const trials: Trial[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const t = await trial(kind);
    trials.push(t);
    process.stderr.write(`${kind} #${i + 1}: ${JSON.stringify(t)}\n`);
  }
  const sum = (f: (t: Trial) => number) => trials.reduce((a, t) => a + f(t), 0);
  const after = trials.map((t) => t.afterKill);
  const notes = trials.filter((t) => t.note).map((t) => t.note);
  rows.push(`| ${kind} | ${trials.length} | ${trials.filter((t) => t.finished).length} | ${sum((t) => t.restarts)} | ${sum((t) => t.refused)} | ${sum((t) => t.taken)} | ${Math.min(...after).toFixed(1)}–${Math.max(...after).toFixed(1)} | ${notes.join('; ')} |`);
}
console.log(`\nBridge faults against shiva train (CartPole, a launched player, max_steps ${MAX_STEPS}, max_lifetime_restarts 5, restarts_rate_limit_n 3), ${TRIALS} trial(s) each, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
console.log('| fault | trials | runs finished | restarts | strangers refused | strangers taken | s from the kill to the end | notes |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
