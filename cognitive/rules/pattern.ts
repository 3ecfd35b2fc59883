/**
 * Predicate patterns as written in rule files: `name`, `name(arg=label, other=?var)`, optionally prefixed by
 * `not ` (a negated condition, or a negated action). Arguments a pattern leaves out are matched by a fresh
 * variable of their own.
 */
import { CognitiveError } from '../errors.js';

export type PatternTerm = { readonly kind: 'const'; readonly label: string } | { readonly kind: 'var'; readonly name: string };

export interface PatternArg {
  readonly arg: string;
  readonly term: PatternTerm;
}

export interface Pattern {
  readonly text: string;
  readonly negated: boolean;
  readonly predicate: string;
  readonly args: readonly PatternArg[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const LABEL = /^[A-Za-z0-9_.+-]+$/;

/** Parses one pattern; throws COG_PATTERN_SYNTAX naming the column of the problem. */
export function parsePattern(text: string): Pattern {
  const fail = (col: number, expected: string): never => {
    throw new CognitiveError('COG_PATTERN_SYNTAX', `pattern "${text}": at column ${col + 1}: expected ${expected}`);
  };
  let s = text.trim();
  let start = text.length - text.trimStart().length; // column of s within text
  const not = /^not\s+/.exec(s);
  const negated = not !== null;
  if (not !== null) {
    s = s.slice(not[0].length);
    start += not[0].length;
  }
  const open = s.indexOf('(');
  const predicate = (open < 0 ? s : s.slice(0, open)).trim();
  if (!NAME.test(predicate)) fail(start, `a predicate name (letters, digits, _ or -), got "${predicate}"`);
  const args: PatternArg[] = [];
  if (open >= 0) {
    if (!s.endsWith(')')) fail(start + s.length, 'a closing ")"');
    const body = s.slice(open + 1, -1);
    if (body.trim() !== '') {
      let col = start + open + 1;
      for (const part of body.split(',')) {
        const eq = part.indexOf('=');
        if (eq < 0) fail(col, `arg=value or arg=?var, got "${part.trim()}"`);
        const arg = part.slice(0, eq).trim();
        const value = part.slice(eq + 1).trim();
        if (!NAME.test(arg)) fail(col, `an argument name, got "${arg}"`);
        if (args.some((a) => a.arg === arg)) fail(col, `each argument once, got ${arg} twice`);
        if (value.startsWith('?')) {
          if (!NAME.test(value.slice(1))) fail(col + eq + 1, `a variable name after ?, got "${value}"`);
          args.push({ arg, term: { kind: 'var', name: value.slice(1) } });
        } else {
          if (!LABEL.test(value)) fail(col + eq + 1, `a label or ?var, got "${value}"`);
          args.push({ arg, term: { kind: 'const', label: value } });
        }
        col += part.length + 1;
      }
    }
  }
  return { text: text.trim(), negated, predicate, args };
}

/** The pattern written back in canonical form. */
export function formatPattern(p: Pattern): string {
  const args = p.args.map((a) => `${a.arg}=${a.term.kind === 'var' ? `?${a.term.name}` : a.term.label}`).join(', ');
  return `${p.negated ? 'not ' : ''}${p.predicate}${args === '' ? '' : `(${args})`}`;
}
