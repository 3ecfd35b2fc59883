/**
 * The default job's rules of engagement (configs/scout-roe.rules.yaml) through the reasoning layer, on the scout
 * scene itself: a red policy that wants to fire whatever is in the line of fire (0.97 on the look the scripted red
 * would take with the rules off) commits violations when it acts alone, and none over many seeded episodes when
 * its decisions pass through the layer; the layer only vetoes looks, so red still fights.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCOUT_MASK } from '../../envs/scout/scout-observation.js';
import { RED_BEHAVIOR, RED_SPEC, SCOUT_STATS, createScoutScene } from '../../envs/scout/scout-scene.js';
import { scriptedRedActions } from '../../envs/scout/scripted-policies.js';
import { loadRules } from '../../src/decisions/rule-files.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';
import { discreteActOutput } from './helpers.js';

const BRANCHES = RED_SPEC.actionSpec.discreteBranches; // move 5, look 4, posture 2
const S = BRANCHES.reduce((a, b) => a + b, 0);

/** π per agent: moves uniform over the allowed ones, 0.97 on the trigger-happy look, posture uniform. */
function triggerHappyPolicy(steps: DecisionSteps, rng: Rng): Float32Array {
  const wanted = scriptedRedActions(steps, rng, { respectRoe: false });
  const probs = new Float32Array(steps.count * S);
  for (let i = 0; i < steps.count; i++) {
    const at = i * S;
    const allowed = [0, 1, 2, 3, 4].filter((m) => steps.actionMasks![i * SCOUT_MASK + m] === 0);
    for (const m of allowed) probs[at + m] = 1 / allowed.length;
    for (let d = 0; d < 4; d++) probs[at + 5 + d] = d === wanted.discrete[i * 3 + 1] ? 0.97 : 0.01;
    probs[at + 9] = 0.5;
    probs[at + 10] = 0.5;
  }
  return probs;
}

/** Samples each branch of π (the policy acting alone). */
function sample(probs: Float32Array, count: number, rng: Rng): ActionTuple {
  const discrete = new Int32Array(count * BRANCHES.length);
  for (let i = 0; i < count; i++) {
    let start = i * S;
    BRANCHES.forEach((n, b) => {
      let u = rng.next();
      let a = 0;
      while (a < n - 1 && (u -= probs[start + a]!) > 0) a++;
      while (probs[start + a] === 0) a--; // rounding never lands on a masked move
      discrete[i * BRANCHES.length + b] = a;
      start += n;
    });
  }
  return { continuous: new Float32Array(0), discrete };
}

async function play(withRules: boolean, seed: number, steps: number) {
  const env = new LocalEnv('builtin:scout', createScoutScene, { seed, numAreas: 8 });
  env.setEnvironmentParameters({ blue_scripted: 1, civilians: 4 });
  const layer = withRules ? new ReasoningLayer(loadRules(join(repoRoot, 'configs/scout-roe.rules.yaml')), RED_SPEC, { rulesFile: 'scout-roe.rules.yaml', seed }) : null;
  const rng = new Rng(seed + 1);
  let changedLooks = 0;
  await env.reset();
  for (let step = 0; step < steps; step++) {
    const r = env.getSteps(RED_BEHAVIOR).decisionSteps;
    if (r.count > 0) {
      const probs = triggerHappyPolicy(r, rng);
      let actions: ActionTuple;
      if (layer) {
        const out = layer.apply(discreteActOutput(r.count, BRANCHES, probs), r, { rows: [{ source: 0, offset: 0, count: r.count }], step });
        actions = { continuous: new Float32Array(0), discrete: out.discrete };
        // A veto is a factor of 0 on the look the policy wanted (its 0.97 one).
        for (let i = 0; i < r.count; i++) {
          const wantedLook = [0, 1, 2, 3].find((d) => probs[i * S + 5 + d] === Math.fround(0.97))!;
          if (out.factors![i * S + 5 + wantedLook] === 0) changedLooks++;
        }
      } else {
        actions = sample(probs, r.count, rng);
      }
      env.setActions(RED_BEHAVIOR, actions);
    }
    await env.step();
  }
  const stats = env.drainStats();
  const total = (key: string) => stats.get(key)!.value * stats.get(key)!.count;
  return { episodes: stats.get(SCOUT_STATS.redWin)!.count, violations: total(SCOUT_STATS.redViolations), damageDealt: total(SCOUT_STATS.redDamageDealt), changedLooks };
}

test('a red policy that wants to fire through civilians violates the rules alone, and never through the reasoning layer', async () => {
  const alone = await play(false, 7, 300);
  assert.ok(alone.violations >= 20, `the policy alone: ${alone.violations} violations in ${alone.episodes} episodes`);
  let episodes = 0;
  for (const seed of [7, 8, 9]) {
    const ruled = await play(true, seed, 300);
    episodes += ruled.episodes;
    assert.equal(ruled.violations, 0, `seed ${seed}: violations with the rules on`);
    assert.ok(ruled.changedLooks > 0, 'the layer vetoed looks the policy wanted');
    assert.ok(ruled.damageDealt > 0, 'red still fires where the line of fire is clear');
  }
  assert.ok(episodes >= 100, `${episodes} episodes with the rules on`);
});
