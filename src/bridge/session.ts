/**
 * One connected simulation: the trainer side of ML-Agents' communicator protocol as a state machine,
 * independent of the transport (gRPC or WebSocket). The transport hands every incoming call to `onCall`
 * with a way to answer it; the trainer drives the session through `exchange` (it implements SimulationLink,
 * so RemoteEnv can wrap it).
 *
 *   awaiting-init --call#1 (init output)--> awaiting-second-call --call#2 (held)--> idle
 *   idle --exchange(input): answer the held call--> waiting --next call--> idle
 *   any --close() / 400 from the peer / bad input / timeout / disconnect--> closed
 *
 * Pairing is shifted by one: each answer to the peer's call k carries the trainer's next input, and the
 * peer's call k+1 carries the result. Every failure stays inside this session: it is reported through
 * `exchange`'s rejection and `ended`, and the peer is told to stop with status 400 when it can still hear.
 */
import type { Logger } from 'pino';
import { ShivaError, isShivaError } from '../core/errors.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { SimulationInput, SimulationLink, SimulationOutput } from '../core/env/simulation-link.js';
import { SimulationStoppedError } from '../core/env/simulation-stopped.js';
import type { communicator_objects as co } from '../protocol/generated/communicator.js';
import { encodeActions } from '../protocol/actions.js';
import { writeRlInput, type ActionEntry } from '../protocol/input-writer.js';
import { CLOSE_MESSAGE, Command, chargeWireEstimateBound, decodeUnityMessage, initializationReply, rlInputMessage, statusOf, STATUS_OK } from '../protocol/messages.js';
import { OutputDecoder, type DecodedOutput } from '../protocol/output-decoder.js';
import { decodeBudgetFor, type DecodeBudget } from '../protocol/limits.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './bridge-options.js';
import { ALL_CAPABILITIES, versionIncompatibility, type Capabilities } from '../protocol/version.js';
import { SideChannelManager } from '../protocol/side-channels/side-channel-manager.js';
import { StatsChannel } from '../protocol/side-channels/stats.js';
import { SceneDrawingChannel } from '../protocol/side-channels/scene-drawing.js';
import type { SceneDrawing } from '../core/env/scene-drawing.js';
import { defaultTrainingEnvironmentInitialized, type TrainingBehaviorInitialized, type TrainingEnvironmentInitialized } from '../protocol/side-channels/training-analytics.js';

export type Reply = (bytes: Uint8Array) => void;

export type SessionState = 'awaiting-init' | 'awaiting-second-call' | 'rejecting' | 'idle' | 'waiting' | 'closed';

export interface SessionOptions {
  /** Sent to the simulation in the initialization reply. */
  readonly seed: number;
  readonly numAreas: number;
  /** How long to wait for the peer's next message; null waits forever. Default 60 s, as mlagents_envs. */
  readonly timeoutMs: number | null;
  /**
   * The transport's size limit for one message (default 16 MiB): decoding one may allocate at most
   * DECODE_BUDGET_FACTOR times this (src/protocol/limits.ts).
   */
  readonly maxMessageBytes?: number;
  readonly logger: Logger;
  /**
   * Sent once on the TrainingAnalytics side channel with the first input, if the peer supports it (we advertise
   * the capability, so something is always sent, as mlagents_envs does: without this, Shiva's default message).
   */
  readonly analytics?: TrainingEnvironmentInitialized;
  /** Sent once per behavior name on the TrainingAnalytics side channel, with the input after its announcement. */
  readonly behaviorAnalytics?: (behaviorName: string) => TrainingBehaviorInitialized | null;
}

/** What the simulation said about itself in its first call. */
export interface PeerInfo {
  readonly name: string;
  readonly communicationVersion: string;
  readonly packageVersion: string;
  readonly capabilities: Capabilities;
}

export interface SessionEnd {
  /** 'trainer' closed it, the 'peer' sent status 400, or it failed with `error`. */
  readonly by: 'trainer' | 'peer' | 'error';
  readonly error?: ShivaError;
}

export class BridgeSession implements SimulationLink {
  readonly sideChannels: SideChannelManager;
  readonly stats = new StatsChannel();
  /** The drawings the simulation sends of its areas (Shiva's scene-drawing side channel; docs/SCENE-DRAWING.md). */
  readonly drawings: SceneDrawingChannel;
  readonly ready: Promise<PeerInfo>;
  readonly ended: Promise<SessionEnd>;
  private stateValue: SessionState = 'awaiting-init';
  private peerInfo: PeerInfo | null = null;
  private held: Reply | null = null;
  private waiter: { resolve: (o: SimulationOutput) => void; reject: (e: ShivaError) => void } | null = null;
  /**
   * One timer for the session's life, re-armed with refresh() and parked with unref() (see armTimer): a fresh
   * setTimeout and clearTimeout on every exchange cost a timer list built and torn down each time.
   */
  private timer: NodeJS.Timeout | null = null;
  /** What the armed timer waits for ("its next message"); null while parked (the trainer's turn) or never armed. */
  private timerWaitsFor: string | null = null;
  private readonly decoder: OutputDecoder;
  private resolveReady!: (p: PeerInfo) => void;
  private rejectReady!: (e: ShivaError) => void;
  private resolveEnded!: (e: SessionEnd) => void;
  private pendingRejection: ShivaError | null = null;
  private readonly lastDecisionCounts = new Map<string, number>();
  private analyticsPending = false;
  /** Behavior names whose TrainingBehaviorInitialized was queued (or declined), and those waiting for the next input. */
  private readonly analyticsBehaviorsSeen = new Set<string>();
  private analyticsBehaviorsPending: string[] = [];
  private endInfo: SessionEnd | null = null;
  /** Traffic of this connection, for benchmarks and the dashboard. */
  readonly traffic = { callsIn: 0, bytesIn: 0, bytesOut: 0 };

  constructor(
    /** Names the connection in every error and log line, e.g. "grpc 127.0.0.1:5004 <- 127.0.0.1:50112". */
    readonly name: string,
    private readonly options: SessionOptions,
  ) {
    this.decoder = new OutputDecoder(name);
    this.sideChannels = new SideChannelManager(name, (message) => options.logger.warn({ connection: name }, message));
    this.sideChannels.register(this.stats);
    // A malformed drawing is the scene's mistake, not a protocol fault: warned, and the last good one kept.
    this.drawings = new SceneDrawingChannel(`${name}: scene-drawing side channel`, (message) => options.logger.warn({ connection: name }, message));
    this.sideChannels.register(this.drawings);
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => undefined); // observed through `ended` when nobody awaits the handshake
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.armTimer('the first message of the handshake');
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get peer(): PeerInfo | null {
    return this.peerInfo;
  }

  drawing(area: number): SceneDrawing | null {
    return this.drawings.latest(area);
  }

  /** Specs of the behaviors announced so far. */
  get behaviorSpecs(): ReadonlyMap<string, BehaviorSpec> {
    return this.decoder.specs;
  }

  /** Called by the transport for every message from the peer. `reply` answers exactly that call. */
  onCall(bytes: Uint8Array, reply: Reply): void {
    this.traffic.callsIn++;
    this.traffic.bytesIn += bytes.length;
    if (this.stateValue === 'closed') {
      reply(CLOSE_MESSAGE); // the peer is still talking after we ended: tell it again to stop
      return;
    }
    this.clearTimer();
    let message: co.UnityMessageProto;
    let budget: DecodeBudget;
    try {
      // Decoding one message may allocate DECODE_BUDGET_FACTOR × the size limit, checked before each allocation.
      budget = decodeBudgetFor(this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
      if (this.stateValue === 'waiting') {
        // The hot path: a step's output read from the wire into batches (output-fast-path.ts); whatever it declines
        // is decoded below by protobufjs with a fresh budget, so both paths accept and refuse the same messages.
        chargeWireEstimateBound(bytes, this.name, budget);
        const fast = this.decoder.decodeFast(bytes, budget);
        if (fast) {
          try {
            this.onOutput(fast, reply);
          } catch (error) {
            this.fail(error, reply);
          }
          return;
        }
        budget = decodeBudgetFor(this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
      }
      message = decodeUnityMessage(bytes, this.name, budget);
    } catch (error) {
      this.fail(error, reply);
      return;
    }
    if (statusOf(message) !== STATUS_OK) {
      // Unity sends {header{status:400}} when it leaves play mode or is disposed.
      reply(CLOSE_MESSAGE);
      this.finish({ by: 'peer', error: new SimulationStoppedError(`${this.name}: the simulation closed the connection (status ${statusOf(message)})`) });
      return;
    }
    try {
      this.dispatch(message, reply, budget);
    } catch (error) {
      this.fail(error, reply);
    }
  }

  /** Called by the transport when the connection is gone or broke (size limit, socket error). */
  onTransportError(error: ShivaError): void {
    if (this.stateValue !== 'closed') this.fail(error, null);
  }

  async exchange(input: SimulationInput): Promise<SimulationOutput> {
    if (this.stateValue === 'awaiting-init' || this.stateValue === 'awaiting-second-call') await this.ready;
    if (this.stateValue === 'closed') throw this.closedError();
    if (this.stateValue !== 'idle' || !this.held) {
      throw new ShivaError('SHIVA_ERR_SESSION_STATE', `${this.name}: exchange: expected the session to hold the simulation's call (state idle), got state ${this.stateValue}; is another exchange still running?`);
    }
    const bytes = this.encodeInput(input);
    this.traffic.bytesOut += bytes.length;
    const reply = this.held;
    this.held = null;
    this.stateValue = 'waiting';
    const result = new Promise<SimulationOutput>((resolve, reject) => (this.waiter = { resolve, reject }));
    reply(bytes);
    this.armTimer('its next message');
    return result;
  }

  /**
   * Ends the session with `error` (a stranger refused, a session nobody claimed): the held call, or the next one,
   * is answered with status 400, and `ended` reports the error.
   */
  refuse(error: ShivaError): void {
    if (this.stateValue !== 'closed') this.fail(error, null);
  }

  /** Ends the session: the held call, or the next one, is answered with status 400. */
  async close(): Promise<void> {
    if (this.stateValue === 'closed') return;
    if (this.held) {
      this.held(CLOSE_MESSAGE);
      this.held = null;
    }
    this.finish({ by: 'trainer' });
  }

  private dispatch(message: co.UnityMessageProto, reply: Reply, budget: DecodeBudget): void {
    switch (this.stateValue) {
      case 'awaiting-init':
        return this.onInitialization(message, reply);
      case 'awaiting-second-call':
        // mlagents_envs discards the second call; it is held until the trainer's first input (a RESET).
        this.held = reply;
        this.stateValue = 'idle';
        this.options.logger.info({ connection: this.name, peer: this.peerInfo }, 'simulation connected');
        this.analyticsPending = this.peerInfo!.capabilities.trainingAnalytics;
        this.resolveReady(this.peerInfo!);
        return;
      case 'rejecting':
        reply(CLOSE_MESSAGE);
        this.finish({ by: 'error', error: this.pendingRejection! });
        return;
      case 'waiting':
        return this.onOutput(this.decoder.decode(message.unityOutput, budget), reply);
      case 'idle':
        throw new ShivaError('SHIVA_ERR_SESSION_STATE', `${this.name}: a second call arrived while one is already held; expected one call at a time`);
      default:
        return;
    }
  }

  /** A step's (or reset's) output: hold the call, hand the batches to the waiting exchange. */
  private onOutput(decoded: DecodedOutput, reply: Reply): void {
    if (decoded.sideChannel.length > 0) this.sideChannels.processIncoming(decoded.sideChannel);
    for (const name of decoded.unannounced) {
      this.options.logger.warn({ connection: this.name, behavior: name }, 'agents of a behavior that was never announced with brain parameters; ignored');
    }
    this.noteNewBehaviors(decoded.newBehaviors);
    // Refilled in place, not rebuilt: this runs on every step.
    this.lastDecisionCounts.clear();
    for (const [behavior, batch] of decoded.agentInfos) this.lastDecisionCounts.set(behavior, countDecisions(batch.done));
    this.held = reply;
    this.stateValue = 'idle';
    const waiter = this.waiter!;
    this.waiter = null;
    waiter.resolve({ agentInfos: decoded.agentInfos, newBehaviors: decoded.newBehaviors, stats: this.stats.drain() });
  }

  private onInitialization(message: co.UnityMessageProto, reply: Reply): void {
    const init = message.unityOutput?.rlInitializationOutput;
    if (!init) {
      throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${this.name}: first call: expected unity_output.rl_initialization_output (the handshake), got a message without it`);
    }
    this.peerInfo = {
      name: init.name ?? '',
      communicationVersion: init.communicationVersion ?? '',
      packageVersion: init.packageVersion ?? '',
      capabilities: Object.fromEntries(Object.keys(ALL_CAPABILITIES).map((k) => [k, Boolean(init.capabilities?.[k as keyof Capabilities])])) as Capabilities,
    };
    if (!this.peerInfo.capabilities.baseRLCapabilities) {
      this.options.logger.warn({ connection: this.name }, 'the simulation does not report baseRLCapabilities; it may not be an ML-Agents scene of a supported version');
    }
    // Like mlagents_envs: answer the handshake, check versions, then refuse the second call with status 400.
    reply(initializationReply({ seed: this.options.seed, numAreas: this.options.numAreas }));
    const problem = versionIncompatibility(this.peerInfo.communicationVersion);
    if (problem) {
      this.stateValue = 'rejecting';
      this.pendingRejection = new ShivaError('SHIVA_ERR_VERSION', `${this.name}: ${problem} (the simulation runs com.unity.ml-agents ${this.peerInfo.packageVersion || 'of unknown version'}; Shiva speaks communication API 1.x)`);
      this.rejectReady(this.pendingRejection);
    } else {
      this.stateValue = 'awaiting-second-call';
    }
    this.armTimer('the second message of the handshake');
  }

  private encodeInput(input: SimulationInput): Uint8Array {
    if (input.engineConfiguration) this.sideChannels.queueEngineConfiguration(input.engineConfiguration);
    if (input.environmentParameters.size > 0) this.sideChannels.queueEnvironmentParameters(Object.fromEntries(input.environmentParameters));
    // mlagents_envs writes side channels in registration order, TrainingAnalytics last; so do we.
    if (this.analyticsPending) {
      this.sideChannels.queueTrainingEnvironmentInitialized(this.options.analytics ?? defaultTrainingEnvironmentInitialized());
      this.analyticsPending = false;
    }
    for (const name of this.analyticsBehaviorsPending) {
      const message = this.options.behaviorAnalytics!(name);
      if (message) this.sideChannels.queueTrainingBehaviorInitialized(message);
    }
    this.analyticsBehaviorsPending = [];
    let ordered: ActionEntry[] = [];
    if (input.command === 'step') {
      for (const [behavior, actions] of input.actions) {
        const spec = this.decoder.specs.get(behavior);
        const count = this.lastDecisionCounts.get(behavior) ?? 0;
        if (!spec || count === 0) continue;
        ordered.push({ name: behavior, actions, spec: spec.actionSpec, count });
      }
    }
    // protobufjs writes a map in its object's key order (index-like names first): only several behaviors can differ.
    if (ordered.length > 1) ordered = inObjectKeyOrder(ordered);
    const command = input.command === 'reset' ? Command.RESET : Command.STEP;
    const sideChannel = this.sideChannels.takeOutgoing();
    // Written straight from the action arrays (input-writer.ts), in the key order protobufjs would take; what the
    // writer declines goes through protobufjs as before.
    const fast = writeRlInput(ordered, command, sideChannel);
    if (fast) return fast;
    const agentActions: Record<string, co.UnityRLInputProto.ListAgentActionProto.$Properties> = {};
    for (const e of ordered) agentActions[e.name] = { value: encodeActions(e.actions, e.spec, e.count) };
    return rlInputMessage({ agentActions, command, sideChannel });
  }

  /** As mlagents-learn: a trainer starts for each new behavior name, and says so once on the TrainingAnalytics channel. */
  private noteNewBehaviors(specs: readonly BehaviorSpec[]): void {
    if (!this.options.behaviorAnalytics || !this.peerInfo?.capabilities.trainingAnalytics) return;
    for (const spec of specs) {
      const name = behaviorNameOf(spec.name);
      if (this.analyticsBehaviorsSeen.has(name)) continue;
      this.analyticsBehaviorsSeen.add(name);
      this.analyticsBehaviorsPending.push(name);
    }
  }

  private fail(error: unknown, reply: Reply | null): void {
    const shivaError = isShivaError(error)
      ? error
      : new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${this.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    if (reply) reply(CLOSE_MESSAGE);
    if (this.held) {
      this.held(CLOSE_MESSAGE);
      this.held = null;
    }
    this.finish({ by: 'error', error: shivaError });
  }

  private finish(end: SessionEnd): void {
    if (this.stateValue === 'closed') return;
    this.stateValue = 'closed';
    this.clearTimer();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const error = end.error ?? this.closedError();
    this.rejectReady(error);
    if (this.waiter) {
      this.waiter.reject(error);
      this.waiter = null;
    }
    if (end.by === 'error') this.options.logger.error({ connection: this.name, code: end.error?.code }, end.error?.message ?? 'session failed');
    else this.options.logger.info({ connection: this.name, by: end.by }, 'session closed');
    this.endInfo = end;
    this.resolveEnded(end);
  }

  private closedError(): ShivaError {
    return this.endInfo?.error ?? new ShivaError('SHIVA_ERR_CLOSED', `${this.name}: the session is closed`);
  }

  /**
   * Starts the wait for `what` from the simulation: the session fails after timeoutMs without it. The same timer
   * serves every wait: refresh() restarts its full period from now (and revives it if it fired while parked), ref()
   * lets it hold the process open as a pending setTimeout would.
   */
  private armTimer(what: string): void {
    const ms = this.options.timeoutMs;
    if (ms === null || ms <= 0) return;
    this.timerWaitsFor = what;
    if (this.timer) {
      this.timer.refresh();
      this.timer.ref();
      return;
    }
    this.timer = setTimeout(() => this.onTimer(ms), ms);
  }

  /**
   * Ends the wait (a message came, or the session closed). The timer is parked rather than cleared: unref() so that
   * it no longer holds the process open, as a cleared timer would not; should it fire while parked, it does nothing.
   */
  private clearTimer(): void {
    if (this.timerWaitsFor === null) return;
    this.timerWaitsFor = null;
    this.timer?.unref();
  }

  private onTimer(ms: number): void {
    const what = this.timerWaitsFor;
    if (what === null) return; // parked: the trainer's turn, or closed
    this.fail(new ShivaError('SHIVA_ERR_TIMEOUT', `${this.name}: waited ${ms / 1000} s for ${what} from the simulation; raise the timeout or switch it off (--timeout 0)`), null);
  }
}

/** "Striker?team=1" → "Striker" (ML-Agents' brain name). */
function behaviorNameOf(behaviorId: string): string {
  const at = behaviorId.lastIndexOf('?team=');
  return at < 0 ? behaviorId : behaviorId.slice(0, at);
}

/** The entries in the order of Object.keys of an object keyed by their names, the order protobufjs writes a map in. */
function inObjectKeyOrder(entries: ActionEntry[]): ActionEntry[] {
  const byName: Record<string, ActionEntry> = {};
  for (const e of entries) byName[e.name] = e;
  return Object.keys(byName).map((k) => byName[k]!);
}

function countDecisions(done: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < done.length; i++) if (!done[i]) n++;
  return n;
}

