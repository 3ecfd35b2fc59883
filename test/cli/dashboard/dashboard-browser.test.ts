/**
 * `shiva dashboard` in a real browser (playwright-core driving Chromium) against a real, short training run of the
 * scout job with its rules of engagement (both started as child processes of the compiled CLI): the reward curve
 * gains points while the run trains; the Map tab replays the run's recorded episodes (`--record-episodes`) with both
 * teams and a line of fire; in "why this action", clicking a traced decision shows an action vetoed with
 * the rule that vetoed it, beside `shiva explain`'s text; a run id with `..` is refused; the page's responses carry
 * the security headers and the page runs with no Content-Security-Policy violation. Screenshots are saved in the
 * test's temporary folder (printed). Skips, saying why, when no Chromium is installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { NO_CHROMIUM, findChromium } from '../../helpers/chromium.js';
import { repoRoot } from '../../helpers/paths.js';
import { runCli, type RunningCli } from '../../helpers/processes.js';

const executable = findChromium();
const TAG = 'Environment/Cumulative Reward';

/** Resolves with the first stdout line of `cli` that parses as JSON. */
function firstJsonLine<T>(cli: RunningCli, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what}: no JSON line on stdout within ${timeoutMs} ms`)), timeoutMs);
    cli.child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined && text.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as T);
      }
    });
    void cli.done.then((r) => reject(new Error(`${what} exited (${r.code}) before it was ready: ${r.stderr.slice(-1500)}`)));
  });
}

async function stop(cli: RunningCli | null, signal: NodeJS.Signals): Promise<void> {
  if (!cli || cli.child.exitCode !== null || cli.child.signalCode !== null) return;
  cli.child.kill(signal);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), 15_000);
  await cli.done;
  clearTimeout(timer);
}

test('the dashboard in Chromium: the curve of a training run grows, its map shows both teams and a line of fire, a traced veto is explained, .. is refused, headers and CSP hold', { skip: executable === null ? NO_CHROMIUM : false, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-dashboard-browser-'));
  const results = join(dir, 'results');
  mkdirSync(results);
  const shots = join(dir, 'screenshots');
  mkdirSync(shots);
  // The default scout job, short summaries and many traces; stopped by the test long before max_steps.
  const config = readFileSync(join(repoRoot, 'configs', 'scout.yaml'), 'utf8')
    .replace(/max_steps: \d+/, 'max_steps: 200000')
    .replace(/summary_freq: \d+/, 'summary_freq: 500')
    .replace(/run_id: \S+/, 'run_id: scout-live')
    .replace(/results_dir: \S+/, `results_dir: ${results}`)
    .replace(/rules: configs\/scout-roe\.rules\.yaml/, `rules: ${join(repoRoot, 'configs', 'scout-roe.rules.yaml')}`)
    .replace(/trace_sample_rate: [\d.]+/, 'trace_sample_rate: 0.05')
    .replace(/backend: \w+/, 'backend: wasm');
  assert.match(config, /trace_sample_rate: 0\.05/);
  const configPath = join(dir, 'scout.yaml');
  writeFileSync(configPath, config);

  let dashboard: RunningCli | null = null;
  let train: RunningCli | null = null;
  let browser: Browser | null = null;
  try {
    dashboard = runCli(['dashboard', '--results-dir', results, '--port', '0']);
    const { url } = await firstJsonLine<{ url: string; port: number }>(dashboard, 'shiva dashboard');
    train = runCli(['train', configPath, '--record-episodes', '8']);
    browser = await chromium.launch({ executablePath: executable!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(url)) external.push(r.url());
    });

    const main = await page.goto(url);
    assert.ok(main);
    assert.equal(main.status(), 200);
    const headers = main.headers();
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.match(headers['content-security-policy'] ?? '', /default-src 'none'; script-src 'self'; style-src 'self'/);

    // The run appears, live, and its reward curve gains points while it trains.
    await page.waitForSelector('#runs input[data-run="scout-live"]', { timeout: 40_000 });
    const chart = page.locator(`.chart[data-tag="${TAG}"]`);
    await chart.and(page.locator('[data-points]')).waitFor({ timeout: 40_000 });
    const first = Number(await chart.getAttribute('data-points'));
    assert.ok(first >= 1);
    // Polled from here: the page's CSP forbids the string evaluation waitForFunction would need without DOM types.
    let later = first;
    for (const until = Date.now() + 40_000; later <= first && Date.now() < until; ) {
      await page.waitForTimeout(250);
      later = Number(await chart.getAttribute('data-points'));
    }
    assert.ok(later > first, `the curve grew: ${first} → ${later} points`);
    assert.equal(await page.locator('#runs .live').count(), 1, 'the running run is marked live');
    await chart.locator('canvas').first().waitFor();
    await page.screenshot({ path: join(shots, 'curves.png'), fullPage: true });

    // Why this action: a decision a rule changed, clicked, shows the vetoed action and the rule.
    await page.click('#tab-why');
    const rows = page.locator('#decisions tbody tr');
    for (let i = 0; i < 60 && (await rows.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.click('#why-refresh');
    }
    assert.ok((await rows.count()) > 0, 'decisions a rule changed were traced');
    await rows.first().click();
    const vetoed = page.locator('#bars tr[data-excluded^="vetoed by"]').first();
    await vetoed.waitFor({ timeout: 10_000 });
    const reason = (await vetoed.getAttribute('data-excluded'))!;
    assert.match(reason, /^vetoed by hold-fire-/);
    assert.match((await vetoed.innerText()).replace(/\s+/g, ' '), /vetoed by hold-fire-/);
    const rule = reason.replace(/^vetoed by /, '').split(', ')[0]!;
    const explain = await page.locator('#explain').innerText();
    assert.match(explain, /^decision at scout-live\/traces\/Red_team=0\.jsonl:\d+/);
    assert.ok(explain.includes(`reject 1 from ${rule}`), 'shiva explain\'s text names the veto');
    await page.screenshot({ path: join(shots, 'why-this-action.png'), fullPage: true });

    // The map of the same run: its recorded episodes (--record-episodes) show both scout teams, and one of them a
    // line of fire ("next shot"). Episodes are written as they end, so the list is refreshed until one has a shot.
    await page.click('#tab-map');
    let fire: Record<string, number> = {};
    let teams: number[] = [];
    for (let attempt = 0; attempt < 60 && (fire['fire'] ?? 0) === 0; attempt++) {
      await page.click('#map-refresh');
      await page.waitForTimeout(500);
      const options = await page.locator('#map-episode option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
      for (const option of options) {
        await page.selectOption('#map-episode', option);
        await page.locator('#map-canvas[data-frame="0"]').waitFor({ timeout: 10_000 });
        teams = (JSON.parse((await page.locator('#map-canvas').getAttribute('data-drawn')) ?? '{}') as { teams: number[] }).teams;
        await page.click('#map-next-fire');
        fire = (JSON.parse((await page.locator('#map-canvas').getAttribute('data-drawn')) ?? '{}') as { links: Record<string, number> }).links;
        if ((fire['fire'] ?? 0) > 0) break;
      }
    }
    assert.deepEqual(teams, [0, 1], 'both scout teams on the map of the training run');
    assert.ok((fire['fire'] ?? 0) >= 1, `a line of fire in a recorded episode of the training run: ${JSON.stringify(fire)}`);
    await page.screenshot({ path: join(shots, 'map-of-the-run.png'), fullPage: true });

    // A run id with .. is refused, with the headers.
    const traversal = await page.request.get(`${url}api/runs/..%2F..%2Fetc/series?learner=x&tag=y`);
    assert.equal(traversal.status(), 400);
    assert.match(await traversal.text(), /run id: expected the name of a run folder/);
    assert.equal(traversal.headers()['x-content-type-options'], 'nosniff');

    assert.deepEqual(violations, [], 'no CSP violation or page error');
    assert.deepEqual(external, [], 'no request left the dashboard');
    process.stdout.write(`# curve ${first} → ${later} points; vetoed by ${rule}; screenshots in ${shots}\n`);
  } finally {
    await browser?.close();
    await stop(train, 'SIGINT');
    await stop(dashboard, 'SIGTERM');
  }
});
