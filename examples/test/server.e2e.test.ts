// The examples host as an attacker meets it: only the example folders and
// dist/cdn/ are served, however the path is spelled, and a malformed request
// gets a refusal instead of taking the pages down.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startExamplesServer } from '../server.js';
import { root } from './demo-site.js';

describe('examples host', () => {
  let server: Server;
  let origin: string;

  before(async () => {
    server = await startExamplesServer({ root, apiOrigin: 'http://127.0.0.1:8787', port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server?.close();
  });

  // fetch() would normalise `..`: send the path as written.
  const get = async (path: string) => {
    const { request } = await import('node:http');
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      request(`${origin}${path}`, { method: 'GET' }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
  };

  it('serves the example pages and the script-tag bundle', async () => {
    assert.equal((await get('/internal-page/')).status, 200);
    assert.equal((await get('/dist/cdn/kabinet.js')).status, 200);
    assert.equal((await get('/dist/cdn/manifest.json')).status, 200);
  });

  it('serves nothing outside its folders, however the path is encoded', async () => {
    for (const path of [
      '/dist/cdn/..%2F..%2F.git%2Fconfig',
      '/dist/cdn/..%2f..%2fpackage.json',
      '/dist/cdn/%2E%2E/%2E%2E/package.json',
      '/dist/cdn/..%5C..%5Cpackage.json',
      '/internal-page/..%2Fpartner-bank%2Fbackend.ts',
      '/internal-page/../partner-bank/backend.ts',
      '/react-app/..%2F..%2Fserver.ts',
      '/dist/package.json',
      '/examples/server.ts',
      '/.data/sandbox/',
    ]) {
      const { status, body } = await get(path);
      assert.equal(status, 404, `${path} → ${status}`);
      assert.doesNotMatch(body, /sk_test|\[core\]|createPartnerBank/, path);
    }
  });

  it('refuses a malformed escape and keeps serving', async () => {
    assert.equal((await get('/internal-page/%E0%A4%A')).status, 404);
    assert.equal((await get('/internal-page/')).status, 200, 'still up');
  });
});
