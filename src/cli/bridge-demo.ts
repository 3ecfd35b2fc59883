/**
 * The bridge demo (the main job until training lands): a stand-in scene launched as a child process, exactly
 * as a Unity build would be, connected over gRPC, driven with random actions that respect its masks for a
 * number of steps, then closed. It shows the whole path of a decision without Unity.
 */
import type { Logger } from 'pino';
import { BridgePool } from '../bridge/bridge-pool.js';
import { randomActions } from '../core/env/random-policy.js';
import { Rng } from '../core/runtime/rng.js';
import { shivaCommand } from './self-command.js';
import type { EpisodeRecord } from '../training/episode-tracker.js';
import { batchActor, RolloutLoop } from '../training/rollout-loop.js';

export interface DemoOptions {
  readonly env: string;
  readonly numEnvs: number;
  readonly steps: number;
  readonly basePort: number;
  readonly seed: number;
  readonly logDir: string;
  readonly logger: Logger;
  readonly onProgress?: (step: number, episodes: number) => void;
}

export interface DemoSummary {
  readonly env: string;
  readonly numEnvs: number;
  readonly steps: number;
  readonly episodes: number;
  readonly meanEpisodeReturn: Record<string, number>;
  readonly decisionAgentSteps: number;
  readonly stepsPerSecond: number;
}

/** One stand-in child process per port, launched as Unity builds would be. */
export function createDemoPool(options: DemoOptions): BridgePool {
  const self = shivaCommand();
  return new BridgePool({
    basePort: options.basePort,
    numEnvs: options.numEnvs,
    seed: options.seed,
    logger: options.logger,
    launch: { command: self.command, args: [...self.args, 'unity-standin', '--env', options.env], logDir: options.logDir },
  });
}

export async function runDemo(options: DemoOptions, bridge: BridgePool = createDemoPool(options)): Promise<DemoSummary> {
  await bridge.start();
  try {
    const rng = new Rng(options.seed);
    let decisions = 0;
    const finished: EpisodeRecord[] = [];
    const stepsOf = bridge.envs.map(() => 0);
    const loop = new RolloutLoop(bridge.envs, {
      actorFor: (_name, spec) => batchActor(spec, (s, decisionSteps) => randomActions(s.actionSpec, decisionSteps, rng)),
      onSteps: (_source, _name, steps) => {
        started ??= performance.now(); // the clock starts once the simulations are reset, as a step's first
        decisions += steps.decisionSteps.count;
      },
      onEpisodes: (_source, episodes) => {
        finished.push(...episodes);
      },
      afterStep: (source) => {
        stepsOf[source]!++;
        // Progress follows the slowest simulation: a step counts once every simulation has taken it.
        if (stepsOf[source] === Math.min(...stepsOf)) options.onProgress?.(stepsOf[source]!, loop.episodes.episodes);
      },
      shouldStop: (source, at) => at === 'decided' && stepsOf[source]! >= options.steps,
    });
    let started: number | null = null;
    await loop.run();
    const returns = new Map<string, number[]>();
    for (const e of finished) returns.set(e.behavior, [...(returns.get(e.behavior) ?? []), e.return]);
    const seconds = (performance.now() - (started ?? performance.now())) / 1000;
    await Promise.all(bridge.envs.map((e) => e.close()));
    return {
      env: options.env,
      numEnvs: options.numEnvs,
      steps: options.steps,
      episodes: [...returns.values()].reduce((n, r) => n + r.length, 0),
      meanEpisodeReturn: Object.fromEntries([...returns].map(([k, r]) => [k, r.reduce((a, b) => a + b, 0) / r.length])),
      decisionAgentSteps: decisions,
      stepsPerSecond: Math.round((options.steps * options.numEnvs) / seconds),
    };
  } finally {
    await bridge.shutdown();
  }
}
