/**
 * The behaviour of the API, run against every Store implementation. Each
 * implementation's test file calls {@link describeStoreContract}; the rules
 * are checked at the HTTP level, so the domain is tested once per sandbox.store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { BalanceSchema, ClockSchema, FaultsSchema, HealthSchema, MeSchema, OtpChallengeSchema, SessionSchema, SmsSchema } from '@kabinet/client/contract';
import { DEMO, type Store } from '../src/index.js';
import { EVIL_ORIGIN, PAGE_ORIGIN, expectProblem, useSandbox, wrongCode } from './api.js';
import { describeLinks } from './links-contract.js';


export interface ContractOptions {
  /** Why the suite is skipped (for example, no DATABASE_URL). */
  skip?: string;
  /** Leave the store open after the suite, for more tests on the same database. */
  keepOpen?: boolean;
}

export function describeStoreContract(name: string, makeStore: () => Promise<Store>, options: ContractOptions = {}): void {
  describe(`API contract on ${name}`, { skip: options.skip ?? false }, () => {
    const sandbox = useSandbox(makeStore, {}, { keepOpen: options.keepOpen });

    describe('health and test mode', () => {
      it('reports the store kind and the sandbox time', async () => {
        const health = await sandbox.api.ok('/healthz', {}, 200, HealthSchema);
        assert.equal(health.store, sandbox.store.kind);
      });

      it('moves the clock by an ISO 8601 duration and sets it', async () => {
        const before = await sandbox.api.ok('/sandbox/clock', {}, 200, ClockSchema);
        const moved = await sandbox.api.ok('/sandbox/clock', { body: { advance: 'PT21M' } }, 200, ClockSchema);
        const delta = Date.parse(moved.now) - Date.parse(before.now);
        assert.ok(delta >= 21 * 60_000 && delta < 21 * 60_000 + 5000, `moved by ${delta} ms`);
        const set = await sandbox.api.ok('/sandbox/clock', { body: { set: '2030-01-15T10:00:00.000Z' } }, 200, ClockSchema);
        assert.ok(Math.abs(Date.parse(set.now) - Date.parse('2030-01-15T10:00:00Z')) < 1000);
        const health = await sandbox.api.ok('/healthz', {}, 200, HealthSchema);
        assert.ok(Math.abs(Date.parse(health.now) - Date.parse('2030-01-15T10:00:00Z')) < 5000);
      });

      it('refuses a clock move that is not a duration', async () => {
        const { problem } = await sandbox.api.problem('/sandbox/clock', { body: { advance: 'soon' } }, 422, 'validation_failed');
        assert.equal(problem.errors?.[0]?.pointer, '/advance');
      });

      it('refuses a clock move past the years 2000 to 2999, pointing at the field, and leaves the clock where it was', async () => {
        const before = await sandbox.api.ok('/sandbox/clock', {}, 200, ClockSchema);
        const refused = [
          [{ advance: 'P99999999999D' }, '/advance'],
          [{ advance: `P${'9'.repeat(60)}D` }, '/advance'],
          [{ advance: 'P400000D' }, '/advance'],
          [{ set: '9999-12-31T23:59:59Z' }, '/set'],
          [{ set: '3000-01-01T00:00:00.000Z' }, '/set'],
          [{ set: '1999-12-31T23:59:59.999Z' }, '/set'],
        ] as const;
        for (const [body, pointer] of refused) {
          const { problem } = await sandbox.api.problem('/sandbox/clock', { body }, 422, 'validation_failed');
          assert.deepEqual(problem.errors?.map((error) => [error.pointer, error.code]), [[pointer, 'out_of_range']], JSON.stringify(body));
        }
        const after = await sandbox.api.ok('/sandbox/clock', {}, 200, ClockSchema);
        assert.ok(Date.parse(after.now) - Date.parse(before.now) < 5000, `the clock stayed: ${after.now}`);
        await sandbox.api.ok('/v1/auth/otp', { body: { phone: DEMO.primary } }, 202, OtpChallengeSchema);

        const last = await sandbox.api.ok('/sandbox/clock', { body: { set: '2999-12-31T23:00:00.000Z' } }, 200, ClockSchema);
        assert.equal(last.now.slice(0, 4), '2999');
        await sandbox.api.problem('/sandbox/clock', { body: { advance: 'PT1H' } }, 422, 'validation_failed');
        const first = await sandbox.api.ok('/sandbox/clock', { body: { set: '2000-01-01T00:00:00.000Z' } }, 200, ClockSchema);
        assert.equal(first.now.slice(0, 4), '2000');
      });

      it('restores the seed, the clock and the SMS outbox on reset', async () => {
        await sandbox.api.requestCode(DEMO.primary);
        await sandbox.api.advance('P3D');
        await sandbox.api.reset();
        const sms = await sandbox.api.ok('/sandbox/sms', {}, 200, v.array(SmsSchema));
        assert.equal(sms.length, 0);
        const clock = await sandbox.api.ok('/sandbox/clock', {}, 200, ClockSchema);
        assert.ok(Math.abs(Date.parse(clock.now) - Date.now()) < 5000);
        const session = await sandbox.api.signIn(DEMO.primary);
        const balance = await sandbox.api.ok(`/v1/numbers/79161234567/balance`, { token: session.token }, 200, BalanceSchema);
        assert.equal(balance.balance.amount, 35000);
      });

      it('injects 503s, latency and dropped connections into /v1 only', async () => {
        await sandbox.api.ok('/sandbox/faults', { body: { errorRate: 1 } }, 200, FaultsSchema);
        const { response } = await sandbox.api.problem('/v1/me', {}, 503, 'service_unavailable');
        assert.equal(response.headers.get('retry-after'), '1');
        await sandbox.api.ok('/healthz', {}, 200, HealthSchema);
        await sandbox.api.ok('/sandbox/faults', { body: { latencyMs: 60 } }, 200, FaultsSchema);
        const started = Date.now();
        await sandbox.api.problem('/v1/me', {}, 401, 'unauthenticated');
        assert.ok(Date.now() - started >= 55);
        await sandbox.api.ok('/sandbox/faults', { body: { dropRate: 1 } }, 200, FaultsSchema);
        await assert.rejects(sandbox.api.request('/v1/me'), /dropped/i);
        await sandbox.api.reset();
        const faults = await sandbox.api.ok('/sandbox/faults', {}, 200, FaultsSchema);
        assert.deepEqual(faults, { latencyMs: 0, errorRate: 0, dropRate: 0 });
      });
    });

    describe('requesting a sign-in code', () => {
      it('sends a 6-digit code from 3339 with a WebOTP line, listed for any format of the number', async () => {
        const challenge = await sandbox.api.requestCode('8 (916) 123-45-67');
        assert.equal(challenge.sentTo, DEMO.primary);
        assert.equal(challenge.sender, '3339');
        assert.equal(challenge.codeLength, 6);
        assert.equal(Date.parse(challenge.expiresAt) - Date.parse(challenge.resendAfter), 4 * 60_000);
        const [sms] = await sandbox.api.ok('/sandbox/sms?to=9161234567', {}, 200, v.array(SmsSchema));
        assert.ok(sms);
        assert.equal(sms.from, '3339');
        assert.equal(sms.to, DEMO.primary);
        assert.match(sms.code ?? '', /^\d{6}$/);
        // The first allowed origin's host (the examples' page), not the API's.
        assert.ok(sms.text.endsWith(`\n\n@127.0.0.1 #${sms.code}`), sms.text);
      });

      it('names the configured page host in the WebOTP line, whatever Host the request carries', async () => {
        const response = await sandbox.api.request('http://evil.example/v1/auth/otp', { body: { phone: DEMO.primary }, headers: { host: 'evil.example' } });
        assert.equal(response.status, 202, await response.text());
        const [sms] = await sandbox.api.ok(`/sandbox/sms?to=${encodeURIComponent(DEMO.primary)}`, {}, 200, v.array(SmsSchema));
        assert.ok(sms);
        assert.ok(sms.text.endsWith(`\n\n@127.0.0.1 #${sms.code}`), sms.text);
        assert.doesNotMatch(sms.text, /evil\.example/);
      });

      it('lists SMS newest first', async () => {
        await sandbox.api.requestCode(DEMO.primary);
        await sandbox.api.advance('PT61S');
        await sandbox.api.requestCode(DEMO.primary);
        const list = await sandbox.api.ok('/sandbox/sms?to=%2B79161234567', {}, 200, v.array(SmsSchema));
        assert.equal(list.length, 2);
        assert.ok(Date.parse(list[0]!.sentAt) > Date.parse(list[1]!.sentAt));
      });

      it('refuses a phone that is not a Russian mobile number, pointing at the field', async () => {
        for (const phone of ['12345', '+1 202 555 0100', '8 (495) 123-45-67', 'abc']) {
          const { problem } = await sandbox.api.problem('/v1/auth/otp', { body: { phone } }, 422, 'validation_failed');
          assert.deepEqual(problem.errors?.map((error) => [error.pointer, error.code]), [['/phone', 'invalid_phone']], phone);
        }
      });

      it('refuses a valid number that is not a subscriber as a field error', async () => {
        const { problem } = await sandbox.api.problem('/v1/auth/otp', { body: { phone: '+79990000001' } }, 422, 'validation_failed');
        assert.equal(problem.errors?.[0]?.code, 'not_a_subscriber');
      });

      it('refuses a new code within 60 s with Retry-After', async () => {
        await sandbox.api.requestCode(DEMO.primary);
        await sandbox.api.advance('PT20S');
        const { problem, response } = await sandbox.api.problem('/v1/auth/otp', { body: { phone: DEMO.primary } }, 429, 'rate_limited');
        assert.ok(problem.retryAfter !== undefined && problem.retryAfter > 35 && problem.retryAfter <= 40, `retryAfter ${problem.retryAfter}`);
        assert.equal(response.headers.get('retry-after'), String(problem.retryAfter));
        await sandbox.api.advance('PT41S');
        await sandbox.api.requestCode(DEMO.primary);
      });

      it('asks for a captcha after the third code in an hour and accepts the test token', async () => {
        for (let i = 0; i < 3; i++) {
          await sandbox.api.requestCode(DEMO.primary);
          await sandbox.api.advance('PT61S');
        }
        await sandbox.api.problem('/v1/auth/otp', { body: { phone: DEMO.primary } }, 400, 'captcha_required');
        await sandbox.api.problem('/v1/auth/otp', { body: { phone: DEMO.primary, captchaToken: 'wrong' } }, 400, 'captcha_invalid');
        await sandbox.api.requestCode(DEMO.primary, DEMO.captchaToken);
      });

      it('sends at most 5 codes per number in a rolling hour', async () => {
        for (let i = 0; i < 5; i++) {
          await sandbox.api.requestCode(DEMO.primary, DEMO.captchaToken);
          await sandbox.api.advance('PT61S');
        }
        const { problem } = await sandbox.api.problem('/v1/auth/otp', { body: { phone: DEMO.primary, captchaToken: DEMO.captchaToken } }, 429, 'rate_limited');
        const expected = 3600 - 5 * 61;
        assert.ok(problem.retryAfter !== undefined && Math.abs(problem.retryAfter - expected) <= 5, `retryAfter ${problem.retryAfter}`);
        await sandbox.api.requestCode(DEMO.zeroBalance); // other numbers are not affected
        await sandbox.api.advance(`PT${problem.retryAfter}S`);
        await sandbox.api.requestCode(DEMO.primary, DEMO.captchaToken);
      });

      it('sends exactly one code when requests race', async () => {
        const responses = await Promise.all(Array.from({ length: 5 }, () => sandbox.api.request('/v1/auth/otp', { body: { phone: DEMO.primary } })));
        assert.deepEqual(responses.map((response) => response.status).sort(), [202, 429, 429, 429, 429]);
        const sms = await sandbox.api.ok(`/sandbox/sms?to=${DEMO.primary.slice(1)}`, {}, 200, v.array(SmsSchema));
        assert.equal(sms.length, 1);
      });
    });

    describe('verifying the code', () => {
      it('returns a session token and stores only its hash', async () => {
        const session = await sandbox.api.signIn(DEMO.primary);
        assert.match(session.token, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(session.idleTimeout, 1200);
        assert.equal(session.msisdn, DEMO.primary);
        const rows = await sandbox.store.transaction((tx) => tx.select('sessions'));
        assert.equal(rows.length, 1);
        assert.ok(!JSON.stringify(rows).includes(session.token));
      });

      it('counts wrong codes down, locks on the third and stays locked until a new code', async () => {
        const challenge = await sandbox.api.requestCode(DEMO.primary);
        const code = await sandbox.api.latestCode(DEMO.primary);
        const body = { challengeId: challenge.challengeId, code: wrongCode(code) };
        const first = await sandbox.api.problem('/v1/auth/otp/verify', { body }, 401, 'otp_invalid');
        assert.equal(first.problem.attemptsLeft, 2);
        const second = await sandbox.api.problem('/v1/auth/otp/verify', { body }, 401, 'otp_invalid');
        assert.equal(second.problem.attemptsLeft, 1);
        await sandbox.api.problem('/v1/auth/otp/verify', { body }, 423, 'otp_locked');
        await sandbox.api.problem('/v1/auth/otp/verify', { body: { challengeId: challenge.challengeId, code } }, 423, 'otp_locked');
        await sandbox.api.advance('PT61S');
        const fresh = await sandbox.api.requestCode(DEMO.primary);
        const freshCode = await sandbox.api.latestCode(DEMO.primary);
        await sandbox.api.ok('/v1/auth/otp/verify', { body: { challengeId: fresh.challengeId, code: freshCode } }, 200, SessionSchema);
      });

      it('refuses a code after 5 minutes', async () => {
        const challenge = await sandbox.api.requestCode(DEMO.primary);
        const code = await sandbox.api.latestCode(DEMO.primary);
        await sandbox.api.advance('PT5M1S');
        await sandbox.api.problem('/v1/auth/otp/verify', { body: { challengeId: challenge.challengeId, code } }, 401, 'otp_expired');
      });

      it('refuses an older code once a newer one was sent, and a used code', async () => {
        const old = await sandbox.api.requestCode(DEMO.primary);
        const oldCode = await sandbox.api.latestCode(DEMO.primary);
        await sandbox.api.advance('PT61S');
        const fresh = await sandbox.api.requestCode(DEMO.primary);
        const freshCode = await sandbox.api.latestCode(DEMO.primary);
        await sandbox.api.problem('/v1/auth/otp/verify', { body: { challengeId: old.challengeId, code: oldCode } }, 401, 'otp_expired');
        await sandbox.api.ok('/v1/auth/otp/verify', { body: { challengeId: fresh.challengeId, code: freshCode } }, 200, SessionSchema);
        await sandbox.api.problem('/v1/auth/otp/verify', { body: { challengeId: fresh.challengeId, code: freshCode } }, 401, 'otp_expired');
      });
    });

    describe('sessions', () => {
      it('needs a session token for /v1/me', async () => {
        await sandbox.api.problem('/v1/me', {}, 401, 'unauthenticated');
        await sandbox.api.problem('/v1/me', { token: 'not-a-token' }, 401, 'unauthenticated');
        await sandbox.api.problem('/v1/me', { token: DEMO.publishableKey }, 401, 'unauthenticated');
        await sandbox.api.problem('/v1/me', { headers: { authorization: 'Basic abc' } }, 401, 'unauthenticated');
      });

      it('shows the account with its primary, active and pending numbers', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        const me = await sandbox.api.ok('/v1/me', { token }, 200, MeSchema);
        assert.equal(me.primary, DEMO.primary);
        assert.equal(me.ownerName, 'Ivan Petrov');
        assert.deepEqual(
          me.numbers.map((number) => [number.msisdn, number.role, number.status]),
          [
            [DEMO.primary, 'primary', 'active'],
            [DEMO.linkedActive, 'linked', 'active'],
            [DEMO.linkedPending, 'linked', 'pending'],
          ],
        );
        const pending = me.numbers[2]!;
        assert.ok(pending.activatesAt && Date.parse(pending.activatesAt) > Date.now() + 24 * 3_600_000);
      });

      it('ends a session after 20 minutes without activity', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        await sandbox.api.advance('PT21M');
        await sandbox.api.problem('/v1/me', { token }, 401, 'session_expired');
        await sandbox.api.problem('/v1/me', { token }, 401, 'session_expired');
      });

      it('slides the idle timeout on every request', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        for (let i = 0; i < 3; i++) {
          await sandbox.api.advance('PT15M');
          await sandbox.api.ok('/v1/me', { token }, 200, MeSchema);
        }
      });

      it('writes the sliding timeout at most once a second: a burst of calls costs one write', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        const lastSeen = async () => (await sandbox.store.transaction((tx) => tx.select('sessions', { endedAt: null })))[0]!.lastSeenAt.getTime();
        await sandbox.api.advance('PT5M');
        await sandbox.api.ok('/v1/me', { token }, 200, MeSchema);
        const first = await lastSeen();
        await Promise.all([1, 2, 3].map(() => sandbox.api.ok('/v1/me', { token }, 200, MeSchema)));
        assert.equal(await lastSeen(), first, 'calls within the second leave lastSeenAt as it was');
        await sandbox.api.advance('PT2S');
        await sandbox.api.ok('/v1/me', { token }, 200, MeSchema);
        assert.ok((await lastSeen()) - first >= 2000, 'the next call after a second slides it again');
      });

      it('ends the session on logout', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        const response = await sandbox.api.request('/v1/auth/logout', { method: 'POST', token });
        assert.equal(response.status, 204);
        await sandbox.api.problem('/v1/me', { token }, 401, 'unauthenticated');
        await sandbox.api.problem('/v1/auth/logout', { method: 'POST', token }, 401, 'unauthenticated');
      });

      it('refuses a secret key sent from a browser and audits it', async () => {
        await sandbox.api.problem('/v1/me', { token: DEMO.secretKey, headers: { origin: PAGE_ORIGIN } }, 403, 'forbidden');
        const rows = await sandbox.store.transaction((tx) => tx.select('audit_log', { action: 'secret_key.refused' }));
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.origin, PAGE_ORIGIN);
        assert.notEqual(rows[0]?.partnerKey, DEMO.secretKey, 'the audit log never holds a secret key');
      });
    });

    describe('balance', () => {
      it('shows money, tariff and packages of the primary number', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        const balance = await sandbox.api.ok('/v1/numbers/79161234567/balance', { token }, 200, BalanceSchema);
        assert.deepEqual(balance.balance, { amount: 35000, currency: 'RUB' });
        assert.equal(balance.status, 'active');
        assert.equal(balance.block, null);
        assert.equal(balance.tariff.name, 'Мой онлайн', 'in Russian without Accept-Language');
        assert.deepEqual(
          balance.buckets.map((bucket) => [bucket.kind, bucket.used, bucket.total]),
          [
            ['voice', 120, 500],
            ['sms', 45, 300],
            ['data', 12000, 30720],
          ],
        );
        const renews = new Date(balance.buckets[0]!.renewsAt);
        assert.ok(renews.getTime() > Date.now());
        assert.equal(new Date(renews.getTime() + 3 * 3_600_000).getUTCDate(), 1, 'renews on the 1st, Moscow time');
      });

      it('shows an active linked number', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        const balance = await sandbox.api.ok('/v1/numbers/79167654321/balance', { token }, 200, BalanceSchema);
        assert.equal(balance.balance.amount, 12050);
      });

      it("answers 404 for another account's number, as for a number that does not exist", async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        const other = await sandbox.api.problem('/v1/numbers/79160000000/balance', { token }, 404, 'not_found');
        const missing = await sandbox.api.problem('/v1/numbers/79990000001/balance', { token }, 404, 'not_found');
        assert.equal(other.problem.detail, missing.problem.detail);
      });

      it('refuses a pending link with its activation date, and serves it once active', async () => {
        let { token } = await sandbox.api.signIn(DEMO.primary);
        const { problem } = await sandbox.api.problem('/v1/numbers/79031112233/balance', { token }, 403, 'forbidden');
        assert.ok(typeof problem['activatesAt'] === 'string');
        assert.match(problem.detail ?? '', /pending until/);
        await sandbox.api.advance('P5D');
        ({ token } = await sandbox.api.signIn(DEMO.primary));
        await sandbox.api.ok('/v1/numbers/79031112233/balance', { token }, 200, BalanceSchema);
      });

      it('shows a blocked number with its block', async () => {
        const { token } = await sandbox.api.signIn(DEMO.blocked);
        const balance = await sandbox.api.ok('/v1/numbers/79165550000/balance', { token }, 200, BalanceSchema);
        assert.equal(balance.status, 'blocked');
        assert.equal(balance.block?.kind, 'voluntary');
        assert.ok(balance.block?.until && Date.parse(balance.block.until) > Date.now());
        assert.ok(balance.balance.amount > 0);
      });

      it('shows a zero balance', async () => {
        const { token } = await sandbox.api.signIn(DEMO.zeroBalance);
        const balance = await sandbox.api.ok('/v1/numbers/79160000000/balance', { token }, 200, BalanceSchema);
        assert.deepEqual(balance.balance, { amount: 0, currency: 'RUB' });
      });

      it('refuses a malformed number in the path, pointing at it', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        for (const segment of ['+79161234567', '89161234567', '7916123', 'abc']) {
          const { problem } = await sandbox.api.problem(`/v1/numbers/${encodeURIComponent(segment)}/balance`, { token }, 422, 'validation_failed');
          assert.equal(problem.errors?.[0]?.pointer, '/msisdn', segment);
        }
      });
    });

    describe('CORS', () => {
      it('answers a preflight from an allowed origin', async () => {
        const response = await sandbox.api.request('/v1/auth/otp', {
          method: 'OPTIONS',
          headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        assert.equal(response.status, 204);
        assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
        assert.match(response.headers.get('access-control-allow-headers') ?? '', /Authorization/);
      });

      it('adds CORS headers, exposing Retry-After, for an allowed origin, problems included', async () => {
        await sandbox.api.requestCode(DEMO.primary);
        const response = await sandbox.api.request('/v1/auth/otp', { body: { phone: DEMO.primary }, headers: { origin: PAGE_ORIGIN } });
        assert.equal(response.status, 429);
        assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
        assert.match(response.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
      });

      it('gives no CORS headers to another origin and refuses its writes', async () => {
        const read = await sandbox.api.request('/healthz', { headers: { origin: EVIL_ORIGIN } });
        assert.equal(read.status, 200);
        assert.equal(read.headers.get('access-control-allow-origin'), null);
        const write = await sandbox.api.request('/v1/auth/otp', { body: { phone: DEMO.primary }, headers: { origin: EVIL_ORIGIN } });
        await expectProblem(write, 403, 'origin_not_allowed');
        assert.equal(write.headers.get('access-control-allow-origin'), null);
        const preflight = await sandbox.api.request('/v1/auth/otp', { method: 'OPTIONS', headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'POST' } });
        assert.equal(preflight.headers.get('access-control-allow-origin'), null);
        const sms = await sandbox.api.ok('/sandbox/sms', {}, 200, v.array(SmsSchema));
        assert.equal(sms.length, 0);
      });
    });

    describe('bad input', () => {
      it('answers malformed JSON with 400 malformed_json', async () => {
        await sandbox.api.problem('/v1/auth/otp', { body: '{"phone": ' }, 400, 'malformed_json');
      });

      it('answers another media type with 415', async () => {
        await sandbox.api.problem('/v1/auth/otp', { body: 'phone=79161234567', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type');
        await sandbox.api.problem('/v1/auth/otp', { method: 'POST' }, 415, 'unsupported_media_type');
      });

      it('answers a body over 64 KB with 413, by Content-Length and by bytes read', async () => {
        const big = JSON.stringify({ phone: DEMO.primary, captchaToken: 'x'.repeat(70_000) });
        await sandbox.api.problem('/v1/auth/otp', { body: big, headers: { 'content-length': String(big.length) } }, 413, 'payload_too_large');
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(big));
            controller.close();
          },
        });
        const response = await sandbox.app.request('/v1/auth/otp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
        await expectProblem(response, 413, 'payload_too_large');
      });

      it('points at unknown and missing fields', async () => {
        const unknown = await sandbox.api.problem('/v1/auth/otp', { body: { phone: DEMO.primary, admin: true } }, 422, 'validation_failed');
        assert.deepEqual(unknown.problem.errors?.map((error) => [error.pointer, error.code]), [['/admin', 'unknown_field']]);
        const missing = await sandbox.api.problem('/v1/auth/otp/verify', { body: { code: '123456' } }, 422, 'validation_failed');
        assert.deepEqual(missing.problem.errors?.map((error) => [error.pointer, error.code]), [['/challengeId', 'required']]);
        const wrongType = await sandbox.api.problem('/v1/auth/otp', { body: { phone: 79161234567 } }, 422, 'validation_failed');
        assert.deepEqual(wrongType.problem.errors?.map((error) => [error.pointer, error.code]), [['/phone', 'invalid_type']]);
      });

      it('answers unknown routes with 404 and other methods with 405', async () => {
        await sandbox.api.problem('/v1/nothing-here', {}, 404, 'not_found');
        await sandbox.api.problem('/v1/bonus', {}, 404, 'not_found');
        const { response } = await sandbox.api.problem('/v1/me', { method: 'DELETE' }, 405, 'method_not_allowed');
        assert.match(response.headers.get('allow') ?? '', /GET/);
        await sandbox.api.problem('/v1/auth/otp', { method: 'GET' }, 405, 'method_not_allowed');
      });
    });

    describeLinks(sandbox);

    describe('audit', () => {
      it('records sends, failures, locks, sign-in and logout with number, account and origin', async () => {
        const challenge = await sandbox.api.requestCode(DEMO.primary);
        const code = await sandbox.api.latestCode(DEMO.primary);
        for (let i = 0; i < 3; i++) {
          await sandbox.api.request('/v1/auth/otp/verify', { body: { challengeId: challenge.challengeId, code: wrongCode(code) } });
        }
        await sandbox.api.advance('PT61S');
        const session = await sandbox.api.signIn(DEMO.primary);
        await sandbox.api.request('/v1/auth/logout', { method: 'POST', token: session.token, headers: { origin: PAGE_ORIGIN } });
        const rows = await sandbox.store.transaction((tx) => tx.select('audit_log', { msisdn: DEMO.primary }));
        rows.sort((a, b) => a.at.getTime() - b.at.getTime() || 0);
        const actions = rows.map((row) => row.action);
        for (const action of ['otp.sent', 'otp.failed', 'otp.locked', 'session.started', 'session.ended']) {
          assert.ok(actions.includes(action), `${action} in ${actions.join(', ')}`);
        }
        assert.equal(actions.filter((action) => action === 'otp.failed').length, 2);
        const ended = rows.find((row) => row.action === 'session.ended');
        assert.equal(ended?.accountId, 'acc_a');
        assert.equal(ended?.origin, PAGE_ORIGIN);
      });

      it('records session expiry once', async () => {
        const { token } = await sandbox.api.signIn(DEMO.primary);
        await sandbox.api.advance('PT21M');
        await sandbox.api.request('/v1/me', { token });
        await sandbox.api.request('/v1/me', { token });
        const rows = await sandbox.store.transaction((tx) => tx.select('audit_log', { action: 'session.expired' }));
        assert.equal(rows.length, 1);
      });
    });
  });
}
