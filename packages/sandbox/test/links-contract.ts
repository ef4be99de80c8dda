/**
 * Linked numbers (DOMAIN.md "Linked numbers") at the HTTP level: part of the
 * store contract, so every rule runs against every Store implementation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { AccountNumberSchema, BalanceSchema, MeSchema, OtpChallengeSchema, SessionSchema, SmsSchema, msisdnPath } from '@kabinet/client/contract';
import { DEMO, OPERATIONS } from '../src/index.js';
import { wrongCode, type Api, type Sandbox } from './api.js';

const PASSWORD = 'demo-password';
const path = (msisdn: string) => `/v1/links/${msisdn.slice(1)}`;

export function describeLinks(sandbox: Sandbox): void {
  describe('linked numbers', () => {
    const signedIn = async (msisdn: string = DEMO.primary) => (await sandbox.api.signIn(msisdn)).token;
    const me = (token: string) => sandbox.api.ok('/v1/me', { token }, 200, MeSchema);

    it('lists the primary, active and pending numbers with labels and the activation date', async () => {
      const account = await me(await signedIn());
      assert.deepEqual(
        account.numbers.map((number) => [number.msisdn, number.role, number.status, number.label]),
        [
          [DEMO.primary, 'primary', 'active', null],
          [DEMO.linkedActive, 'linked', 'active', 'Дочь'],
          [DEMO.linkedPending, 'linked', 'pending', 'Дача'],
        ],
      );
      const pending = account.numbers[2];
      assert.ok(pending?.activatesAt && Date.parse(pending.activatesAt) > Date.now());
    });

    describe('adding a link', () => {
      it('links a number with its password: pending for 2 business days, then active, and its password reset', async () => {
        const { api, store } = sandbox;
        const clock = await api.ok('/sandbox/clock', { body: { set: '2030-01-17T10:00:00.000Z' } }, 200, v.object({ now: v.string() }));
        assert.equal(new Date(clock.now).getUTCDay(), 4, 'a Thursday');
        const token = await signedIn();
        const link = await api.ok('/v1/links', { token, body: { phone: '8 916 111-00-01', password: PASSWORD, label: '  Work  ' } }, 201, AccountNumberSchema);
        assert.equal(link.msisdn, DEMO.linkable);
        assert.equal(link.status, 'pending');
        assert.equal(link.label, 'Work');
        // Thursday + 2 business days skips the weekend: Monday.
        assert.equal(new Date(link.activatesAt ?? '').getUTCDay(), 1);
        assert.ok(Date.parse(link.activatesAt ?? '') - Date.parse(clock.now) >= 4 * 86_400_000 - 1000);
        const [number] = await store.transaction((tx) => tx.select('numbers', { msisdn: DEMO.linkable }));
        assert.equal(number?.passwordHash, null);
        await api.problem(`/v1/numbers/${msisdnPath(DEMO.linkable)}/balance`, { token }, 403, 'forbidden');
        // Days pass: sessions end after 20 idle minutes, so each look signs in again.
        await api.advance('P3D');
        assert.equal((await me(await signedIn())).numbers.find((n) => n.msisdn === DEMO.linkable)?.status, 'pending');
        await api.advance('P1D');
        const later = await signedIn();
        assert.equal((await me(later)).numbers.find((n) => n.msisdn === DEMO.linkable)?.status, 'active');
        await api.ok(`/v1/numbers/${msisdnPath(DEMO.linkable)}/balance`, { token: later }, 200, BalanceSchema);
        const audit = await store.transaction((tx) => tx.select('audit_log', { action: 'link.created', msisdn: DEMO.linkable }));
        assert.equal(audit.length, 1);
        assert.equal(audit[0]?.accountId, 'acc_a');
      });

      it('links a number with a code sent to it by SMS, under the sign-in code limits', async () => {
        const { api } = sandbox;
        const token = await signedIn();
        const challenge = await api.ok('/v1/links/otp', { token, body: { phone: DEMO.linkable } }, 202, OtpChallengeSchema);
        assert.equal(challenge.sentTo, DEMO.linkable);
        await api.problem('/v1/links/otp', { token, body: { phone: DEMO.linkable } }, 429, 'rate_limited');
        const code = await api.latestCode(DEMO.linkable);
        const { problem } = await api.problem('/v1/links', { token, body: { phone: DEMO.linkable, challengeId: challenge.challengeId, code: wrongCode(code) } }, 401, 'otp_invalid');
        assert.equal(problem.attemptsLeft, 2);
        const link = await api.ok('/v1/links', { token, body: { phone: DEMO.linkable, challengeId: challenge.challengeId, code } }, 201, AccountNumberSchema);
        assert.equal(link.status, 'pending');
      });

      it('names the configured page host in the link code’s WebOTP line, whatever Host the request carries', async () => {
        const { api } = sandbox;
        const token = await signedIn();
        const response = await api.request('http://evil.example/v1/links/otp', { token, body: { phone: DEMO.linkable }, headers: { host: 'evil.example' } });
        assert.equal(response.status, 202, await response.text());
        const [sms] = await api.ok(`/sandbox/sms?to=${encodeURIComponent(DEMO.linkable)}`, {}, 200, v.array(SmsSchema));
        assert.ok(sms);
        assert.ok(sms.text.endsWith(`\n\n@127.0.0.1 #${sms.code}`), sms.text);
        assert.doesNotMatch(sms.text, /evil\.example/);
      });

      it('locks the code after three wrong tries', async () => {
        const { api } = sandbox;
        const token = await signedIn();
        const challenge = await api.ok('/v1/links/otp', { token, body: { phone: DEMO.linkable } }, 202, OtpChallengeSchema);
        const code = await api.latestCode(DEMO.linkable);
        const body = { phone: DEMO.linkable, challengeId: challenge.challengeId, code: wrongCode(code) };
        await api.problem('/v1/links', { token, body }, 401, 'otp_invalid');
        await api.problem('/v1/links', { token, body }, 401, 'otp_invalid');
        await api.problem('/v1/links', { token, body }, 423, 'otp_locked');
        await api.problem('/v1/links', { token, body: { ...body, code } }, 423, 'otp_locked');
      });

      it('does not accept a code sent to another number', async () => {
        const { api } = sandbox;
        const token = await signedIn();
        const challenge = await api.ok('/v1/links/otp', { token, body: { phone: DEMO.linkOtherOwner } }, 202, OtpChallengeSchema);
        const code = await api.latestCode(DEMO.linkOtherOwner);
        await api.problem('/v1/links', { token, body: { phone: DEMO.linkable, challengeId: challenge.challengeId, code } }, 401, 'otp_expired');
      });

      it('refuses a wrong password, and after 5 wrong passwords in an hour asks to wait', async () => {
        const { api } = sandbox;
        const token = await signedIn();
        for (let i = 0; i < 5; i++) {
          await api.problem('/v1/links', { token, body: { phone: DEMO.linkable, password: 'guess' } }, 401, 'password_invalid');
        }
        const { response } = await api.problem('/v1/links', { token, body: { phone: DEMO.linkable, password: PASSWORD } }, 429, 'rate_limited');
        assert.ok(Number(response.headers.get('retry-after')) > 0);
        // The session survives: a wrong password is not a failed sign-in.
        await me(token);
      });

      it('refuses a password for a number that has none', async () => {
        const { api } = sandbox;
        const token = await signedIn(DEMO.linkable);
        await api.problem('/v1/links', { token, body: { phone: DEMO.zeroBalance, password: 'anything' } }, 401, 'password_invalid');
      });

      const refusals: [string, string, number, string][] = [
        ['another owner', DEMO.linkOtherOwner, 403, 'owner_mismatch'],
        ['another region', DEMO.linkOtherRegion, 403, 'region_mismatch'],
        ['no number management on the added number', DEMO.linkNoNumberManagement, 403, 'number_management_required'],
        ['an excluded tariff', DEMO.linkExcludedTariff, 403, 'tariff_not_linkable'],
        ['a blocked number', DEMO.linkBlocked, 403, 'number_blocked'],
      ];
      for (const [what, msisdn, status, code] of refusals) {
        it(`refuses ${what} with ${code}, links nothing and audits the refusal`, async () => {
          const { api, store } = sandbox;
          const token = await signedIn();
          const { problem } = await api.problem('/v1/links', { token, body: { phone: msisdn, password: PASSWORD } }, status, code);
          if (code === 'number_management_required') assert.equal(problem['msisdn'], msisdn);
          assert.equal((await me(token)).numbers.length, 3);
          const rows = await store.transaction((tx) => tx.select('audit_log', { action: 'link.refused', msisdn }));
          assert.deepEqual(rows.map((row) => row.details), [{ code }]);
          // A refused link leaves the number's password alone.
          const [number] = await store.transaction((tx) => tx.select('numbers', { msisdn }));
          assert.notEqual(number?.passwordHash, null);
        });
      }

      it("names the account's own number when number management is off there", async () => {
        const { api } = sandbox;
        const token = await signedIn(DEMO.linkNoNumberManagement);
        const { problem } = await api.problem('/v1/links', { token, body: { phone: DEMO.linkable, password: PASSWORD } }, 403, 'number_management_required');
        assert.equal(problem['msisdn'], DEMO.linkNoNumberManagement);
      });

      it('refuses a number already in the account, the primary included', async () => {
        const { api } = sandbox;
        const token = await signedIn();
        for (const msisdn of [DEMO.linkedActive, DEMO.linkedPending, DEMO.primary]) {
          await api.problem('/v1/links', { token, body: { phone: msisdn, password: PASSWORD } }, 409, 'already_linked');
        }
        await api.problem('/v1/links/otp', { token, body: { phone: DEMO.linkedActive } }, 409, 'already_linked');
      });

      it('points at the field for a bad number, a non-subscriber and missing proof', async () => {
        const { api } = sandbox;
        const token = await signedIn();
        let { problem } = await api.problem('/v1/links', { token, body: { phone: '12345', password: PASSWORD } }, 422, 'validation_failed');
        assert.deepEqual(problem.errors?.map((e) => [e.pointer, e.code]), [['/phone', 'invalid_phone']]);
        ({ problem } = await api.problem('/v1/links', { token, body: { phone: '+79990000000', password: PASSWORD } }, 422, 'validation_failed'));
        assert.deepEqual(problem.errors?.map((e) => [e.pointer, e.code]), [['/phone', 'not_a_subscriber']]);
        ({ problem } = await api.problem('/v1/links', { token, body: { phone: DEMO.linkable } }, 422, 'validation_failed'));
        assert.equal(problem.errors?.[0]?.pointer, '/password');
        ({ problem } = await api.problem('/v1/links', { token, body: { phone: DEMO.linkable, password: PASSWORD, label: 'x'.repeat(33) } }, 422, 'validation_failed'));
        assert.equal(problem.errors?.[0]?.pointer, '/label');
      });

      it('needs a session', async () => {
        await sandbox.api.problem('/v1/links', { body: { phone: DEMO.linkable, password: PASSWORD } }, 401, 'unauthenticated');
      });
    });

    describe('labels and removal', () => {
      it('renames a linked number, trims the label, clears it with an empty one, and audits it', async () => {
        const { api, store } = sandbox;
        const token = await signedIn();
        const renamed = await api.ok(path(DEMO.linkedActive), { method: 'PATCH', token, body: { label: ' Маша ' } }, 200, AccountNumberSchema);
        assert.equal(renamed.label, 'Маша');
        assert.equal((await me(token)).numbers[1]?.label, 'Маша');
        const cleared = await api.ok(path(DEMO.linkedActive), { method: 'PATCH', token, body: { label: '' } }, 200, AccountNumberSchema);
        assert.equal(cleared.label, null);
        const rows = await store.transaction((tx) => tx.select('audit_log', { action: 'link.relabelled' }));
        assert.equal(rows.length, 2);
        const { problem } = await api.problem(path(DEMO.linkedActive), { method: 'PATCH', token, body: { label: 'a\u0007b' } }, 422, 'validation_failed');
        assert.equal(problem.errors?.[0]?.pointer, '/label');
      });

      it('removes a linked number and a pending one, audited; never the primary', async () => {
        const { api, store } = sandbox;
        const token = await signedIn();
        for (const msisdn of [DEMO.linkedActive, DEMO.linkedPending]) {
          const response = await api.request(path(msisdn), { method: 'DELETE', token });
          assert.equal(response.status, 204, await response.text());
        }
        assert.deepEqual((await me(token)).numbers.map((n) => n.msisdn), [DEMO.primary]);
        await api.problem(`/v1/numbers/${msisdnPath(DEMO.linkedActive)}/balance`, { token }, 404, 'not_found');
        await api.problem(path(DEMO.primary), { method: 'DELETE', token }, 409, 'primary_number');
        await api.problem(path(DEMO.linkedActive), { method: 'DELETE', token }, 404, 'not_found');
        const rows = await store.transaction((tx) => tx.select('audit_log', { action: 'link.removed', accountId: 'acc_a' }));
        assert.equal(rows.length, 2);
      });
    });

    describe("another account's numbers", () => {
      it('are 403 or 404 on every number-scoped endpoint, never data', async () => {
        const { api } = sandbox;
        const token = await signedIn(DEMO.zeroBalance);
        const scoped = OPERATIONS.filter((op) => op.status === 'implemented' && op.path.includes('{msisdn}'));
        assert.ok(scoped.length >= 3);
        for (const op of scoped) {
          for (const msisdn of [DEMO.primary, DEMO.linkedActive, DEMO.linkedPending]) {
            const url = op.path.replace('{msisdn}', msisdnPath(msisdn)).replace(/\{\w+\}/g, 'x');
            const response = await api.request(url, { method: op.method.toUpperCase(), token, ...(op.request ? { body: {} } : {}) });
            const text = await response.text();
            // A body that fails validation must not have been looked at either; anything else is 403 or 404.
            const allowed = op.request ? [403, 404, 422] : [403, 404];
            assert.ok(allowed.includes(response.status), `${op.method} ${url}: ${response.status} ${text}`);
            assert.match(response.headers.get('content-type') ?? '', /problem\+json/);
          }
        }
        // And the links themselves are untouched.
        assert.equal((await me(await signedIn())).numbers.length, 3);
      });

      it("cannot rename or remove another account's link", async () => {
        const { api } = sandbox;
        const token = await signedIn(DEMO.zeroBalance);
        await api.problem(path(DEMO.linkedActive), { method: 'PATCH', token, body: { label: 'mine' } }, 404, 'not_found');
        await api.problem(path(DEMO.linkedActive), { method: 'DELETE', token }, 404, 'not_found');
        const account = await me(await signedIn());
        assert.equal(account.numbers[1]?.label, 'Дочь');
      });

      it('a linked number signs in to its own account, which does not include the linking one', async () => {
        const { api } = sandbox;
        const session = await api.ok('/v1/auth/otp/verify', { body: await codeFor(api, DEMO.linkedActive) }, 200, SessionSchema);
        await api.problem(`/v1/numbers/${msisdnPath(DEMO.primary)}/balance`, { token: session.token }, 404, 'not_found');
      });
    });
  });
}

async function codeFor(api: Api, msisdn: string) {
  const challenge = await api.requestCode(msisdn);
  return { challengeId: challenge.challengeId, code: await api.latestCode(msisdn) };
}
