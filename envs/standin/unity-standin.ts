/**
 * The Unity stand-in: serves a built-in scene to a trainer over the real ML-Agents protocol, exactly as a
 * Unity build with the ML-Agents package does (see shared docs, mlagents-protocol.md §3–4 and §9):
 * - the two-call handshake (initialization output, then a header-only call whose answer is the first RESET);
 * - brain parameters on a behavior's first non-empty appearance, every known behavior keyed in every output;
 * - side channels of each answer applied before its command (environment parameters, engine configuration),
 *   and the scene's stats sent back on the Stats channel;
 * - actions matched by index to the agents that asked, terminal records before new-episode decisions;
 * - status 400 from the trainer ends the run normally.
 * CI and headless users run it where a Unity build would run.
 */
import type { Logger } from 'pino';
import { Academy } from '../../src/core/env/academy.js';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { decodeActions } from '../../src/protocol/actions.js';
import { encodeAgentInfos } from '../../src/protocol/agent-infos.js';
import { brainParametersFromSpec } from '../../src/protocol/brain-parameters.js';
import { ENGINE_CONFIGURATION_CHANNEL_ID, ENVIRONMENT_PARAMETERS_CHANNEL_ID, STATS_CHANNEL_ID, TRAINING_ANALYTICS_CHANNEL_ID } from '../../src/protocol/guid.js';
import { Command, decodeUnityMessage, encodeUnityMessage, statusOf, STATUS_OK } from '../../src/protocol/messages.js';
import { decodeEngineConfiguration } from '../../src/protocol/side-channels/engine-configuration.js';
import { decodeEnvironmentParameter } from '../../src/protocol/side-channels/environment-parameters.js';
import { SideChannelManager } from '../../src/protocol/side-channels/side-channel-manager.js';
import { encodeStatRecord } from '../../src/protocol/side-channels/stats.js';
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
  /** Why it stopped: the trainer's 400, or a QUIT command. */
  readonly endedBy: 'status-400' | 'quit';
}

export class UnityStandIn {
  private academy: Academy | null = null;
  private readonly channels: SideChannelManager;
  private readonly announced = new Set<string>();
  /** Behaviors Unity has "subscribed" (seen agents of): every output keys all of them. */
  private readonly subscribed: BehaviorSpec[] = [];
  private lastDecisionCounts = new Map<string, number>();
  private trainerHasHybridActions = true;
  private engineConfiguration: EngineConfiguration = {};
  private readonly parameters = new Map<string, EnvironmentParameter>();
  private readonly agentIds = new Set<number>();
  private readonly counts = { exchanges: 0, resets: 0, decisionSteps: 0, terminalSteps: 0, rewardSum: 0, groupRewardSum: 0 };

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
    this.channels.register({ channelId: TRAINING_ANALYTICS_CHANNEL_ID, onMessage: () => undefined });
  }

  async run(): Promise<StandInReport> {
    const initReply = decodeUnityMessage(await this.connection.call(this.initializationOutput()), this.connection.name);
    if (statusOf(initReply) !== STATUS_OK) return this.report('status-400');
    const init = initReply.unityInput?.rlInitializationInput;
    if (!init) throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${this.connection.name}: handshake reply: expected unity_input.rl_initialization_input, got none`);
    const problem = versionIncompatibility(init.communicationVersion ?? '');
    if (problem) throw new ShivaError('SHIVA_ERR_VERSION', `${this.connection.name}: trainer ${problem}`);
    this.trainerHasHybridActions = Boolean(init.capabilities?.hybridActions);
    this.academy = new Academy(this.env.factory, {
      numAreas: this.options.numAreas ?? (init.numAreas && init.numAreas > 0 ? init.numAreas : this.env.defaultNumAreas),
      seed: this.options.seed ?? init.seed ?? 0,
      decisionPeriod: this.options.decisionPeriod ?? this.env.decisionPeriod,
    });
    if (this.parameters.size > 0) this.academy.setEnvironmentParameters(this.parameters);
    this.options.logger.info({ trainer: init.packageVersion, version: init.communicationVersion }, 'connected to trainer');

    // The second handshake call carries no output; its answer is the trainer's first command.
    let answer = decodeUnityMessage(await this.connection.call(encodeUnityMessage({ header: { status: STATUS_OK } })), this.connection.name);
    for (;;) {
      if (statusOf(answer) !== STATUS_OK) return this.report('status-400');
      const rlInput = answer.unityInput?.rlInput;
      this.channels.processIncoming(rlInput?.sideChannel);
      const command = rlInput?.command ?? Command.STEP;
      if (command === Command.QUIT) return this.report('quit');
      const output = command === Command.RESET ? this.reset() : this.step(rlInput?.agentActions ?? {});
      this.counts.exchanges++;
      answer = decodeUnityMessage(await this.connection.call(this.encodeOutput(output)), this.connection.name);
    }
  }

  private reset(): Map<string, AgentInfoBatch> {
    this.counts.resets++;
    return this.academy!.reset();
  }

  private step(agentActions: Record<string, co.UnityRLInputProto.ListAgentActionProto.$Properties>): Map<string, AgentInfoBatch> {
    const actions = new Map<string, ActionTuple>();
    for (const spec of this.subscribed) {
      const count = this.lastDecisionCounts.get(spec.name) ?? 0;
      if (count === 0) continue;
      const list = agentActions[spec.name]?.value;
      // Agents the trainer sent nothing for act with zeros, as Unity's empty action buffers do.
      if (list) actions.set(spec.name, decodeActions(list, spec.actionSpec, count, `${this.connection.name}: behavior "${spec.name}"`));
    }
    return this.academy!.step(actions);
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
    const agentInfos: Record<string, co.UnityRLOutputProto.ListAgentInfoProto.$Properties> = {};
    this.lastDecisionCounts = new Map();
    for (const spec of this.subscribed) {
      const batch = output.get(spec.name);
      agentInfos[spec.name] = { value: batch ? encodeAgentInfos(batch, spec, this.options.compression ?? 'png') : [] };
      if (batch) this.tally(spec.name, batch);
    }
    for (const record of this.academy!.drainStats()) this.channels.queue(STATS_CHANNEL_ID, encodeStatRecord(record));
    const unityOutput: co.UnityOutputProto.$Properties = { rlOutput: { agentInfos, sideChannel: this.channels.takeOutgoing() } };
    if (brainParameters.length > 0) unityOutput.rlInitializationOutput = { brainParameters };
    return encodeUnityMessage({ header: { status: STATUS_OK }, unityOutput });
  }

  private tally(name: string, batch: AgentInfoBatch): void {
    let decisions = 0;
    for (let i = 0; i < batch.count; i++) {
      if (batch.done[i]) this.counts.terminalSteps++;
      else decisions++;
      this.agentIds.add(batch.agentIds[i]!);
      this.counts.rewardSum += batch.rewards[i]!;
      this.counts.groupRewardSum += batch.groupRewards[i]!;
    }
    this.counts.decisionSteps += decisions;
    this.lastDecisionCounts.set(name, decisions);
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
    return { ...this.counts, agentIds: [...this.agentIds].sort((a, b) => a - b), engineConfiguration: this.engineConfiguration, environmentParameters: Object.fromEntries(this.parameters), endedBy };
  }
}
