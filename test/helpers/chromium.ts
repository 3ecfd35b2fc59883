/**
 * A Chromium for the browser tests (playwright-core drives it): SHIVA_CHROMIUM, else Debian's `chromium`
 * (`apt-get install chromium`; .ci/run installs it when missing). Tests skip with this reason when there is none.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findChromium(): string | null {
  const given = process.env['SHIVA_CHROMIUM'];
  if (given) return existsSync(given) ? given : null;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter).concat(['/usr/bin', '/usr/lib/chromium'])) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const path = join(dir, name);
      if (dir !== '' && existsSync(path)) return path;
    }
  }
  return null;
}

export const NO_CHROMIUM = 'no chromium binary found (install Debian\'s chromium: apt-get install -y chromium, or set SHIVA_CHROMIUM to a Chromium or Chrome executable)';
