/**
 * Settings every bridge transport shares.
 */
import type { Logger } from 'pino';
import type { TrainingBehaviorInitialized, TrainingEnvironmentInitialized } from '../protocol/side-channels/training-analytics.js';

export interface BridgeOptions {
  /** Default "localhost" (IPv4 and IPv6 loopback). */
  readonly host?: string;
  readonly allowRemote?: boolean;
  /** Largest accepted message from a simulation. Default 16 MiB (ML-Agents' Python server: 4 MiB). */
  readonly maxMessageBytes?: number;
  /** Per-connection wait for the simulation's next message; null or 0 waits forever. Default 60 s. */
  readonly timeoutMs?: number | null;
  /** Seed and num_areas sent in the handshake. */
  readonly seed?: number;
  readonly numAreas?: number;
  readonly analytics?: TrainingEnvironmentInitialized;
  /**
   * What the trainer says about each behavior it starts training (TrainingBehaviorInitialized), asked once per
   * behavior name (without `?team=N`) when the simulation first announces it; null sends nothing for that one.
   */
  readonly behaviorAnalytics?: (behaviorName: string) => TrainingBehaviorInitialized | null;
  readonly logger?: Logger;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const EDITOR_PORT = 5004;
