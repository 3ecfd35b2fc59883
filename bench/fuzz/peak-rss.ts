/**
 * Preloaded into a child (`NODE_OPTIONS=--import=<this file's URL>`, see `peakRssEnv`): when the process exits,
 * it writes its peak resident memory to stderr as `shiva-peak-rss-kb N`. A process that aborts writes nothing.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    writeSync(2, `\nshiva-peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
  } catch {
    // stderr already closed: nothing to report to
  }
});
