// The demo as a person uses it: the examples host and the sandbox over real
// HTTP on their fixed ports, the internal page under its strict CSP in
// headless Chromium, sign-in with the code from the sandbox outbox.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectValue, openDemoSite, payByCard, type DemoSite } from './demo-site.js';

const pageUrl = 'http://127.0.0.1:8080/internal-page/';

describe('internal page example', () => {
  let site: DemoSite;
  let page: Page;

  before(async () => {
    site = await openDemoSite();
    page = site.page;
  });

  after(() => site?.close());

  it('signs in by SMS code and shows the balance, tariff and packages', async () => {
    await page.goto(pageUrl);
    const phone = page.locator('kb-login').getByLabel(/Номер телефона/);
    await phone.fill('8 (916) 123-45-67');
    await page.getByRole('button', { name: /Получить код/ }).click();

    const code = await site.latestCode('+79161234567');
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
    await form.getByRole('heading', { name: 'Платёж прошёл' }).waitFor();
    await page.locator('kb-balance-card').getByText('450,00 ₽').waitFor();
  });

  it('passes the 3220 card through the bank page in the iframe (approved) and credits the number once', async () => {
    const form = page.locator('kb-top-up-form');
    await form.getByRole('button', { name: 'Другой платёж' }).click();
    await payByCard(form, '4000 0000 0000 3220');
    const bank = page.frameLocator('kb-top-up-form dialog iframe');
    await bank.getByRole('button', { name: 'Approve' }).click();
    await form.getByRole('heading', { name: 'Платёж прошёл' }).waitFor({ timeout: 10_000 });
    await page.locator('kb-balance-card').getByText('550,00 ₽').waitFor();
    assert.equal(await form.locator('dialog[open]').count(), 0, 'the dialog closed');
  });

  it('breaks no Content-Security-Policy or Trusted Types rule and logs no errors', () => {
    assert.deepEqual(site.violations, []);
    assert.deepEqual(site.consoleErrors, []);
  });
});
