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
    const returns = new Map<string, number[]>();
    const running = new Map<string, number>(); // env#behavior#agent -> return so far
    let decisions = 0;
    await Promise.all(bridge.envs.map((e) => e.reset()));
    const started = performance.now();
    for (let step = 0; step < options.steps; step++) {
      bridge.envs.forEach((env, e) => {
        for (const [name, spec] of env.behaviorSpecs) {
          const { decisionSteps, terminalSteps } = env.getSteps(name);
          for (let i = 0; i < terminalSteps.count; i++) {
            const key = `${e}#${name}#${terminalSteps.agentIds[i]}`;
            const total = (running.get(key) ?? 0) + terminalSteps.rewards[i]!;
            running.delete(key);
            if (!returns.has(name)) returns.set(name, []);
            returns.get(name)!.push(total);
          }
          for (let i = 0; i < decisionSteps.count; i++) {
            const key = `${e}#${name}#${decisionSteps.agentIds[i]}`;
            running.set(key, (running.get(key) ?? 0) + decisionSteps.rewards[i]!);
          }
          decisions += decisionSteps.count;
          if (decisionSteps.count > 0) env.setActions(name, randomActions(spec.actionSpec, decisionSteps, rng));
        }
      });
      await Promise.all(bridge.envs.map((e) => e.step()));
      options.onProgress?.(step + 1, [...returns.values()].reduce((n, r) => n + r.length, 0));
    }
    const seconds = (performance.now() - started) / 1000;
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
