/**
 * Top-up and money (DOMAIN.md), run against every Store implementation: the
 * exactly-once and ledger rules matter most on a real PostgreSQL server,
 * where requests truly run at the same time.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as v from 'valibot';
import { BalanceSchema, CardTokenSchema, TopUpSchema, type TopUp } from '@kabinet/client/contract';
import { DEMO, type Logger, type Store } from '../src/index.js';
import { PAGE_ORIGIN, expectProblem, useSandbox } from './api.js';

export const CARD_OK = '4242 4242 4242 4242';
const CARD_DECLINED = '4000 0000 0000 0002';
const CARD_3DS = '4000 0000 0000 3220';
const CARD_MIR = '2200 0000 0000 0004';
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

let keys = 0;
const newKey = () => `key-${process.pid}-${Date.now()}-${++keys}`;

export function describeTopUpContract(name: string, makeStore: () => Promise<Store>, options: { skip?: string; keepOpen?: boolean } = {}): void {
  describe(`top-ups on ${name}`, { skip: options.skip ?? false }, () => {
    const logLines: string[] = [];
    const log: Logger = { info: (line) => logLines.push(line), error: (line, error) => logLines.push(`${line} ${String(error)}`) };
    const sandbox = useSandbox(makeStore, { log }, { keepOpen: options.keepOpen });
    beforeEach(() => {
      logLines.length = 0;
    });

    /** Anonymous calls: the publishable key from the partner's page. */
    const anonymous = { token: DEMO.publishableKey, headers: { origin: PAGE_ORIGIN } };

    async function tokenize(number: string, auth: { token: string; headers?: Record<string, string> } = anonymous) {
      return sandbox.api.ok('/v1/card-tokens', { ...auth, body: { number, expMonth: 12, expYear: NEXT_YEAR, cvc: '123' } }, 201, CardTokenSchema);
    }

    function topUpCall(body: unknown, key: string | null, auth: { token: string; headers?: Record<string, string> } = anonymous) {
      return { token: auth.token, body, headers: { ...auth.headers, ...(key === null ? {} : { 'idempotency-key': key }) } };
    }

    async function payByCard(msisdn: string, amount: number, card = CARD_OK, auth: { token: string; headers?: Record<string, string> } = anonymous, key = newKey()): Promise<TopUp> {
      const token = await tokenize(card, auth);
      return sandbox.api.ok('/v1/top-ups', topUpCall({ msisdn, amount: { amount, currency: 'RUB' }, source: { type: 'card', token: token.id } }, key, auth), 201, TopUpSchema);
    }

    async function balanceOf(msisdn: string): Promise<number> {
      const [number] = await sandbox.store.transaction((tx) => tx.select('numbers', { msisdn }));
      return number?.balance ?? 0;
    }

    async function ledgerOf(msisdn: string) {
      return sandbox.store.transaction((tx) => tx.select('ledger', { msisdn }));
    }

    async function signedIn(msisdn: string = DEMO.primary) {
      const session = await sandbox.api.signIn(msisdn);
      return { token: session.token };
    }

    describe('card tokens', () => {
      it('tokenizes a valid card into a single-use token that shows only brand and last four digits', async () => {
        const response = await sandbox.api.request('/v1/card-tokens', { ...anonymous, body: { number: CARD_MIR, expMonth: 1, expYear: NEXT_YEAR, cvc: '123' } });
        const text = await response.text();
        assert.equal(response.status, 201, text);
        const token = v.parse(CardTokenSchema, JSON.parse(text));
        assert.equal(token.brand, 'mir');
        assert.equal(token.last4, '0004');
        assert.ok(!text.includes('2200000000000004') && !text.includes('2200 0000'), 'no card number in the answer');
        assert.equal((await tokenize(CARD_OK)).brand, 'visa');
      });

      it('refuses a number failing the Luhn check and an expired card, without echoing the card data', async () => {
        const response = await sandbox.api.request('/v1/card-tokens', { ...anonymous, body: { number: '4242 4242 4242 4241', expMonth: 1, expYear: 2001, cvc: '12a' } });
        const text = await response.text();
        const problem = await expectProblem(new Response(text, { status: response.status, headers: response.headers }), 422, 'validation_failed');
        const pointers = problem.errors?.map((error) => error.pointer).sort();
        assert.deepEqual(pointers, ['/cvc']);
        assert.ok(!text.includes('12a') && !text.includes('4241'), text);
        const { problem: luhn } = await sandbox.api.problem('/v1/card-tokens', { ...anonymous, body: { number: '4242 4242 4242 4241', expMonth: 1, expYear: 2001, cvc: '123' } }, 422, 'validation_failed');
        assert.deepEqual(luhn.errors?.map((error) => error.code).sort(), ['card_expired', 'invalid_card_number']);
      });

      it('never echoes a card number sent in the wrong place: a bare string, a field name, a wrong-typed field', async () => {
        const pan = '4111111111111111';
        const refusal = async (body: unknown) => {
          const response = await sandbox.api.request('/v1/card-tokens', { ...anonymous, body: JSON.stringify(body) });
          const text = await response.text();
          assert.ok(!text.includes(pan) && !text.includes('411111'), text);
          return expectProblem(new Response(text, { status: response.status, headers: response.headers }), 422, 'validation_failed');
        };
        const errorsOf = async (body: unknown) => (await refusal(body)).errors?.map((error) => [error.pointer, error.code, error.detail]);

        assert.deepEqual(await errorsOf(pan), [['', 'invalid_type', 'Expected an object with number, expMonth, expYear and cvc']]);
        assert.deepEqual(await errorsOf({ [pan]: 'x', [`${pan}0`]: 'y', number: CARD_OK, expMonth: 1, expYear: NEXT_YEAR, cvc: '123' }), [
          ['', 'unknown_field', 'Unknown field: send only number, expMonth, expYear and cvc'],
        ]);
        assert.deepEqual(await errorsOf({ number: pan, expMonth: pan, expYear: NEXT_YEAR, cvc: '123' }), [['/expMonth', 'invalid_type', 'Expected the month as a number from 1 to 12']]);
        assert.deepEqual(await errorsOf({ number: CARD_OK, expMonth: 1, expYear: pan, cvc: Number(pan) }), [
          ['/expYear', 'invalid_type', 'Expected the year as a four-digit number'],
          ['/cvc', 'invalid_type', 'Expected 3 or 4 digits'],
        ]);
        assert.deepEqual(await errorsOf({ number: Number(pan), expMonth: 1, expYear: NEXT_YEAR }), [
          ['/number', 'invalid_type', 'Not a card number'],
          ['/cvc', 'required', 'This field is required'],
        ]);
      });

      it('refuses a token used twice', async () => {
        const token = await tokenize(CARD_OK);
        const body = { msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: token.id } };
        await sandbox.api.ok('/v1/top-ups', topUpCall(body, newKey()), 201, TopUpSchema);
        const { problem } = await sandbox.api.problem('/v1/top-ups', topUpCall(body, newKey()), 422, 'validation_failed');
        assert.equal(problem.errors?.[0]?.code, 'token_used');
      });
    });

    describe('idempotency', () => {
      it('requires an Idempotency-Key', async () => {
        const token = await tokenize(CARD_OK);
        await sandbox.api.problem('/v1/top-ups', topUpCall({ msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: token.id } }, null), 400, 'idempotency_key_required');
      });

      it('answers a repeated key with the original result and charges once', async () => {
        const key = newKey();
        const token = await tokenize(CARD_OK);
        const body = { msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: token.id } };
        const first = await sandbox.api.ok('/v1/top-ups', topUpCall(body, key), 201, TopUpSchema);
        const again = await sandbox.api.request('/v1/top-ups', topUpCall(body, key));
        assert.equal(again.status, 201);
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(v.parse(TopUpSchema, await again.json()), first);
        assert.equal(await balanceOf(DEMO.primary), 35000 + 10000);
        assert.equal((await ledgerOf(DEMO.primary)).filter((entry) => entry.reference === first.id).length, 1);
      });

      it('refuses the same key with another body', async () => {
        const key = newKey();
        const token = await tokenize(CARD_OK);
        const body = { msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: token.id } };
        await sandbox.api.ok('/v1/top-ups', topUpCall(body, key), 201, TopUpSchema);
        await sandbox.api.problem('/v1/top-ups', topUpCall({ ...body, amount: { amount: 20000, currency: 'RUB' } }, key), 422, 'idempotency_key_reused');
      });

      it('makes one payment of 20 concurrent requests with one key: the rest are replays or 409', async () => {
        const key = newKey();
        const token = await tokenize(CARD_OK);
        const body = { msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: token.id } };
        const responses = await Promise.all(Array.from({ length: 20 }, () => sandbox.api.request('/v1/top-ups', topUpCall(body, key))));
        const statuses = responses.map((response) => response.status);
        const created = responses.filter((response) => response.status === 201);
        assert.ok(created.length >= 1, `statuses ${statuses.join(',')}`);
        assert.ok(statuses.every((status) => status === 201 || status === 409), `statuses ${statuses.join(',')}`);
        const ids = new Set(await Promise.all(created.map(async (response) => v.parse(TopUpSchema, await response.json()).id)));
        assert.equal(ids.size, 1, 'every 201 is the same top-up');
        const replays = created.filter((response) => response.headers.get('idempotent-replayed') === 'true').length;
        assert.equal(replays + statuses.filter((status) => status === 409).length, 19);
        const entries = (await ledgerOf(DEMO.primary)).filter((entry) => entry.reference === [...ids][0]);
        assert.equal(entries.length, 1);
        assert.equal(await balanceOf(DEMO.primary), 45000);
      });
    });

    describe('the ledger under load', () => {
      it('keeps the ledger equal to the balances through 200 concurrent top-ups over 20 numbers', async () => {
        const numbers = Array.from({ length: 20 }, (_, index) => `+7926555${String(1000 + index).slice(-4)}`);
        const tokens = await Promise.all(Array.from({ length: 200 }, () => tokenize(CARD_OK)));
        const results = await Promise.all(
          tokens.map((token, index) =>
            sandbox.api.request('/v1/top-ups', topUpCall({ msisdn: numbers[index % 20], amount: { amount: 1000 + index, currency: 'RUB' }, source: { type: 'card', token: token.id } }, newKey())),
          ),
        );
        const statuses = results.map((response) => response.status);
        assert.ok(statuses.every((status) => status === 201), statuses.join(','));
        let ledgerSum = 0;
        let balanceSum = 0;
        for (const msisdn of numbers) {
          const entries = await ledgerOf(msisdn);
          assert.equal(entries.length, 10, msisdn);
          const sum = entries.reduce((total, entry) => total + entry.amount, 0);
          assert.equal(await balanceOf(msisdn), sum, `${msisdn}: balance is the sum of its ledger`);
          ledgerSum += sum;
          balanceSum += await balanceOf(msisdn);
        }
        const paid = tokens.reduce((total, _, index) => total + 1000 + index, 0);
        assert.equal(ledgerSum, paid);
        assert.equal(balanceSum, paid);
      });
    });

    describe('cards', () => {
      it('credits a 100 ₽ payment with 4242… at once, with a reference for support', async () => {
        const topUp = await payByCard(DEMO.primary, 10000);
        assert.equal(topUp.status, 'succeeded');
        assert.match(topUp.reference, /^KB-[A-Z0-9]{8}$/);
        assert.deepEqual(topUp.source, { type: 'card', brand: 'visa', last4: '4242' });
        assert.equal(await balanceOf(DEMO.primary), 45000);
        assert.equal((await payByCard(DEMO.primary, 10000, CARD_MIR)).status, 'succeeded');
      });

      it('fails 0002 as card_declined and charges nothing', async () => {
        const topUp = await payByCard(DEMO.primary, 10000, CARD_DECLINED);
        assert.equal(topUp.status, 'failed');
        assert.equal(topUp.failureCode, 'card_declined');
        assert.equal(await balanceOf(DEMO.primary), 35000);
        assert.equal((await ledgerOf(DEMO.primary)).filter((entry) => entry.reference === topUp.id).length, 0);
      });

      it('asks 3220 for 3-D Secure on a page of its own, and credits once approved', async () => {
        const topUp = await payByCard(DEMO.primary, 10000, CARD_3DS);
        assert.equal(topUp.status, 'requires_action');
        const url = topUp.nextAction?.url;
        assert.ok(url, 'a challenge page');
        const page = await sandbox.app.request(new URL(url).pathname);
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
        assert.doesNotMatch(await page.text(), /<script>|style=/);
        assert.equal((await sandbox.app.request('/sandbox/3ds.js')).status, 200);
        assert.equal(await balanceOf(DEMO.primary), 35000, 'nothing before the payer approves');
        const approved = await sandbox.api.ok(`/sandbox/3ds/${topUp.id}`, { body: { outcome: 'approve' } }, 200, TopUpSchema);
        assert.equal(approved.status, 'succeeded');
        const read = await sandbox.api.ok(`/v1/top-ups/${topUp.id}`, anonymous, 200, TopUpSchema);
        assert.equal(read.status, 'succeeded');
        assert.equal(await balanceOf(DEMO.primary), 45000);
        // A second answer changes nothing.
        await sandbox.api.ok(`/sandbox/3ds/${topUp.id}`, { body: { outcome: 'decline' } }, 200, TopUpSchema);
        assert.equal(await balanceOf(DEMO.primary), 45000);
      });

      it('fails a declined 3-D Secure challenge as authentication_failed and charges nothing', async () => {
        const topUp = await payByCard(DEMO.primary, 10000, CARD_3DS);
        const declined = await sandbox.api.ok(`/sandbox/3ds/${topUp.id}`, { body: { outcome: 'decline' } }, 200, TopUpSchema);
        assert.equal(declined.status, 'failed');
        assert.equal(declined.failureCode, 'authentication_failed');
        assert.equal(await balanceOf(DEMO.primary), 35000);
      });

      it('never writes the card number to the log or the audit rows', async () => {
        await payByCard(DEMO.primary, 10000, CARD_OK);
        await payByCard(DEMO.primary, 10000, CARD_3DS);
        const audit = JSON.stringify(await sandbox.store.transaction((tx) => tx.select('audit_log')));
        const tokens = JSON.stringify(await sandbox.store.transaction((tx) => tx.select('card_tokens')));
        assert.ok(logLines.length > 0 && audit.includes('card_token.created'));
        for (const text of [logLines.join('\n'), audit, tokens]) {
          for (const card of ['4242424242424242', '4242 4242 4242 4242', '4000000000003220', '424242424242']) assert.ok(!text.includes(card), `found ${card}`);
        }
      });
    });

    describe('limits', () => {
      it('refuses less than 10 ₽ and more than 15 000 ₽ per payment', async () => {
        const token = await tokenize(CARD_OK);
        const call = (amount: number) => topUpCall({ msisdn: DEMO.primary, amount: { amount, currency: 'RUB' }, source: { type: 'card', token: token.id } }, newKey());
        const { problem: small } = await sandbox.api.problem('/v1/top-ups', call(999), 422, 'validation_failed');
        assert.deepEqual(small.errors?.[0], { pointer: '/amount/amount', code: 'below_minimum', detail: 'At least 1000 kopecks' });
        const { problem: large } = await sandbox.api.problem('/v1/top-ups', call(1_500_001), 422, 'validation_failed');
        assert.equal(large.errors?.[0]?.code, 'above_maximum');
        // The refused requests did not use the token up.
        assert.equal((await sandbox.api.ok('/v1/top-ups', call(1000), 201, TopUpSchema)).status, 'succeeded');
      });

      it('fails a payment past 30 000 ₽ per number per day as limit_exceeded', async () => {
        assert.equal((await payByCard(DEMO.zeroBalance, 1_500_000)).status, 'succeeded');
        assert.equal((await payByCard(DEMO.zeroBalance, 1_500_000)).status, 'succeeded');
        const third = await payByCard(DEMO.zeroBalance, 1000);
        assert.equal(third.status, 'failed');
        assert.equal(third.failureCode, 'limit_exceeded');
        assert.equal(await balanceOf(DEMO.zeroBalance), 3_000_000);
        await sandbox.api.advance('P1D');
        assert.equal((await payByCard(DEMO.zeroBalance, 1000)).status, 'succeeded');
      });

      it('counts payments awaiting 3-D Secure against the daily limit, and failed ones not', async () => {
        assert.equal((await payByCard(DEMO.zeroBalance, 1_500_000, CARD_DECLINED)).status, 'failed');
        assert.equal((await payByCard(DEMO.zeroBalance, 1_500_000, CARD_DECLINED)).status, 'failed');
        assert.equal((await payByCard(DEMO.zeroBalance, 1_500_000, CARD_3DS)).status, 'requires_action');
        assert.equal((await payByCard(DEMO.zeroBalance, 1_500_000)).status, 'succeeded');
        const over = await payByCard(DEMO.zeroBalance, 1000);
        assert.equal(over.failureCode, 'limit_exceeded');
      });
    });

    describe('bonus points and another own number', () => {
      it('tops up from bonus points at 1 point per ruble', async () => {
        const auth = await signedIn();
        const topUp = await sandbox.api.ok('/v1/top-ups', topUpCall({ msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'bonus' } }, newKey(), auth), 201, TopUpSchema);
        assert.equal(topUp.status, 'succeeded');
        assert.equal(topUp.source.points, 100);
        const [bonus] = await sandbox.store.transaction((tx) => tx.select('bonus', { msisdn: DEMO.primary }));
        assert.equal(bonus?.points, 1150);
        assert.equal(await balanceOf(DEMO.primary), 45000);
        const tooMuch = await sandbox.api.ok('/v1/top-ups', topUpCall({ msisdn: DEMO.primary, amount: { amount: 1_200_000, currency: 'RUB' }, source: { type: 'bonus' } }, newKey(), auth), 201, TopUpSchema);
        assert.equal(tooMuch.failureCode, 'insufficient_points');
      });

      it('moves money from another number of the account, refusing to take it below zero', async () => {
        const auth = await signedIn();
        const move = (amount: number) => topUpCall({ msisdn: DEMO.primary, amount: { amount, currency: 'RUB' }, source: { type: 'number', msisdn: DEMO.linkedActive } }, newKey(), auth);
        const moved = await sandbox.api.ok('/v1/top-ups', move(10000), 201, TopUpSchema);
        assert.equal(moved.status, 'succeeded');
        assert.equal(await balanceOf(DEMO.primary), 45000);
        assert.equal(await balanceOf(DEMO.linkedActive), 2050);
        const refused = await sandbox.api.ok('/v1/top-ups', move(3000), 201, TopUpSchema);
        assert.equal(refused.failureCode, 'insufficient_funds');
        assert.equal(await balanceOf(DEMO.linkedActive), 2050);
        const entries = (await ledgerOf(DEMO.linkedActive)).filter((entry) => entry.reference === moved.id);
        assert.deepEqual(entries.map((entry) => entry.amount), [-10000]);
      });

      it("refuses another account's number as a source, and both sources without signing in", async () => {
        const auth = await signedIn();
        await sandbox.api.problem('/v1/top-ups', topUpCall({ msisdn: DEMO.primary, amount: { amount: 1000, currency: 'RUB' }, source: { type: 'number', msisdn: DEMO.zeroBalance } }, newKey(), auth), 404, 'not_found');
        await sandbox.api.problem('/v1/top-ups', topUpCall({ msisdn: DEMO.primary, amount: { amount: 1000, currency: 'RUB' }, source: { type: 'bonus' } }, newKey()), 401, 'unauthenticated');
      });
    });

    describe('anonymous top-up', () => {
      it('tops up any number and answers without its balance, owner or tariff', async () => {
        const token = await tokenize(CARD_OK);
        const response = await sandbox.api.request('/v1/top-ups', topUpCall({ msisdn: '8 916 123-45-67', amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: token.id } }, newKey()));
        const text = await response.text();
        assert.equal(response.status, 201, text);
        for (const secret of ['Ivan', 'Petrov', 'balance', 'tariff', 'moy-onlain', 'Moy', '45000', '35000', 'acc_']) assert.ok(!text.includes(secret), `${secret} in ${text}`);
        const topUp = v.parse(TopUpSchema, JSON.parse(text));
        assert.deepEqual(Object.keys(topUp).sort(), ['amount', 'createdAt', 'failureCode', 'fee', 'id', 'msisdn', 'nextAction', 'reference', 'settledAt', 'source', 'status']);
        assert.equal(await balanceOf(DEMO.primary), 45000);
      });

      it('refuses …102 as not_a_subscriber, …103 as payments_barred and …104 as unavailable with Retry-After, charging nothing', async () => {
        const token = await tokenize(CARD_OK);
        const call = (msisdn: string) => topUpCall({ msisdn, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: token.id } }, newKey());
        const { problem } = await sandbox.api.problem('/v1/top-ups', call('+79161111102'), 422, 'not_a_subscriber');
        assert.equal(problem.errors?.[0]?.pointer, '/msisdn');
        await sandbox.api.problem('/v1/top-ups', call('+79161111103'), 403, 'payments_barred');
        const { response } = await sandbox.api.problem('/v1/top-ups', call('+79161111104'), 503, 'service_unavailable');
        assert.equal(response.headers.get('retry-after'), '30');
        await sandbox.api.problem('/v1/top-ups', call('+7916111'), 422, 'validation_failed');
        const topUps = await sandbox.store.transaction((tx) => tx.select('top_ups'));
        assert.equal(topUps.length, 0);
      });

      it('keeps …105 processing (pending, not failed) for 3 s, then succeeds', async () => {
        const topUp = await payByCard('+79161111105', 10000);
        assert.equal(topUp.status, 'processing');
        assert.equal((await sandbox.api.ok(`/v1/top-ups/${topUp.id}`, anonymous, 200, TopUpSchema)).status, 'processing');
        await sandbox.api.advance('PT4S');
        const settled = await sandbox.api.ok(`/v1/top-ups/${topUp.id}`, anonymous, 200, TopUpSchema);
        assert.equal(settled.status, 'succeeded');
        assert.equal(await balanceOf('+79161111105'), 10000);
      });

      it('refuses the publishable key from an origin it does not allow', async () => {
        await sandbox.api.problem('/v1/card-tokens', { token: DEMO.publishableKey, headers: { origin: 'http://localhost:6006' }, body: { number: CARD_OK, expMonth: 1, expYear: NEXT_YEAR, cvc: '123' } }, 403, 'origin_not_allowed');
      });
    });

    describe('reading top-ups back', () => {
      it("lists the account's recent top-ups and hides them from other payers", async () => {
        const auth = await signedIn();
        const topUp = await payByCard(DEMO.linkedActive, 10000, CARD_OK, auth);
        const recent = await sandbox.api.ok('/v1/top-ups', { token: auth.token }, 200, v.array(TopUpSchema));
        assert.deepEqual(recent.map((item) => item.id), [topUp.id]);
        await sandbox.api.problem(`/v1/top-ups/${topUp.id}`, anonymous, 404, 'not_found');
        const other = await signedIn(DEMO.zeroBalance);
        await sandbox.api.problem(`/v1/top-ups/${topUp.id}`, other, 404, 'not_found');
        const balance = await sandbox.api.ok('/v1/numbers/79167654321/balance', { token: auth.token }, 200, BalanceSchema);
        assert.equal(balance.balance.amount, 22050);
        // The ten newest, newest first.
        const more: string[] = [];
        for (let i = 0; i < 11; i++) {
          await sandbox.api.advance('PT1M');
          more.push((await payByCard(DEMO.linkedActive, 1000 + i, CARD_OK, auth)).id);
        }
        const ten = await sandbox.api.ok('/v1/top-ups', { token: auth.token }, 200, v.array(TopUpSchema));
        assert.deepEqual(ten.map((item) => item.id), more.reverse().slice(0, 10));
      });
    });
  });
}
