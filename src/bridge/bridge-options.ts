/**
 * Settings every bridge transport shares.
 */
import type { Logger } from 'pino';
import type { TrainingBehaviorInitialized, TrainingEnvironmentInitialized } from '../protocol/side-channels/training-analytics.js';

/** Who can reach a listener, and how (docs/SECURITY.md). */
export interface ListenOptions {
  /** Default "localhost" (IPv4 and IPv6 loopback). Checked by the addresses it resolves to (listen.ts). */
  readonly host?: string;
  /** Allows a host that is not loopback; it then needs `token` (or, gRPC only, `insecureNoToken`). */
  readonly allowRemote?: boolean;
  /**
   * A secret every connection presents (gRPC: metadata `authorization: Bearer TOKEN` or `shiva-token: TOKEN` on
   * every call; WebSocket: `?token=TOKEN`, or either header, on the upgrade). Enforced whenever set.
   */
  readonly token?: string;
  /** gRPC off loopback without a token, for players that cannot send one (a stock Unity player): stated and warned. */
  readonly insecureNoToken?: boolean;
  /** TLS for the listener (PEM certificate chain and private key); without it the token travels in clear. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
}

/** Only the ListenOptions of `o` (to pass them on without the rest). */
export function listenOptionsOf(o: ListenOptions): ListenOptions {
  return {
    ...(o.host !== undefined ? { host: o.host } : {}),
    ...(o.allowRemote ? { allowRemote: true } : {}),
    ...(o.token ? { token: o.token } : {}),
    ...(o.insecureNoToken ? { insecureNoToken: true } : {}),
    ...(o.tls ? { tls: o.tls } : {}),
  };
}

export interface BridgeOptions extends ListenOptions {
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
/** How long a listener's stop() lets connected peers hang up after their closing 400 before it cuts them off. */
export const SHUTDOWN_GRACE_MS = 250;
