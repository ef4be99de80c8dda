// Finds the Chromium the browser tests drive: CHROME_PATH, the system
// package, then a Playwright-managed browser. Installs none itself: .ci/run does.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export function chromiumPath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const managed = chromium.executablePath();
  if (managed && existsSync(managed)) return managed;
  throw new Error(
    'No Chromium found. Install one: `apt-get install -y chromium` (or set CHROME_PATH).',
  );
}

/** Flags for headless Chromium on a closed network (no background fetches). */
export const chromiumArgs = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
