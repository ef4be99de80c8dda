// The React example as a person uses it: the examples host and the sandbox
// over real HTTP on their fixed ports, the built Vite app under the examples'
// strict CSP in headless Chromium, the widgets through @kabinet/react. The
// payment list is React state fed by the top-up form's `onKbTopUp` prop.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectValue, openDemoSite, payByCard, root, type DemoSite } from './demo-site.js';

const pageUrl = 'http://127.0.0.1:8080/react-app/';

describe('React app example (@kabinet/react)', () => {
  let site: DemoSite;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(`${root}examples/react-app/dist/index.html`), 'the React app is built (npm run build)');
    site = await openDemoSite({ viewport: { width: 1100, height: 900 } });
    page = site.page;
  });

  after(() => site?.close());

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
    await login.getByLabel(/Код из SMS/).fill(await site.latestCode('+79161234567'));
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
    await form.getByRole('heading', { name: 'Платёж прошёл' }).waitFor();
    const item = payments.getByRole('listitem');
    await item.filter({ hasText: /100,00\s₽ на \+7 916 123-45-67 — прошёл/ }).waitFor();
    assert.equal(await item.count(), 1, 'one payment, listed once');
    await page.locator('kb-balance-card').getByText('450,00 ₽').waitFor();
  });

  it('breaks no Content-Security-Policy or Trusted Types rule and logs no errors', () => {
    assert.deepEqual(site.violations, []);
    assert.deepEqual(site.consoleErrors, []);
  });
});
