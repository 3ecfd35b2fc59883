/**
 * The shape of a policy network, named after ML-Agents' `network_settings` where a name exists there.
 */
import type { Activation } from './activations.js';
import type { VisEncodeType } from './visual-encoder-types.js';

export interface NetworkSettings {
  /** Width of every hidden layer of the MLP trunk (ML-Agents `hidden_units`). */
  readonly hiddenUnits: number;
  /** Number of hidden layers of the trunk (ML-Agents `num_layers`). */
  readonly numLayers: number;
  /** Running mean/variance normalisation of vector observations (ML-Agents `normalize`). */
  readonly normalize: boolean;
  /** Trunk activation. ML-Agents uses swish; CleanRL's PPO uses tanh, which learns CartPole-like tasks faster. */
  readonly activation: Activation;
  /**
   * Visual encoder of image observations (ML-Agents `vis_encode_type`): 'simple', 'nature_cnn', 'resnet', 'match3'
   * or 'fully_connected', as ML-Agents release 21 builds them (visual-encoder-types.ts), each with its minimum
   * image size.
   */
  readonly visEncodeType: VisEncodeType;
  /**
   * How a Gaussian sample becomes the action sent to the environment. 'clip': clip to [-1, 1] (ML-Agents'
   * TensorFlow trainers). 'clamp3': clamp to [-3, 3] then divide by 3 (ML-Agents' torch trainers). Either way the
   * log-probability is of the unclipped sample.
   */
  readonly actionClip: 'clip' | 'clamp3';
  /**
   * Recurrent memory (ML-Agents `network_settings.memory`): an LSTM after the actor's and the critic's encoders,
   * each with its own memory of memorySize floats ([h | c], hidden size memorySize / 2), trained on sequences of
   * sequenceLength steps. Absent or null: no LSTM, and the network is exactly what it was without the key.
   */
  readonly memory?: MemorySettings | null;
  /**
   * ML-Agents `goal_conditioning_type`, for behaviors with goal-signal observations: 'hyper' (ML-Agents' default)
   * makes the trunk's last layer a hypernetwork layer whose weights the goal generates (hyper-layer.ts); 'none'
   * encodes goals like any other observation. Without goal-signal observations it changes nothing. Absent: 'hyper'.
   */
  readonly goalConditioningType?: 'hyper' | 'none';
}

/** ML-Agents' MemorySettings. */
export interface MemorySettings {
  readonly sequenceLength: number;
  /** Even: the memory is [h | c]. */
  readonly memorySize: number;
}

export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = {
  hiddenUnits: 64,
  numLayers: 2,
  normalize: false,
  activation: 'tanh',
  visEncodeType: 'simple',
  actionClip: 'clip',
};
