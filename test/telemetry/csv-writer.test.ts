/**
 * CsvScalarWriter: long-format rows under a fixed header, RFC 4180 quoting, appending on reopen, and refusal
 * to append to a file of another shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_HEADER, CsvScalarWriter, quoteField } from '../../src/telemetry/csv-writer.js';
import { isShivaError } from '../../src/core/errors.js';

const csvPath = () => join(mkdtempSync(join(tmpdir(), 'shiva-csv-')), 'run', 'scalars.csv');

test('rows are step,wall_time,tag,value under one header, tags listed as they appear', () => {
  const path = csvPath();
  const writer = new CsvScalarWriter(path, { now: () => 1700000000.5 });
  writer.addScalar('Environment/Cumulative Reward', 12.25, 1000);
  writer.addScalar('Losses/Policy Loss', -0.0312, 1000, 1700000001);
  writer.addScalar('Environment/Cumulative Reward', Number.NaN, 2000, 1700000002);
  writer.addScalar('Policy/Learning Rate', 3e-4, 2000, 1700000002);
  assert.deepEqual(writer.tags, ['Environment/Cumulative Reward', 'Losses/Policy Loss', 'Policy/Learning Rate']);
  writer.close();
  assert.equal(
    readFileSync(path, 'utf8'),
    [
      'step,wall_time,tag,value',
      '1000,1700000000.5,Environment/Cumulative Reward,12.25',
      '1000,1700000001,Losses/Policy Loss,-0.0312',
      '2000,1700000002,Environment/Cumulative Reward,nan',
      '2000,1700000002,Policy/Learning Rate,0.0003',
      '',
    ].join('\n'),
  );
});

test('tags with commas, quotes or newlines are quoted', () => {
  assert.equal(quoteField('Custom/plain tag'), 'Custom/plain tag');
  assert.equal(quoteField('a,b'), '"a,b"');
  assert.equal(quoteField('say "hi"'), '"say ""hi"""');
  assert.equal(quoteField('two\nlines'), '"two\nlines"');
  const path = csvPath();
  const writer = new CsvScalarWriter(path, { now: () => 1 });
  writer.addScalar('Stats/x,y', Infinity, 3);
  writer.addScalar('Stats/"q"', -Infinity, 4);
  writer.close();
  assert.equal(readFileSync(path, 'utf8'), `${CSV_HEADER}\n3,1,"Stats/x,y",inf\n4,1,"Stats/""q""",-inf\n`);
});

test('reopening appends below the existing rows without a second header', () => {
  const path = csvPath();
  const first = new CsvScalarWriter(path, { now: () => 1 });
  first.addScalar('a', 1, 1);
  first.close();
  const second = new CsvScalarWriter(path, { now: () => 2 });
  second.addScalar('a', 2, 2);
  second.close();
  assert.equal(readFileSync(path, 'utf8'), `${CSV_HEADER}\n1,1,a,1\n2,2,a,2\n`);
});

test('a last row cut by a crash stays one bad line: appending starts on a new line', () => {
  const path = csvPath();
  const first = new CsvScalarWriter(path, { now: () => 1 });
  first.addScalar('a', 1, 1);
  first.close();
  appendFileSync(path, '2,1,a,0.'); // what a kill in the middle of a write can leave
  const second = new CsvScalarWriter(path, { now: () => 3 });
  second.addScalar('a', 3, 3);
  second.close();
  assert.equal(readFileSync(path, 'utf8'), `${CSV_HEADER}\n1,1,a,1\n2,1,a,0.\n3,3,a,3\n`);
});

test('a file with another header is refused, naming the file and both headers', () => {
  const path = csvPath();
  new CsvScalarWriter(path).close();
  writeFileSync(path, 'step,reward\n1,2\n');
  assert.throws(
    () => new CsvScalarWriter(path),
    (error: unknown) =>
      isShivaError(error, 'SHIVA_ERR_TELEMETRY_FILE') &&
      error.message === `${path}: cannot append scalars: expected the header line "${CSV_HEADER}", found "step,reward\\n1,2\\n"`,
  );
});

test('rows wait for the flush policy and reach the file on flush', () => {
  const path = csvPath();
  const writer = new CsvScalarWriter(path, { now: () => 1, everyChunks: 2, everySeconds: 3600 });
  writer.addScalar('a', 1, 1);
  assert.equal(readFileSync(path, 'utf8'), `${CSV_HEADER}\n`);
  writer.addScalar('a', 2, 2);
  assert.equal(readFileSync(path, 'utf8'), `${CSV_HEADER}\n1,1,a,1\n2,1,a,2\n`);
  writer.addScalar('a', 3, 3);
  writer.flush();
  assert.equal(readFileSync(path, 'utf8').split('\n').length, 5);
  writer.close();
});
