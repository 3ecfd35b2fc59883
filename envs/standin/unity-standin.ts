/**
 * The Unity stand-in: serves a built-in scene to a trainer over the real ML-Agents protocol, exactly as a
 * Unity build with the ML-Agents package does (see shared docs, mlagents-protocol.md §3–4 and §9):
 * - the two-call handshake (initialization output, then a header-only call whose answer is the first RESET);
 * - brain parameters on a behavior's first non-empty appearance, every known behavior keyed in every output;
 * - side channels of each answer applied before its command (environment parameters, engine configuration),
 *   and the scene's stats sent back on the Stats channel;
 * - actions matched by index to the agents that asked, terminal records before new-episode decisions;
 * - status 400 from the trainer ends the run normally;
 * - a discrete action that the agent's mask forbids does not end the run, as it does not in a Unity build (the
 *   mask is only a hint to the trainer, and ML-Agents' random_action ignores it): it is counted, logged, and
 *   the agent takes the first option its mask allows on that branch (the no-op in every built-in scene);
 * - TrainingAnalytics messages are read and counted (Unity's Editor records them for its analytics).
 * CI and headless users run it where a Unity build would run.
 */
import type { Logger } from 'pino';
import { Academy } from '../../src/core/env/academy.js';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { maskSize, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { decodeActions } from '../../src/protocol/actions.js';
import { encodeAgentInfos } from '../../src/protocol/agent-infos.js';
import { OutputScratch, writeStepOutput, type StepOutputEntry } from '../../src/protocol/output-writer.js';
import { brainParametersFromSpec } from '../../src/protocol/brain-parameters.js';
import { ENGINE_CONFIGURATION_CHANNEL_ID, ENVIRONMENT_PARAMETERS_CHANNEL_ID, STATS_CHANNEL_ID, TRAINING_ANALYTICS_CHANNEL_ID } from '../../src/protocol/guid.js';
import { chargeWireEstimateBound, Command, decodeUnityMessage, encodeUnityMessage, statusOf, STATUS_OK } from '../../src/protocol/messages.js';
import { InputFastPath, type ExpectedActions } from '../../src/protocol/input-fast-path.js';
import { checkAtMost, decodeBudgetFor, PROTOCOL_LIMITS, SIMULATION_MAX_MESSAGE_BYTES } from '../../src/protocol/limits.js';
import { decodeEngineConfiguration } from '../../src/protocol/side-channels/engine-configuration.js';
import { decodeEnvironmentParameter } from '../../src/protocol/side-channels/environment-parameters.js';
import { SideChannelManager } from '../../src/protocol/side-channels/side-channel-manager.js';
import { encodeStatRecord } from '../../src/protocol/side-channels/stats.js';
import { encodeSceneDrawing, SCENE_DRAWING_CHANNEL_ID } from '../../src/protocol/side-channels/scene-drawing.js';
import { decodeTrainingAnalytics } from '../../src/protocol/side-channels/training-analytics.js';
import { ALL_CAPABILITIES, COMMUNICATION_API_VERSION, versionIncompatibility } from '../../src/protocol/version.js';
import type { EngineConfiguration, EnvironmentParameter } from '../../src/core/env/environment-parameters.js';
import type { BuiltinEnv } from '../registry.js';
import type { TrainerConnection } from './trainer-connection.js';

export const STANDIN_PACKAGE_VERSION = '3.0.0-shiva-standin';

export interface StandInOptions {
  /** Overrides the trainer's num_areas; otherwise the trainer's value (or the env's default when it sends 0). */
  readonly numAreas?: number;
  /** Overrides the trainer's seed. */
  readonly seed?: number;
  readonly decisionPeriod?: number;
  /** Observations of rank 3 are sent as PNG, as Unity's camera sensors do by default. */
  readonly compression?: 'none' | 'png';
  /**
   * Send area 0's drawing with every output on Shiva's scene-drawing side channel, as a Unity scene that registered
   * that channel does (docs/SCENE-DRAWING.md), when the scene draws itself. Off by default, as in a Unity build.
   */
  readonly sendDrawings?: boolean;
  readonly logger: Logger;
}

export interface StandInReport {
  /** Exchanges after the handshake. */
  readonly exchanges: number;
  readonly resets: number;
  readonly decisionSteps: number;
  readonly terminalSteps: number;
  readonly rewardSum: number;
  readonly groupRewardSum: number;
  /** Every agent id sent, sorted. */
  readonly agentIds: number[];
  readonly engineConfiguration: EngineConfiguration;
  readonly environmentParameters: Record<string, EnvironmentParameter>;
  /** Discrete actions the agent's mask forbade (each replaced by the first option the mask allows). */
  readonly maskedActions: number;
  /** What the trainer said on the TrainingAnalytics channel: TrainingEnvironmentInitialized messages, and the trainer type of each TrainingBehaviorInitialized. */
  readonly trainingAnalytics: { readonly environments: number; readonly behaviors: { readonly behaviorName: string; readonly trainerType: string }[] };
  /** Why it stopped: the trainer's 400, or a QUIT command. */
  readonly endedBy: 'status-400' | 'quit';
}

export class UnityStandIn {
  private academy: Academy | null = null;
  private readonly channels: SideChannelManager;
  private readonly announced = new Set<string>();
  /** Behaviors Unity has "subscribed" (seen agents of): every output keys all of them. */
  private readonly subscribed: BehaviorSpec[] = [];
  private readonly lastDecisionCounts = new Map<string, number>();
  private trainerHasHybridActions = true;
  private engineConfiguration: EngineConfiguration = {};
  private readonly parameters = new Map<string, EnvironmentParameter>();
  /** Every agent id sent: small non-negative ids (every built-in scene's) flagged here, any other in the set. */
  private readonly smallAgentIdSeen = new Uint8Array(SMALL_AGENT_IDS);
  private readonly agentIds = new Set<number>();
  private readonly counts = { exchanges: 0, resets: 0, decisionSteps: 0, terminalSteps: 0, rewardSum: 0, groupRewardSum: 0, maskedActions: 0 };
  /** Per behavior, the masks (1 = not allowed) of the decision records last sent, in their order; null: no masks. */
  private lastDecisionMasks = new Map<string, Uint8Array | null>();
  private readonly analytics: { environments: number; behaviors: { behaviorName: string; trainerType: string }[] } = { environments: 0, behaviors: [] };
  private readonly inputFastPath = new InputFastPath();
  /** Each step's output is written over the last one's: the trainer has read that one before it answers. */
  private readonly outputScratch = new OutputScratch();

  constructor(
    private readonly env: BuiltinEnv,
    private readonly connection: TrainerConnection,
    private readonly options: StandInOptions,
  ) {
    const where = `stand-in (${env.name}) -> ${connection.name}`;
    this.channels = new SideChannelManager(where, (m) => options.logger.warn(m), 'simulation');
    this.channels.register({
      channelId: ENVIRONMENT_PARAMETERS_CHANNEL_ID,
      onMessage: (payload) => {
        const { key, parameter } = decodeEnvironmentParameter(payload, `${where}: EnvironmentParameters`);
        this.parameters.set(key, parameter);
        this.academy?.setEnvironmentParameters(new Map([[key, parameter]]));
      },
    });
    this.channels.register({
      channelId: ENGINE_CONFIGURATION_CHANNEL_ID,
      onMessage: (payload) => {
        // There is no renderer or clock here; record what a Unity build would apply.
        this.engineConfiguration = { ...this.engineConfiguration, ...decodeEngineConfiguration(payload, `${where}: EngineConfiguration`) };
      },
    });
    this.channels.register({
      channelId: TRAINING_ANALYTICS_CHANNEL_ID,
      onMessage: (payload) => {
        // Unity ignores what it cannot parse; so does the stand-in, after counting what it could.
        const message = decodeTrainingAnalytics(payload);
        if (message?.kind === 'environment') this.analytics.environments++;
        if (message?.kind === 'behavior') this.analytics.behaviors.push({ behaviorName: message.message.behaviorName, trainerType: message.message.trainerType });
        if (message) options.logger.info({ analytics: message.kind, message: message.message }, `training analytics from the trainer: ${message.kind === 'environment' ? 'TrainingEnvironmentInitialized' : 'TrainingBehaviorInitialized'}`);
      },
    });
  }

  async run(): Promise<StandInReport> {
    const initReply = this.decode(await this.connection.call(this.initializationOutput()));
    if (statusOf(initReply) !== STATUS_OK) return this.report('status-400');
    const init = initReply.unityInput?.rlInitializationInput;
    if (!init) throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${this.connection.name}: handshake reply: expected unity_input.rl_initialization_input, got none`);
    const problem = versionIncompatibility(init.communicationVersion ?? '');
    if (problem) throw new ShivaError('SHIVA_ERR_VERSION', `${this.connection.name}: trainer ${problem}`);
    this.trainerHasHybridActions = Boolean(init.capabilities?.hybridActions);
    if (this.options.numAreas === undefined) {
      checkAtMost(init.numAreas ?? 0, PROTOCOL_LIMITS.numAreas, `${this.connection.name}: handshake reply rl_initialization_input.num_areas`, 'areas');
    }
    this.academy = new Academy(this.env.factory, {
      numAreas: this.options.numAreas ?? (init.numAreas && init.numAreas > 0 ? init.numAreas : this.env.defaultNumAreas),
      seed: this.options.seed ?? init.seed ?? 0,
      decisionPeriod: this.options.decisionPeriod ?? this.env.decisionPeriod,
    });
    if (this.parameters.size > 0) this.academy.setEnvironmentParameters(this.parameters);
    this.options.logger.info({ trainer: init.packageVersion, version: init.communicationVersion }, 'connected to trainer');

    // The second handshake call carries no output; its answer is the trainer's first command.
    let answer = this.decodeInput(await this.connection.call(encodeUnityMessage({ header: { status: STATUS_OK } })));
    for (;;) {
      if (answer === null) return this.report('status-400');
      this.channels.processIncoming(answer.sideChannel);
      const command = answer.command;
      if (command === Command.QUIT) return this.report('quit');
      const output = command === Command.RESET ? this.reset() : this.step(answer.actions());
      this.counts.exchanges++;
      answer = this.decodeInput(await this.connection.call(this.encodeOutput(output)));
    }
  }

  /** A trainer's message, its decoding bounded as the trainer bounds a simulation's (src/protocol/limits.ts). */
  private decode(bytes: Uint8Array): co.UnityMessageProto {
    return decodeUnityMessage(bytes, this.connection.name, decodeBudgetFor(SIMULATION_MAX_MESSAGE_BYTES));
  }

  /**
   * A trainer's answer after the handshake; null for a status other than 200. A step as trainers send them is read
   * straight into the action arrays (input-fast-path.ts); what that declines is decoded with protobufjs, with a fresh
   * budget, and its actions (on a STEP only, as before) with decodeActions: those give every error.
   */
  private decodeInput(bytes: Uint8Array): StandInInput | null {
    const budget = decodeBudgetFor(SIMULATION_MAX_MESSAGE_BYTES);
    chargeWireEstimateBound(bytes, this.connection.name, budget);
    const fast = this.inputFastPath.decode(bytes, this.expectedActions(), budget);
    if (fast) return { command: fast.command, sideChannel: fast.sideChannel, actions: () => fast.actions };
    const answer = this.decode(bytes);
    if (statusOf(answer) !== STATUS_OK) return null;
    const rlInput = answer.unityInput?.rlInput;
    return { command: rlInput?.command ?? Command.STEP, sideChannel: rlInput?.sideChannel, actions: () => this.decodeActionLists(rlInput?.agentActions ?? {}) };
  }

  /** The behaviors whose agents asked for decisions in the last output, with how many asked. */
  private expectedActions(): ExpectedActions[] {
    const expected: ExpectedActions[] = [];
    for (const spec of this.subscribed) {
      const count = this.lastDecisionCounts.get(spec.name) ?? 0;
      if (count > 0) expected.push({ name: spec.name, actionSpec: spec.actionSpec, count });
    }
    return expected;
  }

  private decodeActionLists(agentActions: Record<string, co.UnityRLInputProto.ListAgentActionProto.$Properties>): Map<string, ActionTuple> {
    const actions = new Map<string, ActionTuple>();
    for (const spec of this.subscribed) {
      const count = this.lastDecisionCounts.get(spec.name) ?? 0;
      if (count === 0) continue;
      const list = agentActions[spec.name]?.value;
      // Agents the trainer sent nothing for act with zeros, as Unity's empty action buffers do.
      if (!list) continue;
      actions.set(spec.name, decodeActions(list, spec.actionSpec, count, `${this.connection.name}: behavior "${spec.name}"`));
    }
    return actions;
  }

  private reset(): Map<string, AgentInfoBatch> {
    this.counts.resets++;
    return this.academy!.reset();
  }

  private step(actions: Map<string, ActionTuple>): Map<string, AgentInfoBatch> {
    for (const spec of this.subscribed) {
      const tuple = actions.get(spec.name);
      if (tuple) this.allowMasked(spec, tuple, this.lastDecisionCounts.get(spec.name) ?? 0);
    }
    return this.academy!.step(actions);
  }

  /**
   * A Unity build hands a masked choice to the agent anyway; the built-in scenes refuse one, so the stand-in
   * counts it, logs it, and lets the agent take the first option its mask allows on that branch instead.
   */
  private allowMasked(spec: BehaviorSpec, actions: ActionTuple, count: number): void {
    const masks = this.lastDecisionMasks.get(spec.name);
    const branches = spec.actionSpec.discreteBranches;
    if (!masks || branches.length === 0) return;
    const width = maskSize(spec.actionSpec);
    for (let i = 0; i < count; i++) {
      let offset = i * width;
      for (let b = 0; b < branches.length; b++) {
        const size = branches[b]!;
        const k = i * branches.length + b;
        const choice = actions.discrete[k]!;
        if (choice >= 0 && choice < size && masks[offset + choice]) {
          this.counts.maskedActions++;
          let allowed = 0;
          while (allowed < size - 1 && masks[offset + allowed]) allowed++;
          if (this.counts.maskedActions <= MASKED_ACTIONS_LOGGED) {
            const more = this.counts.maskedActions === MASKED_ACTIONS_LOGGED ? ' (further masked actions are counted, not logged; the total comes at the close)' : '';
            this.options.logger.warn(
              { behavior: spec.name, decision: i, branch: b, action: choice, instead: allowed, maskedActions: this.counts.maskedActions },
              `behavior "${spec.name}" decision #${i} branch ${b}: the trainer chose option ${choice}, which the agent's mask forbids; the agent takes option ${allowed} instead (${this.counts.maskedActions} masked action(s) so far)${more}`,
            );
          }
          actions.discrete[k] = allowed;
        }
        offset += size;
      }
    }
  }

  private encodeOutput(output: Map<string, AgentInfoBatch>): Uint8Array {
    const brainParameters: co.BrainParametersProto.$Properties[] = [];
    for (const [name, batch] of output) {
      if (batch.count === 0 || this.announced.has(name)) continue;
      const spec = this.academy!.scene.behaviorSpecs.find((s) => s.name === name)!;
      this.announced.add(name);
      this.subscribed.push(spec);
      brainParameters.push(brainParametersFromSpec(spec, this.trainerHasHybridActions));
    }
    const compression = this.options.compression ?? 'png';
    this.lastDecisionCounts.clear();
    const entries: StepOutputEntry[] = [];
    for (const spec of this.subscribed) {
      const batch = output.get(spec.name);
      entries.push([spec, batch ?? null]);
      if (batch) this.tally(spec.name, batch);
    }
    for (const record of this.academy!.drainStats()) this.channels.queue(STATS_CHANNEL_ID, encodeStatRecord(record));
    const scene = this.academy!.scene;
    if (this.options.sendDrawings && scene.draw) this.channels.queue(SCENE_DRAWING_CHANNEL_ID, encodeSceneDrawing(scene.draw(0), 0));
    const sideChannel = this.channels.takeOutgoing();
    // A step as Unity sends most of them (no new behavior, float observations): written straight from the batches.
    const png = compression === 'png' && entries.some(([spec]) => spec.observationSpecs.some((o) => o.shape.length === 3));
    const fast = brainParameters.length === 0 && !png ? writeStepOutput(entries, sideChannel, this.outputScratch) : null;
    if (fast) return fast;
    const agentInfos: Record<string, co.UnityRLOutputProto.ListAgentInfoProto.$Properties> = {};
    for (const [spec, batch] of entries) agentInfos[spec.name] = { value: batch ? encodeAgentInfos(batch, spec, compression) : [] };
    const unityOutput: co.UnityOutputProto.$Properties = { rlOutput: { agentInfos, sideChannel } };
    if (brainParameters.length > 0) unityOutput.rlInitializationOutput = { brainParameters };
    return encodeUnityMessage({ header: { status: STATUS_OK }, unityOutput });
  }

  private tally(name: string, batch: AgentInfoBatch): void {
    let decisions = 0;
    for (let i = 0; i < batch.count; i++) {
      if (batch.done[i]) this.counts.terminalSteps++;
      else decisions++;
      // A flag per small id: a Set insert per agent per step costs more than the rest of this loop.
      const id = batch.agentIds[i]!;
      if (id >= 0 && id < SMALL_AGENT_IDS) this.smallAgentIdSeen[id] = 1;
      else this.agentIds.add(id);
      this.counts.rewardSum += batch.rewards[i]!;
      this.counts.groupRewardSum += batch.groupRewards[i]!;
    }
    this.counts.decisionSteps += decisions;
    this.lastDecisionCounts.set(name, decisions);
    this.lastDecisionMasks.set(name, decisionMasks(batch));
  }

  private sentAgentIds(): number[] {
    const ids = [...this.agentIds];
    for (let id = 0; id < SMALL_AGENT_IDS; id++) if (this.smallAgentIdSeen[id]) ids.push(id);
    return ids.sort((a, b) => a - b);
  }

  private initializationOutput(): Uint8Array {
    return encodeUnityMessage({
      header: { status: STATUS_OK },
      unityOutput: {
        rlInitializationOutput: {
          name: 'AcademySingleton',
          communicationVersion: COMMUNICATION_API_VERSION,
          packageVersion: STANDIN_PACKAGE_VERSION,
          capabilities: { ...ALL_CAPABILITIES },
        },
      },
    });
  }

  private report(endedBy: StandInReport['endedBy']): StandInReport {
    if (this.counts.maskedActions > 0) {
      this.options.logger.warn({ maskedActions: this.counts.maskedActions }, `${this.counts.maskedActions} masked action(s) received in all; each was replaced by the first option its mask allows`);
    }
    return {
      ...this.counts,
      agentIds: this.sentAgentIds(),
      engineConfiguration: this.engineConfiguration,
      environmentParameters: Object.fromEntries(this.parameters),
      trainingAnalytics: { environments: this.analytics.environments, behaviors: [...this.analytics.behaviors] },
      endedBy,
    };
  }
}

/** A trainer's answer after the handshake, decoded by either path; its actions decoded on a STEP only. */
interface StandInInput {
  readonly command: number;
  readonly sideChannel: Uint8Array | null | undefined;
  readonly actions: () => Map<string, ActionTuple>;
}

/** Agent ids below this are recorded in a flag array (64 KiB) rather than a Set. */
const SMALL_AGENT_IDS = 65_536;

/** Masked actions logged one by one before only the count goes on. */
const MASKED_ACTIONS_LOGGED = 10;

/** The mask rows of a batch's decision records (done = 0), in order; null when the batch has no masks. */
function decisionMasks(batch: AgentInfoBatch): Uint8Array | null {
  if (!batch.actionMasks) return null;
  const width = batch.count > 0 ? batch.actionMasks.length / batch.count : 0;
  const out = new Uint8Array(batch.actionMasks.length);
  let rows = 0;
  for (let i = 0; i < batch.count; i++) {
    if (batch.done[i]) continue;
    out.set(batch.actionMasks.subarray(i * width, (i + 1) * width), rows * width);
    rows++;
  }
  return out.subarray(0, rows * width);
}
