/**
 * The `session` auth mode with a token a partner's backend minted (issue 7):
 * the partner backend's call is plain `fetch` with its secret key, as in the
 * README; the page's client then holds only that token and its scopes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { PartnerSessionSchema, RefusedError, createClient, type Msisdn, type PartnerSessionRequest } from '../src/index.js';
import { inProcessSandboxPerTest } from './sandbox.js';

const PRIMARY: Msisdn = '+79161234567';

const sandbox = inProcessSandboxPerTest();

/** What the partner's backend does for its signed-in customer (server side: the secret key never reaches the page). */
async function mintOnPartnerBackend(request: PartnerSessionRequest) {
  const response = await sandbox.fetch(`${sandbox.baseUrl}/v1/partner/sessions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_demo', 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return v.parse(PartnerSessionSchema, await response.json());
}

describe('a partner-minted session token', () => {
  it('reads the balance of its number through createClient({ auth: { type: "session", token } })', async () => {
    const session = await mintOnPartnerBackend({ msisdn: '8 916 123-45-67', scopes: ['balance:read', 'account:read'] });
    assert.equal(session.msisdn, PRIMARY);
    const { token } = session;
    const kabinet = createClient({ baseUrl: sandbox.baseUrl, auth: { type: 'session', token }, fetch: sandbox.fetch });
    assert.equal(kabinet.session.status, 'signed-in');
    const balance = await kabinet.balance(PRIMARY);
    assert.deepEqual(balance.balance, { amount: 35000, currency: 'RUB' });
  });

  it('is refused with RefusedError scope_missing, naming the scope, where it was not given the scope', async () => {
    const { token } = await mintOnPartnerBackend({ msisdn: PRIMARY, scopes: ['balance:read'] });
    const kabinet = createClient({ baseUrl: sandbox.baseUrl, auth: { type: 'session', token }, fetch: sandbox.fetch });
    const refusal = await kabinet.tariffs.list(PRIMARY).then(
      () => assert.fail('listed tariffs without tariff:read'),
      (error: unknown) => error,
    );
    assert.ok(refusal instanceof RefusedError, String(refusal));
    assert.equal(refusal.code, 'scope_missing');
    assert.equal(refusal.status, 403);
    assert.equal(refusal.problem?.['scope'], 'tariff:read');
    // A missing scope is not a lost session: the token still does what it may.
    assert.equal(kabinet.session.status, 'signed-in');
    await kabinet.balance(PRIMARY);
  });
});
