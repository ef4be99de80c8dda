/**
 * Regenerates the README's pictures of the demo from a running `npm start`:
 * docs/internal-page.png (signs in on the internal-page example) and
 * docs/partner-bank.png (the partner bank's page, signed in by its backend).
 * Run: node --conditions=@kabinet/source --import tsx scripts/screenshot.ts
 */
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const api = 'http://127.0.0.1:8787';
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('page:', message.text());
  });
  await fetch(`${api}/sandbox/reset`, { method: 'POST' });
  await page.goto('http://127.0.0.1:8080/internal-page/');
  const login = page.locator('kb-login');
  await login.getByLabel('Номер телефона').fill('8 (916) 123-45-67');
  await login.getByRole('button', { name: 'Получить код' }).click();
  await login.getByLabel('Код из SMS').waitFor();
  const sms = (await (await fetch(`${api}/sandbox/sms?to=%2B79161234567`)).json()) as { code: string }[];
  await login.getByLabel('Код из SMS').fill(sms[0]?.code ?? '');
  await login.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.locator('kb-balance-card').getByText('350,00 ₽').waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'docs/internal-page.png', fullPage: true });
  console.info('docs/internal-page.png written');

  await page.goto('http://127.0.0.1:8080/partner-bank/');
  await page.locator('kb-balance-card').getByText('350,00 ₽').waitFor();
  await page.locator('kb-tariff-picker').getByText('Мой смарт').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'docs/partner-bank.png', clip: { x: 0, y: 0, width: 1100, height: 900 } });
  console.info('docs/partner-bank.png written');
} finally {
  await browser.close();
}
