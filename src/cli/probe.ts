/**
 * The probe: wait for one simulation, report what it is (behavior specs, versions), drive it with random
 * actions that respect its masks, reset it, and close it with status 400. The first thing to run on a new
 * scene; its summary is one JSON line for scripts.
 */
import type { Logger } from 'pino';
import { listenOptionsOf, type ListenOptions } from '../bridge/bridge-options.js';
import { GrpcBridgeServer } from '../bridge/grpc-server.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { RemoteEnv } from '../core/env/remote-env.js';
import { batchActor, RolloutLoop } from '../training/rollout-loop.js';
import { randomActions } from '../core/env/random-policy.js';
import { Rng } from '../core/runtime/rng.js';
import type { PeerInfo } from '../bridge/session.js';

export interface ProbeOptions extends ListenOptions {
  readonly port: number;
  readonly steps: number;
  readonly timeoutMs: number | null;
  readonly seed: number;
  readonly logger: Logger;
  /** Called once the listener is up (the CLI tells the user to press Play). */
  readonly onListening?: (port: number) => void;
  readonly onSpecs?: (specs: readonly BehaviorSpec[]) => void;
}

export interface ProbeSummary {
  readonly connection: string;
  readonly peer: PeerInfo;
  readonly behaviors: Record<string, ReturnType<typeof describeSpec>>;
  readonly steps: number;
  readonly decisionAgentSteps: Record<string, number>;
  readonly terminalAgentSteps: Record<string, number>;
  readonly rewardSums: Record<string, number>;
  readonly groupRewardSums: Record<string, number>;
  readonly stats: Record<string, { value: number; count: number; aggregation: number }>;
}

export async function probe(options: ProbeOptions): Promise<ProbeSummary> {
  // Where to listen (default localhost: 127.0.0.1 and ::1); off loopback: allowRemote and a token (docs/SECURITY.md).
  const listen = listenOptionsOf(options);
  const server = await new GrpcBridgeServer(options.port, { timeoutMs: options.timeoutMs, logger: options.logger, seed: options.seed, ...listen }).start();
  options.onListening?.(server.boundPort);
  try {
    const session = await server.hub.nextSession(options.timeoutMs, `a Unity scene on port ${server.boundPort}`);
    const env = new RemoteEnv(session);
    const rng = new Rng(options.seed);
    const tally = { decisions: {} as Record<string, number>, terminals: {} as Record<string, number>, rewards: {} as Record<string, number>, groupRewards: {} as Record<string, number> };
    const stats: ProbeSummary['stats'] = {};
    const addStats = (drained: ReadonlyMap<string, AggregatedStat>) => {
      for (const [key, s] of drained) {
        const prev = stats[key];
        stats[key] = { value: s.value, count: (prev?.count ?? 0) + s.count, aggregation: s.aggregation };
      }
    };
    const count = () => {
      for (const name of env.behaviorSpecs.keys()) {
        const { decisionSteps, terminalSteps } = env.getSteps(name);
        tally.decisions[name] = (tally.decisions[name] ?? 0) + decisionSteps.count;
        tally.terminals[name] = (tally.terminals[name] ?? 0) + terminalSteps.count;
        tally.rewards[name] = (tally.rewards[name] ?? 0) + sum(decisionSteps.rewards) + sum(terminalSteps.rewards);
        tally.groupRewards[name] = (tally.groupRewards[name] ?? 0) + sum(decisionSteps.groupRewards) + sum(terminalSteps.groupRewards);
      }
      addStats(env.drainStats());
    };
    await env.reset();
    options.onSpecs?.([...env.behaviorSpecs.values()]);
    count();
    let taken = 0;
    const loop = new RolloutLoop(
      [env],
      {
        actorFor: (_name, spec) => batchActor(spec, (s, decisionSteps) => randomActions(s.actionSpec, decisionSteps, rng)),
        shouldStop: (_source, at) => at === 'decided' && taken >= options.steps,
        onStats: (_source, drained) => addStats(drained),
        afterStep: () => {
          taken++;
          count();
        },
      },
      { reset: false },
    );
    await loop.run();
    await env.reset();
    count();
    await env.close();
    return {
      connection: session.name,
      peer: session.peer!,
      behaviors: Object.fromEntries([...env.behaviorSpecs].map(([name, spec]) => [name, describeSpec(spec)])),
      steps: options.steps,
      decisionAgentSteps: tally.decisions,
      terminalAgentSteps: tally.terminals,
      rewardSums: tally.rewards,
      groupRewardSums: tally.groupRewards,
      stats,
    };
  } finally {
    await server.stop();
  }
}

export function describeSpec(spec: BehaviorSpec) {
  return {
    observations: spec.observationSpecs.map((o) => ({ name: o.name, shape: [...o.shape], dimensionProperties: [...o.dimensionProperties], observationType: o.observationType })),
    actions: { continuous: spec.actionSpec.continuousSize, discreteBranches: [...spec.actionSpec.discreteBranches] },
  };
}

/** A few readable lines per behavior, for people. */
export function formatSpecs(specs: readonly BehaviorSpec[]): string {
  return specs
    .map((spec) => {
      const obs = spec.observationSpecs.map((o) => `    observation "${o.name}": shape [${o.shape.join(', ')}]${o.observationType === 1 ? ' (goal signal)' : ''}`);
      const a = spec.actionSpec;
      const act = `    actions: ${a.continuousSize} continuous${a.discreteBranches.length ? `, discrete branches [${a.discreteBranches.join(', ')}]` : ''}`;
      return [`  behavior ${spec.name}`, ...obs, act].join('\n');
    })
    .join('\n');
}

function sum(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
