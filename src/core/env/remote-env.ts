/**
 * A connected simulation (a Unity scene, a browser page, the stand-in) seen through the Environment API.
 */
import type { ActionTuple } from './action-tuple.js';
import type { BehaviorSpec } from './behavior-spec.js';
import type { Environment } from './environment.js';
import type { EngineConfiguration, EnvironmentParameter } from './environment-parameters.js';
import type { SceneDrawing } from './scene-drawing.js';
import type { SimulationLink, SimulationOutput } from './simulation-link.js';
import { StatsAggregator, type AggregatedStat } from './stats.js';
import { StepState } from './step-state.js';

/** The side inputs of a step that sets none; its map is never written (links only read their input). */
const NO_SIDE_INPUTS: { readonly environmentParameters: ReadonlyMap<string, EnvironmentParameter>; readonly engineConfiguration: null } = {
  environmentParameters: new Map(),
  engineConfiguration: null,
};

export class RemoteEnv implements Environment {
  private readonly state: StepState;
  private readonly stats = new StatsAggregator();
  private pendingParameters = new Map<string, EnvironmentParameter>();
  private pendingEngine: EngineConfiguration | null = null;
  private needsReset = true;

  constructor(readonly link: SimulationLink) {
    this.state = new StepState(link.name);
  }

  get name(): string {
    return this.link.name;
  }

  get behaviorSpecs(): ReadonlyMap<string, BehaviorSpec> {
    return this.state.specs;
  }

  async reset(): Promise<void> {
    this.absorb(await this.link.exchange({ command: 'reset', actions: new Map(), ...this.takeSideInputs() }));
    this.needsReset = false;
  }

  async step(): Promise<void> {
    if (this.needsReset) return this.reset();
    const actions = this.state.takeActions();
    this.absorb(await this.link.exchange({ command: 'step', actions, ...this.takeSideInputs() }));
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

  setEngineConfiguration(config: EngineConfiguration): void {
    this.pendingEngine = { ...this.pendingEngine, ...config };
  }

  drainStats(): Map<string, AggregatedStat> {
    return this.stats.drain();
  }

  drawing(area: number): SceneDrawing | null {
    return this.link.drawing?.(area) ?? null;
  }

  async close(): Promise<void> {
    await this.link.close();
  }

  private takeSideInputs() {
    // Most steps carry none: the shared empty map then, not a new one per step.
    if (this.pendingParameters.size === 0 && this.pendingEngine === null) return NO_SIDE_INPUTS;
    const side = { environmentParameters: this.pendingParameters, engineConfiguration: this.pendingEngine };
    this.pendingParameters = new Map();
    this.pendingEngine = null;
    return side;
  }

  private absorb(output: SimulationOutput): void {
    for (const spec of output.newBehaviors) this.state.addSpec(spec);
    for (const record of output.stats) this.stats.add(record);
    this.state.update(output.agentInfos);
  }
}
