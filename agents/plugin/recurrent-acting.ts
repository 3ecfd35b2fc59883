/**
 * The acting policy of an actor-critic with memory (network_settings.memory): act() as always, each agent's memory
 * looked up before the decision and kept after it (agents/networks/agent-memories.ts), reset where the agent's
 * episode ended. `prepare` sees every part's terminal steps before the batch acts (the decision pipeline's order),
 * so an agent that ends one episode and starts the next in the same batch starts it from zeros.
 */
import type { Rng } from '../../src/core/runtime/rng.js';
import { act } from '../networks/acting.js';
import type { ActorCritic } from '../networks/actor-critic.js';
import { AgentMemories } from '../networks/agent-memories.js';
import type { ActingPolicy } from './learner.js';

export interface RecurrentActing {
  readonly policy: ActingPolicy;
  readonly memories: AgentMemories;
}

export function recurrentActing(network: ActorCritic, rng: Rng): RecurrentActing {
  const memories = new AgentMemories(network.memoryWidth);
  const policy: ActingPolicy = {
    ruleRefusal: null,
    prepare: (parts) => {
      for (const part of parts) if (part.terminalSteps.count > 0) memories.reset(part.source, part.terminalSteps.agentIds);
    },
    act: (steps, context) => {
      const before = memories.gather(context.rows, steps.agentIds);
      const out = act(network, { ...steps, memories: before }, rng, context.deterministic ? { deterministic: true } : {});
      memories.store(context.rows, steps.agentIds, out.memories!);
      return out;
    },
  };
  return { policy, memories };
}
