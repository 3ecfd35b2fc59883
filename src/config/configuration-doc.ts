/**
 * The generated parts of docs/CONFIGURATION.md: one hyperparameter table per algorithm, rendered from its table
 * (agents/<algorithm>/hyperparameters.ts, through agents/registry.ts) between marker comments:
 *
 *   <!-- hyperparameters:ppo,mappo -->
 *   …generated…
 *   <!-- /hyperparameters:ppo,mappo -->
 *
 * Trainer types whose plugins share one table object (mappo reads PPO's) share one region, named by all of them in
 * registry order. The prose around the regions is written by hand. `node scripts/config-doc.mjs` rewrites the
 * regions; test/config/configuration-doc.test.ts checks that the document equals what this module renders.
 */
import { ALGORITHMS } from '../../agents/registry.js';
import { tableRows, type HyperparameterTable } from '../../agents/plugin/hyperparameter-table.js';

/** One generated table and the trainer types it documents. */
export interface HyperparameterRegion {
  /** The marker's name: the trainer types, comma-separated, in registry order. */
  readonly name: string;
  readonly trainerTypes: readonly string[];
  readonly table: HyperparameterTable;
}

/** The regions the document must have: one per distinct table, in registry order. */
export function hyperparameterRegions(): HyperparameterRegion[] {
  const byTable = new Map<HyperparameterTable, string[]>();
  for (const plugin of ALGORITHMS) {
    const types = byTable.get(plugin.schema.table) ?? [];
    types.push(plugin.trainerType);
    byTable.set(plugin.schema.table, types);
  }
  return [...byTable].map(([table, trainerTypes]) => ({ name: trainerTypes.join(','), trainerTypes, table }));
}

/** What goes between a region's markers (blank lines around, so the table is its own markdown block). */
export function renderRegion(region: HyperparameterRegion): string {
  const lines = ['', `<!-- generated from the table by \`node scripts/config-doc.mjs\`: edit the table, not these lines -->`];
  if (region.trainerTypes.length > 1) lines.push(`${region.trainerTypes.map((t) => `\`trainer_type: ${t}\``).join(' and ')} read this one table.`, '');
  lines.push(...tableRows(region.table), '');
  return `\n${lines.join('\n')}\n`;
}

/** A region marker found in a document. */
export interface FoundRegion {
  readonly name: string;
  /** Whether rendering changed what was between its markers. */
  readonly changed: boolean;
}

const MARKER = /<!-- (\/?)hyperparameters:([^\s>]*) -->/g;

/** The names of the regions `markdown` has (opening markers), in order. */
export function regionsIn(markdown: string): string[] {
  return [...markdown.matchAll(MARKER)].filter((m) => m[1] === '').map((m) => m[2]!);
}

/**
 * `markdown` with every hyperparameter region rendered from the current tables, and which regions changed.
 * Throws when the markers are not one well-formed region per table: an unclosed or stray marker, a name that is no
 * region (say a trainer type that no longer shares a table, or one that is not registered), a region twice, or a
 * region missing (a new algorithm needs its markers placed by hand, beside its prose).
 */
export function renderHyperparameterRegions(markdown: string): { readonly text: string; readonly regions: readonly FoundRegion[] } {
  const expected = new Map(hyperparameterRegions().map((r) => [r.name, r]));
  const problems: string[] = [];
  const found: FoundRegion[] = [];
  let text = '';
  let at = 0;
  let open: { name: string; end: number } | null = null;
  for (const m of markdown.matchAll(MARKER)) {
    const [marker, slash, name] = [m[0], m[1], m[2]!];
    if (slash === '') {
      if (open) problems.push(`<!-- hyperparameters:${open.name} --> is not closed before <!-- hyperparameters:${name} -->`);
      open = { name, end: m.index + marker.length };
      continue;
    }
    if (!open || open.name !== name) {
      problems.push(`<!-- /hyperparameters:${name} --> closes no <!-- hyperparameters:${name} -->`);
      open = null;
      continue;
    }
    const region = expected.get(name);
    if (!region) problems.push(`region "${name}" is not one of the tables' regions (${[...expected.keys()].join(' ')})`);
    else if (found.some((f) => f.name === name)) problems.push(`region "${name}" appears twice`);
    else {
      const rendered = renderRegion(region);
      found.push({ name, changed: markdown.slice(open.end, m.index) !== rendered });
      text += markdown.slice(at, open.end) + rendered;
      at = m.index;
    }
    open = null;
  }
  if (open) problems.push(`<!-- hyperparameters:${open.name} --> is not closed`);
  for (const name of expected.keys()) {
    if (!found.some((f) => f.name === name)) {
      problems.push(`no region for ${expected.get(name)!.trainerTypes.map((t) => `trainer_type ${t}`).join(' and ')}: add <!-- hyperparameters:${name} --> and <!-- /hyperparameters:${name} --> where its keys belong`);
    }
  }
  if (problems.length > 0) throw new Error(`docs/CONFIGURATION.md's hyperparameter regions:\n  ${problems.join('\n  ')}`);
  return { text: text + markdown.slice(at), regions: found };
}

/** `markdown` with every hyperparameter region rendered from the current tables (see renderHyperparameterRegions). */
export function renderHyperparameterSections(markdown: string): string {
  return renderHyperparameterRegions(markdown).text;
}
