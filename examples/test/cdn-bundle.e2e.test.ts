// The script-tag bundle dist/cdn/ as partner pages meet it, in headless
// Chromium under a strict CSP with Trusted Types: each widget's chunk loads
// only when its element appears, the bundle loaded twice (or two versions of
// it) throws nothing and warns once, a page running Lit of its own keeps
// its Trusted Types policy, and a hostile stylesheet breaks no widget. A small host serves the test pages and the built files (free
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

  /** The page, stylesheet and Content-Security-Policy the next visit gets. */
  const fixture = { html: '', css: '', csp: '' };

  before(async () => {
    // The partner's host: the test page under the examples' strict CSP, the bundle, another version of it.
    examples = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/page.html') {
        response.writeHead(200, { 'Content-Type': MIME['.html']!, 'Content-Security-Policy': fixture.csp });
        response.end(fixture.html);
        return;
      }
      if (path === '/host-shadow.js') {
        // A partner's own components: one hands its shadow root to the loader, the other does not.
        response.writeHead(200, { 'Content-Type': MIME['.js']! });
        response.end(`import { discover } from '/dist/cdn/kabinet.js';
          const shadowWith = (tag) => { const host = document.createElement('div'); host.attachShadow({ mode: 'open' }).append(document.createElement(tag)); return host; };
          const told = shadowWith('kb-balance-card');
          told.id = 'told';
          document.body.append(told, shadowWith('kb-tariff-picker'));
          discover(told.shadowRoot);`);
        return;
      }
      if (path === '/host-lit.js') {
        // What Lit does when a page of its own loads it: a Trusted Types policy named `lit-html`.
        response.writeHead(200, { 'Content-Type': MIME['.js']! });
        response.end(`window.trustedTypes.createPolicy('lit-html', { createHTML: (html) => html });`);
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

  /** Opens a test page (its HTML and optional stylesheet) under the partner bank's strict CSP, or `csp`. */
  async function visit(body: string, css = '', csp = contentSecurityPolicy(sandbox.url, 'kabinet')): Promise<Visit> {
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
    fixture.csp = csp;
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

  it('loads the elements in a shadow root handed to discover(), and only those', async () => {
    const shadow = await visit(`${script()}<script type="module" src="/host-shadow.js"></script>`);
    await shadow.page.evaluate(() => customElements.whenDefined('kb-balance-card'));
    // Later additions to that shadow root load too.
    await shadow.page.evaluate(() => document.getElementById('told')!.shadowRoot!.append(document.createElement('kb-number-switcher')));
    await shadow.page.evaluate(() => customElements.whenDefined('kb-number-switcher'));
    const fetched = chunksOf(shadow);
    assert.ok(!fetched.includes(manifest.elements['kb-tariff-picker']!.chunk), 'a shadow root nobody handed over stays unseen');
    assert.equal(await shadow.page.evaluate(() => customElements.get('kb-tariff-picker')), undefined);
    assert.deepEqual(shadow.errors, []);
    assert.deepEqual(shadow.violations, []);
    await shadow.page.close();
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

  it('works beside a page running Lit of its own: its lit-html policy and the bundle\'s kabinet policy', async () => {
    // No 'allow-duplicates': a second policy named lit-html would throw and the widgets would never load.
    const csp = contentSecurityPolicy(sandbox.url, 'kabinet').replace('trusted-types kabinet', 'trusted-types lit-html kabinet');
    const host = await visit(`<script type="module" src="/host-lit.js"></script>${providerWithLogin()}${script()}`, '', csp);
    await signInStep(host.page);
    assert.deepEqual(host.errors, []);
    assert.deepEqual(host.violations, []);
    await host.page.close();
  });

  it('keeps every widget laid out and working under a hostile stylesheet', async () => {
    const hostile = await visit(
      `<main class="column"><kb-provider api-base="${sandbox.url}" locale="en">
         <kb-login></kb-login><kb-balance-card></kb-balance-card><kb-number-switcher></kb-number-switcher>
         <kb-tariff-picker></kb-tariff-picker><kb-top-up-form></kb-top-up-form>
       </kb-provider></main>${script()}`,
      `* { all: unset; }
       html { font-size: 72px !important; line-height: 0 !important; }
       body { font-size: 96px !important; letter-spacing: 20px; text-transform: uppercase; }
       div, p, span, button, input, label, form, section, header, footer, ul, li, dialog { display: none; color: red; }
       input, button { width: 1px; height: 1px; }
       .column { display: block; width: 420px; }`,
    );
    await signInStep(hostile.page);
    const box = await hostile.page.locator('kb-login').boundingBox();
    assert.ok(box && box.width >= 300 && box.height >= 80, `<kb-login> keeps its size: ${JSON.stringify(box)}`);
    const input = hostile.page.locator('kb-login').getByLabel('Code from SMS');
    const fontSize = await input.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    assert.ok(fontSize <= 24, `the widget's text is not blown up by the host's font size (${fontSize}px)`);
    const [sms] = (await (await fetch(`${sandbox.url}/sandbox/sms?to=%2B79161234567`)).json()) as { code: string }[];
    await input.fill(sms!.code);
    await hostile.page.locator('kb-login').getByRole('button', { name: 'Sign in', exact: true }).click();
    // Signed in: every widget shows its data at a readable size, and answers the keyboard and the mouse.
    await hostile.page.locator('kb-balance-card').getByText('350.00').waitFor();
    await hostile.page.locator('kb-tariff-picker').getByRole('heading', { name: 'Tariffs' }).waitFor();
    await hostile.page.locator('kb-number-switcher').getByRole('heading', { name: 'Numbers' }).waitFor();
    for (const tag of ['kb-balance-card', 'kb-number-switcher', 'kb-tariff-picker', 'kb-top-up-form']) {
      const element = hostile.page.locator(tag);
      const size = await element.boundingBox();
      assert.ok(size && size.width >= 300 && size.height >= 120, `<${tag}> keeps its size: ${JSON.stringify(size)}`);
      const text = await element.evaluate((host) => {
        const shown = [...host.shadowRoot!.querySelectorAll<HTMLElement>('h2, h3, p, label, button')].find((node) => node.offsetHeight > 1);
        return shown ? parseFloat(getComputedStyle(shown).fontSize) : 0;
      });
      assert.ok(text >= 10 && text <= 32, `<${tag}>'s text keeps its size (${text}px)`);
    }
    const amount = hostile.page.locator('kb-top-up-form').getByLabel('Amount, ₽');
    await amount.fill('150');
    assert.equal(await amount.inputValue(), '150');
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
  const login = page.locator('kb-login');
  await login.getByLabel('Phone number').fill('+7 916 123-45-67');
  await login.getByRole('button', { name: 'Get code' }).click();
  await login.getByLabel('Code from SMS').waitFor();
}
