/**
 * The human seat as part of the dashboard, in a real browser (playwright-core driving Chromium): `shiva dashboard
 * --seat builtin:duel` (a duel two steps long) started as a child process of the compiled CLI; the page opens on the
 * curves, the Seat tab shows the duel's map and its actions by name, a person plays two steps by clicking "forward",
 * the page says the recording is written, `shiva demo info` reads the .demo back, and the dashboard keeps serving
 * (the other tabs still work). No CSP violation, no page error, no request to another origin. Screenshots in the
 * test's temporary folder (printed). Skips, saying why, when no Chromium is installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { NO_CHROMIUM, findChromium } from '../../helpers/chromium.js';
import { lastJsonLine, runCli, type RunningCli } from '../../helpers/processes.js';

const executable = findChromium();

/** Resolves with the first stdout line of `cli` that parses as JSON and has `key`. */
function jsonLineWith<T>(cli: RunningCli, key: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no JSON line with "${key}" on stdout within ${timeoutMs} ms: ${text}`)), timeoutMs);
    cli.child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      const line = text.split('\n').slice(0, -1).find((l) => l.startsWith('{') && key in (JSON.parse(l) as object));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as T);
      }
    });
    void cli.done.then((r) => {
      clearTimeout(timer);
      reject(new Error(`shiva dashboard exited (${r.code}) first: ${r.stderr.slice(-1500)}`));
    });
  });
}

test('the Seat tab of the dashboard in Chromium: a two-step duel played by clicking named actions is recorded, shiva demo info reads it back, the dashboard keeps serving', { skip: executable === null ? NO_CHROMIUM : false, timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-dashboard-seat-browser-'));
  const results = join(dir, 'results');
  mkdirSync(results);
  const shots = join(dir, 'screenshots');
  mkdirSync(shots);
  const out = join(dir, 'duel.demo');
  const cli = runCli(['dashboard', '--results-dir', results, '--port', '0', '--seat', 'builtin:duel', '--seat-behavior', 'Duel?team=0', '--seat-out', out, '--seat-param', 'half_length=2', '--seat-param', 'max_steps=2', '--seat-seed', '1']);
  let browser: Browser | null = null;
  try {
    const { url } = await jsonLineWith<{ url: string }>(cli, 'url');
    const recorded = jsonLineWith<{ seat: { file: string; steps: number; episodes: number } }>(cli, 'seat', 60_000);
    browser = await chromium.launch({ executablePath: executable!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const origin = url.replace(/\/$/, '');
    const violations: string[] = [];
    const external: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith(origin.replace('http', 'ws'))) external.push(r.url());
    });

    const main = await page.goto(url);
    assert.equal(main?.status(), 200);
    assert.match(main!.headers()['content-security-policy'] ?? '', /script-src 'self'; style-src 'self'; connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
    assert.equal(await page.locator('#seat').isHidden(), true, 'the page opens on the curves');
    await page.click('#tab-seat');
    assert.equal(await page.locator('#curves').isHidden(), true);
    assert.equal(await page.locator('#tab-seat').getAttribute('aria-selected'), 'true');
    await page.locator('#seat-info a[href="/seat/"]').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('#seat-info').innerText(), /Recording .* of builtin:duel \(1 episode\(s\)\) to .*duel\.demo: recording/);

    for (let step = 0; step < 2; step++) {
      const forward = page.locator('#seat button[data-branch="0"][data-name="forward"]:enabled');
      await forward.waitFor({ timeout: 10_000 });
      await page.locator('#seat-map[data-drawn]').waitFor();
      const buttons = page.locator('#seat button[data-branch="0"]');
      const names: (string | null)[] = [];
      for (let k = 0; k < (await buttons.count()); k++) names.push(await buttons.nth(k).getAttribute('data-name'));
      assert.deepEqual(names, ['back', 'stay', 'forward'], 'actions by name');
      if (step === 0) {
        const drawn = JSON.parse((await page.locator('#seat-map').getAttribute('data-drawn')) ?? '{}') as { teams: number[] };
        assert.deepEqual(drawn.teams, [0, 1], 'the duel\'s two runners on the map');
        await page.screenshot({ path: join(shots, 'seat-tab.png'), fullPage: true });
      }
      const shown = await page.locator('#seat-map').getAttribute('data-step');
      await forward.click();
      // The click sent the action: the buttons wait, disabled, for the next decision, unless it came already (the
      // map moved on a step) or the seat is done (its buttons gone); any of the three ends the wait instead of
      // running out its timeout.
      await page.locator(`#seat button[data-branch="0"][data-name="forward"]:disabled, #seat-map:not([data-step="${shown}"]), #seat .seat-root[data-done="true"]`).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    const { seat } = await recorded;
    assert.equal(seat.file, out);
    assert.equal(seat.steps, 3, 'two decisions and the terminal row');
    assert.equal(seat.episodes, 1);
    await page.locator('#seat .seat-root[data-done="true"]').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('#seat .seat-status').innerText(), /^done: 1 episode\(s\), 3 rows written to .*duel\.demo/);
    await page.screenshot({ path: join(shots, 'seat-done.png'), fullPage: true });

    const info = await runCli(['demo', 'info', out]).done;
    assert.equal(info.code, 0, info.stderr);
    const read = lastJsonLine<{ steps: number; episodes: number }>(info.stdout);
    assert.equal(read.steps, 3);
    // The meta record counts as Unity's DemonstrationRecorder does: one more than the episodes completed.
    assert.equal(read.episodes, 2);

    // The dashboard keeps serving: back to the curves, and the map tab hides the seat.
    await page.click('#tab-curves');
    assert.equal(await page.locator('#seat').isHidden(), true);
    assert.equal(await page.locator('#curves').isVisible(), true);
    await page.click('#tab-map');
    assert.equal(await page.locator('#seat').isHidden(), true);
    const api = await page.request.get(`${url}api/seat`);
    assert.equal(((await api.json()) as { seat: { state: string } }).seat.state, 'done');
    assert.deepEqual(violations, [], 'no CSP violation or page error');
    assert.deepEqual(external, [], 'no request left the dashboard');
    process.stdout.write(`# seat: duel demo ${read.steps} rows, ${read.episodes} episodes (meta); screenshots in ${shots}\n`);
  } finally {
    await browser?.close();
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
    await cli.done;
  }
});
