/**
 * PPO's actor-critic as behavioral cloning trains it (agents/plugin/imitation-hook.ts): the `actor/` weights, the
 * logits and Gaussian mean heads, the running normalisers. The mean is compared with the demo action mapped as the
 * policy's action_clip maps actions (bc-loss.ts continuousTargets). With memory the actor's LSTM is in the forward:
 * BC gives it sequences (bc-sequences.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import { networkOutputs } from '../networks/acting.js';
import type { ActorCritic, SequenceInputs } from '../networks/actor-critic.js';
import type { BcActor } from '../plugin/imitation-hook.js';

export function actorCriticBcActor(policy: ActorCritic): BcActor {
  const memory = policy.settings.memory;
  return {
    ...(memory ? { memory: { sequenceLength: memory.sequenceLength, memoryWidth: policy.memoryWidth } } : {}),
    observationSizes: policy.observationSizes,
    branches: policy.branches,
    logitsSize: policy.logitsSize,
    continuousSize: policy.continuousSize,
    actionClip: policy.settings.actionClip,
    variables: policy.params.all.filter((p) => p.name.startsWith('actor/')).map((p) => p.variable),
    normalizeObservations: (raw, rows) => policy.normalizeObservations(raw, rows),
    outputsTf: (observations: readonly tf.Tensor2D[], sequences?: SequenceInputs) => {
      // forwardTf also runs the critic; its value is unused here and takes no gradient.
      const out = policy.forwardTf(observations, sequences);
      return { logits: out.logits, mean: out.mean };
    },
    outputsHost: (normalized, rows) => {
      const out = networkOutputs(policy, normalized, rows, 'tfjs', { policy: true, value: false });
      return { logits: out.logits, mean: out.means };
    },
    syncHost: () => policy.syncHost(),
  };
}

/** A BcActor as given, or PPO's actor-critic seen as one. */
export function toBcActor(actor: ActorCritic | BcActor): BcActor {
  return 'outputsTf' in actor ? actor : actorCriticBcActor(actor);
}
