/**
 * The scene-drawing side channel (simulation → trainer), Shiva's own: a Unity scene describes how one of its areas
 * looks (src/core/env/scene-drawing.ts; docs/SCENE-DRAWING.md) so the dashboard's map and the human seat can draw
 * it. Each message is one ML-Agents string (int32 length, then ASCII bytes: non-ASCII characters escaped as \uXXXX
 * in the JSON): {"area": 0, ...SceneDrawing}. `area` defaults to 0. A malformed description fails with
 * SHIVA_ERR_DRAWING (the shape) or SHIVA_ERR_SIDE_CHANNEL (the framing, a message over MAX_DRAWING_BYTES).
 */
import { ShivaError } from '../../core/errors.js';
import { parseSceneDrawing, type SceneDrawing } from '../../core/env/scene-drawing.js';
import { IncomingMessage, OutgoingMessage } from './message-io.js';
import type { SideChannel } from './side-channel.js';

/** uuid5(URL, "shiva:scene-drawing"). A Unity scene registers a SideChannel with this id (C#: new Guid("…")). */
export const SCENE_DRAWING_CHANNEL_ID = '19da418f-288e-5769-b5f8-4e6daed016ce';
/** The largest description accepted in one message. */
export const MAX_DRAWING_BYTES = 4 * 1024 * 1024;

export interface AreaDrawing {
  readonly area: number;
  readonly drawing: SceneDrawing;
}

export function decodeSceneDrawing(payload: Uint8Array, where: string): AreaDrawing {
  if (payload.length > MAX_DRAWING_BYTES) {
    throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${where}: scene drawing of ${payload.length} bytes: expected at most ${MAX_DRAWING_BYTES}`);
  }
  const text = new IncomingMessage(payload, `${where}: scene drawing`).readString();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_DRAWING', `${where}: expected a JSON scene drawing, got ${(error as Error).message}`, { cause: error });
  }
  const area = (value as { area?: unknown } | null)?.area ?? 0;
  if (typeof area !== 'number' || !Number.isInteger(area) || area < 0) throw new ShivaError('SHIVA_ERR_DRAWING', `${where}: $.area: expected an integer ≥ 0, got ${JSON.stringify(area)}`);
  return { area, drawing: parseSceneDrawing(value, where) };
}

/** The simulation side (a stand-in or a test): the message a Unity scene sends. */
export function encodeSceneDrawing(drawing: SceneDrawing, area = 0): Uint8Array {
  // JSON.stringify leaves non-ASCII as is; ML-Agents strings are ASCII, so escape them.
  const json = JSON.stringify({ area, ...drawing }).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new OutgoingMessage('scene drawing').writeString(json).toBytes();
}

/** Areas a connection may describe: one drawing each is kept (the protocol's own bound on num_areas). */
export const MAX_DRAWN_AREAS = 10_000;

/**
 * Trainer side: the latest drawing of each area. With `warn`, a malformed drawing (or one for an area past
 * MAX_DRAWN_AREAS) is reported there and dropped, the area keeping its last good drawing: the scene's drawing is a
 * picture for people, and a mistake in it must not end a training connection. Without `warn` it throws.
 */
export class SceneDrawingChannel implements SideChannel {
  readonly channelId = SCENE_DRAWING_CHANNEL_ID;
  private readonly latestByArea = new Map<number, SceneDrawing>();
  /** Drawings refused so far (only the first few are reported one by one). */
  rejected = 0;

  constructor(
    private readonly where = 'scene-drawing side channel',
    private readonly warn?: (message: string) => void,
  ) {}

  onMessage(payload: Uint8Array): void {
    try {
      const { area, drawing } = decodeSceneDrawing(payload, this.where);
      if (area >= MAX_DRAWN_AREAS) throw new ShivaError('SHIVA_ERR_DRAWING', `${this.where}: $.area: expected an integer below ${MAX_DRAWN_AREAS}, got ${area}`);
      this.latestByArea.set(area, drawing);
    } catch (error) {
      if (!this.warn || !(error instanceof ShivaError)) throw error;
      this.rejected++;
      if (this.rejected <= 3) this.warn(`${error.message}; the drawing is ignored${this.rejected === 3 ? ' (further refused drawings are counted, not reported)' : ''}`);
    }
  }

  /** The last drawing received for `area`, or null. */
  latest(area = 0): SceneDrawing | null {
    return this.latestByArea.get(area) ?? null;
  }
}
