import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AuthError,
  RateLimitedError,
  RefusedError,
  ResponseValidationError,
  ServerError,
  SessionExpiredError,
  ValidationError,
  createClient,
  formatMoney,
  type ClientOptions,
  type KabinetClient,
  type Msisdn,
  type SessionState,
} from '../src/index.js';
import { inProcessSandboxPerTest, latestCode, recording, sandboxPost, signIn as signInAs } from './sandbox.js';

const PRIMARY: Msisdn = '+79161234567';
const OTHER_ACCOUNT: Msisdn = '+79160000000';

const sandbox = inProcessSandboxPerTest();

function client(options: Partial<ClientOptions> = {}): KabinetClient {
  return createClient({ baseUrl: sandbox.baseUrl, auth: { type: 'otp' }, fetch: sandbox.fetch, ...options });
}

function signIn(kabinet: KabinetClient, phone: string = PRIMARY) {
  return signInAs(sandbox, kabinet, phone);
}

/** A code that is certainly not the one sent. */
function wrongCode(code: string): string {
  return code.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
}

describe('signing in by SMS code', () => {
  it('signs in with the code from the SMS sent by 3339 and keeps the session', async () => {
    const kabinet = client();
    const changes: SessionState[] = [];
    kabinet.onSessionChange((session) => changes.push(session));
    assert.equal(kabinet.session.status, 'anonymous');

    const challenge = await kabinet.auth.requestCode('8 (916) 123-45-67');
    assert.equal(challenge.sentTo, PRIMARY);
    assert.equal(challenge.sender, '3339');
    const session = await kabinet.auth.verifyCode(challenge.challengeId, await latestCode(sandbox, PRIMARY));

    assert.equal(session.msisdn, PRIMARY);
    assert.equal(kabinet.session.status, 'signed-in');
    assert.equal(kabinet.session.msisdn, PRIMARY);
    assert.ok(kabinet.session.expiresAt);
    assert.equal(kabinet.store.activeMsisdn, PRIMARY);
    assert.equal(changes.at(-1)?.status, 'signed-in');
  });

  it('reads the account and the 350.00 RUB balance of the primary number', async () => {
    const kabinet = client({ locale: 'ru' });
    await signIn(kabinet);
    const me = await kabinet.me();
    assert.equal(me.primary, PRIMARY);
    assert.ok(me.numbers.some((number) => number.msisdn === '+79167654321'));
    const balance = await kabinet.balance(PRIMARY);
    assert.deepEqual(balance.balance, { amount: 35000, currency: 'RUB' });
    assert.equal(formatMoney(balance.balance, 'ru'), '350,00\u00a0₽');
  });

  it('slides the session expiry on every successful call', async () => {
    const kabinet = client();
    await signIn(kabinet);
    const first = kabinet.session.expiresAt!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await kabinet.me();
    assert.ok(Date.parse(kabinet.session.expiresAt!) > Date.parse(first));
  });

  it('refuses a wrong code with AuthError and the attempts left, and locks on the third', async () => {
    const kabinet = client();
    const challenge = await kabinet.auth.requestCode(PRIMARY);
    const wrong = wrongCode(await latestCode(sandbox, PRIMARY));

    const first = await kabinet.auth.verifyCode(challenge.challengeId, wrong).catch((error: unknown) => error);
    assert.ok(first instanceof AuthError, String(first));
    assert.equal(first.code, 'otp_invalid');
    assert.equal(first.status, 401);
    assert.equal(first.attemptsLeft, 2);

    const second = await kabinet.auth.verifyCode(challenge.challengeId, wrong).catch((error: unknown) => error);
    assert.ok(second instanceof AuthError);
    assert.equal(second.attemptsLeft, 1);

    const third = await kabinet.auth.verifyCode(challenge.challengeId, wrong).catch((error: unknown) => error);
    assert.ok(third instanceof RefusedError, String(third));
    assert.equal(third.code, 'otp_locked');
    assert.equal(third.status, 423);
    assert.equal(kabinet.session.status, 'anonymous');
  });

  it('refuses a new code requested too early with RateLimitedError and the seconds to wait', async () => {
    const kabinet = client();
    await kabinet.auth.requestCode(PRIMARY);
    const error = await kabinet.auth.requestCode(PRIMARY).catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.equal(error.status, 429);
    assert.ok(error.retryAfter !== undefined && error.retryAfter > 0 && error.retryAfter <= 60, String(error.retryAfter));
  });

  it('refuses a number that is not a Russian mobile with ValidationError pointing at /phone', async () => {
    const kabinet = client();
    const error = await kabinet.auth.requestCode('+7 495 123-45-67').catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.code, 'validation_failed');
    assert.ok(error.fieldError('/phone'), JSON.stringify(error.fields));
  });

  it('signs out: the session becomes anonymous and the token is forgotten', async () => {
    const kabinet = client();
    await signIn(kabinet);
    await kabinet.auth.signOut();
    assert.equal(kabinet.session.status, 'anonymous');
    assert.equal(kabinet.store.activeMsisdn, null);
    const error = await kabinet.me().catch((e: unknown) => e);
    assert.ok(error instanceof AuthError, String(error));
    assert.equal(error.code, 'unauthenticated');
    assert.equal(kabinet.session.status, 'anonymous');
  });

  it('forgets the token on sign-out even when the server cannot be reached', async () => {
    let online = true;
    const kabinet = client({
      retry: 0,
      fetch: async (input, init) => {
        if (!online) throw new TypeError('fetch failed');
        return sandbox.fetch(input, init);
      },
    });
    await signIn(kabinet);
    online = false;
    await kabinet.auth.signOut();
    assert.equal(kabinet.session.status, 'anonymous');
  });
});

describe('a partner session token', () => {
  it('starts signed in and learns the number from me()', async () => {
    const { token } = await signIn(client());
    const kabinet = client({ auth: { type: 'session', token } });
    assert.equal(kabinet.session.status, 'signed-in');
    assert.equal(kabinet.session.msisdn, null);
    await kabinet.me();
    assert.equal(kabinet.session.msisdn, PRIMARY);
    assert.equal(kabinet.store.activeMsisdn, PRIMARY);
  });
});

describe('a partner session token that the server does not know', () => {
  it('ends the session as expired on the first 401 unauthenticated', async () => {
    let expiredCalls = 0;
    const kabinet = client({ auth: { type: 'session', token: 'revoked-or-unknown' }, onSessionExpired: () => expiredCalls++ });
    const error = await kabinet.me().catch((e: unknown) => e);
    assert.ok(error instanceof AuthError, String(error));
    assert.equal(error.code, 'unauthenticated');
    assert.equal(kabinet.session.status, 'expired');
    assert.equal(expiredCalls, 1);
  });
});

describe('refusals', () => {
  it("refuses another account's number with RefusedError not_found", async () => {
    const kabinet = client();
    await signIn(kabinet);
    const error = await kabinet.balance(OTHER_ACCOUNT).catch((e: unknown) => e);
    assert.ok(error instanceof RefusedError, String(error));
    assert.equal(error.code, 'not_found');
    assert.equal(kabinet.session.status, 'signed-in');
  });
});

describe('session expiry', () => {
  it('ends the session after 20 idle minutes: SessionExpiredError, onSessionExpired, status expired, store cleared', async () => {
    let expiredCalls = 0;
    const kabinet = client({ onSessionExpired: () => expiredCalls++ });
    const statuses: string[] = [];
    kabinet.onSessionChange((session) => statuses.push(session.status));
    await signIn(kabinet);
    await kabinet.store.balance(PRIMARY).load();
    assert.equal(kabinet.store.balance(PRIMARY).state.status, 'ready');

    await sandboxPost(sandbox, '/sandbox/clock', { advance: 'PT21M' });
    const error = await kabinet.me().catch((e: unknown) => e);

    assert.ok(error instanceof SessionExpiredError, String(error));
    assert.equal(error.code, 'session_expired');
    assert.equal(expiredCalls, 1);
    assert.equal(kabinet.session.status, 'expired');
    assert.equal(statuses.at(-1), 'expired');
    assert.equal(statuses.filter((status) => status === 'expired').length, 1);
    assert.equal(kabinet.store.balance(PRIMARY).state.status, 'idle');
    assert.equal(kabinet.store.balance(PRIMARY).state.data, undefined);

    // The token is gone: the next call is anonymous, and does not expire anything twice.
    const next = await kabinet.me().catch((e: unknown) => e);
    assert.ok(next instanceof AuthError);
    assert.equal(expiredCalls, 1);
  });
});

describe('the store against the sandbox', () => {
  it('sends one balance request for three subscribers', async () => {
    const counted = recording(sandbox.fetch);
    const kabinet = client({ fetch: counted.fetch });
    await signIn(kabinet);
    const path = `/v1/numbers/79161234567/balance`;
    const ready = new Promise<void>((resolve) => {
      const stops = [1, 2, 3].map(() =>
        kabinet.store.balance(PRIMARY).subscribe((state) => {
          if (state.status === 'ready') {
            stops.forEach((stop) => stop?.());
            resolve();
          }
        }),
      );
    });
    await ready;
    assert.equal(counted.count('GET', path), 1);
    assert.equal(kabinet.store.balance(PRIMARY).state.data?.balance.amount, 35000);
  });

  it('refetches watched data on invalidate', async () => {
    const counted = recording(sandbox.fetch);
    const kabinet = client({ fetch: counted.fetch });
    await signIn(kabinet);
    const path = `/v1/numbers/79161234567/balance`;
    const resource = kabinet.store.balance(PRIMARY);
    let readyCount = 0;
    let onReady: () => void = () => {};
    const stop = resource.subscribe((state) => {
      if (state.status === 'ready' && !state.refreshing) {
        readyCount++;
        onReady();
      }
    });
    await new Promise<void>((resolve) => (onReady = resolve));
    const firstUpdate = resource.state.updatedAt!;
    kabinet.store.invalidate((key) => key === `balance:${PRIMARY}`);
    assert.equal(resource.state.refreshing, true);
    assert.equal(resource.state.data?.balance.amount, 35000);
    await new Promise<void>((resolve) => (onReady = resolve));
    assert.equal(counted.count('GET', path), 2);
    assert.equal(readyCount, 2);
    assert.ok(resource.state.updatedAt! >= firstUpdate);
    stop();
  });

  it('loads the account when the first widget subscribes after sign-in', async () => {
    const kabinet = client();
    await signIn(kabinet);
    const me = await new Promise<string>((resolve) => {
      const stop = kabinet.store.me().subscribe((state) => {
        if (state.data) {
          stop?.();
          resolve(state.data.primary);
        }
      });
    });
    assert.equal(me, PRIMARY);
  });
});

describe('retries', () => {
  it('retries a GET after the Retry-After of a 503', async () => {
    let failed = 0;
    const counted = recording(async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET' && new URL(request.url).pathname.endsWith('/balance') && failed === 0) {
        failed++;
        return new Response(JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'service_unavailable' }), {
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
        });
      }
      return sandbox.fetch(request);
    });
    const kabinet = client({ fetch: counted.fetch });
    await signIn(kabinet);
    const started = performance.now();
    const balance = await kabinet.balance(PRIMARY);
    const waited = performance.now() - started;
    assert.equal(balance.balance.amount, 35000);
    assert.equal(counted.count('GET', '/v1/numbers/79161234567/balance'), 2);
    assert.ok(waited >= 950, `waited ${waited} ms`);
  });

  it('retries a GET after a network failure', async () => {
    let dropped = 0;
    const kabinet = client({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'GET' && dropped === 0) {
          dropped++;
          throw new TypeError('fetch failed');
        }
        return sandbox.fetch(request);
      },
    });
    await signIn(kabinet);
    assert.equal((await kabinet.me()).primary, PRIMARY);
    assert.equal(dropped, 1);
  });

  it('never retries POST /v1/auth/otp: each attempt sends an SMS', async () => {
    const counted = recording(async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === '/v1/auth/otp') {
        return new Response(JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'service_unavailable' }), {
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '0' },
        });
      }
      return sandbox.fetch(request);
    });
    const kabinet = client({ fetch: counted.fetch });
    const error = await kabinet.auth.requestCode(PRIMARY).catch((e: unknown) => e);
    assert.ok(error instanceof ServerError, String(error));
    assert.equal(counted.count('POST', '/v1/auth/otp'), 1);
  });

  it('does not retry a POST that failed on the network', async () => {
    let attempts = 0;
    const kabinet = client({
      fetch: async () => {
        attempts++;
        throw new TypeError('fetch failed');
      },
    });
    const error = await kabinet.auth.requestCode(PRIMARY).catch((e: unknown) => e);
    assert.ok(error instanceof Error && error.name === 'NetworkError', String(error));
    assert.equal(attempts, 1);
  });
});

describe('response validation', () => {
  it('rejects a body that does not match its schema with ResponseValidationError', async () => {
    const kabinet = client({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const response = await sandbox.fetch(request);
        if (!new URL(request.url).pathname.endsWith('/balance')) return response;
        const body = (await response.json()) as { balance: { amount: unknown } };
        body.balance.amount = '350.00';
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      },
    });
    await signIn(kabinet);
    const error = await kabinet.balance(PRIMARY).catch((e: unknown) => e);
    assert.ok(error instanceof ResponseValidationError, String(error));
    assert.equal(error.code, 'invalid_response');
    assert.ok(error.issues.length > 0);
    assert.match(error.message, /balance\.amount/);
  });

  it('rejects a body that is not JSON at all', async () => {
    const kabinet = client({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (new URL(request.url).pathname === '/v1/me') return new Response('<html>proxy</html>', { status: 200, headers: { 'content-type': 'text/html' } });
        return sandbox.fetch(request);
      },
    });
    await signIn(kabinet);
    const error = await kabinet.me().catch((e: unknown) => e);
    assert.ok(error instanceof ResponseValidationError, String(error));
  });
});

describe('aborting', () => {
  it('rejects with the AbortError of the signal the caller aborted', async () => {
    const kabinet = client();
    await signIn(kabinet);
    const controller = new AbortController();
    const pending = kabinet.balance(PRIMARY, { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    assert.ok(error instanceof Error && error.name === 'AbortError', String(error));
  });
});
