/**
 * Decoding one output as a trainer sees it: specs from brain parameters plus the first agent's observations
 * (vector, buffer-sensor, PNG visual, goal signal), hybrid actions, masks (true = not allowed, concatenated over
 * branches), terminal-then-decision under one id, interruption, groups; and actions back in the agents' order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { OutputDecoder } from '../../src/protocol/output-decoder.js';
import { encodeObservation } from '../../src/protocol/observation-codec.js';
import { decodeActions, encodeActions } from '../../src/protocol/actions.js';
import { actionSpecFromBrainParameters, brainParametersFromSpec } from '../../src/protocol/brain-parameters.js';
import { splitAgentInfos } from '../../src/core/env/steps.js';
import { ObservationType } from '../../src/core/env/behavior-spec.js';

const visualSpec = { name: 'Camera', shape: [3, 4, 4], dimensionProperties: [1, 2, 2], observationType: ObservationType.DEFAULT };
const pixels = Float32Array.from({ length: 48 }, (_, i) => (i * 5) / 255);

function agent(id: number, extra: Partial<co.AgentInfoProto.$Properties>): co.AgentInfoProto.$Properties {
  return {
    id,
    observations: [
      { shape: [5], floatData: { data: [id, 1, 2, 3, 4] }, dimensionProperties: [1], name: 'VectorSensor_size5' },
      { shape: [4, 3], floatData: { data: Array.from({ length: 12 }, (_, k) => (k < 6 ? id + k : 0)) }, dimensionProperties: [4, 1], name: 'BufferSensor' },
      encodeObservation(pixels, visualSpec, 'png'),
      { shape: [2], floatData: { data: [0.5, -0.5] }, dimensionProperties: [1], observationType: 1, name: 'Goal' },
    ],
    ...extra,
  };
}

test('one message decodes into typed batches that split as mlagents_envs splits them', () => {
  const message = co.UnityMessageProto.decode(
    co.UnityMessageProto.encode({
      header: { status: 200 },
      unityOutput: {
        rlOutput: {
          agentInfos: {
            'Striker?team=1': {
              value: [
                agent(3, { done: true, maxStepReached: true, reward: -1, groupId: 2, groupReward: 0.5 }),
                agent(3, { actionMask: [false, true, false, true, false], groupId: 2 }),
                agent(8, { reward: 0.25, groupId: 2, groupReward: 0.5 }),
                agent(9, { done: true, reward: 2 }),
              ],
            },
            'Silent?team=0': { value: [] },
          },
        },
        rlInitializationOutput: {
          brainParameters: [
            { brainName: 'Striker?team=1', isTraining: true, actionSpec: { numContinuousActions: 2, numDiscreteActions: 2, discreteBranchSizes: [3, 2] } },
            { brainName: 'Silent?team=0', isTraining: true, actionSpec: { numDiscreteActions: 1, discreteBranchSizes: [2] } },
          ],
        },
      },
    }).finish(),
  );
  const decoder = new OutputDecoder('test');
  const out = decoder.decode(message.unityOutput);
  // A behavior announced without agents in the same message is not known yet (mlagents_envs ignores it).
  assert.deepEqual(out.newBehaviors.map((s) => s.name), ['Striker?team=1']);
  const spec = out.newBehaviors[0]!;
  assert.deepEqual(spec.actionSpec, { continuousSize: 2, discreteBranches: [3, 2] });
  assert.deepEqual(spec.observationSpecs.map((o) => [o.name, o.shape, o.dimensionProperties, o.observationType]), [
    ['VectorSensor_size5', [5], [1], 0],
    ['BufferSensor', [4, 3], [4, 1], 0],
    ['Camera', [3, 4, 4], [1, 2, 2], 0],
    ['Goal', [2], [1], 1],
  ]);
  const batch = out.agentInfos.get('Striker?team=1')!;
  assert.deepEqual(Array.from(batch.agentIds), [3, 3, 8, 9]);
  assert.ok(batch.observations[2]!.every((v, i) => Math.abs(v - pixels[i % 48]!) < 1 / 255 + 1e-6), 'PNG pixels decode to channel-first floats');

  const { decisionSteps: d, terminalSteps: t } = splitAgentInfos(spec, batch);
  assert.deepEqual(Array.from(d.agentIds), [3, 8]);
  assert.deepEqual(Array.from(t.agentIds), [3, 9]);
  assert.deepEqual(Array.from(t.interrupted), [1, 0], 'max_step_reached means interrupted, not terminal');
  assert.deepEqual(Array.from(t.rewards), [-1, 2]);
  assert.deepEqual(Array.from(d.rewards), [0, 0.25]);
  assert.deepEqual(Array.from(d.groupIds), [2, 2]);
  assert.deepEqual(Array.from(d.groupRewards), [0, 0.5]);
  assert.deepEqual(Array.from(t.groupRewards), [0.5, 0]);
  // Masks: concatenated over branches, 1 = not allowed; an agent that wrote none allows everything.
  assert.deepEqual(Array.from(d.actionMasks!), [0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(d.observations[0]!), [3, 1, 2, 3, 4, 8, 1, 2, 3, 4]);
  assert.deepEqual(Array.from(d.observations[1]!.subarray(0, 12)), [3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0]);

  // Hybrid actions go back in the order the agents asked, with the deprecated field filled as Python fills it.
  const actions = { continuous: Float32Array.from([0.5, -1, 0.25, 1]), discrete: Int32Array.from([2, 1, 0, 0]) };
  const wire = encodeActions(actions, spec.actionSpec, 2);
  assert.deepEqual(wire.map((a) => Array.from(a.discreteActions!)), [[2, 1], [0, 0]]);
  assert.deepEqual(Array.from(wire[0]!.vectorActionsDeprecated!), [0.5, -1, 2, 1]);
  const back = decodeActions(wire, spec.actionSpec, 2, 'unity side');
  assert.deepEqual(Array.from(back.continuous), [0.5, -1, 0.25, 1]);
  assert.deepEqual(Array.from(back.discrete), [2, 1, 0, 0]);
});

test('brain parameters: the deprecated action fields of pre-1.3 peers and .demo files, and bad specs', () => {
  assert.deepEqual(actionSpecFromBrainParameters({ brainName: 'Ball', vectorActionSizeDeprecated: [2], vectorActionSpaceTypeDeprecated: 1 }, 'w'), { continuousSize: 2, discreteBranches: [] });
  assert.deepEqual(actionSpecFromBrainParameters({ brainName: 'Grid', vectorActionSizeDeprecated: [5, 3], vectorActionSpaceTypeDeprecated: 0 }, 'w'), { continuousSize: 0, discreteBranches: [5, 3] });
  assert.throws(() => actionSpecFromBrainParameters({ brainName: 'X', actionSpec: { numDiscreteActions: 2, discreteBranchSizes: [3] } }, 'conn'), /conn: brain "X" action_spec\.discrete_branch_sizes: expected 2 sizes \(num_discrete_actions\), got 1/);
  assert.throws(() => actionSpecFromBrainParameters({ brainName: 'X', actionSpec: { numDiscreteActions: 1, discreteBranchSizes: [0] } }, 'conn'), /branch sizes ≥ 1/);
  const legacy = brainParametersFromSpec({ name: 'B?team=0', observationSpecs: [], actionSpec: { continuousSize: 0, discreteBranches: [4] } }, false);
  assert.deepEqual([legacy.vectorActionSizeDeprecated, legacy.vectorActionSpaceTypeDeprecated], [[4], 0]);
  assert.throws(() => brainParametersFromSpec({ name: 'H?team=0', observationSpecs: [], actionSpec: { continuousSize: 1, discreteBranches: [2] } }, false), /hybrid actions need a trainer with the hybridActions capability/);
});

test('agents whose observations do not match the spec are refused with the agent, observation and shapes named', () => {
  const decoder = new OutputDecoder('conn');
  const output = (agents: co.AgentInfoProto.$Properties[]) => ({
    rlOutput: { agentInfos: { 'B?team=0': { value: agents } } },
    rlInitializationOutput: { brainParameters: [{ brainName: 'B?team=0', actionSpec: { numDiscreteActions: 1, discreteBranchSizes: [2] } }] },
  });
  decoder.decode(output([{ id: 0, observations: [{ shape: [2], floatData: { data: [1, 2] } }] }]));
  assert.throws(() => decoder.decode(output([{ id: 5, observations: [{ shape: [3], floatData: { data: [1, 2, 3] } }] }])), /conn: behavior "B\?team=0" agent 5 \(#0\): observation 0 shape: expected \[2\], got \[3\]/);
  assert.throws(() => decoder.decode(output([{ id: 6, observations: [] }])), /agent 6 \(#0\): observations: expected 1 \(one per sensor of the behavior spec\), got 0/);
});
