/**
 * What `shiva train` tells a Unity simulation on ML-Agents' TrainingAnalytics side channel, since it advertises
 * the trainingAnalytics capability: as mlagents-learn, one TrainingEnvironmentInitialized per connection (with
 * the first RESET) and, to worker 0 only, one TrainingBehaviorInitialized per behavior name when its trainer
 * starts (with the input after the behavior's first announcement). The values are Shiva's own, truthfully:
 * there is no Python or PyTorch, so the framework fields name TensorFlow.js and its backend. As ML-Agents does,
 * behavior names are sent only as an HMAC-SHA256 hash. Unity's Editor records these for its own analytics.
 */
import { createHmac } from 'node:crypto';
import { version_core as tfjsVersion } from '@tensorflow/tfjs';
import { behaviorConfigFor, type RunConfig } from '../config/index.js';
import { threadedBuilt } from '../config/threaded-support.js';
import type { TrainingBehaviorInitialized, TrainingEnvironmentInitialized } from '../protocol/side-channels/training-analytics.js';
import { SHIVA_PACKAGE_VERSION } from '../protocol/version.js';

/** ML-Agents' vendor key for hashing names it reports (TrainingAnalyticsSideChannel._hash). */
const VENDOR_KEY = 'unity.ml-agents';

export interface TrainingAnalytics {
  readonly environment: TrainingEnvironmentInitialized;
  /** The message for a behavior name (without `?team=N`), or null when the run has no settings for it. */
  readonly behavior: (behaviorName: string) => TrainingBehaviorInitialized | null;
}

export function trainingAnalytics(config: RunConfig, backend: { readonly name: string }): TrainingAnalytics {
  const environment: TrainingEnvironmentInitialized = {
    mlagentsVersion: `shiva ${SHIVA_PACKAGE_VERSION}`,
    // The package version Shiva reports in the handshake, where mlagents_envs reports its own.
    mlagentsEnvsVersion: SHIVA_PACKAGE_VERSION,
    pythonVersion: '',
    torchVersion: `tfjs ${tfjsVersion}`,
    torchDeviceType: backend.name,
    numEnvs: config.envSettings.numEnvs,
    numEnvironmentParameters: Object.keys(config.environmentParameters).length,
  };
  const behavior = (behaviorName: string): TrainingBehaviorInitialized | null => {
    let b;
    try {
      b = behaviorConfigFor(config, behaviorName);
    } catch {
      return null; // training fails on it with the configuration error; nothing to say here
    }
    return {
      behaviorName: hashName(behaviorName),
      trainerType: b.trainerType,
      extrinsicRewardEnabled: b.rewardSignals.extrinsic !== undefined,
      gailRewardEnabled: b.rewardSignals.gail !== undefined,
      curiosityRewardEnabled: b.rewardSignals.curiosity !== undefined,
      rndRewardEnabled: b.rewardSignals.rnd !== undefined,
      behavioralCloningEnabled: b.behavioralCloning !== null,
      recurrentEnabled: b.networkSettings.memory !== null,
      visualEncoder: b.networkSettings.visEncodeType,
      numNetworkLayers: b.networkSettings.numLayers,
      numNetworkHiddenUnits: b.networkSettings.hiddenUnits,
      // What the behavior runs with: true only where updates do run in their own thread (src/config/threaded-support.ts).
      trainerThreaded: threadedBuilt(b),
      selfPlayEnabled: b.selfPlay !== null,
      curriculumEnabled: false, // curriculum lessons are refused by the configuration
    };
  };
  return { environment, behavior };
}

/** ML-Agents' _hash: HMAC-SHA256 of the name with its vendor key, hex. */
export function hashName(name: string): string {
  return createHmac('sha256', VENDOR_KEY).update(name, 'utf8').digest('hex');
}
