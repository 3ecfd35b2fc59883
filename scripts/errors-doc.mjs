// Writes docs/ERRORS.md from the registry in src/core/errors.ts (run after `npm run build`).
// test/errors.test.ts checks that the two agree.
import { writeFileSync } from 'node:fs';
import { ERROR_CODES } from '../dist/src/core/errors.js';

const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
writeFileSync(
  'docs/ERRORS.md',
  `# Error codes

Every error Shiva raises at a boundary (network message, command line, environment, side channel, model state)
is a \`ShivaError\` with one of these codes. Its message names the place (connection, file, option), the field,
what was expected and what came. The registry is \`src/core/errors.ts\`; this page is generated from it by
\`node scripts/errors-doc.mjs\`, and a test keeps them in step.

| code | meaning |
|---|---|
${rows.join('\n')}
`,
);
