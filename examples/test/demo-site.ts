// The demo site as the end-to-end tests open it: the sandbox and the examples
// host over real HTTP on their fixed ports, one headless Chromium page that
// records Content-Security-Policy violations and console errors, and what a
// person does there (the code from the sandbox outbox, paying by card).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer } from '@kabinet/sandbox/node';
import { startExamplesServer } from '../server.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const api = 'http://127.0.0.1:8787';

export interface DemoSite {
  sandbox: Awaited<ReturnType<typeof startServer>>;
  page: Page;
  /** `directive blockedURI` of every CSP or Trusted Types violation on the page. */
  violations: string[];
  /** Console errors (less those `ignoreConsoleError` leaves out) and uncaught page errors. */
  consoleErrors: string[];
  /** The code in the newest SMS the sandbox sent to `to`, once it has arrived. */
  latestCode(to: string): Promise<string>;
  close(): Promise<void>;
}

export interface DemoSiteOptions {
  viewport?: { width: number; height: number };
  /** A console error the test expects (and the page explains). */
  ignoreConsoleError?: (text: string) => boolean;
}

/** Starts the sandbox (in memory) and the examples host, and opens a page in Chromium. */
export async function openDemoSite(options: DemoSiteOptions = {}): Promise<DemoSite> {
  let sandbox: DemoSite['sandbox'] | undefined;
  let examples: Server | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    examples?.close();
    await sandbox?.close();
  };
  try {
    sandbox = await startServer({ port: 8787, host: '127.0.0.1', memory: true, quiet: true });
    examples = await startExamplesServer({ root, apiOrigin: api, port: 8080, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : undefined);
    const violations: string[] = [];
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !options.ignoreConsoleError?.(message.text())) consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await reportViolations(page, violations);
    return { sandbox, page, violations, consoleErrors, latestCode, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Pushes `directive blockedURI` onto `violations` for every securitypolicyviolation on the page's documents. */
export async function reportViolations(page: Page, violations: string[]): Promise<void> {
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

/**
 * Waits (up to 5 s) for an SMS with a code to `to`: a click on "Получить код"
 * resolves when the click is dispatched, before the page's request has reached
 * the sandbox.
 */
async function latestCode(to: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const response = await fetch(`${api}/sandbox/sms?to=${encodeURIComponent(to)}`);
    const messages = (await response.json()) as { code: string | null }[];
    const code = messages[0]?.code;
    if (code) return code;
    assert.ok(Date.now() < deadline, `an SMS with a code to ${to} in the sandbox outbox`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const YEAR = String((new Date().getUTCFullYear() + 1) % 100).padStart(2, '0');

/** Types a test card with a future expiry into the top-up form and presses "Pay". */
export async function payByCard(form: Locator, number: string): Promise<void> {
  await form.getByLabel('Номер карты').fill(number);
  await form.getByLabel('Срок действия').fill(`12/${YEAR}`);
  await form.getByLabel('CVC').fill('123');
  await form.getByRole('button', { name: /Оплатить/ }).click();
}

/** Waits up to 5 s for `field` to hold `expected`, then asserts it does. */
export async function expectValue(field: Locator, expected: string): Promise<void> {
  for (let i = 0; i < 50 && (await field.inputValue()) !== expected; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(await field.inputValue(), expected);
}
