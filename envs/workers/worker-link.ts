/**
 * One environment of a scene worker as a SimulationLink, so that RemoteEnv steps a built-in scene in a worker
 * thread exactly as it steps a connected simulation. Drawings come as a connected scene's do: `drawing(area)` is the
 * latest one received; the first call for an area asks the worker to send that area's drawing with every later
 * output (null until the next one), so nobody pays for drawings that nobody watches.
 */
import type { SceneDrawing } from '../../src/core/env/scene-drawing.js';
import type { SimulationInput, SimulationLink, SimulationOutput } from '../../src/core/env/simulation-link.js';
import type { SceneWorker } from './scene-worker.js';

export class WorkerLink implements SimulationLink {
  private readonly watched = new Set<number>();
  private readonly drawings = new Map<number, SceneDrawing | null>();

  constructor(
    readonly name: string,
    private readonly index: number,
    private readonly worker: SceneWorker,
  ) {}

  async exchange(input: SimulationInput): Promise<SimulationOutput> {
    // Engine settings have nothing to act on: a built-in scene has no renderer or clock (as LocalEnv ignores them).
    const { output, drawings } = await this.worker.exchange({
      kind: 'exchange',
      env: this.index,
      command: input.command,
      actions: [...input.actions],
      parameters: [...input.environmentParameters],
      drawAreas: [...this.watched],
    });
    for (const [area, drawing] of drawings) this.drawings.set(area, drawing);
    return output;
  }

  drawing(area: number): SceneDrawing | null {
    this.watched.add(area);
    return this.drawings.get(area) ?? null;
  }

  close(): Promise<void> {
    return this.worker.release(this.index);
  }
}
