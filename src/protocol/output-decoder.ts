/**
 * Decodes UnityOutputProto messages of one connection into typed batches, remembering the behavior specs
 * announced so far. A behavior is announced by brain parameters sent together with at least one of its
 * agents; behaviors never announced are ignored, as mlagents_envs ignores them.
 */
import type { communicator_objects as co } from './generated/communicator.js';
import type { AgentInfoBatch } from '../core/env/agent-info-batch.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import { behaviorSpecFromProto } from './brain-parameters.js';
import { decodeAgentInfos } from './agent-infos.js';
import { checkAtMost, PROTOCOL_LIMITS, type DecodeBudget } from './limits.js';
import { OutputFastPath } from './output-fast-path.js';

export interface DecodedOutput {
  readonly agentInfos: Map<string, AgentInfoBatch>;
  readonly newBehaviors: BehaviorSpec[];
  readonly sideChannel: Uint8Array;
  /** Behavior keys present in the message but never announced (skipped). */
  readonly unannounced: string[];
}

export class OutputDecoder {
  readonly specs = new Map<string, BehaviorSpec>();
  private readonly fast = new OutputFastPath(this.specs);

  constructor(private readonly where: string) {}

  /**
   * The same output read straight from a whole UnityMessageProto's bytes (status 200, RL output of announced
   * behaviors, float observations), or null where `decodeUnityMessage` and `decode` must decide. The wire estimate
   * (or its bound: chargeWireEstimateBound) must already be charged to `budget`; after null, decode with a fresh
   * budget (this one may hold partial charges).
   */
  decodeFast(bytes: Uint8Array, budget: DecodeBudget): DecodedOutput | null {
    return this.fast.decode(bytes, budget);
  }

  /**
   * Specs and batches of one output. Every declared size is checked against Shiva's limits (limits.ts); with a
   * `budget` (the session's, per message), the batches and PNG buffers are charged to it before allocation.
   */
  decode(output: co.UnityOutputProto.$Properties | null | undefined, budget?: DecodeBudget): DecodedOutput {
    const infos = output?.rlOutput?.agentInfos ?? {};
    const newBehaviors: BehaviorSpec[] = [];
    for (const bp of output?.rlInitializationOutput?.brainParameters ?? []) {
      const name = bp.brainName ?? '';
      const first = Object.hasOwn(infos, name) ? infos[name]?.value?.[0] : undefined;
      if (!first || this.specs.has(name)) continue;
      checkAtMost(this.specs.size + 1, PROTOCOL_LIMITS.behaviors, `${this.where}: brain_parameters`, 'behaviors per connection');
      const spec = behaviorSpecFromProto(bp, first, this.where);
      this.specs.set(name, spec);
      newBehaviors.push(spec);
    }
    const agentInfos = new Map<string, AgentInfoBatch>();
    const unannounced: string[] = [];
    for (const [name, list] of Object.entries(infos)) {
      const spec = this.specs.get(name);
      if (!spec) {
        if ((list.value?.length ?? 0) > 0) unannounced.push(name);
        continue;
      }
      agentInfos.set(name, decodeAgentInfos(list.value ?? [], spec, this.where, budget));
    }
    const sideChannel = output?.rlOutput?.sideChannel ?? new Uint8Array(0);
    // Framing makes one record (an object and a view, about 160 bytes) per 20 bytes at most.
    budget?.charge(Math.floor(sideChannel.length / 20) * 160, `${this.where}: rl_output.side_channel`, `${sideChannel.length} bytes of side-channel records`);
    return { agentInfos, newBehaviors, sideChannel, unannounced };
  }
}
