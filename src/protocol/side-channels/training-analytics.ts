/**
 * ML-Agents' TrainingAnalytics side channel (trainer → simulation): a serialized google.protobuf.Any holding a
 * TrainingEnvironmentInitialized (once, after initialization) or a TrainingBehaviorInitialized (once per
 * behavior). Unity ignores a payload it cannot parse or whose type it does not know.
 */
import { communicator_objects, google } from '../generated/communicator.js';
import { TRAINING_ANALYTICS_CHANNEL_ID } from '../guid.js';
import type { SideChannelSink } from './side-channel.js';
import { SHIVA_PACKAGE_VERSION } from '../version.js';

const TYPE_URL_PREFIX = 'type.googleapis.com/';
export const TRAINING_ENVIRONMENT_INITIALIZED_TYPE_URL = `${TYPE_URL_PREFIX}communicator_objects.TrainingEnvironmentInitialized`;
export const TRAINING_BEHAVIOR_INITIALIZED_TYPE_URL = `${TYPE_URL_PREFIX}communicator_objects.TrainingBehaviorInitialized`;

export type TrainingEnvironmentInitialized = communicator_objects.TrainingEnvironmentInitialized.$Properties;
export type TrainingBehaviorInitialized = communicator_objects.TrainingBehaviorInitialized.$Properties;
/** What a trainer says about itself once per connection (the TrainingEnvironmentInitialized fields). */
export type TrainingEnvironmentInfo = TrainingEnvironmentInitialized;

/**
 * What a Shiva connection says when its command says nothing more (as mlagents_envs' DefaultTrainingAnalyticsSideChannel
 * does for any UnityEnvironment): Shiva's version, no Python, no PyTorch, no counts.
 */
export function defaultTrainingEnvironmentInitialized(): TrainingEnvironmentInitialized {
  return {
    mlagentsVersion: `shiva ${SHIVA_PACKAGE_VERSION}`,
    mlagentsEnvsVersion: SHIVA_PACKAGE_VERSION,
    pythonVersion: '',
    torchVersion: 'Unknown',
    torchDeviceType: 'Unknown',
    numEnvs: 0,
    numEnvironmentParameters: 0,
  };
}

function packAny(typeUrl: string, value: Uint8Array): Uint8Array {
  return google.protobuf.Any.encode({ type_url: typeUrl, value }).finish();
}

export function encodeTrainingEnvironmentInitialized(message: TrainingEnvironmentInitialized): Uint8Array {
  return packAny(TRAINING_ENVIRONMENT_INITIALIZED_TYPE_URL, communicator_objects.TrainingEnvironmentInitialized.encode(message).finish());
}

export function encodeTrainingBehaviorInitialized(message: TrainingBehaviorInitialized): Uint8Array {
  return packAny(TRAINING_BEHAVIOR_INITIALIZED_TYPE_URL, communicator_objects.TrainingBehaviorInitialized.encode(message).finish());
}

export function queueTrainingEnvironmentInitialized(sink: SideChannelSink, message: TrainingEnvironmentInitialized): void {
  sink.queue(TRAINING_ANALYTICS_CHANNEL_ID, encodeTrainingEnvironmentInitialized(message));
}

export function queueTrainingBehaviorInitialized(sink: SideChannelSink, message: TrainingBehaviorInitialized): void {
  sink.queue(TRAINING_ANALYTICS_CHANNEL_ID, encodeTrainingBehaviorInitialized(message));
}

export type TrainingAnalyticsMessage =
  | { readonly kind: 'environment'; readonly message: communicator_objects.TrainingEnvironmentInitialized }
  | { readonly kind: 'behavior'; readonly message: communicator_objects.TrainingBehaviorInitialized };

/** The simulation side: the message in a payload, or null where Unity would ignore it (unparsable or unknown type). */
export function decodeTrainingAnalytics(payload: Uint8Array): TrainingAnalyticsMessage | null {
  try {
    const any = google.protobuf.Any.decode(payload);
    if (any.type_url === TRAINING_ENVIRONMENT_INITIALIZED_TYPE_URL) {
      return { kind: 'environment', message: communicator_objects.TrainingEnvironmentInitialized.decode(any.value) };
    }
    if (any.type_url === TRAINING_BEHAVIOR_INITIALIZED_TYPE_URL) {
      return { kind: 'behavior', message: communicator_objects.TrainingBehaviorInitialized.decode(any.value) };
    }
    return null;
  } catch {
    return null;
  }
}
