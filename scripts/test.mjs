// `npm test`: type-check, lint, Node tests, browser tests, the build and a
// Storybook build, ending with one line `N passed, N failed` over everything.
// `node scripts/test.mjs node browser` runs only the named stages.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const only = new Set(process.argv.slice(2));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function findFiles(dir, pattern, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, pattern, found);
    else if (pattern.test(entry.name)) found.push(path);
  }
  return found;
}

function record(name, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
}

/** A check that passes or fails as a whole (type-check, lint, builds). */
async function check(name, command, args, env) {
  console.info(`\n▶ ${name}`);
  record(name, (await run(command, args, { env })) === 0);
}

/** Runs Node test files through node:test and adds their counts. */
async function nodeTests(name, files, flags = []) {
  console.info(`\n▶ ${name}`);
  if (files.length === 0) {
    console.info('no test files');
    return;
  }
  // One file per run: two runs side by side must not read each other's counts.
  const tap = join(tmpdir(), `kabinet-node-test-${process.pid}-${Date.now()}.tap`);
  const code = await run(process.execPath, [
    '--conditions=@kabinet/source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...flags,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  rmSync(tap, { force: true });
  const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += count('skipped') + count('todo');
  if (failed > 0 || code !== 0) failures.push(`${name} (${failed} failed, exit ${code})`);
  if (code !== 0 && failed === 0) totals.failed++;
}

async function browserTests() {
  console.info('\n▶ browser tests');
  const results = join(root, '.wtr-results.json');
  rmSync(results, { force: true });
  const code = await run('npx', ['wtr']);
  const counts = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : { passed: 0, failed: 0, skipped: 0, filesFailed: 0 };
  rmSync(results, { force: true });
  totals.passed += counts.passed;
  totals.failed += counts.failed + counts.filesFailed;
  totals.skipped += counts.skipped;
  if (code !== 0 || counts.failed > 0 || counts.filesFailed > 0) {
    failures.push(`browser tests (${counts.failed} failed, exit ${code})`);
    if (counts.failed + counts.filesFailed === 0) totals.failed++;
  }
}

const stages = {
  // Storybook's preview and the type-check read the generated manifest.
  manifest: () => check('custom-elements manifest', 'npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs']),
  typecheck: () => check('type-check', 'npx', ['tsc', '-p', 'tsconfig.json']),
  lint: () => check('lint', 'npx', ['eslint', '.']),
  node: () =>
    nodeTests(
      'node tests',
      ['client', 'sandbox'].flatMap((pkg) =>
        findFiles(join(root, 'packages', pkg, 'test'), /\.test\.ts$/).filter((f) => !f.endsWith('.browser.test.ts')),
      ),
    ),
  build: () => check('build', process.execPath, ['scripts/build.mjs']),
  budgets: () => check('size budgets', process.execPath, ['scripts/size-budget.mjs']),
  pack: () => nodeTests('build scripts (npm pack contents, template minifier)', findFiles(join(root, 'scripts'), /\.test\.ts$/)),
  // One file at a time: the example pages' tests share the demo's fixed ports 8787 and 8080.
  e2e: () => nodeTests('end-to-end tests', findFiles(join(root, 'examples'), /\.e2e\.test\.ts$/), ['--test-concurrency=1']),
  browser: browserTests,
  storybook: async () => {
    await check('storybook build', 'npx', ['storybook', 'build', '--quiet', '-o', 'storybook-static']);
  },
  // After the Storybook build: opens every built story.
  stories: () => nodeTests('stories (render + axe)', findFiles(join(root, 'stories'), /\.e2e\.test\.ts$/)),
};

for (const [name, stage] of Object.entries(stages)) {
  if (only.size === 0 || only.has(name)) await stage();
}

if (failures.length > 0) console.info(`\nFailed: ${failures.join('; ')}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.info(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
