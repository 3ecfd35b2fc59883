/**
 * docs/CONFIGURATION.md's hyperparameter tables are the algorithms' tables: the document equals what
 * src/config/configuration-doc.ts renders from agents/registry.ts, and every trainer_type has its region.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRAINER_TYPES } from '../../agents/registry.js';
import { hyperparameterRegions, regionsIn, renderHyperparameterRegions, renderHyperparameterSections } from '../../src/config/configuration-doc.js';
import { repoRoot } from '../helpers/paths.js';

const REGENERATE = 'run `npm run build && node scripts/config-doc.mjs` to regenerate docs/CONFIGURATION.md from the tables';
const docs = readFileSync(join(repoRoot, 'docs', 'CONFIGURATION.md'), 'utf8');

test('every registered trainer_type has a hyperparameter region in docs/CONFIGURATION.md', () => {
  const covered = regionsIn(docs).flatMap((name) => name.split(','));
  for (const type of TRAINER_TYPES) {
    assert.ok(covered.includes(type), `docs/CONFIGURATION.md has no <!-- hyperparameters:… --> region for trainer_type ${type} (regions: ${regionsIn(docs).join(' ')})`);
  }
  assert.deepEqual(regionsIn(docs).sort(), hyperparameterRegions().map((r) => r.name).sort(), 'one region per table, named by the trainer types that share it');
});

test('docs/CONFIGURATION.md equals what the tables render', () => {
  const { regions } = renderHyperparameterRegions(docs);
  const stale = regions.filter((r) => r.changed).map((r) => r.name);
  assert.deepEqual(stale, [], `stale hyperparameter regions (${stale.join(' ')}): ${REGENERATE}`);
  assert.equal(renderHyperparameterSections(docs), docs, REGENERATE);
});

test('each region holds its table: one row per key, the key in parentheses when it is not set under hyperparameters', () => {
  for (const region of hyperparameterRegions()) {
    const body = docs.slice(docs.indexOf(`<!-- hyperparameters:${region.name} -->`), docs.indexOf(`<!-- /hyperparameters:${region.name} -->`));
    for (const [key, entry] of Object.entries(region.table)) {
      const name = (entry.source ?? 'hyperparameters') === 'hyperparameters' ? `| \`${key}\` |` : `| (\`${key}\`) |`;
      assert.ok(body.includes(name), `${region.name}: no row for ${key}`);
    }
  }
});

test('the renderer refuses a document whose regions do not match the tables, saying what to add', () => {
  const withoutDqn = docs.replace('<!-- hyperparameters:dqn -->', '').replace('<!-- /hyperparameters:dqn -->', '');
  assert.throws(() => renderHyperparameterSections(withoutDqn), /no region for trainer_type dqn: add <!-- hyperparameters:dqn -->/);
  const split = docs.replaceAll('hyperparameters:ppo,mappo -->', 'hyperparameters:ppo -->');
  assert.throws(() => renderHyperparameterSections(split), /region "ppo" is not one of the tables' regions/);
  assert.throws(() => renderHyperparameterSections(`${docs}\n<!-- hyperparameters:sac -->\n`), /not closed/);
});

test('a region edited by hand is rewritten, and the rest of the document is left as it is', () => {
  const edited = docs.replace('| `tau` | `0.005` |', '| `tau` | `0.01` |');
  assert.notEqual(edited, docs);
  const { text, regions } = renderHyperparameterRegions(edited);
  assert.equal(text, renderHyperparameterSections(docs));
  assert.ok(regions.find((r) => r.name === 'sac')?.changed);
});
