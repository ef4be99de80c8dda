// The partner bank's page as its customer meets it: the sandbox and the
// examples host (with the bank's backend) over real HTTP on their fixed
// ports, headless Chromium under the strict CSP. The bank's backend mints the
// Kabinet session with the secret key; the page only ever sees a session
// token, loads the script-tag bundle with Subresource Integrity, and tops up
// another number anonymously with the publishable key.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { startExamplesServer } from '../server.js';
import { expectValue, openDemoSite, payByCard, root, type DemoSite } from './demo-site.js';

const origin = 'http://127.0.0.1:8080';
const pageUrl = `${origin}/partner-bank/`;
const sessionUrl = `${origin}/partner-bank/api/kabinet-session`;
const cdnDir = join(root, 'dist/cdn');

interface CdnManifest {
  loader: string;
  elements: Record<string, { files: string[] }>;
  integrity: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(cdnDir, 'manifest.json'), 'utf8')) as CdnManifest;
const sri = (bytes: Buffer | string) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Every file under dist/cdn/, relative to it. */
function cdnFiles(dir = cdnDir, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? cdnFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('partner bank example', () => {
  let site: DemoSite;
  let page: Page;
  /** Each response the bank's page received, read in full: its URL, headers and body. */
  const received: Promise<{ url: string; text: string }>[] = [];

  before(async () => {
    site = await openDemoSite({ viewport: { width: 1280, height: 1000 } });
    page = site.page;
    page.on('response', (response: Response) => {
      received.push(
        (async () => ({
          url: response.url(),
          text: JSON.stringify(await response.allHeaders()) + (await response.body().catch(() => Buffer.alloc(0))).toString('utf8'),
        }))(),
      );
    });
  });

  after(() => site?.close());

  it("shows the bank's customer their balance, tariffs and numbers, signed in by a token from the bank's backend", async () => {
    await page.goto(pageUrl);
    const card = page.locator('kb-balance-card');
    await card.getByText('350,00 ₽').waitFor();
    await card.getByText('Мой онлайн').waitFor();
    await page.locator('kb-tariff-picker').getByText('Мой смарт').first().waitFor();
    await page.locator('kb-number-switcher').getByText('+7 916 123-45-67').first().waitFor();
    assert.equal(await page.locator('#kabinet-loading').isHidden(), true, 'the loading note is gone');
    assert.equal(await page.locator('#kabinet-error').isHidden(), true, 'no error shown');
    const token = await page.locator('#kabinet').getAttribute('session-token');
    assert.ok(token && !token.startsWith('sk_'), 'the provider holds a session token, not a key');
  });

  it('keeps the session alive: a refresh answers the same token with a later deadline', async () => {
    const before = await page.locator('#kabinet').getAttribute('session-token');
    const first = await page.evaluate(async (url) => (await fetch(url, { method: 'POST' })).json(), `${sessionUrl}/refresh`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await page.evaluate(async (url) => (await fetch(url, { method: 'POST' })).json(), `${sessionUrl}/refresh`);
    assert.deepEqual(Object.keys(first).sort(), ['expiresAt', 'token'], 'only the token and its deadline, no session id');
    assert.equal(first.token, before);
    assert.equal(second.token, before);
    assert.ok(Date.parse(second.expiresAt) > Date.parse(first.expiresAt), `${second.expiresAt} is after ${first.expiresAt}`);
  });

  it('asks the backend to refresh the token a minute before its deadline, and keeps the same token', async () => {
    const later = await page.context().browser()!.newPage();
    try {
      await later.clock.install();
      await later.goto(pageUrl);
      await later.locator('kb-balance-card').getByText('350,00 ₽').waitFor();
      const token = await later.locator('#kabinet').getAttribute('session-token');
      const refreshed = later.waitForResponse(`${sessionUrl}/refresh`);
      // The session lasts 15 minutes: at 14 the page asks for more.
      await later.clock.fastForward('14:05');
      const answer = await refreshed;
      assert.equal(answer.status(), 200);
      assert.equal(((await answer.json()) as { token: string }).token, token);
      assert.equal(await later.locator('#kabinet').getAttribute('session-token'), token);
    } finally {
      await later.close();
    }
  });

  it('tops up another number anonymously by card in "Пополнить любой номер"', async () => {
    const form = page.locator('#any-number kb-top-up-form');
    await form.getByLabel('Номер телефона').fill('+7 903 123-45-67');
    await expectValue(form.getByLabel('Номер телефона'), '+7 903 123-45-67');
    await payByCard(form, '4242 4242 4242 4242');
    await form.getByRole('heading', { name: 'Платёж прошёл' }).waitFor();
    // The customer's own card still shows their balance: the anonymous payment went to another number.
    await page.locator('#mobile kb-balance-card').getByText('350,00 ₽').waitFor();
  });

  it('loads kabinet.js and each chunk of its widgets with the integrity the build recorded', async () => {
    for (const [file, integrity] of Object.entries(manifest.integrity)) {
      assert.equal(integrity, sri(readFileSync(join(cdnDir, file))), `manifest.json's integrity of ${file}`);
    }
    const script = page.locator(`script[src="/dist/cdn/${manifest.loader}"]`);
    assert.equal(await script.getAttribute('integrity'), manifest.integrity[manifest.loader]);
    assert.equal(await script.getAttribute('crossorigin'), 'anonymous');
    const preloads = await page
      .locator('link[rel="modulepreload"]')
      .evaluateAll((links) => links.map((link): [string | null, string | null] => [link.getAttribute('href'), link.getAttribute('integrity')]));
    const files = new Set(['kb-provider', 'kb-balance-card', 'kb-tariff-picker', 'kb-number-switcher', 'kb-top-up-form'].flatMap((tag) => manifest.elements[tag]!.files));
    assert.deepEqual(
      new Map(preloads),
      new Map([...files].map((file) => [`/dist/cdn/${file}`, manifest.integrity[file]])),
      'a modulepreload with integrity for every file the widgets need',
    );
  });

  it('refuses a loader or a chunk that does not match its integrity', async () => {
    for (const target of [manifest.loader, manifest.elements['kb-balance-card']!.files.find((file) => file.includes('kb-balance-card'))!]) {
      const tampered = await page.context().browser()!.newPage();
      const errors: string[] = [];
      tampered.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      // The CDN serves an altered file under the same name.
      await tampered.route(`${origin}/dist/cdn/${target}`, async (route) => {
        const original = await route.fetch();
        await route.fulfill({ response: original, body: `${await original.text()}\nconsole.error('tampered');\n` });
      });
      await tampered.goto(pageUrl);
      if (target === manifest.loader) {
        await tampered.waitForTimeout(1500);
        assert.equal(await tampered.evaluate(() => customElements.get('kb-provider') === undefined), true, 'no widget runs without the loader');
      } else {
        await tampered.evaluate(() => customElements.whenDefined('kb-number-switcher'));
        await tampered.waitForTimeout(500);
        assert.equal(await tampered.evaluate(() => customElements.get('kb-balance-card') === undefined), true, 'the altered balance card never runs');
      }
      assert.ok(errors.some((text) => text.includes('integrity') && text.includes(target)), errors.join('\n'));
      assert.ok(!errors.includes('tampered'), 'the altered code did not run');
      await tampered.close();
    }
  });

  it('refuses a cross-site request for a session', async () => {
    // A browser on another site posting a form to the bank's endpoint (the classic CSRF).
    const attacker: Server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><form method="post" action="${sessionUrl}"><button>Win a prize</button></form>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    // The customer has the bank open (a bank session cookie) and visits another site in the same browser.
    const browser = await page.context().browser()!.newContext();
    try {
      const other = await browser.newPage();
      await other.goto(pageUrl);
      await other.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
      const [answer] = await Promise.all([other.waitForResponse(sessionUrl), other.getByRole('button').click()]);
      assert.equal(answer.status(), 403);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'cross_site');
    } finally {
      await browser.close();
      attacker.close();
    }
    // Other clients: another Origin, Sec-Fetch-Site cross-site, neither header, another method.
    const cookie = await page.context().cookies(pageUrl);
    const bankCookie = cookie.map((c) => `${c.name}=${c.value}`).join('; ');
    const refused: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin }, {}];
    for (const headers of refused) {
      const response = await fetch(sessionUrl, { method: 'POST', headers: { ...headers, cookie: bankCookie } });
      assert.equal(response.status, 403, JSON.stringify(headers));
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'cross_site');
    }
    assert.equal((await fetch(sessionUrl, { headers: { origin, cookie: bankCookie } })).status, 405, 'GET is not answered');
    assert.equal((await fetch(sessionUrl, { method: 'POST', headers: { origin } })).status, 401, 'no bank session, no token');
  });

  it('comes with its token and keeps the widgets\' room: no request of its own, nothing on the page jumps', async () => {
    const fresh = await page.context().browser()!.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await fresh.addInitScript(() => {
        const shifts: number[] = [];
        (window as unknown as { shifts: number[] }).shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) shifts.push(entry.value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const posts: string[] = [];
      fresh.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      await fresh.goto(pageUrl);
      await fresh.locator('kb-balance-card').getByText('350,00 ₽').waitFor();
      await fresh.locator('kb-tariff-picker').getByText('Мой смарт').first().waitFor();
      await fresh.waitForTimeout(300);
      assert.deepEqual(posts, [], 'the page asked its backend for nothing: the token came with it');
      assert.deepEqual(await fresh.evaluate(() => (window as unknown as { shifts: number[] }).shifts), [], 'no layout shift');
    } finally {
      await fresh.close();
    }
  });

  it('passes axe on the whole page, the bank and both Kabinet providers together', async () => {
    // axe is injected by the test, so this one context lets it past the page's CSP; the CSP itself is checked on `page`.
    const context = await page.context().browser()!.newContext({ bypassCSP: true });
    try {
      const checked = await context.newPage();
      await checked.goto(pageUrl);
      await checked.locator('kb-balance-card').getByText('350,00 ₽').waitFor();
      await checked.locator('#any-number kb-top-up-form').getByText('Оплатить').first().waitFor();
      await checked.evaluate(readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
      const violations = await checked.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        return (await axe.run(document)).violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, []);
    } finally {
      await context.close();
    }
  });

  it("explains a failure of the bank's backend and recovers on «Повторить»", async () => {
    const failing = await page.context().browser()!.newPage();
    await failing.goto(pageUrl);
    await failing.locator('#mobile kb-balance-card').getByText('350,00 ₽').waitFor();
    // The session ends (20 minutes without use) while the bank's backend is down: the page asks for a new one.
    await failing.route(sessionUrl, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'kabinet_unavailable', message: 'down' } }) }),
    );
    await failing.locator('#kabinet').dispatchEvent('kb-session-expired');
    const alert = failing.getByRole('alert');
    await alert.getByText('Не удалось подключить мобильную связь.').waitFor();
    await alert.getByText('Оператор сейчас не отвечает.', { exact: false }).waitFor();
    assert.equal(await failing.locator('#kabinet-widgets').isHidden(), true);
    await failing.unroute(sessionUrl);
    await alert.getByRole('button', { name: 'Повторить' }).click();
    await failing.locator('#mobile kb-balance-card').getByText('350,00 ₽').waitFor();
    await failing.close();
  });

  it("answers the page with a JSON error, never a stack trace or the key, when the Kabinet API refuses or is down", async () => {
    const cases = [
      { apiOrigin: site.sandbox.url, secretKey: 'sk_test_not_a_real_key', status: 502, code: 'kabinet_unauthenticated' },
      { apiOrigin: 'http://127.0.0.1:9', secretKey: 'sk_test_not_a_real_key', status: 503, code: 'kabinet_unavailable' },
    ];
    for (const { apiOrigin, secretKey, status, code } of cases) {
      const bank = await startExamplesServer({ root, apiOrigin, port: 0, host: '127.0.0.1', partnerBank: { secretKey } });
      try {
        const own = `http://127.0.0.1:${(bank.address() as AddressInfo).port}`;
        const visit = await fetch(`${own}/partner-bank/`);
        const cookie = visit.headers.get('set-cookie')!.split(';')[0]!;
        const response = await fetch(`${own}/partner-bank/api/kabinet-session`, { method: 'POST', headers: { origin: own, cookie } });
        const text = await response.text();
        assert.equal(response.status, status, text);
        assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
        const body = JSON.parse(text) as { error: { code: string; message: string } };
        assert.equal(body.error.code, code);
        assert.ok(body.error.message.length > 0);
        assert.doesNotMatch(text, /sk_test|\n\s+at /, 'neither the key nor a stack trace');
      } finally {
        bank.close();
      }
    }
  });

  it('gives the browser no secret: not in the page, its script, its styles, the bundle, nor any response', async () => {
    for (const path of ['', 'index.html', 'app.js', 'styles.css', 'logo.svg']) {
      const response = await fetch(`${pageUrl}${path}`);
      assert.equal(response.status, 200, path);
      assert.doesNotMatch(await response.text(), /sk_test/, `/partner-bank/${path}`);
    }
    assert.equal((await fetch(`${pageUrl}backend.ts`)).status, 404, "the backend's source is not served");
    for (const file of cdnFiles()) assert.doesNotMatch(readFileSync(join(cdnDir, file), 'utf8'), /sk_test/, `dist/cdn/${file}`);
    const responses = await Promise.all(received);
    assert.ok(
      responses.some(({ url, text }) => url === pageUrl && text.includes('session-token=')),
      'the page, which carries the session token, was among them',
    );
    for (const { url, text } of responses) assert.doesNotMatch(text, /sk_test/, url);
  });

  it('breaks no Content-Security-Policy or Trusted Types rule and logs no errors', () => {
    assert.deepEqual(site.violations, []);
    assert.deepEqual(site.consoleErrors, []);
  });
});
