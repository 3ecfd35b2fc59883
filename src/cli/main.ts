#!/usr/bin/env node
/**
 * The `shiva` command.
 */
import { Command, CommanderError } from 'commander';
import { isShivaError } from '../core/errors.js';
import { ENVIRONMENT_HELP } from './help-text.js';
import { splitEnvArgs, stripUnityPlayerFlags } from './parse-options.js';

type Register = (program: Command) => void;

/**
 * Each command's module, in the order the help lists them, loaded only when needed: a command's module brings in
 * what it runs (tfjs for the learning commands), and the commands started many times over, such as
 * `shiva unity-standin` (once per simulation), need none of the others'. The help, and a word that names no
 * command, load them all.
 */
const COMMANDS: readonly (readonly [name: string, load: () => Promise<Register>])[] = [
  ['bridge-demo', async () => (await import('./bridge-demo-command.js')).registerBridgeDemo],
  ['demo', async () => (await import('./demo-command.js')).registerDemo],
  ['probe', async () => (await import('./probe-command.js')).registerProbe],
  ['record', async () => (await import('./record-command.js')).registerRecord],
  ['train', async () => (await import('./train-command.js')).registerTrain],
  ['actor', async () => (await import('./actor-command.js')).registerActor],
  ['imitate', async () => (await import('./imitate-command.js')).registerImitate],
  ['dagger', async () => (await import('./dagger-command.js')).registerDagger],
  ['evaluate', async () => (await import('./evaluate-command.js')).registerEvaluate],
  ['serve', async () => (await import('./serve-command.js')).registerServe],
  ['explain', async () => (await import('./explain-command.js')).registerExplain],
  ['dashboard', async () => (await import('./dashboard/dashboard-command.js')).registerDashboard],
  ['export', async () => (await import('./export-command.js')).registerExport],
  ['unity-standin', async () => (await import('./unity-standin-command.js')).registerUnityStandIn],
];

const program = new Command()
  .name('shiva')
  .description('Shiva: a multi-agent RL and imitation-learning server for simulations (Unity ML-Agents scenes over gRPC, browser simulations over WebSocket)')
  .version('0.1.0')
  .showHelpAfterError()
  .addHelpText('after', ENVIRONMENT_HELP)
  .exitOverride();

// --env-args takes the rest of the line for the executable, before Unity's player flags are stripped from it.
const { argv, logFile } = stripUnityPlayerFlags(splitEnvArgs(process.argv));

// The command commander will run (the first word after the script), alone; anything else (`shiva`, `--help`,
// `help train`, a mistyped name and its did-you-mean) sees every command, as if all were always loaded.
const named = COMMANDS.find(([name]) => name === argv[2]);
const registers = await Promise.all((named ? [named] : COMMANDS).map(([, load]) => load()));
for (const register of registers) register(program);

// `shiva` alone: the help, on stdout, and success (a question, not a mistake).
if (process.argv.length <= 2) {
  program.outputHelp();
  process.exit(0);
}

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
