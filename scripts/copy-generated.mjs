// tsc does not emit the generated JavaScript (only its .d.ts is read), so copy it beside the compiled code.
// The output folder is dist unless named (`node scripts/copy-generated.mjs .tmp/dist-x` after `tsc --outDir .tmp/dist-x`).
import { cpSync, mkdirSync } from 'node:fs';
const out = process.argv[2] ?? 'dist';
mkdirSync(`${out}/src/protocol/generated`, { recursive: true });
for (const name of ['communicator.js', 'shiva.js', 'onnx.js']) {
  cpSync(`src/protocol/generated/${name}`, `${out}/src/protocol/generated/${name}`);
}
