#!/usr/bin/env node
/**
 * The `shiva` command.
 */
import { Command, CommanderError } from 'commander';
import { isShivaError } from '../core/errors.js';
import { registerBridgeDemo } from './bridge-demo-command.js';
import { registerDemo } from './demo-command.js';
import { ENVIRONMENT_HELP } from './help-text.js';
import { splitEnvArgs, stripUnityPlayerFlags } from './parse-options.js';
import { registerProbe } from './probe-command.js';
import { registerRecord } from './record-command.js';
import { registerEvaluate } from './evaluate-command.js';
import { registerExplain } from './explain-command.js';
import { registerExport } from './export-command.js';
import { registerTrain } from './train-command.js';
import { registerActor } from './actor-command.js';
import { registerImitate } from './imitate-command.js';
import { registerDagger } from './dagger-command.js';
import { registerUnityStandIn } from './unity-standin-command.js';
import { registerServe } from './serve-command.js';
import { registerDashboard } from './dashboard/dashboard-command.js';

const program = new Command()
  .name('shiva')
  .description('Shiva: a multi-agent RL and imitation-learning server for simulations (Unity ML-Agents scenes over gRPC, browser simulations over WebSocket)')
  .version('0.1.0')
  .showHelpAfterError()
  .addHelpText('after', ENVIRONMENT_HELP)
  .exitOverride();

registerBridgeDemo(program);
registerDemo(program);
registerProbe(program);
registerRecord(program);
registerTrain(program);
registerActor(program);
registerImitate(program);
registerDagger(program);
registerEvaluate(program);
registerServe(program);
registerExplain(program);
registerDashboard(program);
registerExport(program);
registerUnityStandIn(program);

// `shiva` alone: the help, on stdout, and success (a question, not a mistake).
if (process.argv.length <= 2) {
  program.outputHelp();
  process.exit(0);
}

// --env-args takes the rest of the line for the executable, before Unity's player flags are stripped from it.
const { argv, logFile } = stripUnityPlayerFlags(splitEnvArgs(process.argv));
if (logFile) process.env.SHIVA_LOG_FILE = logFile;

try {
  await program.parseAsync(argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (isShivaError(error)) {
    process.stderr.write(`shiva: ${error.message} [${error.code}]\n`);
    process.exit(1);
  }
  throw error;
}
