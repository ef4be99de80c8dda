/**
 * `npm run bench`: builds what it weighs, starts one headless Chromium, runs
 * every `bench/*.bench.ts` module in turn and prints one table of figures,
 * also written to bench/results.json and bench/RESULTS.md.
 *
 * A module that throws or overruns its time becomes a `failed` row: one broken
 * section (say, a widget someone is halfway through) never sinks the run.
 *
 *   npm run bench                    everything
 *   npm run bench -- --quick         fewer repetitions (noisier; not for RESULTS.md)
 *   npm run bench -- weight sandbox  only the modules whose file name contains these words
 */
import { mkdtemp, readdir, readFile, rm, writeFile, cp, mkdir } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type SandboxServer } from '@kabinet/sandbox/node';
import { startExamplesServer } from '../examples/server.js';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { failed, type BenchContext, type BuiltBundle, type DemoServers, type Figure } from './bench.js';
import { buildBundle, buildCdnBundle } from './build-bundle.js';
import { markdownTable, textTable } from './report.js';

/** A bench module; `section` names the table section a failure of the whole module is reported in. */
type BenchModule = { run(ctx: BenchContext): Promise<Figure[]>; section?: string };

const MODULE_TIMEOUT_MS = 150_000;
const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const benchDir = join(root, 'bench');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((arg) => !arg.startsWith('--'));
const log = (message: string) => console.error(`[bench] ${message}`);

const started = Date.now();
const tmpDir = await mkdtemp(join(tmpdir(), 'kabinet-bench-'));
// Bench pages are served by request interception, which Chromium counts as a
// public origin calling loopback: allow that, as a real page on 127.0.0.1 would be.
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...chromiumArgs, '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,BlockInsecurePrivateNetworkRequests'],
});
const browserVersion = `Chromium ${browser.version()}`;
const bundles = new Map<string, Promise<BuiltBundle>>();
let cdn: Promise<BuiltBundle> | undefined;
let sharedSandbox: Promise<SandboxServer> | undefined;
const tokens = new Map<string, string>();

/** Per-module resources, closed when the module ends. */
let contexts: BrowserContext[] = [];
let demo: { sandbox: SandboxServer; examples: Server } | undefined;

function build(name: string, entry: string): Promise<BuiltBundle> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = buildBundle(root, join(tmpDir, 'bundles'), name, entry);
    bundles.set(entry, bundle);
    // A failed build (someone's half-written file) is retried by the next module.
    bundle.catch(() => bundles.delete(entry));
  }
  return bundle;
}

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  contexts.push(context);
  return context;
}

async function listen<T>(what: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${port} (${what}) is taken: stop \`npm start\` or whatever holds it, then rerun the bench`);
    }
    throw error;
  }
}

const ctx: BenchContext = {
  root,
  tmpDir,
  quick,
  browser,
  repeats: quick ? 5 : 15,
  log,
  newContext,
  async newPage(options) {
    const context = await newContext();
    const page = await context.newPage();
    if (options?.viewport) await page.setViewportSize(options.viewport);
    return page;
  },
  cdnBundle: () => (cdn ??= buildCdnBundle(root, join(tmpDir, 'bundles'))),
  buildBundle: build,
  async servePage(page: Page, name: string, html: string, files: Record<string, string | Buffer> = {}) {
    const base = `http://127.0.0.1:8080/bench/${name}/`;
    await page.route(`${base}**`, async (route) => {
      const path = new URL(route.request().url()).pathname.slice(`/bench/${name}/`.length);
      if (path === '' || path === 'index.html') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
      if (path in files) return route.fulfill({ contentType: path.endsWith('.js') ? 'text/javascript' : 'text/plain', body: files[path] });
      const cdn = await ctx.cdnBundle();
      const chunk = cdn.files.find((file) => relative(dirname(cdn.file), file.file) === path)?.file;
      if (chunk) return route.fulfill({ contentType: 'text/javascript', body: await readFile(chunk) });
      return route.fulfill({ status: 404, body: 'Not found' });
    });
    return base;
  },
  sandbox() {
    sharedSandbox ??= startServer({ port: 0, memory: true, quiet: true });
    return sharedSandbox;
  },
  async sessionToken(sandbox, msisdn = '+79161234567') {
    const key = `${sandbox.url} ${msisdn}`;
    const known = tokens.get(key);
    if (known) {
      const me = await fetch(`${sandbox.url}/v1/me`, { headers: { authorization: `Bearer ${known}` } });
      if (me.ok) return known;
    }
    const post = (path: string, body: unknown) =>
      fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const challenge = (await (await post('/v1/auth/otp', { phone: msisdn })).json()) as { challengeId?: string };
    const outbox = (await (await fetch(`${sandbox.url}/sandbox/sms?to=${encodeURIComponent(msisdn)}`)).json()) as { code: string | null }[];
    const session = (await (await post('/v1/auth/otp/verify', { challengeId: challenge.challengeId, code: outbox[0]?.code })).json()) as { token?: string };
    if (!session.token) throw new Error(`could not sign ${msisdn} in to the sandbox`);
    tokens.set(key, session.token);
    return session.token;
  },
  async demoServers(): Promise<DemoServers> {
    if (!demo) {
      // The example page built in this run, served from a copy, so the bench never writes into examples/.
      const site = join(tmpDir, 'site');
      const page = join(site, 'examples/internal-page');
      await mkdir(join(page, 'build'), { recursive: true });
      const bundle = await build('internal-page', join(root, 'examples/internal-page/main.ts'));
      await cp(join(root, 'examples/internal-page/index.html'), join(page, 'index.html'));
      await cp(join(root, 'examples/internal-page/styles.css'), join(page, 'styles.css'));
      for (const file of bundle.files) await cp(file.file, join(page, 'build', basename(file.file)));
      const sandbox = await listen('sandbox', 8787, () => startServer({ port: 8787, host: '127.0.0.1', memory: true, quiet: true }));
      const examples = await listen('examples', 8080, () =>
        startExamplesServer({ root: site, apiOrigin: 'http://127.0.0.1:8787', port: 8080, host: '127.0.0.1' }),
      ).catch(async (error: unknown) => {
        await sandbox.close();
        throw error;
      });
      demo = { sandbox, examples };
    }
    return { sandbox: demo.sandbox, apiOrigin: 'http://127.0.0.1:8787', pageOrigin: 'http://127.0.0.1:8080' };
  },
  async sample(fn, options = {}) {
    const samples: number[] = [];
    for (let i = 0; i < (options.warmup ?? 1); i++) await fn();
    for (let i = 0; i < (options.times ?? ctx.repeats); i++) samples.push(await fn());
    return samples;
  },
};

async function closeModuleResources(): Promise<void> {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  contexts = [];
  if (demo) {
    const { sandbox, examples } = demo;
    demo = undefined;
    await new Promise<void>((resolve) => {
      examples.close(() => resolve());
      examples.closeAllConnections();
    });
    await sandbox.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const files = (await readdir(benchDir))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((word) => file.includes(word)))
  .sort();
const figures: Figure[] = [];
try {
  for (const file of files) {
    const name = basename(file, '.bench.ts');
    const moduleStarted = Date.now();
    log(`${name}…`);
    let section: string = name;
    try {
      const module = (await import(pathToFileURL(join(benchDir, file)).href)) as BenchModule;
      section = module.section ?? name;
      figures.push(...(await withTimeout(module.run(ctx), MODULE_TIMEOUT_MS)));
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      figures.push(failed({ section, name: `${name}.bench.ts`, unit: '' }, error));
    } finally {
      await closeModuleResources();
    }
    log(`${name} done in ${((Date.now() - moduleStarted) / 1000).toFixed(1)} s`);
  }
} finally {
  await browser.close();
  if (sharedSandbox) await (await sharedSandbox).close();
  await rm(tmpDir, { recursive: true, force: true });
}

const seconds = (Date.now() - started) / 1000;
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${browserVersion}`;
const table = textTable(figures);
console.info(`\n${table}\n\n${figures.length} figures in ${seconds.toFixed(0)} s; ${figures.filter((f) => f.met === false).length} targets missed.`);

if (only.length === 0 && !quick) {
  const when = new Date().toISOString();
  await writeFile(join(benchDir, 'results.json'), `${JSON.stringify({ when, machine, seconds, figures }, null, 2)}\n`);
  await writeFile(
    join(benchDir, 'RESULTS.md'),
    [
      '# Benchmark results',
      '',
      `\`npm run bench\` on ${when.slice(0, 10)}: ${machine}; ${seconds.toFixed(0)} s. Times are medians with their`,
      'interquartile range over repeated runs, beside a baseline measured in the same run; sizes are exact.',
      '',
      markdownTable(figures),
      '',
    ].join('\n'),
  );
  log('wrote bench/results.json and bench/RESULTS.md');
} else {
  log('partial or --quick run: bench/results.json and bench/RESULTS.md left as they were');
}
