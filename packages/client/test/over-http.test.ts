import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuthError, RateLimitedError, createClient, type Msisdn } from '../src/index.js';
import { httpSandbox, latestCode, type TestSandbox } from './sandbox.js';

const PRIMARY: Msisdn = '+79161234567';

describe('over real HTTP', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await httpSandbox();
    await sandbox.reset();
  });
  after(async () => {
    await sandbox.close();
  });

  it('signs in with the SMS code, reads the balance, and signs out', async () => {
    const client = createClient({ baseUrl: sandbox.baseUrl, auth: { type: 'otp' }, locale: 'en' });
    const challenge = await client.auth.requestCode('+7 916 123-45-67');
    await client.auth.verifyCode(challenge.challengeId, await latestCode(sandbox, PRIMARY));
    assert.equal(client.session.status, 'signed-in');
    assert.equal(client.session.msisdn, PRIMARY);
    assert.equal((await client.me()).primary, PRIMARY);
    assert.deepEqual((await client.balance(PRIMARY)).balance, { amount: 35000, currency: 'RUB' });
    await client.auth.signOut();
    assert.equal(client.session.status, 'anonymous');
    await assert.rejects(client.me(), AuthError);
  });

  it('carries Retry-After from a real 429 into RateLimitedError', async () => {
    const client = createClient({ baseUrl: sandbox.baseUrl, auth: { type: 'otp' } });
    const error = await client.auth.requestCode(PRIMARY).catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.ok(error.retryAfter! > 0);
  });
});
