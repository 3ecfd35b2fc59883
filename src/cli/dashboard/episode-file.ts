/**
 * Reads a recorded episode (RUN/episodes/ENV-N.jsonl, src/training/episode-frames.ts) for the dashboard's map: each
 * line checked as a scene drawing (parseSceneDrawing) and returned as written: `layers` only on the frames that have
 * them (the page carries them forward). At most MAX_FRAMES frames and MAX_BYTES bytes are read.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { ShivaError } from '../../core/errors.js';
import { parseSceneDrawing, type SceneDrawing } from '../../core/env/scene-drawing.js';

/** A frame as recorded: `layers` absent means the previous frame's. */
export type EpisodeFrame = Omit<SceneDrawing, 'layers'> & { readonly layers?: SceneDrawing['layers'] };

export const MAX_FRAMES = 5000;
export const MAX_BYTES = 64 * 1024 * 1024;

export function readEpisodeFrames(file: string): EpisodeFrame[] {
  const fd = openSync(file, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(Math.min(MAX_BYTES, 1 << 20));
    const parts: Buffer[] = [];
    let total = 0;
    for (let n; total < MAX_BYTES && (n = readSync(fd, buffer, 0, Math.min(buffer.length, MAX_BYTES - total), null)) > 0; total += n) parts.push(Buffer.from(buffer.subarray(0, n)));
    text = Buffer.concat(parts).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const frames: EpisodeFrame[] = [];
  const lines = text.split('\n');
  // A file cut at MAX_BYTES ends mid-line: that line is left out.
  if (!text.endsWith('\n')) lines.pop();
  for (let i = 0; i < lines.length && frames.length < MAX_FRAMES; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new ShivaError('SHIVA_ERR_DRAWING', `${file}:${i + 1}: expected a JSON scene drawing, got ${(error as Error).message}`, { cause: error });
    }
    const drawing = parseSceneDrawing(value, `${file}:${i + 1}`);
    if (value['layers'] !== undefined) frames.push(drawing);
    else {
      const { layers: _layers, ...rest } = drawing;
      frames.push(rest);
    }
  }
  return frames;
}
