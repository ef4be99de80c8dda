// The script-tag bundle dist/cdn/ as partner pages meet it, in headless
// Chromium under a strict CSP with Trusted Types: each widget's chunk loads
// only when its element appears, the bundle loaded twice (or two versions of
// it) throws nothing and warns once, and a hostile stylesheet breaks no
// widget. A small host serves the test pages and the built files (free
// ports, so this file runs beside the other end-to-end tests).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '@kabinet/sandbox/node';
import { MIME, contentSecurityPolicy } from '../server.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { reportViolations } from './demo-site.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cdnDir = join(root, 'dist/cdn');

interface CdnManifest {
  version: string;
  loader: string;
  runtime: string[];
  elements: Record<string, { chunk: string; files: string[] }>;
}

const manifest = JSON.parse(readFileSync(join(cdnDir, 'manifest.json'), 'utf8')) as CdnManifest;

/** What a partner's page sees from one visit: requests, warnings, errors, CSP violations. */
interface Visit {
  page: Page;
  requests: string[];
  warnings: string[];
  errors: string[];
  violations: string[];
}

describe('CDN bundle (dist/cdn)', () => {
  let sandbox: Awaited<ReturnType<typeof startServer>>;
  let examples: Server;
  let origin: string;
  let browser: Browser;
  let otherVersion: string;

  /** The page and stylesheet the next visit gets. */
  const fixture = { html: '', css: '' };

  before(async () => {
    // The partner's host: the test page under the examples' strict CSP, the bundle, another version of it.
    examples = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/page.html') {
        response.writeHead(200, { 'Content-Type': MIME['.html']!, 'Content-Security-Policy': contentSecurityPolicy(sandbox.url) });
        response.end(fixture.html);
        return;
      }
      if (path === '/page.css') {
        response.writeHead(200, { 'Content-Type': MIME['.css']! }).end(fixture.css);
        return;
      }
      const [dir, prefix] = path.startsWith('/cdn-other/') ? [otherVersion, '/cdn-other/'] : [cdnDir, '/dist/cdn/'];
      const file = path.startsWith(prefix) && !path.includes('..') ? join(dir, path.slice(prefix.length)) : '';
      try {
        const body = readFileSync(file);
        response.writeHead(200, { 'Content-Type': MIME[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => examples.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(examples.address() as AddressInfo).port}`;
    sandbox = await startServer({ port: 0, host: '127.0.0.1', memory: true, quiet: true, allowedOrigins: [origin] });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    // "Another version": the same build stamped 9.9.9, as a partner's stale copy would be.
    otherVersion = mkdtempSync(join(tmpdir(), 'kabinet-cdn-'));
    cpSync(cdnDir, otherVersion, { recursive: true });
    for (const file of [manifest.loader, ...Object.values(manifest.elements).map((element) => element.chunk), ...manifest.runtime]) {
      const path = join(otherVersion, file);
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll(JSON.stringify(manifest.version), '"9.9.9"'));
    }
  });

  after(async () => {
    await browser?.close();
    examples?.close();
    await sandbox?.close();
    if (otherVersion) rmSync(otherVersion, { recursive: true, force: true });
  });

  /** Opens a test page (its HTML and optional stylesheet) under the examples' strict CSP. */
  async function visit(body: string, css = ''): Promise<Visit> {
    // Each visit signs in afresh: no resend timer left from the previous one.
    await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
    const page = await browser.newPage();
    const result: Visit = { page, requests: [], warnings: [], errors: [], violations: [] };
    page.on('request', (request) => result.requests.push(new URL(request.url()).pathname));
    page.on('console', (message) => {
      if (message.type() === 'warning') result.warnings.push(message.text());
      if (message.type() === 'error') result.errors.push(message.text());
    });
    page.on('pageerror', (error) => result.errors.push(String(error)));
    await reportViolations(page, result.violations);
    fixture.html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="page.css"></head><body>${body}</body></html>`;
    fixture.css = css;
    await page.goto(`${origin}/page.html`);
    return result;
  }

  const script = (src = '/dist/cdn/kabinet.js') => `<script type="module" src="${src}"></script>`;
  const chunksOf = (visit: Visit) => visit.requests.filter((path) => path.startsWith('/dist/cdn/')).map((path) => path.slice('/dist/cdn/'.length));

  it('loads only the chunks of the elements on the page, and the next when it appears', async () => {
    const only = await visit(`<kb-balance-card></kb-balance-card>${script()}`);
    await only.page.evaluate(() => customElements.whenDefined('kb-balance-card'));
    const fetched = chunksOf(only);
    const needed = new Set([manifest.loader, ...manifest.elements['kb-balance-card']!.files]);
    assert.deepEqual(new Set(fetched), needed, 'exactly the loader, the runtime and the balance card');
    for (const [tag, { chunk }] of Object.entries(manifest.elements)) {
      if (tag !== 'kb-balance-card') assert.ok(!fetched.includes(chunk), `<${tag}>'s chunk ${chunk} is not fetched`);
    }
    const later = Object.keys(manifest.elements).find((tag) => tag !== 'kb-balance-card' && tag !== 'kb-provider')!;
    await only.page.evaluate((tag) => document.body.append(document.createElement(tag)), later);
    await only.page.evaluate((tag) => customElements.whenDefined(tag), later);
    assert.ok(chunksOf(only).includes(manifest.elements[later]!.chunk), `<${later}>'s chunk is fetched once it appears`);
    assert.deepEqual(only.violations, []);
    await only.page.close();
  });

  it('works when the same bundle is loaded twice: no error, one warning', async () => {
    const twice = await visit(`${providerWithLogin()}${script()}${script('/dist/cdn/kabinet.js?again')}`);
    await signInStep(twice.page);
    assert.deepEqual(twice.errors, []);
    assert.deepEqual(twice.violations, []);
    assert.equal(twice.warnings.filter((text) => text.includes('Kabinet')).length, 1, twice.warnings.join('\n'));
    await twice.page.close();
  });

  it('works when two versions of the bundle are loaded: no error, one warning', async () => {
    const two = await visit(`${providerWithLogin()}${script('/cdn-other/kabinet.js')}${script()}`);
    await signInStep(two.page);
    assert.deepEqual(two.errors, []);
    assert.deepEqual(two.violations, []);
    const warnings = two.warnings.filter((text) => text.includes('Kabinet'));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /9\.9\.9/);
    await two.page.close();
  });

  it('keeps its layout and works under a hostile stylesheet', async () => {
    const hostile = await visit(
      `<main class="column">${providerWithLogin()}<kb-balance-card></kb-balance-card></main>${script()}`,
      `* { all: unset; }
       html { font-size: 72px !important; line-height: 0 !important; }
       body { font-size: 96px !important; letter-spacing: 20px; text-transform: uppercase; }
       div, p, span, button, input, label, form, section, header, footer { display: none; color: red; }
       input, button { width: 1px; height: 1px; }
       .column { display: block; width: 420px; }`,
    );
    await signInStep(hostile.page);
    const box = await hostile.page.locator('kb-login').boundingBox();
    assert.ok(box && box.width >= 300 && box.height >= 80, `<kb-login> keeps its size: ${JSON.stringify(box)}`);
    const input = hostile.page.getByLabel('Code from SMS');
    const fontSize = await input.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    assert.ok(fontSize <= 24, `the widget's text is not blown up by the host's font size (${fontSize}px)`);
    assert.deepEqual(hostile.errors, []);
    assert.deepEqual(hostile.violations, []);
    await hostile.page.close();
  });

  it('lists every widget folder in the loader', () => {
    const folders = readdirSync(join(root, 'packages/widgets/src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name.startsWith('kb-'))
      .map((entry) => entry.name);
    assert.deepEqual(Object.keys(manifest.elements).sort(), folders.sort());
  });

  /** A provider signing in by SMS code, with a login widget. */
  function providerWithLogin(): string {
    return `<kb-provider api-base="${sandbox.url}" locale="en"><kb-login></kb-login></kb-provider>`;
  }
});

/** The sign-in's first step: a number, "Get code", the code field appears. */
async function signInStep(page: Page): Promise<void> {
  await page.getByLabel('Phone number').fill('+7 916 123-45-67');
  await page.getByRole('button', { name: 'Get code' }).click();
  await page.getByLabel('Code from SMS').waitFor();
}
