// `npm run build`: declarations (tsc), then every bundle (rollup), then the
// custom-elements manifest; prints the gzip size of the script-tag bundle.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const step = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

for (const pkg of ['client', 'sandbox', 'widgets']) {
  step('npx', ['tsc', '-p', `packages/${pkg}/tsconfig.build.json`]);
}
step('npx', ['rollup', '-c', '--silent']);
step('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs']);

const cdn = readFileSync(`${root}dist/cdn/kabinet.js`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.info(
  `dist/cdn/kabinet.js  ${kb(cdn.length)} minified, ${kb(gzipSync(cdn, { level: 9 }).length)} gzip, ${kb(brotliCompressSync(cdn).length)} brotli`,
);
