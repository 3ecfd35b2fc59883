// tsc does not emit the generated JavaScript (only its .d.ts is read), so copy it beside the compiled code.
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/src/protocol/generated', { recursive: true });
cpSync('src/protocol/generated/communicator.js', 'dist/src/protocol/generated/communicator.js');
