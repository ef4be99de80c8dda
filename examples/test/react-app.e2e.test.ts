// The React example as a person uses it: the examples host and the sandbox
// over real HTTP on their fixed ports, the built Vite app under the examples'
// strict CSP in headless Chromium, the widgets through @kabinet/react. The
// payment list is React state fed by the top-up form's `onKbTopUp` prop.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer } from '@kabinet/sandbox/node';
import { startExamplesServer } from '../server.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const api = 'http://127.0.0.1:8787';
const pageUrl = 'http://127.0.0.1:8080/react-app/';

describe('React app example (@kabinet/react)', () => {
  let sandbox: Awaited<ReturnType<typeof startServer>>;
  let examples: Server;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    assert.ok(existsSync(`${root}examples/react-app/dist/index.html`), 'the React app is built (npm run build)');
    sandbox = await startServer({ port: 8787, host: '127.0.0.1', memory: true, quiet: true });
    examples = await startExamplesServer({ root, apiOrigin: api, port: 8080, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { reportViolation(text: string): void }).reportViolation(
          `${event.violatedDirective} ${event.blockedURI}`,
        );
      });
    });
  });

  after(async () => {
    await browser?.close();
    examples?.close();
    await sandbox?.close();
  });

  it('is served from its build, with no inline script or style', async () => {
    const response = await page.goto(pageUrl);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'; style-src 'self'/);
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
    assert.equal(await page.locator('style').count(), 0, 'no inline style elements');
  });

  it('signs in by SMS code and shows the balance card through the wrappers', async () => {
    const login = page.locator('kb-login');
    await login.getByLabel(/Номер телефона/).fill('+7 916 123-45-67');
    await login.getByRole('button', { name: /Получить код/ }).click();
    await login.getByLabel(/Код из SMS/).fill(await latestCode('+79161234567'));
    await login.getByRole('button', { name: /Войти/ }).click();
    await page.locator('kb-balance-card').getByText('350,00 ₽').waitFor();
    await page.locator('kb-number-switcher').getByText('+7 916 123-45-67').first().waitFor();
  });

  it('tops up 100 ₽ by card: the payment appears in React state, the balance shows 450,00 ₽', async () => {
    const payments = page.getByRole('region', { name: 'Платежи на этой странице' });
    await payments.getByText(/Пока ни одного/).waitFor();
    const form = page.locator('kb-top-up-form');
    await expectValue(form.getByLabel('Номер телефона'), '+7 916 123-45-67');
    await form.getByLabel('Сумма, ₽', { exact: true }).fill('100');
    await payByCard(form, '4242 4242 4242 4242');
    await form.getByText('Платёж прошёл').waitFor();
    const item = payments.getByRole('listitem');
    await item.filter({ hasText: /100,00\s₽ на \+7 916 123-45-67 — прошёл/ }).waitFor();
    assert.equal(await item.count(), 1, 'one payment, listed once');
    await page.locator('kb-balance-card').getByText('450,00 ₽').waitFor();
  });

  it('breaks no Content-Security-Policy or Trusted Types rule and logs no errors', () => {
    assert.deepEqual(violations, []);
    assert.deepEqual(consoleErrors, []);
  });
});

const YEAR = String((new Date().getUTCFullYear() + 1) % 100).padStart(2, '0');

/** Types a test card with a future expiry and presses "Pay". */
async function payByCard(form: Locator, number: string): Promise<void> {
  await form.getByLabel('Номер карты').fill(number);
  await form.getByLabel('Срок действия').fill(`12/${YEAR}`);
  await form.getByLabel('CVC').fill('123');
  await form.getByRole('button', { name: /Оплатить/ }).click();
}

async function expectValue(field: Locator, expected: string): Promise<void> {
  for (let i = 0; i < 50 && (await field.inputValue()) !== expected; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(await field.inputValue(), expected);
}

async function latestCode(to: string): Promise<string> {
  const response = await fetch(`${api}/sandbox/sms?to=${encodeURIComponent(to)}`);
  const messages = (await response.json()) as { code: string | null }[];
  const code = messages[0]?.code;
  assert.ok(code, 'an SMS with a code in the sandbox outbox');
  return code;
}
