/**
 * Reading a rule file: YAML → validated RuleSet. Every problem is a CognitiveError naming the file, the line
 * and column, the field, what was expected and what came (with the nearest known name for typos).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { CognitiveError } from '../errors.js';
import { RuleFileContext } from './rule-file-context.js';
import { RuleReader } from './rule-reader.js';
import type { RuleSet } from './rule-set.js';
import { readConditionals } from './validate-conditionals.js';
import {
  readBranches,
  readDecide,
  readElaboration,
  readLearning,
  readObservation,
  readPerception,
  readPredicates,
  readTypes,
} from './validate-declarations.js';

export const RULE_FILE_KEYS = [
  'version',
  'name',
  'types',
  'predicates',
  'observation',
  'perception',
  'branches',
  'fallback',
  'conditionals',
  'decide',
  'learning',
  'elaboration',
];

export function loadRuleFile(path: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CognitiveError('COG_RULES_READ', `cannot read the rule file: ${(e as Error).message}`, { file: path });
  }
  return parseRuleFile(text, path);
}

/** Parses and validates rule-file text; `file` is only used in messages. */
export function parseRuleFile(text: string, file = '<rules>'): RuleSet {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const bad = doc.errors[0];
  if (bad !== undefined) {
    const pos = lines.linePos(bad.pos[0]);
    throw new CognitiveError('COG_RULES_SYNTAX', `not well-formed YAML: ${bad.message.split('\n')[0]!}`, { file, line: pos.line, column: pos.col });
  }
  const ctx = new RuleFileContext(file, doc, lines);
  const r = new RuleReader(ctx);
  const top = r.map([], doc.toJS() ?? {}, RULE_FILE_KEYS);
  if (top.version !== undefined && top.version !== 1) ctx.expected(['version'], '1', top.version);
  const name = top.name === undefined ? basename(file).replace(/\.ya?ml$/, '') : r.string(['name'], top.name);
  const types = readTypes(r, top.types);
  const predicates = readPredicates(r, top.predicates, types);
  const observation = readObservation(r, top.observation);
  const perception = readPerception(r, top.perception, predicates, observation);
  const branches = readBranches(r, top.branches, top.fallback, predicates);
  const selection = new Set(branches.map((b) => b.predicate));
  perception.forEach((p, i) => {
    if (selection.has(p.predicate)) ctx.fail('COG_RULES_INVALID', ['perception', i, 'predicate'], `selection predicate ${p.predicate} is decided, not perceived`);
  });
  const conditionals = readConditionals(r, top.conditionals, predicates, selection, (path) => ctx.locate(path).line);
  return {
    file,
    name,
    types,
    predicates,
    observation,
    perception,
    branches,
    conditionals,
    decide: readDecide(r, top.decide),
    learning: readLearning(r, top.learning),
    elaboration: readElaboration(r, top.elaboration),
  };
}
