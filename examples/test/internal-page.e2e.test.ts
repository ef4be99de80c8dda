// The demo as a person uses it: the examples host and the sandbox over real
// HTTP on their fixed ports, the internal page under its strict CSP in
// headless Chromium, sign-in with the code from the sandbox outbox.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
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
    const phone = page.getByLabel(/Номер телефона/);
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

  it('breaks no Content-Security-Policy or Trusted Types rule and logs no errors', () => {
    assert.deepEqual(violations, []);
    assert.deepEqual(consoleErrors, []);
  });
});

async function latestCode(to: string): Promise<string> {
  const response = await fetch(`${api}/sandbox/sms?to=${encodeURIComponent(to)}`);
  const messages = (await response.json()) as { code: string | null }[];
  const code = messages[0]?.code;
  assert.ok(code, 'an SMS with a code in the sandbox outbox');
  return code;
}
