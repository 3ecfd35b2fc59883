/**
 * `shiva demo info FILE|DIR`: what a Unity ML-Agents demonstration holds, as one JSON line on stdout.
 */
import type { Command } from 'commander';
import { readDemonstrations, type Demonstration } from '../protocol/demo-file/index.js';

export interface DemoInfo {
  readonly files: readonly string[];
  readonly apiVersion: number;
  readonly name: string;
  readonly behavior: {
    readonly name: string;
    readonly observations: readonly { readonly name: string; readonly shape: readonly number[]; readonly observationType: number }[];
    readonly actions: { readonly continuous: number; readonly discreteBranches: readonly number[] };
    readonly actionMasks: boolean;
  };
  readonly steps: number;
  readonly episodes: number;
  readonly meanReward: number;
  /** Each file's own meta record. */
  readonly perFile: readonly { readonly file: string; readonly apiVersion: number; readonly name: string; readonly steps: number; readonly episodes: number; readonly meanReward: number }[];
}

export function demoInfo(demo: Demonstration): DemoInfo {
  return {
    files: demo.files,
    apiVersion: demo.meta.apiVersion,
    name: demo.meta.name,
    behavior: {
      name: demo.spec.name,
      observations: demo.spec.observationSpecs.map((o) => ({ name: o.name, shape: o.shape, observationType: o.observationType })),
      actions: { continuous: demo.spec.actionSpec.continuousSize, discreteBranches: demo.spec.actionSpec.discreteBranches },
      actionMasks: demo.actionMasks !== null,
    },
    steps: demo.steps,
    episodes: demo.meta.numberEpisodes,
    meanReward: demo.meta.meanReward,
    perFile: demo.fileMetas.map((m, i) => ({ file: demo.files[i]!, apiVersion: m.apiVersion, name: m.name, steps: m.numberSteps, episodes: m.numberEpisodes, meanReward: m.meanReward })),
  };
}

export function registerDemo(program: Command): void {
  const demo = program.command('demo').description('Unity ML-Agents demonstration (.demo) files');
  demo
    .command('info')
    .description('read a .demo file, or a folder of them as one dataset, and print its behavior spec, steps, episodes, mean reward and api version as one JSON line')
    .argument('<path>', 'a .demo file or a folder of .demo files')
    .action((path: string) => {
      process.stdout.write(JSON.stringify(demoInfo(readDemonstrations(path))) + '\n');
    });
}
