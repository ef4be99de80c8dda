import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { createBrowserSandbox } from '../src/browser.js';
import { DEMO } from '../src/index.js';

describe('the sandbox in a browser', () => {
  it('bundles for the browser without Node built-ins', async () => {
    const entries = ['index.ts', 'browser.ts'].map((file) => fileURLToPath(new URL(`../src/${file}`, import.meta.url)));
    // platform=browser fails on any `node:` import or Node-only package.
    const result = await build({ entryPoints: entries, bundle: true, platform: 'browser', format: 'esm', conditions: ['@kabinet/source'], write: false, outdir: 'out', logLevel: 'silent' });
    assert.equal(result.errors.length, 0);
    const code = result.outputFiles.map((file) => file.text).join('\n');
    assert.doesNotMatch(code, /from\s*["']node:|require\(["'](fs|path|net|pg)["']\)/);
  });

  it('serves the seeded API through fetch and resets', async () => {
    const sandbox = await createBrowserSandbox();
    const sent = await sandbox.fetch('http://sandbox.test/v1/auth/otp', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: DEMO.primary }),
    });
    assert.equal(sent.status, 202);
    await sandbox.reset();
    const sms = (await (await sandbox.fetch(new Request('http://sandbox.test/sandbox/sms'))).json()) as unknown[];
    assert.deepEqual(sms, []);
    const health = (await (await sandbox.fetch('http://sandbox.test/healthz')).json()) as { store: string };
    assert.equal(health.store, 'memory');
  });
});
