/**
 * The mission map and the human seat in a real browser (playwright-core driving Chromium): the dashboard's Map view
 * replays recorded scout episodes (both teams drawn, "next shot" shows a line of fire); the seat shows the scout
 * map with actions named by the scene ("move north to waypoint 7"), masked moves greyed with the reason, and takes
 * an action from the keyboard; then a person plays a two-step duel from the seat, and `shiva demo info` reads the
 * .demo back. No CSP violation, no page error, no request to another origin. Screenshots in the test's temporary
 * folder (printed). Skips, saying why, when no Chromium is installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { getBuiltinEnv } from '../../../envs/registry.js';
import { RED_BEHAVIOR, type ScoutScene } from '../../../envs/scout/scout-scene.js';
import { DashboardServer } from '../../../src/cli/dashboard/dashboard-server.js';
import { recordHuman } from '../../../src/cli/record-human.js';
import { HumanPage } from '../../../src/cli/record-human-server.js';
import { LocalEnv } from '../../../src/core/env/local-env.js';
import { createLogger } from '../../../src/telemetry/logger.js';
import { NO_CHROMIUM, findChromium } from '../../helpers/chromium.js';
import { runCli, lastJsonLine } from '../../helpers/processes.js';
import { recordScoutEpisodes } from '../../helpers/scout-episodes.js';

const executable = findChromium();
const logger = createLogger('map-seat-browser-test');
logger.level = 'warn';

interface Drawn {
  teams: number[];
  kinds: Record<string, number>;
  links: Record<string, number>;
}

function watch(page: Page, origin: string): { violations: string[]; external: string[] } {
  const violations: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith(origin.replace('http', 'ws'))) external.push(r.url());
  });
  return { violations, external };
}

async function drawn(page: Page, selector: string): Promise<Drawn> {
  return JSON.parse((await page.locator(selector).getAttribute('data-drawn')) ?? '{}') as Drawn;
}

test('the map replays scout episodes with both teams and a line of fire; the seat names actions, greys masked ones, and records a two-step duel', { skip: executable === null ? NO_CHROMIUM : false, timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-map-seat-browser-'));
  const shots = join(dir, 'screenshots');
  mkdirSync(shots);
  const results = join(dir, 'results');
  await recordScoutEpisodes(join(results, 'scout-episodes'), 3);
  let browser: Browser | null = null;
  const dashboard = await DashboardServer.open({ resultsDir: results, port: 0 });
  let seat: HumanPage | null = null;
  try {
    browser = await chromium.launch({ executablePath: executable!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

    // The map: the last recorded episode, drawn; "next shot" goes to a frame with a line of fire.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dashWatch = watch(page, dashboard.url.replace(/\/$/, ''));
    await page.goto(dashboard.url);
    await page.click('#tab-map');
    await page.locator('#map-canvas[data-frame]').waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#curves').isHidden(), true, 'the curves are hidden behind the map');
    const start = await drawn(page, '#map-canvas');
    assert.deepEqual(start.teams, [0, 1], 'both scout teams');
    assert.ok((start.kinds['civilian'] ?? 0) >= 1 && start.kinds['trainee'] === 1, 'non-combatants and the trainee');
    assert.ok((start.links['edge'] ?? 0) > 0, 'the waypoint graph');
    await page.click('#map-next-fire');
    const shot = await drawn(page, '#map-canvas');
    assert.ok((shot.links['fire'] ?? 0) >= 1, `a line of fire: ${JSON.stringify(shot.links)}`);
    assert.notEqual(await page.locator('#map-canvas').getAttribute('data-frame'), '0');
    await page.screenshot({ path: join(shots, 'map-line-of-fire.png'), fullPage: true });
    // Step and play move the frame on.
    const at = Number(await page.locator('#map-canvas').getAttribute('data-frame'));
    await page.click('#map-step');
    assert.equal(Number(await page.locator('#map-canvas').getAttribute('data-frame')), at + 1);
    await page.selectOption('#map-speed', '30');
    await page.click('#map-play');
    await page.waitForTimeout(300);
    assert.ok(Number(await page.locator('#map-canvas').getAttribute('data-frame')) > at + 1, 'play advances');
    await page.click('#map-play');
    assert.deepEqual(dashWatch.violations, [], 'no CSP violation or page error on the dashboard');
    assert.deepEqual(dashWatch.external, [], 'no request left the dashboard');

    // The seat on the scout mission: the map, named actions, masked moves greyed with the reason, keys.
    const env = new LocalEnv('builtin:scout', getBuiltinEnv('scout').factory, { seed: 2 });
    await env.reset();
    const scene = env.academy.scene as ScoutScene;
    const steps = env.getSteps(RED_BEHAVIOR).decisionSteps;
    const spec = env.behaviorSpecs.get(RED_BEHAVIOR)!;
    const agentId = steps.agentIds[0]!;
    seat = await HumanPage.open('127.0.0.1', 0, { type: 'hello', behavior: RED_BEHAVIOR, observationShapes: [[114]], continuousSize: 0, discreteBranches: [...spec.actionSpec.discreteBranches], episodes: 1, actionNames: scene.actionNames(RED_BEHAVIOR), map: true });
    const mask = Array.from(steps.actionMasks!.subarray(0, 11));
    const answer = seat.ask(0, { type: 'decision', step: 0, agents: [{ agentId, observations: [], mask, actionNames: scene.actionNames(RED_BEHAVIOR, agentId) }], drawing: scene.draw(0), episode: 1, episodeReturn: 0 }, (m) => m['discrete']);
    const seatPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const seatWatch = watch(seatPage, seat.url.replace(/\/$/, ''));
    await seatPage.goto(seat.url);
    await seatPage.locator('#seat-map[data-drawn]').waitFor({ timeout: 10_000 });
    assert.deepEqual((await drawn(seatPage, '#seat-map')).teams, [0, 1]);
    const moveButtons = seatPage.locator('button[data-branch="0"]');
    const moveNames: string[] = [];
    for (let k = 0; k < (await moveButtons.count()); k++) moveNames.push((await moveButtons.nth(k).getAttribute('data-name')) ?? '');
    assert.match(moveNames[0]!, /^stay at waypoint \d+$/);
    assert.ok(moveNames.some((n) => /^move (north|south|west|east) to waypoint \d+$/.test(n)), `named moves: ${moveNames.join('; ')}`);
    const maskedCount = mask.slice(0, 5).filter((m) => m === 1).length;
    assert.equal(await seatPage.locator('button[data-branch="0"]:disabled[data-reason^="masked"]').count(), maskedCount, 'masked moves are greyed with the reason');
    assert.equal(await seatPage.locator('button[data-branch="2"][data-name="prone"]').count(), 1);
    await seatPage.screenshot({ path: join(shots, 'seat-scout.png'), fullPage: true });
    await seatPage.keyboard.press('1'); // stay
    await seatPage.keyboard.press('e'); // look west
    await seatPage.keyboard.press('s'); // prone
    await seatPage.keyboard.press('Enter');
    assert.deepEqual(await answer, [0, 2, 1], 'the keys chose stay, look west, prone');
    assert.deepEqual(seatWatch.violations, [], 'no CSP violation or page error on the seat');
    assert.deepEqual(seatWatch.external, [], 'no request left the seat');
    await seatPage.close();
    await seat.close();
    seat = null;

    // A two-step duel played from the seat (forward, forward: the flag is two cells away), read back by shiva demo info.
    const out = join(dir, 'duel.demo');
    let resolveUrl: (u: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (resolveUrl = resolve));
    const recording = recordHuman({ env: 'builtin:duel', behavior: 'Duel?team=0', episodes: 1, out, seed: 1, timeoutMs: 10_000, port: 0, onListening: (u) => resolveUrl(u), logger, parameters: { half_length: 2, max_steps: 2 } });
    const url = await Promise.race([listening, recording.then(() => '')]);
    const duel = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    const duelWatch = watch(duel, url.replace(/\/$/, ''));
    await duel.goto(url);
    for (let step = 0; step < 2; step++) {
      const forward = duel.locator('button[data-branch="0"][data-name="forward"]:enabled');
      await forward.waitFor({ timeout: 10_000 });
      await duel.locator('#seat-map[data-drawn]').waitFor();
      if (step === 1) await duel.screenshot({ path: join(shots, 'seat-duel.png'), fullPage: true });
      const shown = await duel.locator('#seat-map').getAttribute('data-step');
      await duel.keyboard.press('3'); // forward
      // Sent: the buttons wait, disabled, for the next decision, unless it came already (the map moved on a step) or
      // the seat is done (its buttons gone); any of the three ends the wait instead of running out its timeout.
      await duel.locator(`button[data-branch="0"][data-name="forward"]:disabled, #seat-map:not([data-step="${shown}"]), body[data-done="true"]`).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    const result = await recording;
    // One row per decision and one for the episode's end (Unity's recorder does the same).
    assert.equal(result.steps, 3, 'two decisions and the terminal row');
    assert.equal(result.episodes, 1);
    await duel.locator('body[data-done="true"]').waitFor({ timeout: 5_000 }).catch(() => undefined);
    assert.deepEqual(duelWatch.violations, []);
    const info = await runCli(['demo', 'info', out]).done;
    assert.equal(info.code, 0, info.stderr);
    const read = lastJsonLine<{ steps: number; episodes: number }>(info.stdout);
    assert.equal(read.steps, 3);
    // The meta record counts as Unity's DemonstrationRecorder does: one more than the episodes completed (record.test.ts: 5 → 6).
    assert.equal(read.episodes, 2);
    process.stdout.write(`# map: ${JSON.stringify(shot.links)} links; seat: ${moveNames.join('; ')}; duel demo ${read.steps} rows; screenshots in ${shots}\n`);
  } finally {
    await browser?.close();
    await seat?.close();
    await dashboard.close();
  }
});
