/**
 * The Trainer's two acting options that mlagents-learn's flags turn on: `deterministic` (--deterministic,
 * network_settings.deterministic: act with the mode of the policy) and `learn: false` (--inference: the policies act,
 * nothing is learned or checkpointed, and the run ends after max_steps acted agent steps).
 */
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActingContext, Learner, PolicyProposal } from '../../agents/plugin/learner.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Trainer } from '../../src/training/trainer.js';

await chooseBackend('cpu');

function cartpolePlan(maxSteps: number): LearnerPlan {
  return {
    learnerId: 'CartPole',
    trainerType: 'ppo',
    hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 256, learning_rate: 1e-3, num_epoch: 1, time_horizon: 64 }),
    network: { hiddenUnits: 16, numLayers: 1, activation: 'tanh' },
    maxSteps,
    rewardStrength: 1,
    summaryFreq: 1e9,
    checkpointInterval: 100,
    keepCheckpoints: 1,
  };
}

/** What the policy was asked (deterministic or not) and whether each discrete action was the most probable one. */
interface Seen {
  readonly deterministic: boolean;
  readonly greedy: boolean;
}

/** A meta-learner whose learners report every act() and count their maybeUpdate() calls. */
class SpyMeta extends MetaLearner {
  readonly seen: Seen[] = [];
  updateCalls = 0;
  private readonly wrapped = new Set<Learner>();

  override learnerFor(spec: BehaviorSpec): Learner | null {
    const learner = super.learnerFor(spec);
    if (learner && !this.wrapped.has(learner)) {
      this.wrapped.add(learner);
      const acting = learner.acting.bind(learner);
      const maybeUpdate = learner.maybeUpdate.bind(learner);
      const spy = learner as { acting: Learner['acting']; maybeUpdate: Learner['maybeUpdate'] };
      spy.maybeUpdate = () => {
        this.updateCalls++;
        return maybeUpdate();
      };
      spy.acting = (learn) => {
        const a = acting(learn);
        const policy = a.policy;
        return {
          ...a,
          policy: {
            ruleRefusal: policy.ruleRefusal,
            ...(policy.prepare ? { prepare: policy.prepare.bind(policy) } : {}),
            act: (steps, context: ActingContext): PolicyProposal => {
              const out = policy.act(steps, context);
              for (let r = 0; r < out.count; r++) {
                const p0 = out.probs[r * 2]!;
                const p1 = out.probs[r * 2 + 1]!;
                this.seen.push({ deterministic: context.deterministic, greedy: out.discrete[r] === (p1 > p0 ? 1 : 0) });
              }
              return out;
            },
          },
        };
      };
    }
    return learner;
  }
}

function cartpoleEnv(seed: number): LocalEnv {
  return new LocalEnv('builtin:cartpole#0', getBuiltinEnv('cartpole').factory, { numAreas: 4, seed });
}

test('deterministic: every behavior acts with the mode of its policy; without it the policy samples', async () => {
  const run = async (deterministic: boolean | ((behavior: string) => boolean)) => {
    const meta = new SpyMeta(() => cartpolePlan(400), new RunSeeds(5));
    await new Trainer([cartpoleEnv(1)], meta, { summaryFreq: () => 1e9, checkpointInterval: () => 1e9, deterministic }).run();
    meta.dispose();
    return meta.seen;
  };
  const greedy = await run(true);
  assert.ok(greedy.length >= 400, `acted ${greedy.length} times`);
  assert.ok(greedy.every((s) => s.deterministic && s.greedy), 'every action was the most probable one');
  const byBehavior = await run((behavior) => behavior === 'CartPole?team=0');
  assert.ok(byBehavior.every((s) => s.deterministic && s.greedy), 'per-behavior: CartPole acts greedily');
  const sampled = await run(false);
  assert.ok(sampled.every((s) => !s.deterministic));
  assert.ok(sampled.some((s) => !s.greedy), 'sampling picks a less probable action now and then');
});

test('learn: false (inference) acts for max_steps agent steps without recording, updating or checkpointing', async () => {
  const meta = new SpyMeta(() => cartpolePlan(300), new RunSeeds(5));
  let saves = 0;
  const trainer = new Trainer([cartpoleEnv(2)], meta, {
    summaryFreq: () => 1e9,
    checkpointInterval: () => 100,
    checkpoints: {
      save: async () => {
        saves++;
        return 'nowhere';
      },
    },
    learn: false,
  });
  const { summary, stopped } = await trainer.run();
  const learner = meta.learners.get('CartPole')!;
  assert.equal(stopped, false);
  assert.equal(learner.steps, 0, 'the learner recorded no transitions');
  assert.equal(meta.updateCalls, 0, 'no update was attempted');
  assert.equal(saves, 0, 'no checkpoint was written');
  const s = summary['CartPole']!;
  assert.ok(s.steps >= 300 && s.steps < 300 + 4, `acted for max_steps agent steps (4 areas per step): ${s.steps}`);
  assert.ok(s.episodes > 0);
  assert.ok(meta.seen.every((x) => !x.deterministic), 'inference samples unless told to be deterministic');
  meta.dispose();
});
