/**
 * Partner sessions (issue 7, "Partner auth") at the HTTP level, run against
 * every Store implementation: minting with the secret key only, a token held
 * to one account and its scopes, the 15-minute lifetime and its refresh, a
 * secret key leaked into a browser, and publishable keys held to their origins.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { BalanceSchema, ClockSchema, MeSchema, PartnerSessionInfoSchema, PartnerSessionSchema, SCOPES, type Scope } from '@kabinet/client/contract';
import { DEMO, OPERATIONS, type Operation, type Store } from '../src/index.js';
import { maskKey } from '../src/session.js';
import { EVIL_ORIGIN, PAGE_ORIGIN, expectProblem, useSandbox } from './api.js';

const MINT = '/v1/partner/sessions';
/** Allowed by CORS (Storybook) but not among the demo publishable key's origins. */
const STORYBOOK_ORIGIN = 'http://127.0.0.1:6006';
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };
const MINUTE = 60_000;

/** A request to `operation` with its path filled in: enough to reach its authentication. */
function callOf(operation: Operation): { path: string; method: string; body?: unknown; headers: Record<string, string> } {
  const path = operation.path.replace('{msisdn}', DEMO.primary.slice(1)).replace(/\{\w+\}/g, 'x') + (operation.query?.some((q) => q.required) ? `?msisdn=${DEMO.primary.slice(1)}` : '');
  return {
    path,
    method: operation.method.toUpperCase(),
    ...(operation.request ? { body: {} } : {}),
    headers: operation.idempotent ? { 'idempotency-key': `partner-${operation.method}-${operation.path}` } : {},
  };
}

const implemented = OPERATIONS.filter((operation) => operation.status === 'implemented');
const scoped = implemented.filter((operation): operation is Operation & { scope: Scope } => operation.scope !== undefined);

export function describePartnerContract(name: string, makeStore: () => Promise<Store>, options: { skip?: string } = {}): void {
  describe(`partner sessions on ${name}`, { skip: options.skip ?? false }, () => {
    const sandbox = useSandbox(makeStore);

    const mint = (scopes: readonly string[], msisdn: string = DEMO.primary) => sandbox.api.ok(MINT, { token: DEMO.secretKey, body: { msisdn, scopes } }, 201, PartnerSessionSchema);
    const now = async () => Date.parse((await sandbox.api.ok('/sandbox/clock', {}, 200, ClockSchema)).now);
    const auditRows = (action: string) => sandbox.store.transaction((tx) => tx.select('audit_log', { action }));
    const secretKeyRow = async () => (await sandbox.store.transaction((tx) => tx.select('api_keys', { key: DEMO.secretKey })))[0]!;

    describe('minting', () => {
      it('mints a token for the number’s account with the listed scopes, ending in 15 minutes, and audits it without the key', async () => {
        const before = await now();
        const session = await sandbox.api.ok(MINT, { token: DEMO.secretKey, body: { msisdn: '8 (916) 123-45-67', scopes: ['balance:read', 'top-up'] } }, 201, PartnerSessionSchema);
        assert.equal(session.msisdn, DEMO.primary);
        assert.deepEqual(session.scopes, ['balance:read', 'top-up']);
        assert.equal(session.idleTimeout, 20 * 60);
        const lifetime = Date.parse(session.expiresAt) - before;
        assert.ok(lifetime >= 15 * MINUTE && lifetime < 15 * MINUTE + 5000, `ends after ${lifetime} ms`);
        const balance = await sandbox.api.ok(`/v1/numbers/${DEMO.primary.slice(1)}/balance`, { token: session.token }, 200, BalanceSchema);
        assert.equal(balance.balance.amount, 35000);

        const [started] = (await auditRows('session.started')).filter((row) => row.actor === 'partner');
        assert.equal(started?.accountId, 'acc_a');
        assert.equal(started?.msisdn, DEMO.primary);
        assert.ok(started?.partnerKey && started.partnerKey !== DEMO.secretKey, 'the audit log names the key masked');
        assert.deepEqual((started?.details as { scopes: string[] }).scopes, ['balance:read', 'top-up']);
        const [row] = await sandbox.store.transaction((tx) => tx.select('sessions', { id: session.id }));
        assert.notEqual(row?.tokenHash, session.token, 'only the token’s hash is stored');
      });

      it('mints only with the secret key: no key is 401; a publishable key or a session token is 403', async () => {
        const body = { msisdn: DEMO.primary, scopes: ['balance:read'] };
        await sandbox.api.problem(MINT, { body }, 401, 'unauthenticated');
        await sandbox.api.problem(MINT, { body, token: 'sk_test_unknown' }, 401, 'unauthenticated');
        await sandbox.api.problem(MINT, { body, token: DEMO.publishableKey }, 403, 'forbidden');
        const { token } = await sandbox.api.signIn(DEMO.primary);
        await sandbox.api.problem(MINT, { body, token }, 403, 'forbidden');
        const partner = await mint(['balance:read']);
        await sandbox.api.problem(MINT, { body, token: partner.token }, 403, 'forbidden');
      });

      it('refuses an unknown scope, no scopes, a malformed number and a number of no account, pointing at each', async () => {
        const pointerOf = async (body: unknown) => (await sandbox.api.problem(MINT, { token: DEMO.secretKey, body }, 422, 'validation_failed')).problem.errors?.[0];
        assert.equal((await pointerOf({ msisdn: DEMO.primary, scopes: ['balance:read', 'everything'] }))?.pointer, '/scopes/1');
        assert.equal((await pointerOf({ msisdn: DEMO.primary, scopes: [] }))?.pointer, '/scopes');
        assert.equal((await pointerOf({ msisdn: DEMO.primary }))?.pointer, '/scopes');
        assert.deepEqual(await pointerOf({ msisdn: '12345', scopes: ['balance:read'] }), { pointer: '/msisdn', code: 'invalid_phone', detail: 'Not a Russian mobile number' });
        assert.equal((await pointerOf({ msisdn: '+79990001122', scopes: ['balance:read'] }))?.code, 'not_a_subscriber');
        assert.equal((await auditRows('session.started')).length, 0, 'nothing minted');
      });

      it('refuses the secret key from a browser, whatever the origin, and flags the key as exposed once', async () => {
        const body = { msisdn: DEMO.primary, scopes: ['balance:read'] };
        await sandbox.api.problem(MINT, { body, token: DEMO.secretKey, headers: { origin: PAGE_ORIGIN } }, 403, 'forbidden');
        await sandbox.api.problem(MINT, { body, token: DEMO.secretKey, headers: { origin: EVIL_ORIGIN } }, 403, 'forbidden');
        await sandbox.api.problem('/v1/me', { token: DEMO.secretKey, headers: { origin: EVIL_ORIGIN } }, 403, 'forbidden');
        assert.equal((await auditRows('session.started')).length, 0);

        const refused = await auditRows('secret_key.refused');
        assert.deepEqual(refused.map((row) => row.origin).sort(), [PAGE_ORIGIN, EVIL_ORIGIN, EVIL_ORIGIN].sort());
        const flagged = await auditRows('api_key.flagged');
        assert.equal(flagged.length, 1);
        assert.equal(flagged[0]?.origin, PAGE_ORIGIN);
        for (const row of [...refused, ...flagged]) assert.ok(!JSON.stringify(row).includes(DEMO.secretKey), 'the audit log never holds a secret key');
        const key = await secretKeyRow();
        assert.ok(key.exposedAt !== null, 'the key is marked exposed');
        // Rotating is the operator's call: from its server the partner still mints.
        await mint(['balance:read']);
      });
    });

    describe('a partner token', () => {
      it('reaches the account’s numbers and nothing else: another account’s number is 404', async () => {
        const { token } = await mint(['account:read', 'balance:read']);
        const me = await sandbox.api.ok('/v1/me', { token }, 200, MeSchema);
        assert.equal(me.accountId, 'acc_a');
        await sandbox.api.ok(`/v1/numbers/${DEMO.linkedActive.slice(1)}/balance`, { token }, 200, BalanceSchema);
        await sandbox.api.problem(`/v1/numbers/${DEMO.zeroBalance.slice(1)}/balance`, { token }, 404, 'not_found');
        await sandbox.api.problem(`/v1/numbers/${DEMO.blocked.slice(1)}/balance`, { token }, 404, 'not_found');
      });

      it('acts as the partner in the audit trail: links, refusals and payments name the partner’s key', async () => {
        const { token } = await mint(['numbers:write', 'top-up']);
        const password = 'demo-password';
        await sandbox.api.request('/v1/links', { method: 'POST', token, body: { phone: DEMO.linkable, password } });
        await sandbox.api.request('/v1/links', { method: 'POST', token, body: { phone: DEMO.linkOtherOwner, password } });
        await sandbox.api.request(`/v1/links/${DEMO.linkable.slice(1)}`, { method: 'PATCH', token, body: { label: 'Дача' } });
        await sandbox.api.request(`/v1/links/${DEMO.linkable.slice(1)}`, { method: 'DELETE', token });
        const card = (await (await sandbox.api.request('/v1/card-tokens', { method: 'POST', token, body: CARD })).json()) as { id: string };
        const paid = await sandbox.api.request('/v1/top-ups', {
          method: 'POST',
          token,
          headers: { 'idempotency-key': 'partner-audit' },
          body: { msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: card.id } },
        });
        assert.equal(paid.status, 201);
        // A 3-D Secure payment settles later, when the payer approves on the bank's page: still the partner's.
        const secure = (await (await sandbox.api.request('/v1/card-tokens', { method: 'POST', token, body: { ...CARD, number: '4000000000003220' } })).json()) as { id: string };
        const pending = (await (
          await sandbox.api.request('/v1/top-ups', {
            method: 'POST',
            token,
            headers: { 'idempotency-key': 'partner-audit-3ds' },
            body: { msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: secure.id } },
          })
        ).json()) as { id: string; status: string };
        assert.equal(pending.status, 'requires_action');
        assert.equal((await sandbox.api.request(`/sandbox/3ds/${pending.id}`, { body: { outcome: 'approve' } })).status, 200);

        const actions = ['link.created', 'link.refused', 'link.relabelled', 'link.removed', 'card_token.created', 'top_up.created', 'top_up.succeeded'];
        for (const action of actions) {
          const rows = await auditRows(action);
          assert.ok(rows.length > 0, `${action} audited`);
          for (const row of rows) {
            assert.equal(row.actor, 'partner', `${action} by the partner`);
            assert.equal(row.accountId, 'acc_a');
            assert.ok(row.partnerKey && row.partnerKey !== DEMO.secretKey, `${action} names the partner's key, masked`);
          }
        }
      });

      it('is refused where an API key is needed, and can always end itself', async () => {
        const { token } = await mint(['balance:read']);
        const response = await sandbox.api.request('/v1/auth/logout', { method: 'POST', token });
        assert.equal(response.status, 204);
        await sandbox.api.problem(`/v1/numbers/${DEMO.primary.slice(1)}/balance`, { token }, 401, 'unauthenticated');
      });

      it('names a scope for every implemented operation a session may call, except sign-out', () => {
        const sessionOperations = implemented.filter((operation) => operation.auth === 'session' || operation.auth === 'session-or-publishable');
        const unscoped = sessionOperations.filter((operation) => operation.scope === undefined).map((operation) => `${operation.method} ${operation.path}`);
        assert.deepEqual(unscoped, ['post /v1/auth/logout']);
        for (const operation of scoped) assert.ok((SCOPES as readonly string[]).includes(operation.scope));
        assert.ok(scoped.length >= 13, `${scoped.length} scoped operations`);
      });

      for (const operation of scoped) {
        it(`needs "${operation.scope}" for ${operation.method.toUpperCase()} ${operation.path}`, async () => {
          const call = callOf(operation);
          const without = await mint(SCOPES.filter((scope) => scope !== operation.scope));
          const { problem } = await sandbox.api.problem(call.path, { ...call, token: without.token }, 403, 'scope_missing');
          assert.equal(problem['scope'], operation.scope);
          assert.match(problem.detail ?? '', new RegExp(operation.scope));
          // With exactly that scope the same request gets past the check (to whatever the request itself deserves).
          const only = await mint([operation.scope]);
          const response = await sandbox.api.request(call.path, { ...call, token: only.token });
          const text = await response.text();
          assert.doesNotMatch(text, /scope_missing/, `${operation.method} ${operation.path} with its scope: ${text}`);
        });
      }

      it('ends 15 minutes after minting however busy, and the expiry is audited', async () => {
        const { token } = await mint(['balance:read']);
        const path = `/v1/numbers/${DEMO.primary.slice(1)}/balance`;
        for (const step of ['PT5M', 'PT5M', 'PT4M']) {
          await sandbox.api.advance(step);
          await sandbox.api.ok(path, { token }, 200, BalanceSchema);
        }
        await sandbox.api.advance('PT1M');
        const { problem } = await sandbox.api.problem(path, { token }, 401, 'session_expired');
        assert.match(problem.detail ?? '', /partner/);
        await sandbox.api.problem(path, { token }, 401, 'session_expired');
        const expired = await auditRows('session.expired');
        assert.equal(expired.length, 1);
        assert.equal(expired[0]?.actor, 'partner');
      });

      it('reads as expired, not as short of a scope, once it has ended', async () => {
        const { token } = await mint(['balance:read']);
        await sandbox.api.advance('PT16M');
        await sandbox.api.problem('/v1/me', { token }, 401, 'session_expired');
      });
    });

    describe('refreshing', () => {
      it('gives the same token another 15 minutes from the refresh, and audits it', async () => {
        const session = await mint(['balance:read']);
        const path = `/v1/numbers/${DEMO.primary.slice(1)}/balance`;
        await sandbox.api.advance('PT10M');
        const refreshedAt = await now();
        const refreshed = await sandbox.api.ok(`${MINT}/${session.id}/refresh`, { method: 'POST', token: DEMO.secretKey }, 200, PartnerSessionInfoSchema);
        assert.equal(refreshed.id, session.id);
        assert.deepEqual(refreshed.scopes, session.scopes);
        assert.ok(!('token' in refreshed), 'a refresh does not repeat the token');
        const lifetime = Date.parse(refreshed.expiresAt) - refreshedAt;
        assert.ok(lifetime >= 15 * MINUTE && lifetime < 15 * MINUTE + 5000, `ends ${lifetime} ms after the refresh`);
        await sandbox.api.advance('PT10M');
        await sandbox.api.ok(path, { token: session.token }, 200, BalanceSchema);
        await sandbox.api.advance('PT6M');
        await sandbox.api.problem(path, { token: session.token }, 401, 'session_expired');
        assert.equal((await auditRows('session.refreshed')).length, 1);
      });

      it('refreshes only a live session of the same partner, with its secret key', async () => {
        const session = await mint(['balance:read']);
        const refresh = (id: string, token: string) => sandbox.api.request(`${MINT}/${id}/refresh`, { method: 'POST', token });
        await expectProblem(await refresh(session.id, session.token), 403, 'forbidden');
        await expectProblem(await refresh(session.id, DEMO.publishableKey), 403, 'forbidden');
        await expectProblem(await refresh('ses_unknown', DEMO.secretKey), 404, 'not_found');
        const otp = await sandbox.api.signIn(DEMO.zeroBalance);
        const [otpSession] = (await sandbox.store.transaction((tx) => tx.select('sessions', { msisdn: DEMO.zeroBalance }))).filter((row) => row.partnerKey === null);
        assert.ok(otp.token && otpSession);
        await expectProblem(await refresh(otpSession.id, DEMO.secretKey), 404, 'not_found');
        await sandbox.api.advance('PT16M');
        await expectProblem(await refresh(session.id, DEMO.secretKey), 404, 'not_found');
      });
    });

    describe('telling partners apart', () => {
      /** Another bank's key, masked exactly like the demo key: `sk_test_…demo`. */
      const OTHER_KEY = 'sk_test_otherbank_x9demo';
      const addOtherPartner = () =>
        sandbox.store.transaction((tx) =>
          tx.insert('api_keys', { key: OTHER_KEY, kind: 'secret', partnerName: 'Other Bank', allowedOrigins: [], createdAt: new Date(), revokedAt: null, exposedAt: null }),
        );
      const refresh = (id: string, token: string) => sandbox.api.request(`${MINT}/${id}/refresh`, { method: 'POST', token });

      it('by the whole key: another key with the same masked form cannot refresh the session, and learns nothing of it', async () => {
        await addOtherPartner();
        assert.equal(maskKey(OTHER_KEY), maskKey(DEMO.secretKey), 'the keys look alike masked');
        const session = await mint(['balance:read', 'top-up']);

        const unknown = await refresh('ses_unknown', OTHER_KEY);
        const foreign = await refresh(session.id, OTHER_KEY);
        const unknownText = await unknown.text();
        const foreignText = await foreign.text();
        assert.equal(foreign.status, 404, foreignText);
        assert.deepEqual(JSON.parse(foreignText), JSON.parse(unknownText), 'the same answer as for an unknown session');
        await expectProblem(new Response(foreignText, { status: foreign.status, headers: foreign.headers }), 404, 'not_found');
        for (const secret of [DEMO.primary, DEMO.primary.slice(1), 'balance:read', session.id]) assert.ok(!foreignText.includes(secret), foreignText);
        assert.equal((await auditRows('session.refreshed')).length, 0, 'nothing refreshed');

        // The session's own partner still refreshes it; the other one has sessions of its own, which the demo key cannot touch.
        await sandbox.api.ok(`${MINT}/${session.id}/refresh`, { method: 'POST', token: DEMO.secretKey }, 200, PartnerSessionInfoSchema);
        const others = await sandbox.api.ok(MINT, { token: OTHER_KEY, body: { msisdn: DEMO.zeroBalance, scopes: ['balance:read'] } }, 201, PartnerSessionSchema);
        await sandbox.api.ok(`${MINT}/${others.id}/refresh`, { method: 'POST', token: OTHER_KEY }, 200, PartnerSessionInfoSchema);
        await expectProblem(await refresh(others.id, DEMO.secretKey), 404, 'not_found');
      });

      it('in the records: sessions, payments and the audit trail hold each key’s hash beside the masked form, never the key', async () => {
        await addOtherPartner();
        const ours = await mint(['top-up']);
        const theirs = await sandbox.api.ok(MINT, { token: OTHER_KEY, body: { msisdn: DEMO.primary, scopes: ['top-up'] } }, 201, PartnerSessionSchema);
        for (const [session, key] of [[ours, 'ours'], [theirs, 'theirs']] as const) {
          const card = await sandbox.api.ok('/v1/card-tokens', { token: session.token, body: CARD }, 201, v.object({ id: v.string() }));
          const paid = await sandbox.api.request('/v1/top-ups', {
            token: session.token,
            headers: { 'idempotency-key': `partner-${key}` },
            body: { msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: card.id } },
          });
          assert.equal(paid.status, 201, await paid.text());
        }
        const sessions = await sandbox.store.transaction((tx) => tx.select('sessions', { msisdn: DEMO.primary }));
        const hashOf = (id: string) => sessions.find((row) => row.id === id)?.partnerKeyHash;
        const [ourHash, theirHash] = [hashOf(ours.id), hashOf(theirs.id)];
        assert.ok(ourHash && theirHash && ourHash !== theirHash, 'two partners, two identities');
        assert.deepEqual([...new Set(sessions.map((row) => row.partnerKey))], [maskKey(DEMO.secretKey)], 'one masked form for display');
        const topUps = await sandbox.store.transaction((tx) => tx.select('top_ups', { msisdn: DEMO.primary }));
        assert.deepEqual(topUps.map((row) => row.partnerKeyHash).sort(), [ourHash, theirHash].sort());
        const audit = (await sandbox.store.transaction((tx) => tx.select('audit_log'))).filter((row) => row.actor === 'partner');
        for (const action of ['session.started', 'card_token.created', 'top_up.succeeded']) {
          const hashes = audit.filter((row) => row.action === action).map((row) => row.partnerKeyHash);
          assert.deepEqual(hashes.sort(), [ourHash, theirHash].sort(), action);
        }
        const stored = JSON.stringify([sessions, topUps, audit]);
        assert.ok(!stored.includes(DEMO.secretKey) && !stored.includes(OTHER_KEY), 'no secret key is stored outside api_keys');
      });
    });

    describe('publishable keys', () => {
      it('work from their allowed origins and from servers, and from no other origin', async () => {
        await sandbox.api.ok('/v1/card-tokens', { token: DEMO.publishableKey, body: CARD, headers: { origin: PAGE_ORIGIN } }, 201, v.object({ id: v.string() }));
        await sandbox.api.ok('/v1/card-tokens', { token: DEMO.publishableKey, body: CARD }, 201, v.object({ id: v.string() }));
        // Storybook may call the API (CORS) but is not among this key's origins.
        await sandbox.api.problem('/v1/card-tokens', { token: DEMO.publishableKey, body: CARD, headers: { origin: STORYBOOK_ORIGIN } }, 403, 'origin_not_allowed');
        await sandbox.api.problem('/v1/card-tokens', { token: DEMO.publishableKey, body: CARD, headers: { origin: EVIL_ORIGIN } }, 403, 'origin_not_allowed');
      });

      it('are refused from other origins on every operation that takes them, reads included', async () => {
        const operations = implemented.filter((operation) => operation.auth === 'session-or-publishable');
        assert.ok(operations.length >= 3);
        for (const operation of operations) {
          const call = callOf(operation);
          for (const origin of [STORYBOOK_ORIGIN, EVIL_ORIGIN]) {
            const response = await sandbox.api.request(call.path, { ...call, token: DEMO.publishableKey, headers: { ...call.headers, origin } });
            await expectProblem(response, 403, 'origin_not_allowed');
          }
        }
      });

      it('open no account data: session operations answer 401', async () => {
        for (const operation of implemented.filter((op) => op.auth === 'session')) {
          const call = callOf(operation);
          const response = await sandbox.api.request(call.path, { ...call, token: DEMO.publishableKey, headers: { ...call.headers, origin: PAGE_ORIGIN } });
          await expectProblem(response, 401, 'unauthenticated');
        }
      });
    });

    describe('secret keys', () => {
      it('are refused with an Origin on every /v1 operation', async () => {
        for (const operation of implemented.filter((op) => op.path.startsWith('/v1/'))) {
          const call = callOf(operation);
          const response = await sandbox.api.request(call.path, { ...call, token: DEMO.secretKey, headers: { ...call.headers, origin: PAGE_ORIGIN } });
          await expectProblem(response, 403, 'forbidden');
        }
        assert.equal((await auditRows('api_key.flagged')).length, 1);
      });
    });
  });
}
