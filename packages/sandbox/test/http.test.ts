import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { MeSchema, OtpChallengeSchema, SessionSchema, SmsSchema } from '@kabinet/client/contract';
import * as v from 'valibot';
import { DEMO, MemoryStore, createApp, seedIfEmpty, systemClock } from '../src/index.js';
import { startServer, type SandboxServer } from '../src/node.js';
import { Api, PAGE_ORIGIN } from './api.js';

/** A POST whose `Host` header says what we like (fetch keeps it to the URL's). */
function postWithHost(url: string, host: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end(JSON.stringify(body));
  });
}

/** The text of the newest SMS to `to` from an app. */
async function latestSmsText(api: Api, to: string): Promise<string> {
  const [sms] = await api.ok(`/sandbox/sms?to=${encodeURIComponent(to)}`, {}, 200, v.array(SmsSchema));
  return sms?.text ?? assert.fail(`no SMS to ${to}`);
}

describe('over real HTTP', () => {
  let server: SandboxServer;
  const lines: string[] = [];

  before(async () => {
    server = await startServer({
      port: 0,
      store: new MemoryStore(),
      log: { info: (line) => lines.push(line), error: (line, error) => lines.push(`${line} ${String(error)}`) },
    });
  });
  after(async () => {
    await server?.close();
  });

  it('signs in with a code from the SMS outbox and reads the account', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const origin = PAGE_ORIGIN;
    const json = { 'content-type': 'application/json', origin };
    const preflight = await fetch(`${server.url}/v1/auth/otp`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin);

    const sent = await fetch(`${server.url}/v1/auth/otp`, { method: 'POST', headers: json, body: JSON.stringify({ phone: '8 916 123-45-67' }) });
    assert.equal(sent.status, 202);
    const challenge = v.parse(OtpChallengeSchema, await sent.json());
    const [sms] = v.parse(v.array(SmsSchema), await (await fetch(`${server.url}/sandbox/sms?to=${encodeURIComponent(DEMO.primary)}`)).json());
    assert.ok(sms?.code);
    assert.ok(lines.includes(`SMS 3339 → +7 916 123-45-67: code ${sms.code}`), lines.join('\n'));
    assert.ok(sms.text.endsWith(`@127.0.0.1 #${sms.code}`));

    const verified = await fetch(`${server.url}/v1/auth/otp/verify`, { method: 'POST', headers: json, body: JSON.stringify({ challengeId: challenge.challengeId, code: sms.code }) });
    assert.equal(verified.status, 200);
    const session = v.parse(SessionSchema, await verified.json());
    const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${session.token}`, origin } });
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('access-control-allow-origin'), origin);
    assert.equal(v.parse(MeSchema, await me.json()).primary, DEMO.primary);
  });

  it('names the page host in the WebOTP line, not the Host header the request came with', async () => {
    await fetch(`${server.url}/sandbox/reset`, { method: 'POST' });
    assert.equal(await postWithHost(`${server.url}/v1/auth/otp`, 'evil.example', { phone: DEMO.primary }), 202);
    const [sms] = v.parse(v.array(SmsSchema), await (await fetch(`${server.url}/sandbox/sms?to=${encodeURIComponent(DEMO.primary)}`)).json());
    assert.ok(sms);
    assert.ok(sms.text.endsWith(`\n\n@127.0.0.1 #${sms.code}`), sms.text);
    assert.doesNotMatch(sms.text, /evil\.example/);
  });

  it('drops the connection when told to', async () => {
    await fetch(`${server.url}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dropRate: 1 }) });
    await assert.rejects(fetch(`${server.url}/v1/me`), TypeError);
    await fetch(`${server.url}/sandbox/reset`, { method: 'POST' });
    assert.equal((await fetch(`${server.url}/v1/me`)).status, 401);
  });
});

describe('the WebOTP host', () => {
  async function appWith(options: { webOtpHost?: string; allowedOrigins?: readonly string[] }): Promise<Api> {
    const store = new MemoryStore();
    await seedIfEmpty(store, systemClock);
    return new Api(createApp({ store, ...options }));
  }

  it('is the configured one', async () => {
    const api = await appWith({ webOtpHost: 'kabinet.example', allowedOrigins: ['https://shop.example'] });
    await api.request('http://evil.example/v1/auth/otp', { body: { phone: DEMO.primary }, headers: { host: 'evil.example' } });
    assert.match(await latestSmsText(api, DEMO.primary), /\n\n@kabinet\.example #\d{6}$/);
  });

  it('is the first allowed origin’s hostname when none is configured, and localhost without allowed origins', async () => {
    const shop = await appWith({ allowedOrigins: ['https://shop.example:8443', 'https://other.example'] });
    await shop.request('http://evil.example/v1/auth/otp', { body: { phone: DEMO.primary }, headers: { host: 'evil.example' } });
    assert.match(await latestSmsText(shop, DEMO.primary), /\n\n@shop\.example #\d{6}$/);
    const closed = await appWith({ allowedOrigins: [] });
    await closed.request('http://evil.example/v1/auth/otp', { body: { phone: DEMO.primary }, headers: { host: 'evil.example' } });
    assert.match(await latestSmsText(closed, DEMO.primary), /\n\n@localhost #\d{6}$/);
  });
});
