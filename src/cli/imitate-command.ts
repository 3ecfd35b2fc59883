/**
 * `shiva imitate CONFIG [--epochs N] [--validation F]`: offline behavioral cloning of every behavior with a
 * behavioral_cloning section; writes a checkpoint that `shiva train` starts from (init_path) and `shiva evaluate` plays.
 */
import type { Command } from 'commander';
import { loadRunConfig, type CliOverrides } from '../config/index.js';
import { BACKEND_REQUESTS } from '../core/runtime/backend.js';
import { createLogger } from '../telemetry/logger.js';
import { imitate } from './imitate.js';
import { integer, nonNegativeNumber } from './parse-options.js';

interface ImitateFlags {
  epochs?: number;
  validation?: number;
  runId?: string;
  force?: boolean;
  seed?: number;
  resultsDir?: string;
  backend?: string;
}

export function registerImitate(program: Command): void {
  program
    .command('imitate')
    .description(
      'fit the policy of every behavior with a behavioral_cloning section to its demonstration (offline behavioral cloning) and write a checkpoint to RESULTS/RUN_ID/checkpoints; start `shiva train` from it with init_path: RESULTS/RUN_ID; prints one JSON line {runDir, checkpoint, behaviors}',
    )
    .argument('<config>', 'run configuration (YAML) with behaviors.NAME.behavioral_cloning.demo_path')
    .option('--epochs <n>', 'passes over the demonstration (default: max(30, 10 × behavioral_cloning.num_epoch))', integer(1))
    .option('--validation <fraction>', 'hold out this fraction of the episodes and report their loss and accuracy', nonNegativeNumber)
    .option('--run-id <id>', 'names the run folder RESULTS/RUN_ID')
    .option('--force', 'overwrite an existing run folder')
    .option('--seed <seed>', 'seed of the fit', integer(-1))
    .option('--results-dir <dir>', 'where run folders go')
    .option('--backend <backend>', `tfjs backend: ${BACKEND_REQUESTS.join(', ')} (or SHIVA_BACKEND)`)
    .action(async (file: string, flags: ImitateFlags) => {
      const logger = createLogger('imitate');
      const { epochs, validation, ...rest } = flags;
      const overrides: CliOverrides = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      const config = loadRunConfig(file, overrides);
      const result = await imitate(config, {
        logger,
        ...(epochs !== undefined ? { epochs } : {}),
        ...(validation !== undefined ? { validation } : {}),
      });
      process.stdout.write(JSON.stringify(result) + '\n');
    });
}
