/**
 * The cognitive layer's own error class. `cognitive/` is a library on its own and imports nothing of the
 * project, so it does not use src/errors.ts; callers at the project's boundary may wrap these.
 */

/** Every code a CognitiveError can carry, with a one-line description (kept in sync by a test). */
export const COGNITIVE_ERROR_CODES = {
  COG_RULES_READ: 'a rule file could not be read from disk',
  COG_RULES_SYNTAX: 'a rule file is not well-formed YAML',
  COG_RULES_INVALID: 'a rule file is valid YAML but breaks the rule-file schema (wrong type, missing or unknown field)',
  COG_RULES_REFERENCE: 'a rule file names a type, predicate, argument, label, variable or observation that does not exist',
  COG_PATTERN_SYNTAX: 'a predicate pattern such as selected(op=fire) is malformed',
  COG_GRAPH_INVALID: 'a factor graph or factor table is inconsistent (unknown variable, size mismatch)',
  COG_INPUT_SHAPE: 'a decision input (policy probabilities, observations) has the wrong length or layout',
  COG_STATE: 'an operation was called in a state that does not allow it (e.g. learn before any decide)',
} as const;

export type CognitiveErrorCode = keyof typeof COGNITIVE_ERROR_CODES;

/** Where an error points: the file, 1-based line and column, and the dotted field path. */
export interface CognitiveErrorPlace {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
}

export class CognitiveError extends Error {
  override readonly name = 'CognitiveError';
  readonly code: CognitiveErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;

  constructor(code: CognitiveErrorCode, message: string, place: CognitiveErrorPlace = {}) {
    super(formatMessage(message, place));
    this.code = code;
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.field = place.field;
  }
}

/** `file:line:col: field: message`, leaving out the parts that are unknown. */
function formatMessage(message: string, place: CognitiveErrorPlace): string {
  let where = '';
  if (place.file !== undefined) {
    where = place.file;
    if (place.line !== undefined) where += `:${place.line}`;
    if (place.line !== undefined && place.column !== undefined) where += `:${place.column}`;
  }
  const field = place.field !== undefined && place.field !== '' ? `${place.field}: ` : '';
  return where === '' ? `${field}${message}` : `${where}: ${field}${message}`;
}
