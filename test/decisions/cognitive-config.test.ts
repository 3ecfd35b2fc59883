/**
 * The run configuration's `cognitive:` section and `shiva.decisions`: the short and long forms, lookup by
 * behavior id, and errors with file, line, key path, expected and got (did-you-mean included); rule-file errors
 * from cognitive/ come back as SHIVA_ERR_RULES naming both the config key and the rule file's line and field;
 * a rule file that does not fit its behavior is refused with what differs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRuleFile } from '../../cognitive/index.js';
import { COGNITIVE_DEFAULTS, cognitiveConfigFor, loadRunConfig, parseRunConfig } from '../../src/config/index.js';
import { loadRuleSets, reasonerResolver } from '../../src/cli/reasoners.js';
import { loadRules } from '../../src/decisions/rule-files.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import { isShivaError, type ShivaError } from '../../src/core/errors.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { repoRoot } from '../helpers/paths.js';
import { CARTPOLE_SPEC, CARTPOLE_VETO_RULES, vectorSpec } from './helpers.js';

const FILE = 'run.yaml';
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;
const BEHAVIORS = ['behaviors:', '  CartPole:', '    trainer_type: ppo', '  Striker:', '    trainer_type: ppo'];

function errorOf(fn: () => unknown): ShivaError {
  try {
    fn();
  } catch (error) {
    assert.ok(isShivaError(error), `expected a ShivaError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an error, got none');
}

test('cognitive: a path, or a mapping with rules, enabled and trace settings; looked up by behavior id, team keys first', () => {
  const config = parseRunConfig(
    yaml(...BEHAVIORS, 'cognitive:', '  CartPole: rules/veto.yaml', '  Striker:', '    rules: rules/striker.yaml', '    enabled: false', '    trace_sample_rate: 0.5', '    trace_max_bytes: 2048', '    trace_keep: 0', '  Striker?team=1: { rules: rules/blue.yaml }'),
    FILE,
  );
  assert.deepEqual(cognitiveConfigFor(config, 'CartPole?team=0'), { name: 'CartPole', rules: 'rules/veto.yaml', ...COGNITIVE_DEFAULTS });
  assert.deepEqual(cognitiveConfigFor(config, 'Striker?team=0'), { name: 'Striker', rules: 'rules/striker.yaml', enabled: false, traceSampleRate: 0.5, traceMaxBytes: 2048, traceKeep: 0 });
  assert.equal(cognitiveConfigFor(config, 'Striker?team=1')!.rules, 'rules/blue.yaml');
  assert.equal(cognitiveConfigFor(config, 'Goalie?team=0'), null);
  assert.deepEqual(config.shiva.decisions, { windowMs: 2, maxBatch: 4096 });
  assert.equal(config.lines.get('cognitive.Striker.trace_sample_rate'), 11);
  const none = parseRunConfig(yaml(...BEHAVIORS, 'shiva:', '  decisions: { window_ms: 0.5, max_batch: 64 }'), FILE);
  assert.equal(none.cognitive.size, 0);
  assert.deepEqual(none.shiva.decisions, { windowMs: 0.5, maxBatch: 64 });
});

test('cognitive: errors name the file, line and key path, with what was expected and what came', () => {
  const cases: [string[], RegExp][] = [
    [['cognitive: [a.yaml]'], /^run\.yaml:6: cognitive: expected a mapping of behavior names to rule files \(e\.g\. CartPole: rules\.yaml\), got a list of 1$/],
    [['cognitive:', '  CartPol: veto.yaml'], /^run\.yaml:7: cognitive\.CartPol: expected a behavior listed under behaviors \(CartPole, Striker\), or a default_settings section for behaviors not listed, got "CartPol"; did you mean "CartPole"\?$/],
    [['cognitive:', '  CartPole: 3'], /^run\.yaml:7: cognitive\.CartPole: expected the path of a rule file, or a mapping with rules \(a path\), enabled, trace_sample_rate, trace_max_bytes, trace_keep, got 3$/],
    [['cognitive:', '  CartPole:', '    enabled: true'], /^run\.yaml:7: cognitive\.CartPole\.rules: expected the path of a rule file \(YAML; see cognitive\/README\.md\), got nothing \(the key is missing\)$/],
    [['cognitive:', '  CartPole:', '    rules: veto.yaml', '    trace_sample_rat: 0.1'], /^run\.yaml:9: cognitive\.CartPole\.trace_sample_rat: expected one of rules, enabled, trace_sample_rate, trace_max_bytes, trace_keep, got unknown key "trace_sample_rat"; did you mean "trace_sample_rate"\?$/],
    [['cognitive:', '  CartPole: { rules: veto.yaml, enabled: yes }'], /^run\.yaml:7: cognitive\.CartPole\.enabled: expected true or false, got "yes" \(YAML 1\.2 reads yes\/no\/on\/off as text; write true or false\)$/],
    [['cognitive:', '  CartPole: { rules: veto.yaml, trace_sample_rate: 1.5 }'], /^run\.yaml:7: cognitive\.CartPole\.trace_sample_rate: expected a number in \[0, 1\], got 1\.5$/],
    [['cognitive:', '  CartPole: { rules: veto.yaml, trace_keep: -1 }'], /^run\.yaml:7: cognitive\.CartPole\.trace_keep: expected an integer in 0\.\.100, got -1$/],
    [['shiva:', '  decisions: { window_ms: -1 }'], /^run\.yaml:7: shiva\.decisions\.window_ms: expected a number in \[0, 10000\], got -1$/],
    [['shiva:', '  decisions: { windw_ms: 1 }'], /^run\.yaml:7: shiva\.decisions\.windw_ms: expected one of window_ms, max_batch, got unknown key "windw_ms"; did you mean "window_ms"\?$/],
  ];
  for (const [lines, expected] of cases) {
    const error = errorOf(() => parseRunConfig(yaml(...BEHAVIORS, ...lines), FILE));
    assert.equal(error.code, 'SHIVA_ERR_CONFIG');
    assert.match(error.message, expected);
  }
  // With default_settings any behavior may be named (the environment announces them).
  assert.equal(parseRunConfig(yaml('default_settings:', '  trainer_type: ppo', 'cognitive:', '  Anyone: a.yaml'), FILE).cognitive.get('Anyone')!.rules, 'a.yaml');
});

test('rule files are read when the run starts: cognitive errors become SHIVA_ERR_RULES naming the config key and the rule file\'s line and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-rules-'));
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, yaml('types: { push: [left, right] }', 'predicates:', '  move: { args: { dir: push! } }', 'branches: [move]', 'conditionals:', '  - { name: r, conditions: [], rejcet: move(dir=left) }'));
  const config = (path: string, enabled = true) => parseRunConfig(yaml(...BEHAVIORS, 'cognitive:', `  CartPole: { rules: ${JSON.stringify(path)}, enabled: ${enabled} }`), FILE);
  const error = errorOf(() => loadRuleSets(config(bad)));
  assert.equal(error.code, 'SHIVA_ERR_RULES');
  assert.match(error.message, new RegExp(`^run\\.yaml:7: cognitive\\.CartPole\\.rules: ${bad.replace(/[.]/g, '\\.')}:6:\\d+: conditionals\\[0\\]\\.rejcet: unknown key "rejcet".*did you mean "reject"\\?.* \\[COG_RULES_INVALID\\]$`));
  const unreadable = errorOf(() => loadRuleSets(config(join(dir, 'nowhere.yaml'))));
  assert.equal(unreadable.code, 'SHIVA_ERR_RULES');
  assert.match(unreadable.message, /^run\.yaml:7: cognitive\.CartPole\.rules: .*nowhere\.yaml: cannot read the rule file: ENOENT.* \[COG_RULES_READ\]$/);
  assert.equal(loadRuleSets(config(bad, false)).size, 0, 'a disabled entry is not read');

  const good = join(dir, 'veto.yaml');
  writeFileSync(good, CARTPOLE_VETO_RULES);
  const ok = config(good);
  const resolve = reasonerResolver(ok, loadRuleSets(ok), { runDir: null, seeds: new RunSeeds(1) });
  const layer = resolve('CartPole?team=0', CARTPOLE_SPEC);
  assert.ok(layer instanceof ReasoningLayer);
  assert.equal(resolve('CartPole?team=0', CARTPOLE_SPEC), layer, 'one layer per behavior');
  assert.equal(resolve('Striker?team=0', CARTPOLE_SPEC), null, 'no entry, no layer');
  const off = config(good, false);
  assert.equal(reasonerResolver(off, loadRuleSets(off), { runDir: null, seeds: new RunSeeds(1) })('CartPole?team=0', CARTPOLE_SPEC), null, 'enabled: false acts with the policy alone');
});

test('a rule file that does not fit its behavior is refused: branch sizes, and observations the perception map needs', () => {
  const rules = parseRuleFile(CARTPOLE_VETO_RULES, 'veto.yaml');
  const three = errorOf(() => new ReasoningLayer(rules, vectorSpec('Walker?team=0', 4, 0, [3]), { rulesFile: 'veto.yaml', seed: 0 }));
  assert.equal(three.code, 'SHIVA_ERR_RULES');
  assert.equal(three.message, 'veto.yaml (rules of behavior "Walker?team=0"): branches: expected one selection predicate per discrete action branch of the behavior, sizes [3], got [move: 2]');
  const wide = parseRuleFile(CARTPOLE_VETO_RULES.replace('cart_x: 0', 'cart_x: 6'), 'wide.yaml');
  const narrow = errorOf(() => new ReasoningLayer(wide, CARTPOLE_SPEC, { rulesFile: 'wide.yaml', seed: 0 }));
  assert.equal(narrow.message, 'wide.yaml (rules of behavior "CartPole?team=0"): perception: expected observation indices below 4 (the behavior\'s observations hold 4 values: VectorSensor_size4 [4]), got an index that needs 7 values');
});

test('the example configs/cartpole-veto.yaml loads, and its rule file fits CartPole', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'cartpole-veto.yaml'));
  const entry = cognitiveConfigFor(config, 'CartPole?team=0')!;
  assert.deepEqual({ rules: entry.rules, enabled: entry.enabled, rate: entry.traceSampleRate }, { rules: 'configs/cartpole-veto.rules.yaml', enabled: true, rate: 0.01 });
  const layer = new ReasoningLayer(loadRules(join(repoRoot, entry.rules)), CARTPOLE_SPEC, { rulesFile: entry.rules, seed: 0 });
  assert.deepEqual(layer.branches, [2]);
  assert.equal(layer.cycle.observationSize, 1, 'the rules read the cart position only');
});
