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

export interface DecodedOutput {
  readonly agentInfos: Map<string, AgentInfoBatch>;
  readonly newBehaviors: BehaviorSpec[];
  readonly sideChannel: Uint8Array;
  /** Behavior keys present in the message but never announced (skipped). */
  readonly unannounced: string[];
}

export class OutputDecoder {
  readonly specs = new Map<string, BehaviorSpec>();

  constructor(private readonly where: string) {}

  decode(output: co.UnityOutputProto.$Properties | null | undefined): DecodedOutput {
    const infos = output?.rlOutput?.agentInfos ?? {};
    const newBehaviors: BehaviorSpec[] = [];
    for (const bp of output?.rlInitializationOutput?.brainParameters ?? []) {
      const name = bp.brainName ?? '';
      const first = infos[name]?.value?.[0];
      if (!first || this.specs.has(name)) continue;
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
      agentInfos.set(name, decodeAgentInfos(list.value ?? [], spec, this.where));
    }
    return { agentInfos, newBehaviors, sideChannel: output?.rlOutput?.sideChannel ?? new Uint8Array(0), unannounced };
  }
}
