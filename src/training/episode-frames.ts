/**
 * Recent episodes as frames for the dashboard's map: after each step of an environment that draws itself
 * (Environment.drawing: a built-in scene's Scene.draw, or the latest drawing a connected Unity scene sent on the
 * scene-drawing side channel, src/core/env/scene-drawing.ts), area 0's drawing is buffered (a remote drawing only
 * when a new one came: a scene may send one per step or fewer); when
 * its episode ends (the drawing's step goes down) the frames are written as RUN/episodes/ENV-EPISODE.jsonl and only
 * the last `keep` files of each environment are kept (a ring). Off unless asked for (`shiva train
 * --record-episodes N`): drawing every step costs a little, and a run that is not watched should not pay it.
 *
 * File format, one JSON object per line: {"frame": i, ...SceneDrawing}, with `layers` left out when they are the
 * same as the previous frame's (the backdrop: terrain, waypoint graph), so a reader carries them forward. Episodes
 * longer than `maxFrames` keep their first `maxFrames` frames.
 */
import { mkdirSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../core/env/environment.js';
import type { Scene } from '../core/env/scene.js';
import type { SceneDrawing } from '../core/env/scene-drawing.js';

export interface EpisodeFramesOptions {
  /** Episodes kept per environment (default 5). */
  readonly keep?: number;
  /** Frames kept of one episode (default 2,000). */
  readonly maxFrames?: number;
}

/** The scene of an in-process environment (LocalEnv's academy), or null for a remote one. */
export function sceneOf(env: Environment): Scene | null {
  const academy = (env as { academy?: { scene?: Scene } }).academy;
  return academy?.scene ?? null;
}

interface Track {
  readonly prefix: string;
  /** The drawing buffered last (a connected scene's stays the same object until it sends another). */
  lastDrawing: SceneDrawing | null;
  lines: string[];
  lastStep: number;
  lastLayers: string;
  episode: number;
  truncated: boolean;
  readonly written: string[];
}

export class EpisodeFrames {
  private readonly keep: number;
  private readonly maxFrames: number;
  private readonly tracks = new Map<number, Track>();

  constructor(readonly dir: string, private readonly envs: readonly Environment[], options: EpisodeFramesOptions = {}) {
    this.keep = Math.max(1, options.keep ?? 5);
    this.maxFrames = Math.max(1, options.maxFrames ?? 2000);
  }

  /** A Trainer's afterEnvironmentStep that keeps each environment's last `keep` episodes in `dir`. */
  static hook(dir: string, envs: readonly Environment[], keep: number): (source: number) => void {
    const frames = new EpisodeFrames(dir, envs, { keep });
    return (source) => frames.capture(source);
  }

  /** After environment `source` stepped: draws its area 0 and writes the episode that just ended, if one did. */
  capture(source: number): void {
    const env = this.envs[source]!;
    if (!env.drawing) return;
    const drawing = env.drawing(0);
    // A connected scene may start drawing at any step (or never): the track opens with its first drawing.
    if (drawing === null) return;
    let track = this.tracks.get(source);
    if (track === undefined) {
      track = this.open(source);
      this.tracks.set(source, track);
    }
    if (drawing === track.lastDrawing) return;
    track.lastDrawing = drawing;
    if (drawing.step <= track.lastStep && track.lines.length > 0) this.finish(track);
    track.lastStep = drawing.step;
    if (track.lines.length >= this.maxFrames) {
      track.truncated = true;
      return;
    }
    track.lines.push(this.line(track, drawing));
  }

  /** The episode files written so far for `source`, oldest first. */
  files(source: number): readonly string[] {
    return this.tracks.get(source)?.written ?? [];
  }

  private open(source: number): Track {
    mkdirSync(this.dir, { recursive: true });
    const name = this.envs[source]!.name.replace(/[^A-Za-z0-9_.=+@-]+/g, '_').replace(/^\.+/, '') || 'env';
    const prefix = `${name}-${source}-`;
    // A resumed run continues the numbering and the ring of what is there.
    const existing = readdirSync(this.dir)
      .filter((f) => f.startsWith(prefix) && /^\d+\.jsonl$/.test(f.slice(prefix.length)))
      .sort((a, b) => Number(a.slice(prefix.length, -6)) - Number(b.slice(prefix.length, -6)));
    const episode = existing.length > 0 ? Number(existing.at(-1)!.slice(prefix.length, -6)) : 0;
    return { prefix, lastDrawing: null, lines: [], lastStep: -1, lastLayers: '', episode, truncated: false, written: existing.map((f) => join(this.dir, f)) };
  }

  private line(track: Track, drawing: SceneDrawing): string {
    const layers = JSON.stringify(drawing.layers);
    const { layers: _layers, ...rest } = drawing;
    const same = layers === track.lastLayers;
    track.lastLayers = layers;
    return same ? JSON.stringify({ frame: track.lines.length, ...rest }) : `${JSON.stringify({ frame: track.lines.length, ...rest }).slice(0, -1)},"layers":${layers}}`;
  }

  private finish(track: Track): void {
    track.episode++;
    const file = join(this.dir, `${track.prefix}${track.episode}.jsonl`);
    // Whole files only: a reader never sees half an episode.
    writeFileSync(`${file}.tmp`, track.lines.join('\n') + '\n');
    renameSync(`${file}.tmp`, file);
    track.written.push(file);
    while (track.written.length > this.keep) {
      try {
        unlinkSync(track.written.shift()!);
      } catch {
        // Already gone (removed by hand): the ring goes on.
      }
    }
    track.lines = [];
    track.lastLayers = '';
    track.truncated = false;
  }
}
