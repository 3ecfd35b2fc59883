/**
 * A Unity Editor pressing Play, played by the stand-in in this process (envs/standin) against `shiva train` with no
 * environment (it listens on SHIVA_EDITOR_PORT), with a fault injected after a given number of outputs: Unity
 * stopping (the Editor leaving play mode sends status 400), or the scene sending a NaN reward. It keeps the scene's
 * own record of every episode it reported (return and length, counted as the trainer's EpisodeTracker counts them),
 * the clean record a trainer's episode counts and returns are checked against (tests, bench/faults).
 */
import { getBuiltinEnv } from '../../envs/registry.js';
import { UnityStandIn, type StandInReport } from '../../envs/standin/unity-standin.js';
import { grpcConnection, type TrainerConnection } from '../../envs/standin/trainer-connection.js';
import { decodeUnityMessage, encodeUnityMessage } from '../../src/protocol/messages.js';
import { silentLogger } from '../../src/telemetry/logger.js';

export type EditorFault = 'stop' | 'nan-reward';

export interface FakeEditorOptions {
  readonly env: string;
  readonly port: number;
  /** Inject `fault` in place of output number `at` (1 is the reset's output, 2 the first step's, ...). */
  readonly fault?: { readonly kind: EditorFault; readonly at: number };
  /** How long to keep trying to reach the trainer (it listens once its backend is loaded). Default 60 s. */
  readonly connectWithinMs?: number;
}

export interface SceneEpisode {
  readonly behavior: string;
  readonly return: number;
  readonly length: number;
}

export interface FakeEditorResult {
  /** The stand-in's report, or null when it ended with an error (the trainer went away). */
  readonly report: StandInReport | null;
  readonly error: unknown;
  /** Outputs the trainer received intact (the reset's and every step's), before any fault. */
  readonly outputs: number;
  /** Every episode the scene reported in those outputs, in the order the trainer reads them. */
  readonly episodes: SceneEpisode[];
  /** Agent decision records in those outputs (the steps a learner counts as it acts on them). */
  readonly decisions: number;
  /**
   * After each of those outputs, the decisions and episodes so far: a checkpoint saved at step S (the decisions
   * acted on) must hold the episodes of the output where the decisions reach S, and their returns.
   */
  readonly timeline: readonly { readonly decisions: number; readonly episodes: number }[];
}

/** Plays the Editor until the trainer closes the connection (or the fault ends it). */
export async function runFakeEditor(options: FakeEditorOptions): Promise<FakeEditorResult> {
  const tracker = new SceneEpisodes();
  let calls = 0;
  let outputs = 0;
  let inner: TrainerConnection = grpcConnection(options.port);
  const deadline = Date.now() + (options.connectWithinMs ?? 60_000);
  const connection: TrainerConnection = {
    get name() {
      return inner.name;
    },
    close: () => inner.close(),
    call: async (bytes) => {
      calls++;
      // Calls 1 and 2 are the handshake; every later call carries one output.
      const output = calls - 2;
      let sent = bytes;
      if (output >= 1 && options.fault && output === options.fault.at) sent = options.fault.kind === 'stop' ? encodeUnityMessage({ header: { status: 400 } }) : withNaNReward(bytes);
      else if (output >= 1) {
        outputs++;
        tracker.observe(bytes);
      }
      if (calls > 1) return inner.call(sent);
      // The first call: until the trainer listens, a fresh channel per try (no connection was made, so nothing is left behind).
      for (;;) {
        try {
          return await inner.call(sent);
        } catch (error) {
          if (Date.now() > deadline) throw error;
          inner.close();
          await new Promise((r) => setTimeout(r, 200));
          inner = grpcConnection(options.port);
        }
      }
    },
  };
  const standIn = new UnityStandIn(getBuiltinEnv(options.env), connection, { logger: silentLogger(), compression: 'none' });
  let report: StandInReport | null = null;
  let error: unknown = null;
  try {
    report = await standIn.run();
  } catch (e) {
    error = e;
  } finally {
    connection.close();
  }
  return { report, error, outputs, episodes: tracker.episodes, decisions: tracker.decisions, timeline: tracker.timeline };
}

/** The output with the first agent's reward set to NaN (as a scene dividing by zero would send it). */
function withNaNReward(bytes: Uint8Array): Uint8Array {
  const message = decodeUnityMessage(bytes, 'fake editor');
  const infos = message.unityOutput?.rlOutput?.agentInfos ?? {};
  for (const list of Object.values(infos)) {
    const first = list.value?.[0];
    if (first) {
      first.reward = Number.NaN;
      break;
    }
  }
  return encodeUnityMessage(message);
}

/** The scene's episodes from its outputs, as the trainer's EpisodeTracker counts them (terminal records close one). */
class SceneEpisodes {
  readonly episodes: SceneEpisode[] = [];
  readonly timeline: { decisions: number; episodes: number }[] = [];
  decisions = 0;
  private readonly running = new Map<string, { total: number; length: number }>();

  observe(bytes: Uint8Array): void {
    const message = decodeUnityMessage(bytes, 'fake editor');
    for (const [behavior, list] of Object.entries(message.unityOutput?.rlOutput?.agentInfos ?? {})) {
      const infos = list.value ?? [];
      for (const info of infos.filter((i) => i.done)) {
        const key = `${behavior}:${info.id ?? 0}`;
        const episode = this.running.get(key) ?? { total: 0, length: 0 };
        this.running.delete(key);
        this.episodes.push({ behavior, return: episode.total + (info.reward ?? 0), length: episode.length + 1 });
      }
      for (const info of infos.filter((i) => !i.done)) {
        this.decisions++;
        const key = `${behavior}:${info.id ?? 0}`;
        const episode = this.running.get(key);
        if (episode) {
          episode.total += info.reward ?? 0;
          episode.length++;
        } else this.running.set(key, { total: info.reward ?? 0, length: 0 });
      }
    }
    this.timeline.push({ decisions: this.decisions, episodes: this.episodes.length });
  }
}

/** The mean of the last (up to) 100 returns, as the trainer's summary reports it. */
export function meanOfLast100(episodes: readonly SceneEpisode[]): number | null {
  const last = episodes.slice(-100);
  return last.length === 0 ? null : last.reduce((a, e) => a + e.return, 0) / last.length;
}
