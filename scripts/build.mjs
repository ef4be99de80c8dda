// `npm run build`: declarations (tsc), then every bundle (rollup), then the
// custom-elements manifest; prints the gzip size of each part of the
// script-tag bundle (dist/cdn/) against its budget.
import { execFileSync } from 'node:child_process';
import { report } from './size-budget.mjs';

const root = new URL('..', import.meta.url).pathname;
const step = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

for (const pkg of ['client', 'sandbox', 'widgets']) {
  step('npx', ['tsc', '-p', `packages/${pkg}/tsconfig.build.json`]);
}
step('npx', ['rollup', '-c', '--silent']);
step('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs']);

// The per-widget size table and the budgets (enforced by `npm test`'s budgets stage).
report(`${root}dist/cdn/`);
