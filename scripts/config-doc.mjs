// Rewrites the generated hyperparameter tables of docs/CONFIGURATION.md (the regions between
// <!-- hyperparameters:TYPES --> and <!-- /hyperparameters:TYPES -->) from the algorithms' tables, through
// ALGORITHMS (agents/registry.ts) and tableRows (agents/plugin/hyperparameter-table.ts). Run after `npm run build`.
// `--check` changes nothing and exits 1 when the document is stale. test/config/configuration-doc.test.ts checks
// that the two agree, with the same renderer (src/config/configuration-doc.ts).
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderHyperparameterRegions } from '../dist/src/config/configuration-doc.js';

const file = fileURLToPath(new URL('../docs/CONFIGURATION.md', import.meta.url));
const shown = 'docs/CONFIGURATION.md';
const check = process.argv.includes('--check');

const before = readFileSync(file, 'utf8');
let rendered;
try {
  rendered = renderHyperparameterRegions(before);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const changed = rendered.regions.filter((r) => r.changed).map((r) => r.name);
for (const region of rendered.regions) console.log(`${region.changed ? (check ? 'stale    ' : 'rewrote  ') : 'unchanged'} hyperparameters:${region.name}`);

if (changed.length === 0) {
  console.log(`${shown} is up to date.`);
} else if (check) {
  console.error(`${shown} is stale (${changed.join(' ')}): run \`npm run build && node scripts/config-doc.mjs\`.`);
  process.exit(1);
} else {
  // Atomic: a reader sees the old document or the new one, never half of it.
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, rendered.text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  console.log(`${shown}: rewrote ${changed.length} of ${rendered.regions.length} regions (${changed.join(' ')}).`);
}
