/**
 * `shiva export CHECKPOINT [--out DIR] [--behavior NAME]`.
 */
import type { Command } from 'commander';
import { exportCheckpoint } from './export.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("write a training checkpoint's policies as ONNX models for Unity (ML-Agents' model contract: drag BEHAVIOR.onnx into the agent's Behavior Parameters → Model); prints one JSON line")
    .argument('<checkpoint>', 'a training checkpoint (RESULTS/RUN_ID/checkpoints/*.ckpt)')
    .option('--out <dir>', 'write DIR/BEHAVIOR.onnx (default: BEHAVIOR-STEP.onnx beside the checkpoint)')
    .option('--behavior <name>', 'only this behavior (default: every behavior in the checkpoint)')
    .action((checkpoint: string, flags: { out?: string; behavior?: string }) => {
      const result = exportCheckpoint(checkpoint, { ...(flags.out !== undefined ? { out: flags.out } : {}), ...(flags.behavior !== undefined ? { behavior: flags.behavior } : {}) });
      process.stdout.write(JSON.stringify(result) + '\n');
    });
}
