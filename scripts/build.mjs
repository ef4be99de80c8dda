// `npm run build`: declarations (tsc), then every bundle (rollup, and Vite
// for the React example), then the custom-elements manifest; prints the gzip
// size of each part of the script-tag bundle (dist/cdn/) against its budget.
import { execFileSync } from 'node:child_process';
import { report } from './size-budget.mjs';

const root = new URL('..', import.meta.url).pathname;
const step = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

// In dependency order: each package's declarations import the previous ones' from dist/.
for (const pkg of ['client', 'sandbox', 'widgets', 'react']) {
  step('npx', ['tsc', '-p', `packages/${pkg}/tsconfig.build.json`]);
}
step('npx', ['rollup', '-c', '--silent']);
// The React example is a Vite app: its own bundler, output in examples/react-app/dist/.
step('npx', ['vite', 'build', '--config', 'examples/react-app/vite.config.ts']);
step('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs']);

// The per-widget size table and the budgets (enforced by `npm test`'s budgets stage).
report(`${root}dist/cdn/`);
