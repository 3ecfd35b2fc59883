/**
 * Rule files at the project's boundary: cognitive/ throws its own CognitiveErrors (it imports nothing of the
 * project); here they become ShivaErrors with code SHIVA_ERR_RULES, keeping the message's file, line, column and
 * field (`rules.yaml:12:5: conditionals[0].rejcet: unknown key ...`), prefixed by what asked for the file.
 */
import { CognitiveError, DecisionCycle, loadRuleFile, type CycleOptions, type RuleSet } from '../../cognitive/index.js';
import { ShivaError } from '../core/errors.js';

/** Reads and validates a rule file; `where` names what asked for it (e.g. `run.yaml:40: cognitive.CartPole.rules`). */
export function loadRules(path: string, where?: string): RuleSet {
  return asShivaError(() => loadRuleFile(path), where);
}

/** Compiles a validated rule set into a decision cycle (compilation can still refuse a rule set). */
export function compileRules(ruleSet: RuleSet, options: CycleOptions, where?: string): DecisionCycle {
  return asShivaError(() => new DecisionCycle(ruleSet, options), where);
}

/** Runs `fn`, turning a CognitiveError into SHIVA_ERR_RULES with the same place and field. */
export function asShivaError<T>(fn: () => T, where?: string): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CognitiveError) {
      const prefix = where === undefined ? '' : `${where}: `;
      throw new ShivaError('SHIVA_ERR_RULES', `${prefix}${error.message} [${error.code}]`, { cause: error });
    }
    throw error;
  }
}
