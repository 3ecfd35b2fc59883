/**
 * A built-in scene stepped in-process through the Environment API. Behaviors are announced the way a Unity
 * scene announces them: on the first output in which one of their agents reports.
 */
import { Academy, type AcademyOptions } from './academy.js';
import type { ActionTuple } from './action-tuple.js';
import type { BehaviorSpec } from './behavior-spec.js';
import type { Environment } from './environment.js';
import type { EngineConfiguration, EnvironmentParameter } from './environment-parameters.js';
import type { SceneFactory } from './scene.js';
import type { SceneDrawing } from './scene-drawing.js';
import { StatsAggregator, type AggregatedStat } from './stats.js';
import { StepState } from './step-state.js';
import type { AgentInfoBatch } from './agent-info-batch.js';

export class LocalEnv implements Environment {
  readonly inProcess = true;
  readonly academy: Academy;
  private readonly state: StepState;
  private readonly stats = new StatsAggregator();
  private pendingParameters = new Map<string, EnvironmentParameter>();
  private needsReset = true;

  constructor(
    readonly name: string,
    factory: SceneFactory,
    options: AcademyOptions = {},
  ) {
    this.academy = new Academy(factory, options);
    this.state = new StepState(name);
  }

  get behaviorSpecs(): ReadonlyMap<string, BehaviorSpec> {
    return this.state.specs;
  }

  async reset(): Promise<void> {
    this.flushParameters();
    this.absorb(this.academy.reset());
    this.needsReset = false;
  }

  async step(): Promise<void> {
    if (this.needsReset) return this.reset(); // as mlagents_envs: the first step is a reset
    const actions = this.state.takeActions();
    this.flushParameters();
    this.absorb(this.academy.step(actions));
  }

  getSteps(behavior: string) {
    return this.state.getSteps(behavior);
  }

  setActions(behavior: string, actions: ActionTuple): void {
    this.state.setActions(behavior, actions);
  }

  setActionForAgent(behavior: string, agentId: number, action: ActionTuple): void {
    this.state.setActionForAgent(behavior, agentId, action);
  }

  setEnvironmentParameters(params: Readonly<Record<string, EnvironmentParameter>>): void {
    for (const [k, v] of Object.entries(params)) this.pendingParameters.set(k, v);
  }

  setEngineConfiguration(_config: EngineConfiguration): void {
    // In-process scenes run as fast as they can; there is no renderer or clock to configure.
  }

  drainStats(): Map<string, AggregatedStat> {
    return this.stats.drain();
  }

  drawing(area: number): SceneDrawing | null {
    return this.academy.scene.draw ? this.academy.scene.draw(area) : null;
  }

  async close(): Promise<void> {
    this.needsReset = true;
  }

  private flushParameters(): void {
    if (this.pendingParameters.size === 0) return;
    this.academy.setEnvironmentParameters(this.pendingParameters);
    this.pendingParameters = new Map();
  }

  private absorb(output: Map<string, AgentInfoBatch>): void {
    for (const [name, batch] of output) {
      if (batch.count > 0 && !this.state.specs.has(name)) {
        const spec = this.academy.scene.behaviorSpecs.find((s) => s.name === name);
        if (spec) this.state.addSpec(spec);
      }
    }
    for (const record of this.academy.drainStats()) this.stats.add(record);
    this.state.update(output);
  }
}
