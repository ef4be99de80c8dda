// The demo as a person uses it: the examples host and the sandbox over real
// HTTP on their fixed ports, the internal page under its strict CSP in
// headless Chromium, sign-in with the code from the sandbox outbox.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer } from '@kabinet/sandbox/node';
import { startExamplesServer } from '../server.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const api = 'http://127.0.0.1:8787';
const pageUrl = 'http://127.0.0.1:8080/internal-page/';

describe('internal page example', () => {
  let sandbox: Awaited<ReturnType<typeof startServer>>;
  let examples: Server;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    sandbox = await startServer({ port: 8787, host: '127.0.0.1', memory: true, quiet: true });
    examples = await startExamplesServer({ root, apiOrigin: api, port: 8080, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
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

  it('signs in by SMS code and shows the balance, tariff and packages', async () => {
    await page.goto(pageUrl);
    const phone = page.locator('kb-login').getByLabel(/Номер телефона/);
    await phone.fill('8 (916) 123-45-67');
    await page.getByRole('button', { name: /Получить код/ }).click();

    const code = await latestCode('+79161234567');
    await page.getByLabel(/Код из SMS/).fill(code);
    await page.getByRole('button', { name: /Войти/ }).click();

    const card = page.locator('kb-balance-card');
    await card.getByText('350,00 ₽').waitFor();
    await card.getByText(/Тариф/).waitFor();
    assert.equal(await card.getByRole('meter').count(), 3, 'minutes, SMS and data meters');
  });

  it('tops up 100 ₽ with 4242 4242 4242 4242 and the balance card shows 450,00 ₽', async () => {
    const form = page.locator('kb-top-up-form');
    await expectValue(form.getByLabel('Номер телефона'), '+7 916 123-45-67');
    await payByCard(form, '4242 4242 4242 4242');
    await form.getByText('Платёж прошёл').waitFor();
    await page.locator('kb-balance-card').getByText('450,00 ₽').waitFor();
  });

  it('passes the 3220 card through the bank page in the iframe (approved) and credits the number once', async () => {
    const form = page.locator('kb-top-up-form');
    await form.getByRole('button', { name: 'Другой платёж' }).click();
    await payByCard(form, '4000 0000 0000 3220');
    const bank = page.frameLocator('kb-top-up-form dialog iframe');
    await bank.getByRole('button', { name: 'Approve' }).click();
    await form.getByText('Платёж прошёл').waitFor({ timeout: 10_000 });
    await page.locator('kb-balance-card').getByText('550,00 ₽').waitFor();
    assert.equal(await form.locator('dialog[open]').count(), 0, 'the dialog closed');
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
