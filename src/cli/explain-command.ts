/**
 * `shiva explain TRACE [--line N | --agent ID --step S [--env E] | --rule NAME] [--json]`: one decision of a trace
 * file, readably, or the decisions where a rule fired.
 */
import type { Command } from 'commander';
import { ShivaError } from '../core/errors.js';
import { describeDecision, describeRuleFirings, findDecision, findRuleFirings, type TraceSelector } from './explain.js';
import { integer } from './parse-options.js';

interface ExplainFlags {
  line?: number;
  agent?: number;
  step?: number;
  env?: number;
  rule?: string;
  json?: boolean;
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('print one decision of a reasoning-layer trace file (RUN/traces/BEHAVIOR.jsonl): what the rules saw, the rules that fired and their bindings, every contribution to every candidate, the combined scores and any impasse; or, with --rule, every decision where a rule fired')
    .argument('<trace>', 'decision-trace file (JSONL)')
    .option('--line <n>', 'the decision on line N (default 1)', integer(1))
    .option('--agent <id>', 'the decision of agent ID at --step S', integer(-(2 ** 31), 2 ** 31 - 1))
    .option('--step <s>', "the learner's step count when the decision was made (with --agent)", integer(0))
    .option('--env <e>', 'the environment (index in the run) when agent ids repeat across environments', integer(0))
    .option('--rule <name>', 'list the decisions where the rule (a conditional of the rule file) fired: line, env, agent, step, bindings, actions')
    .option('--json', 'print the trace line as JSON instead (with --rule: every matching line)')
    .action(async (file: string, flags: ExplainFlags) => {
      if (flags.rule !== undefined) {
        const other = flags.line !== undefined ? '--line' : flags.agent !== undefined ? '--agent' : flags.step !== undefined ? '--step' : null;
        if (other !== null) throw new ShivaError('SHIVA_ERR_USAGE', `--rule ${flags.rule}: expected --rule alone (it lists every decision where the rule fired), got ${other} too`);
        const firings = await findRuleFirings(file, flags.rule);
        const text = flags.json ? firings.firings.map((f) => JSON.stringify(f.record)).join('\n') : describeRuleFirings(file, flags.rule, firings);
        if (text !== '') process.stdout.write(text + '\n');
        return;
      }
      const found = await findDecision(file, selectorOf(flags));
      process.stdout.write((flags.json ? JSON.stringify(found.record) : describeDecision(file, found)) + '\n');
    });
}

function selectorOf(flags: ExplainFlags): TraceSelector {
  const byAgent = flags.agent !== undefined || flags.step !== undefined;
  if (byAgent && flags.line !== undefined) throw new ShivaError('SHIVA_ERR_USAGE', `--line ${flags.line}: expected either --line or --agent with --step, got both`);
  if (!byAgent) return { kind: 'line', line: flags.line ?? 1 };
  if (flags.agent === undefined || flags.step === undefined) {
    throw new ShivaError('SHIVA_ERR_USAGE', `${flags.agent === undefined ? '--step' : '--agent'}: expected --agent ID and --step S together, got only ${flags.agent === undefined ? '--step' : '--agent'}`);
  }
  return { kind: 'agent', agent: flags.agent, step: flags.step, ...(flags.env !== undefined ? { env: flags.env } : {}) };
}
