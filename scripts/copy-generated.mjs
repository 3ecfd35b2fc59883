// tsc does not emit the generated JavaScript (only its .d.ts is read), so copy it beside the compiled code.
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/src/protocol/generated', { recursive: true });
for (const name of ['communicator.js', 'shiva.js', 'onnx.js']) {
  cpSync(`src/protocol/generated/${name}`, `dist/src/protocol/generated/${name}`);
}
