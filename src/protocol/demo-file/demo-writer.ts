/**
 * Writes a whole demonstration (for example one read from files, or built in memory) as one `.demo` file, through
 * DemoRecorder: the same layout, the same Unity rules for the meta record, the same atomic rename.
 */
import { maskSize, observationSize } from '../../core/env/behavior-spec.js';
import type { DemoInput, DemoMeta } from './demonstration.js';
import { DemoRecorder, type DemoRecorderOptions } from './demo-recorder.js';
import { demoError } from './framing.js';

/** Returns the meta record written: counts and mean reward computed from the rows, as Unity computes them. */
export function writeDemoFile(path: string, demo: DemoInput & { readonly meta?: { readonly name: string } }, options: DemoRecorderOptions = {}): DemoMeta {
  const { spec, steps } = demo;
  const sizes = spec.observationSpecs.map(observationSize);
  const continuousSize = spec.actionSpec.continuousSize;
  const branches = spec.actionSpec.discreteBranches.length;
  const masks = maskSize(spec.actionSpec);
  checkLength(path, 'observations', demo.observations.length, sizes.length, '(one array per observation spec)');
  demo.observations.forEach((o, i) => checkLength(path, `observations[${i}]`, o.length, steps * sizes[i]!, `(${steps} steps × ${sizes[i]})`));
  checkLength(path, 'continuousActions', demo.continuousActions.length, steps * continuousSize, `(${steps} steps × ${continuousSize})`);
  checkLength(path, 'discreteActions', demo.discreteActions.length, steps * branches, `(${steps} steps × ${branches} branches)`);
  if (demo.actionMasks) checkLength(path, 'actionMasks', demo.actionMasks.length, steps * masks, `(${steps} steps × ${masks})`);
  for (const key of ['rewards', 'dones', 'interrupted', 'agentIds'] as const) {
    const values = demo[key];
    if (values) checkLength(path, key, values.length, steps, '(one per step)');
  }

  const recorder = DemoRecorder.open(path, spec, { name: options.name ?? demo.meta?.name, compression: options.compression });
  try {
    for (let n = 0; n < steps; n++) {
      recorder.addStep({
        observations: demo.observations.map((o, i) => o.subarray(n * sizes[i]!, (n + 1) * sizes[i]!)),
        continuousActions: demo.continuousActions.subarray(n * continuousSize, (n + 1) * continuousSize),
        discreteActions: demo.discreteActions.subarray(n * branches, (n + 1) * branches),
        actionMask: demo.actionMasks ? demo.actionMasks.subarray(n * masks, (n + 1) * masks) : null,
        reward: demo.rewards[n]!,
        done: demo.dones[n] === 1,
        interrupted: demo.interrupted?.[n] === 1,
        agentId: demo.agentIds?.[n] ?? 0,
      });
    }
  } catch (error) {
    recorder.abort();
    throw error;
  }
  return recorder.close();
}

function checkLength(path: string, field: string, got: number, expected: number, why: string): void {
  if (got !== expected) throw demoError(`${path}: writing ${field}: expected ${expected} values ${why}, got ${got}`);
}
