/**
 * The bookkeeping every Environment implementation shares: the latest steps per behavior, the actions set
 * for them, and validation of both against the behavior specs.
 */
import { emptyActions, validateActions, type ActionTuple } from './action-tuple.js';
import type { AgentInfoBatch } from './agent-info-batch.js';
import type { BehaviorSpec } from './behavior-spec.js';
import { ShivaError } from '../errors.js';
import { emptyDecisionSteps, emptyTerminalSteps, splitAgentInfos, type DecisionSteps, type TerminalSteps } from './steps.js';

export class StepState {
  readonly specs = new Map<string, BehaviorSpec>();
  private readonly steps = new Map<string, { decisionSteps: DecisionSteps; terminalSteps: TerminalSteps }>();
  private readonly actions = new Map<string, ActionTuple>();

  constructor(private readonly envName: string) {}

  addSpec(spec: BehaviorSpec): void {
    if (!this.specs.has(spec.name)) this.specs.set(spec.name, spec);
  }

  /** Replaces the current steps with one output; known behaviors missing from it get empty steps. */
  update(output: ReadonlyMap<string, AgentInfoBatch>): void {
    this.steps.clear();
    this.actions.clear();
    for (const [name, batch] of output) {
      const spec = this.specs.get(name);
      if (spec) this.steps.set(name, splitAgentInfos(spec, batch));
    }
  }

  getSteps(behavior: string): { decisionSteps: DecisionSteps; terminalSteps: TerminalSteps } {
    const spec = this.requireSpec(behavior);
    return this.steps.get(behavior) ?? { decisionSteps: emptyDecisionSteps(spec), terminalSteps: emptyTerminalSteps(spec) };
  }

  setActions(behavior: string, actions: ActionTuple): void {
    const spec = this.requireSpec(behavior);
    const count = this.getSteps(behavior).decisionSteps.count;
    validateActions(`${this.envName}: behavior "${behavior}"`, spec.actionSpec, count, actions);
    this.actions.set(behavior, actions);
  }

  setActionForAgent(behavior: string, agentId: number, action: ActionTuple): void {
    const spec = this.requireSpec(behavior);
    const decisions = this.getSteps(behavior).decisionSteps;
    const index = decisions.agentIds.indexOf(agentId);
    if (index < 0) {
      throw new ShivaError('SHIVA_ERR_UNKNOWN_AGENT', `${this.envName}: behavior "${behavior}": agent ${agentId} is not waiting for a decision (waiting: ${Array.from(decisions.agentIds).join(', ') || 'none'})`);
    }
    validateActions(`${this.envName}: behavior "${behavior}" agent ${agentId}`, spec.actionSpec, 1, action);
    let all = this.actions.get(behavior);
    if (!all) {
      all = emptyActions(spec.actionSpec, decisions.count);
      this.actions.set(behavior, all);
    }
    all.continuous.set(action.continuous, index * spec.actionSpec.continuousSize);
    all.discrete.set(action.discrete, index * spec.actionSpec.discreteBranches.length);
  }

  /** Actions to send: the ones set, or zeros, for every behavior with decision agents. */
  takeActions(): Map<string, ActionTuple> {
    const out = new Map<string, ActionTuple>();
    for (const [name, { decisionSteps }] of this.steps) {
      if (decisionSteps.count === 0) continue;
      out.set(name, this.actions.get(name) ?? emptyActions(this.specs.get(name)!.actionSpec, decisionSteps.count));
    }
    this.actions.clear();
    return out;
  }

  private requireSpec(behavior: string): BehaviorSpec {
    const spec = this.specs.get(behavior);
    if (!spec) {
      throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `${this.envName}: behavior "${behavior}": expected one of [${[...this.specs.keys()].join(', ')}], got an unknown name`);
    }
    return spec;
  }
}
