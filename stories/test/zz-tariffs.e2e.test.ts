// Every story of the built Storybook, opened in headless Chromium: it renders
// its element, logs no error, and axe finds no violation in it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { MIME } from '../../examples/server.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('file:///tmp/kb-tariffs-sb'));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

const stories: IndexEntry[] = existsSync(join(root, 'index.json'))
  ? Object.values((JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }).entries).filter(
      (entry) => entry.type === 'story' && entry.title === 'Widgets/kb-tariff-picker',
    )
  : [];

function serve(): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(root, decodeURIComponent(path === '/' ? '/index.html' : path)));
    if (!file.startsWith(root + sep)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Stories wait on loaders and play steps more than on the CPU: open a few at once.
describe('every story in the built Storybook', { concurrency: 3 }, () => {
  let server: Server;
  let browser: Browser;
  let base = '';

  before(async () => {
    assert.ok(stories.length > 0, 'storybook-static/index.json lists stories (run the storybook build first)');
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  for (const story of stories) {
    it(`${story.title} / ${story.name}: renders, no errors, axe clean`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        // Failed loads are reported below with their URL.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
      });
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (response.status() >= 400 && url.pathname !== '/favicon.ico') errors.push(`${response.status()} ${url.pathname}`);
      });
      try {
        await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
        // Stories start their sandbox in a loader and may play steps: wait until
        // a Kabinet element has rendered its shadow content and the page is quiet.
        await page.waitForFunction(
          () => [...document.querySelectorAll('#storybook-root *')].some((el) => el.localName.startsWith('kb-') && el.localName !== 'kb-provider' && el.shadowRoot?.childElementCount),
          undefined,
          { timeout: 15_000 },
        );
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        // Storybook's a11y panel loads its own axe-core into the story and runs it
        // once the story renders; use that one when present and wait for its run.
        if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
          for (let attempt = 0; ; attempt++) {
            try {
              const result = await axe.run({ include: ['#storybook-root'] });
              return result.violations.map((v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
            } catch (error) {
              if (attempt > 40 || !String(error).includes('already running')) throw error;
              await new Promise((resolve) => setTimeout(resolve, 250));
            }
          }
        });
        assert.deepEqual(violations, [], 'axe violations');
        assert.deepEqual(errors, [], 'page errors');
      } finally {
        await page.close();
      }
    });
  }
});
