/**
 * From a run configuration to learner plans: which learner serves a behavior (learnerIdFor), and its settings.
 * The algorithm's hyperparameters were read and checked by its own table when the configuration loaded; what is
 * left here is what every algorithm shares (network, steps, reward strength, cadence) and the two wrappers any
 * algorithm may wear: a GAIL reward signal (where the algorithm takes one) and self-play.
 */
import { memoryUnbuiltReason } from '../config/memory-support.js';
import { threadedBuilt } from '../config/threaded-support.js';
import type { Activation } from '../../agents/networks/activations.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import { usedValues } from '../../agents/plugin/hyperparameter-table.js';
import { algorithmOf, trainableTrainerTypes } from '../../agents/registry.js';
import { behaviorConfigFor, configErrorAt, learnerIdFor, type BehaviorConfig, type IntrinsicRewardConfig, type RunConfig } from '../config/index.js';
import { readDemonstrations } from '../protocol/demo-file/index.js';
import type { LearnerPlan, PlanResolver } from './learner-plan.js';

export function planResolver(config: RunConfig): PlanResolver {
  const cache = new Map<string, LearnerPlan>();
  return (behavior) => {
    const learnerId = learnerIdFor(config, behavior);
    const known = cache.get(learnerId);
    if (known) return known;
    const b = behaviorConfigFor(config, behavior);
    const plan = learnerPlan(config, b, learnerId);
    cache.set(learnerId, plan);
    return plan;
  };
}

export function learnerPlan(config: RunConfig, b: BehaviorConfig, learnerId: string): LearnerPlan {
  const plugin = algorithmOf(b.trainerType);
  if (!plugin?.createLearner) {
    throw configErrorAt(config, `behaviors.${b.name}.trainer_type`, `expected a trainer Shiva can train today (${trainableTrainerTypes().join(', ')}), got "${b.trainerType}"`);
  }
  // GAIL with a trainer it is not wired to trains without it: the loader said so in a warning (issue 12).
  const gail = plugin.rewardSignals?.includes('gail') ? b.rewardSignals.gail : undefined;
  const curiosity = plugin.rewardSignals?.includes('curiosity') ? b.rewardSignals.curiosity : undefined;
  const rnd = plugin.rewardSignals?.includes('rnd') ? b.rewardSignals.rnd : undefined;
  if (b.selfPlay && b.policyPerTeam) {
    throw configErrorAt(config, `behaviors.${b.name}.policy_per_team`, 'expected false with self_play (self-play trains one policy that every team takes turns with), got true');
  }
  const n = b.networkSettings;
  const network: Partial<NetworkSettings> = {
    hiddenUnits: n.hiddenUnits,
    numLayers: n.numLayers,
    normalize: n.normalize,
    activation: n.activation as Activation,
    visEncodeType: n.visEncodeType,
    goalConditioningType: n.goalConditioningType,
    // Where memory is not built the behavior trains without it (the loader said why: src/config/memory-support.ts).
    ...(n.memory && memoryUnbuiltReason(b.trainerType, b.rewardSignals, b.behavioralCloning !== null, b.selfPlay !== null) === null ? { memory: { sequenceLength: n.memory.sequenceLength, memorySize: n.memory.memorySize } } : {}),
  };
  return {
    learnerId,
    trainerType: b.trainerType,
    hyperparameters: usedValues(plugin.schema.table, b.hyperparameters),
    network,
    maxSteps: b.maxSteps,
    rewardStrength: b.rewardSignals.extrinsic?.strength ?? 0,
    summaryFreq: b.summaryFreq,
    checkpointInterval: b.checkpointInterval,
    keepCheckpoints: b.keepCheckpoints,
    // Where the loader warned that `threaded` is not built for this behavior, it updates between rounds.
    threaded: threadedBuilt(b),
    ...(gail
      ? {
          gail: {
            gamma: gail.gamma,
            strength: gail.strength,
            demoPath: gail.demoPath,
            learningRate: gail.learningRate,
            useActions: gail.useActions,
            useVail: gail.useVail,
            network: { hiddenUnits: gail.networkSettings.hiddenUnits, numLayers: gail.networkSettings.numLayers, normalize: gail.networkSettings.normalize, activation: gail.networkSettings.activation as Activation },
          },
          gailExpert: () => readDemonstrations(gail.demoPath),
        }
      : {}),
    ...(curiosity ? { curiosity: intrinsicSignal(curiosity) } : {}),
    ...(rnd ? { rnd: intrinsicSignal(rnd) } : {}),
    ...(b.selfPlay
      ? {
          selfPlay: {
            saveSteps: b.selfPlay.saveSteps,
            teamChange: b.selfPlay.teamChange,
            swapSteps: b.selfPlay.swapSteps,
            window: b.selfPlay.window,
            playAgainstLatestModelRatio: b.selfPlay.playAgainstLatestModelRatio,
            initialElo: b.selfPlay.initialElo,
          },
        }
      : {}),
  };
}

/** reward_signals.curiosity or .rnd as the learner takes it (its own gamma, strength, learning rate and network). */
function intrinsicSignal(c: IntrinsicRewardConfig) {
  const n = c.networkSettings;
  return {
    gamma: c.gamma,
    strength: c.strength,
    learningRate: c.learningRate,
    network: { hiddenUnits: n.hiddenUnits, numLayers: n.numLayers, normalize: n.normalize, activation: n.activation as Activation, goalConditioningType: n.goalConditioningType },
  };
}
