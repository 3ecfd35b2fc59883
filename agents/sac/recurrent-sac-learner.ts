/**
 * SAC with memory (network_settings.memory) as a learner, continuous or discrete: the actor acts one LSTM step per
 * decision from each agent's memory (kept per (environment, agent) across decisions, reset where its episode
 * ended: agents/networks/agent-memories.ts), every step goes to the replay with the memory it was chosen under
 * (agents/replay/sequence-collector.ts), trajectories are kept as sequences of sequence_length
 * (agents/replay/sequence-replay.ts), and each gradient step samples ⌊batch_size / sequence_length⌋ whole
 * sequences (recurrent-sac.ts, recurrent-discrete-sac.ts), as ML-Agents' off-policy trainer does. Hybrid action
 * specs are refused, as without memory.
 *
 * Everything else is sac-learner.ts's: time_horizon, steps counted when written, the steps_per_update cadence after
 * buffer_init_steps (uniform actions before it; the memories still step, so what is stored is what the policy
 * would have carried), readiness once the replay holds batch_size rows (padding counted, as ML-Agents'
 * num_experiences), rules on the categorical policy (discrete only). The memories of agents acting for learning
 * and of those acting in evaluation are kept apart (the same source and agent id may be in both). Checkpoints hold
 * the networks (their LSTMs), optimisers and temperature, and with save_replay_buffer the sequences with their masks and memories; the
 * acting memories are not saved (a resumed run starts its episodes anew). Reward signals beside the extrinsic one
 * and behavioral cloning are not built with memory (src/config/memory-support.ts).
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { AgentMemories } from '../networks/agent-memories.js';
import { uniformActions, uniformAllowed, uniformDiscrete } from '../networks/uniform-actions.js';
import { actionsOnly, CONTINUOUS_RULE_REFUSAL, type Acting, type ActingPolicy, type LearnerState } from '../plugin/learner.js';
import { OffPolicyLearner } from '../plugin/off-policy-learner.js';
import { replaySpecOf } from '../replay/replay-types.js';
import { SequenceCollector } from '../replay/sequence-collector.js';
import { SequenceReplay, type SavedSequenceReplay } from '../replay/sequence-replay.js';
import { RecurrentDiscreteSac } from './recurrent-discrete-sac.js';
import { RecurrentSac } from './recurrent-sac.js';
import type { RecurrentSacCore } from './recurrent-sac-core.js';
import type { SacLearnerSettings } from './sac-learner.js';

export class RecurrentSacLearner extends OffPolicyLearner {
  readonly sac: RecurrentSacCore;
  readonly sequences: SequenceReplay;
  readonly actingPolicy: ActingPolicy;
  /** Memories of the agents acting for learning, and of those acting in evaluation. */
  readonly memories: { readonly learning: AgentMemories; readonly evaluation: AgentMemories };
  private readonly evaluationPolicy: ActingPolicy;
  private readonly recurrentActing: { learning?: Acting; evaluation?: Acting } = {};
  private readonly actRng: Rng;
  private readonly sampleRng: Rng;
  private readonly discrete: boolean;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: SacLearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const hp = settings.hyperparameters;
    const memory = settings.network.memory;
    if (!memory) throw new Error(`RecurrentSacLearner "${settings.id}": network settings without memory (use SacLearner)`);
    const { continuousSize, discreteBranches } = spec.actionSpec;
    if (continuousSize > 0 && discreteBranches.length > 0) {
      throw new ShivaError('SHIVA_ERR_NETWORK', `SAC learner "${settings.id}" for behavior "${spec.name}": actionSpec: expected continuous or discrete actions (hybrid actions are not supported yet), got ${continuousSize} continuous + branches [${discreteBranches.join(', ')}]`);
    }
    const discrete = discreteBranches.length > 0;
    const sac = discrete ? new RecurrentDiscreteSac(spec, settings.network, hp, seeds, label) : new RecurrentSac(spec, settings.network, hp, seeds, label);
    const actRng = seeds.rng(`${label}:act`);
    const sampleRng = seeds.rng(`${label}:sample`);
    super(spec, { ...settings, trainerType: 'sac' }, { act: actRng, sample: sampleRng });
    this.sac = sac;
    this.actRng = actRng;
    this.sampleRng = sampleRng;
    this.discrete = discrete;
    this.sequences = new SequenceReplay(hp.buffer_size, memory.sequenceLength, sac.memoryWidth, replaySpecOf(spec, { actionMasks: discrete }), `SAC learner "${settings.id}": replay`);
    this.collector = new SequenceCollector(this.sequences, hp.gamma, hp.time_horizon);
    this.memories = { learning: new AgentMemories(sac.memoryWidth), evaluation: new AgentMemories(sac.memoryWidth) };
    this.actingPolicy = this.recurrentPolicy(this.memories.learning);
    this.evaluationPolicy = this.recurrentPolicy(this.memories.evaluation);
  }

  get memoryWidth(): number {
    return this.sac.memoryWidth;
  }

  protected override get holdsTrajectories(): boolean {
    return true;
  }

  override acting(learn: boolean): Acting {
    const cached = this.recurrentActing;
    return learn ? (cached.learning ??= { policy: this.actingPolicy, sink: this, learning: true }) : (cached.evaluation ??= { policy: this.evaluationPolicy, sink: null, learning: false });
  }

  /**
   * Each agent's memory looked up before its decision and kept after it; `prepare` sees every part's terminal
   * steps before the batch acts, so an agent that ends one episode and starts the next in one batch starts from zeros.
   */
  private recurrentPolicy(memories: AgentMemories): ActingPolicy {
    const { continuousSize, discreteBranches: branches } = this.spec.actionSpec;
    return {
      ruleRefusal: this.discrete ? null : CONTINUOUS_RULE_REFUSAL,
      prepare: (parts) => {
        for (const part of parts) if (part.terminalSteps.count > 0) memories.reset(part.source, part.terminalSteps.agentIds);
      },
      act: (steps, context) => {
        const before = memories.gather(context.rows, steps.agentIds);
        const random = !context.deterministic && context.learning && this.stepsValue < this.settings.hyperparameters.buffer_init_steps;
        // Uniform actions (and rules, which sample themselves) still step the memory, drawing nothing.
        const acted = this.sac.act(steps.observations, steps.actionMasks, steps.count, before, this.actRng, context.deterministic || random || context.withRules);
        memories.store(context.rows, steps.agentIds, acted.memories);
        const carried = { memoriesBefore: before, memories: acted.memories };
        if (context.withRules) {
          const probs = random ? uniformAllowed(steps.actionMasks, steps.count, branches) : Float32Array.from(acted.logProbs, Math.exp);
          return { ...actionsOnly(steps.count, new Float32Array(0), new Int32Array(steps.count * branches.length), probs), ...carried };
        }
        if (!random) return { ...actionsOnly(steps.count, acted.continuous, acted.discrete), ...carried };
        const continuous = this.discrete ? new Float32Array(0) : uniformActions(steps.count * continuousSize, this.actRng);
        const discrete = this.discrete ? uniformDiscrete(steps.actionMasks, steps.count, branches, this.actRng) : new Int32Array(0);
        return { ...actionsOnly(steps.count, continuous, discrete), ...carried };
      },
    };
  }

  override forgetSource(source: number): void {
    super.forgetSource(source);
    this.memories.learning.forgetSource(source);
    this.memories.evaluation.forgetSource(source);
  }

  protected override readyToUpdate(): boolean {
    const hp = this.settings.hyperparameters;
    return this.trainerSteps >= hp.buffer_init_steps && this.sequences.size >= hp.batch_size;
  }

  /** The actor with its LSTM: tanh(μ(s)) for continuous actions, the masked argmax per branch for discrete ones. */
  exportPolicy(): ExportablePolicy {
    return this.sac.describePolicy();
  }

  protected update(earned: number): Record<string, number> {
    const hp = this.settings.hyperparameters;
    const totals = { critic: 0, actor: 0, q: 0, entropy: 0 };
    let alphas: readonly number[] = [];
    let sequences = 0;
    for (let i = 0; i < earned; i++) {
      const sample = this.sequences.sample(hp.batch_size, this.sampleRng);
      const s = this.sac.gradientStep(sample, this.sampleRng);
      totals.critic += s.criticLoss;
      totals.actor += s.actorLoss;
      totals.q += s.meanQ;
      totals.entropy += s.entropies.reduce((a, b) => a + b, 0);
      alphas = s.alphas;
      sequences = sample.sequences;
      this.updates++;
    }
    return {
      'Losses/Q Loss': totals.critic / earned,
      'Losses/Policy Loss': totals.actor / earned,
      'Policy/Q Mean': totals.q / earned,
      'Policy/Entropy': totals.entropy / earned,
      [this.discrete ? 'Policy/Discrete Entropy Coeff' : 'Policy/Continuous Entropy Coeff']: alphas.reduce((a, b) => a + b, 0) / alphas.length,
      'Policy/Learning Rate': hp.learning_rate,
      'Policy/Buffer Size': this.sequences.size,
      'Policy/Sequences': sequences,
    };
  }

  protected saveModel(): Record<string, unknown> {
    return { sac: this.sac.save() };
  }

  protected loadModel(state: LearnerState, where: string): void {
    this.sac.load(state['sac'], `${where}: sac`);
  }

  protected override saveReplay(): unknown {
    return this.sequences.save();
  }

  protected override loadReplay(saved: unknown, where: string): void {
    this.sequences.load(saved as SavedSequenceReplay, where);
  }

  dispose(): void {
    this.sac.dispose();
  }
}
