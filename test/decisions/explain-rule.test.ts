/**
 * `shiva explain` on the traces of a short real run of the default job (configs/scout.yaml with the rules of
 * engagement, through the compiled CLI): `--rule NAME` lists the decisions where a rule fired, with the values its
 * variables were bound to (checked against what the agent observed), and the readable output names the
 * observation values as the scout scene names them and as the rule file does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCOUT_OBS, SCOUT_OBSERVATION_LABELS } from '../../envs/scout/scout-observation.js';
import { parseTraceRecord, type DecisionTraceRecord } from '../../src/decisions/trace-record.js';
import { readTraceLabels, traceLabelsPath } from '../../src/decisions/trace-labels.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/processes.js';

const RULE = 'hold-fire-civilian-in-line';
/** The rule file's observation indices: civilian in a line of fire, looking north, south, west, east. */
const CIVILIAN_INDEX: Record<string, number> = { north: 24, south: 28, west: 32, east: 36 };

let traced: Promise<string> | null = null;

/** A short run of configs/scout.yaml tracing 10% of decisions; its trace file. */
function traceOfShortRun(): Promise<string> {
  traced ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiva-explain-rule-'));
    const text = readFileSync(join(repoRoot, 'configs', 'scout.yaml'), 'utf8')
      .replace(/max_steps: \d+/, 'max_steps: 2000')
      .replace(/results_dir: \S+/, `results_dir: ${join(dir, 'results')}`)
      .replace(/rules: configs\/scout-roe\.rules\.yaml/, `rules: ${join(repoRoot, 'configs', 'scout-roe.rules.yaml')}`)
      .replace(/episodes: 200/, 'episodes: 4')
      .replace(/backend: \w+/, 'backend: wasm')
      .replace(/trace_sample_rate: [\d.]+/, 'trace_sample_rate: 0.1');
    const config = join(dir, 'scout.yaml');
    writeFileSync(config, text);
    const run = await runCli(['train', config]).done;
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    return join(dir, 'results', 'scout', 'traces', 'Red_team=0.jsonl');
  })();
  return traced;
}

function records(file: string): DecisionTraceRecord[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line, i) => parseTraceRecord(line, `${file}:${i + 1}`));
}

test('the scout scene names each of its 114 observation values', () => {
  assert.equal(SCOUT_OBSERVATION_LABELS.length, SCOUT_OBS);
  assert.equal(new Set(SCOUT_OBSERVATION_LABELS).size, SCOUT_OBS, 'distinct names');
  for (const [dir, index] of Object.entries(CIVILIAN_INDEX)) assert.equal(SCOUT_OBSERVATION_LABELS[index], `look_${dir}_civilian_in_line`);
  assert.equal(SCOUT_OBSERVATION_LABELS[SCOUT_OBS - 1], 'team');
});

test('shiva explain --rule lists every decision where the rule fired, with its bindings, and nothing else', async () => {
  const file = await traceOfShortRun();
  const all = records(file);
  const fired = all.map((r, i) => ({ r, line: i + 1, f: r.trace.fired.find((x) => x.conditional === RULE) })).filter((x) => x.f !== undefined);
  assert.ok(fired.length >= 2, `${fired.length} of ${all.length} traced decisions with ${RULE}`);

  const listed = await runCli(['explain', file, '--rule', RULE]).done;
  assert.equal(listed.code, 0, listed.stderr);
  const out = listed.stdout.trim().split('\n');
  assert.equal(out[0], `rule ${RULE} fired in ${fired.length} of ${all.length} traced decision(s) of ${file}`);
  assert.match(out[1]!, /^ {2}line +env +agent +step +bindings +actions$/);
  const rows = out.slice(2, -1);
  assert.equal(rows.length, fired.length);
  for (const [k, row] of rows.entries()) {
    const { r, line, f } = fired[k]!;
    const cells = row.trim().split(/ {2,}/);
    assert.deepEqual(cells.slice(0, 4).map(Number), [line, r.env, r.agent, r.step], row);
    // The bindings are the look directions with a civilian in the line of fire, as the agent observed them.
    const directions = f!.bindings!.map((b) => b.values['d']!);
    assert.ok(directions.length > 0);
    for (const d of directions) assert.equal(r.observation[CIVILIAN_INDEX[d]!], 1, `line ${line}: ${d}`);
    for (const [d, index] of Object.entries(CIVILIAN_INDEX)) if (!directions.includes(d)) assert.equal(r.observation[index], 0, `line ${line}: ${d} unbound`);
    assert.equal(cells[4], directions.map((d) => `?d=${d}`).join('; '));
    // The action taken, by its labels: never a look the rule vetoed.
    assert.equal(cells[5], r.trace.branches.map((b) => `${b.predicate}=${b.chosenLabel}`).join(', '));
    assert.ok(!directions.includes(r.trace.branches[1]!.chosenLabel), `line ${line}: looked where the rule vetoed`);
  }
  assert.match(out.at(-1)!, /--line N shows one of them in full/);

  const json = await runCli(['explain', file, '--rule', RULE, '--json']).done;
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(json.stdout.trim().split('\n').map((l) => JSON.parse(l) as DecisionTraceRecord), fired.map((x) => JSON.parse(JSON.stringify(x.r))));

  const typo = await runCli(['explain', file, '--rule', 'hold-fire-civilian']).done;
  assert.equal(typo.code, 1);
  assert.match(typo.stderr, /--rule hold-fire-civilian: expected one of the rules of .*\(hold-fire-civilian-in-line, hold-fire-trainee-in-line\), got "hold-fire-civilian"; did you mean "hold-fire-civilian-in-line"\? \[SHIVA_ERR_USAGE\]/);
  const both = await runCli(['explain', file, '--rule', RULE, '--line', '1']).done;
  assert.equal(both.code, 1);
  assert.match(both.stderr, /--rule hold-fire-civilian-in-line: expected --rule alone .*, got --line too \[SHIVA_ERR_USAGE\]/);
});

test('shiva explain shows the bindings of the rules that fired and names the observation values as the scene and the rule file do', async () => {
  const file = await traceOfShortRun();
  assert.ok(existsSync(traceLabelsPath(file)), 'labels beside the trace');
  const labels = readTraceLabels(file)!;
  assert.equal(labels.behavior, 'Red?team=0');
  assert.deepEqual(labels.observations, [{ name: `VectorSensor_size${SCOUT_OBS}`, size: SCOUT_OBS }]);
  assert.deepEqual(labels.scene, SCOUT_OBSERVATION_LABELS);
  assert.equal(labels.rules['civilian_north'], 24);
  assert.deepEqual(labels.conditionals, ['hold-fire-civilian-in-line', 'hold-fire-trainee-in-line']);

  const all = records(file);
  const line = all.findIndex((r) => r.trace.fired.some((f) => f.conditional === RULE)) + 1;
  const r = all[line - 1]!;
  const bound = r.trace.fired.find((f) => f.conditional === RULE)!.bindings!.map((b) => `?d=${b.values['d']}`).join('; ');
  const shown = await runCli(['explain', file, '--line', String(line)]).done;
  assert.equal(shown.code, 0, shown.stderr);
  const text = shown.stdout;
  assert.match(text, new RegExp(`fired ${RULE} \\(degree 1, utility 0\\) with ${bound.replace(/\?/g, '\\?')}\\n`));
  assert.match(text, new RegExp(`observation \\(the first ${r.observation.length} values of VectorSensor_size114, named by the scene; \\* the rules read it\\):\\n {4}self_x=`));
  for (const [d, index] of Object.entries(CIVILIAN_INDEX)) {
    assert.match(text, new RegExp(` look_${d}_civilian_in_line=${r.observation[index]}\\*`));
    assert.match(text, new RegExp(`civilian_${d} \\[${index}\\] = ${r.observation[index]}`));
  }
  assert.match(text, /the rules read:\n {4}civilian_north \[24\] = /);
  assert.match(text, new RegExp(`actions \\[${r.actions.join(', ')}\\] \\(moving=\\w+, looking=\\w+, posture=\\w+\\)`));
});
