/**
 * The tariff rules (DOMAIN.md "Tariffs") at the HTTP level, run against every
 * Store implementation: the catalog a number may choose from, the switch with
 * its fee through the ledger, each refusal, and exactly-once charging.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as v from 'valibot';
import { BalanceSchema, CurrentTariffSchema, TariffChangeSchema, TariffListSchema } from '@kabinet/client/contract';
import { createApp, DEMO, type Store } from '../src/index.js';
import { Api, PAGE_ORIGIN, expectProblem, useSandbox } from './api.js';

const PRIMARY = '79161234567';
const CHANGES = `/v1/numbers/${PRIMARY}/tariff-changes`;

export function describeTariffContract(name: string, makeStore: () => Promise<Store>, options: { skip?: string } = {}): void {
  describe(`tariffs on ${name}`, { skip: options.skip ?? false }, () => {
    const sandbox = useSandbox(makeStore);
    let token: string;
    let keys = 0;

    const key = () => `test-key-${++keys}`;
    const change = (tariffId: string, idempotencyKey: string | null = key(), path = CHANGES, session = token, headers: Record<string, string> = {}) =>
      sandbox.api.request(path, {
        body: { tariffId },
        token: session,
        headers: { ...headers, ...(idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey }) },
      });
    const ledger = (msisdn: string) => sandbox.store.transaction((tx) => tx.select('ledger', { msisdn }));
    const number = async (msisdn: string) => (await sandbox.store.transaction((tx) => tx.select('numbers', { msisdn })))[0]!;
    const sum = (rows: { amount: number }[]) => rows.reduce((total, row) => total + row.amount, 0);

    beforeEach(async () => {
      ({ token } = await sandbox.api.signIn(DEMO.primary));
    });

    describe('catalog', () => {
      it('seeds at least 12 tariffs over at least 2 regions, among them the two that block linking', async () => {
        const tariffs = await sandbox.store.transaction((tx) => tx.select('tariffs'));
        assert.ok(tariffs.length >= 12, `${tariffs.length} tariffs`);
        assert.ok(new Set(tariffs.map((tariff) => tariff.region)).size >= 2);
        const unlinkable = tariffs.filter((tariff) => !tariff.linkable).map((tariff) => tariff.nameEn);
        assert.deepEqual(unlinkable.sort(), ["It's easy Penza", 'Mayak']);
        for (const tariff of tariffs) {
          assert.ok(tariff.name && tariff.nameEn && tariff.description && tariff.descriptionEn, tariff.id);
          assert.ok(['now', 'next_period'].includes(tariff.switchTiming), tariff.id);
        }
      });

      it("lists only what the number may choose: its region's open tariffs, the current one marked", async () => {
        const list = await sandbox.api.ok(`/v1/tariffs?msisdn=${PRIMARY}`, { token }, 200, TariffListSchema);
        assert.equal(list.msisdn, DEMO.primary);
        assert.equal(list.region.id, 'moscow');
        assert.ok(list.tariffs.length >= 8);
        assert.deepEqual(list.tariffs.filter((tariff) => tariff.current).map((tariff) => tariff.id), ['moy-onlain']);
        assert.ok(list.tariffs.every((tariff) => tariff.available));
        const ids = list.tariffs.map((tariff) => tariff.id);
        assert.ok(!ids.includes('mayak'), 'archived');
        assert.ok(!ids.includes('its-easy-penza') && !ids.includes('moy-onlain-penza'), 'another region');
        const fees = list.tariffs.map((tariff) => tariff.monthlyFee.amount);
        assert.deepEqual(fees, [...fees].sort((a, b) => a - b), 'cheapest first');
        assert.equal(list.scheduled, null);
        assert.equal(new Date(Date.parse(list.nextBillingAt) + 3 * 3_600_000).getUTCDate(), 1, 'billing on the 1st, Moscow time');
      });

      it('answers in the language of Accept-Language, Russian by default', async () => {
        const ru = await sandbox.api.ok(`/v1/tariffs?msisdn=${PRIMARY}`, { token }, 200, TariffListSchema);
        const current = (list: typeof ru) => list.tariffs.find((tariff) => tariff.current)!;
        assert.equal(current(ru).name, 'Мой онлайн');
        assert.match(current(ru).description, /мессенджеры/);
        const response = await sandbox.api.request(`/v1/tariffs?msisdn=${PRIMARY}`, { token, headers: { 'accept-language': 'en-US,en;q=0.9,ru;q=0.5' } });
        assert.equal(response.headers.get('content-language'), 'en');
        assert.match(response.headers.get('vary') ?? '', /Accept-Language/i);
        const en = v.parse(TariffListSchema, await response.json());
        assert.equal(current(en).name, 'Moy Onlain');
        assert.equal(en.region.name, 'Moscow and Moscow Region');
        const balance = await sandbox.api.ok(`/v1/numbers/${PRIMARY}/balance`, { token, headers: { 'accept-language': 'en' } }, 200, BalanceSchema);
        assert.equal(balance.tariff.name, 'Moy Onlain');
      });

      it('shows a current tariff that is archived, marked as not available', async () => {
        await sandbox.store.transaction((tx) => tx.update('numbers', { msisdn: DEMO.primary }, { tariffId: 'mayak' }));
        const list = await sandbox.api.ok(`/v1/tariffs?msisdn=${PRIMARY}`, { token }, 200, TariffListSchema);
        const mayak = list.tariffs.find((tariff) => tariff.id === 'mayak');
        assert.ok(mayak?.current);
        assert.equal(mayak.available, false);
        const current = await sandbox.api.ok(`/v1/numbers/${PRIMARY}/tariff`, { token }, 200, CurrentTariffSchema);
        assert.equal(current.tariff.name, 'Маяк');
      });

      it("refuses a missing number, and answers 404 for another account's number", async () => {
        const { problem } = await sandbox.api.problem('/v1/tariffs', { token }, 422, 'validation_failed');
        assert.equal(problem.errors?.[0]?.pointer, '/msisdn');
        await sandbox.api.problem('/v1/tariffs?msisdn=79160000000', { token }, 404, 'not_found');
        await sandbox.api.problem(`/v1/tariffs?msisdn=${PRIMARY}`, {}, 401, 'unauthenticated');
      });

      it("accepts the number's usual spellings", async () => {
        const list = await sandbox.api.ok(`/v1/tariffs?msisdn=${encodeURIComponent('8 (916) 123-45-67')}`, { token }, 200, TariffListSchema);
        assert.equal(list.msisdn, DEMO.primary);
      });
    });

    describe('changing tariff', () => {
      it('takes effect now, charges the switch fee through the ledger and renews the packages', async () => {
        const response = await change('moy-smart');
        assert.equal(response.status, 201, await response.clone().text());
        const body = v.parse(TariffChangeSchema, await response.json());
        assert.equal(body.status, 'applied');
        assert.deepEqual(body.from, { id: 'moy-onlain', name: 'Мой онлайн' });
        assert.deepEqual(body.to, { id: 'moy-smart', name: 'Мой смарт' });
        assert.deepEqual(body.charged, { amount: 5000, currency: 'RUB' });
        assert.deepEqual(body.balance, { amount: 30000, currency: 'RUB' });
        assert.ok(Math.abs(Date.parse(body.effectiveAt) - Date.now()) < 5000);

        const balance = await sandbox.api.ok(`/v1/numbers/${PRIMARY}/balance`, { token }, 200, BalanceSchema);
        assert.equal(balance.balance.amount, 30000);
        assert.equal(balance.tariff.name, 'Мой смарт');
        assert.deepEqual(
          balance.buckets.map((bucket) => [bucket.kind, bucket.used, bucket.total]),
          [
            ['voice', 0, 600],
            ['sms', 0, 600],
            ['data', 0, 15 * 1024],
          ],
        );
        const list = await sandbox.api.ok(`/v1/tariffs?msisdn=${PRIMARY}`, { token }, 200, TariffListSchema);
        assert.deepEqual(list.tariffs.filter((tariff) => tariff.current).map((tariff) => tariff.id), ['moy-smart']);
      });

      it('keeps the ledger and the balance in agreement', async () => {
        assert.equal((await change('moy-smart')).status, 201);
        assert.equal((await change('moy-razgovor')).status, 201);
        const rows = await ledger(DEMO.primary);
        const fees = rows.filter((row) => row.category === 'services');
        assert.deepEqual(fees.map((row) => row.amount).sort(), [-10000, -5000]);
        assert.equal(sum(rows), (await number(DEMO.primary)).balance);
        assert.equal((await number(DEMO.primary)).balance, 35000 - 5000 - 10000);
      });

      it('charges once for the same Idempotency-Key sent twice, answering the same', async () => {
        const first = await change('moy-smart', 'same-key');
        const second = await change('moy-smart', 'same-key');
        assert.equal(first.status, 201);
        assert.equal(second.status, 201);
        assert.deepEqual(await second.json(), await first.json());
        const fees = (await ledger(DEMO.primary)).filter((row) => row.category === 'services');
        assert.equal(fees.length, 1);
        assert.equal((await number(DEMO.primary)).balance, 30000);
      });

      it('charges once when the same key races', async () => {
        const responses = await Promise.all([change('moy-smart', 'race'), change('moy-smart', 'race')]);
        const statuses = responses.map((response) => response.status).sort();
        assert.ok(statuses[0] === 201 && [201, 409].includes(statuses[1]!), `statuses ${statuses.join(', ')}`);
        assert.equal((await ledger(DEMO.primary)).filter((row) => row.category === 'services').length, 1);
      });

      it('refuses a reused key with another body, and a request without a key', async () => {
        assert.equal((await change('moy-smart', 'k1')).status, 201);
        await sandbox.api.problem(CHANGES, { body: { tariffId: 'moy-razgovor' }, token, headers: { 'idempotency-key': 'k1' } }, 422, 'idempotency_key_reused');
        await sandbox.api.problem(CHANGES, { body: { tariffId: 'moy-razgovor' }, token }, 400, 'idempotency_key_required');
        assert.equal((await number(DEMO.primary)).balance, 30000);
      });

      it('schedules a tariff that switches on the next billing date, and applies it once the clock gets there', async () => {
        const response = await change('tarifishche');
        assert.equal(response.status, 201);
        const body = (await response.json()) as { status: string; effectiveAt: string; firstFeeAt: string; balance: { amount: number } };
        assert.equal(body.status, 'scheduled');
        assert.equal(body.effectiveAt, body.firstFeeAt);
        assert.ok(Date.parse(body.effectiveAt) > Date.now());
        assert.equal(body.balance.amount, 25000, 'the switch fee is charged when asked');
        let balance = await sandbox.api.ok(`/v1/numbers/${PRIMARY}/balance`, { token }, 200, BalanceSchema);
        assert.equal(balance.tariff.id, 'moy-onlain');
        const list = await sandbox.api.ok(`/v1/tariffs?msisdn=${PRIMARY}`, { token }, 200, TariffListSchema);
        assert.equal(list.scheduled?.to.id, 'tarifishche');
        assert.equal(list.scheduled?.effectiveAt, body.effectiveAt);
        await sandbox.api.problem(CHANGES, { body: { tariffId: 'tarifishche' }, token, headers: { 'idempotency-key': key() } }, 409, 'tariff_already_active');

        await sandbox.api.request('/sandbox/clock', { body: { set: new Date(Date.parse(body.effectiveAt) + 60_000).toISOString() } });
        ({ token } = await sandbox.api.signIn(DEMO.primary));
        balance = await sandbox.api.ok(`/v1/numbers/${PRIMARY}/balance`, { token }, 200, BalanceSchema);
        assert.equal(balance.tariff.name, 'Тарифище');
        assert.equal(balance.buckets.find((bucket) => bucket.kind === 'data')?.total, null, 'unlimited internet');
        const audit = await sandbox.store.transaction((tx) => tx.select('audit_log', { action: 'tariff.change_applied' }));
        assert.equal(audit.length, 1);
      });

      it('records the change in the audit trail with who, what and from where', async () => {
        await change('moy-smart', key(), CHANGES, token, { origin: PAGE_ORIGIN });
        const [entry] = await sandbox.store.transaction((tx) => tx.select('audit_log', { action: 'tariff.changed' }));
        assert.equal(entry?.msisdn, DEMO.primary);
        assert.equal(entry?.accountId, 'acc_a');
        assert.equal(entry?.actor, 'subscriber');
        assert.equal(entry?.origin, PAGE_ORIGIN);
        assert.deepEqual([(entry?.details as Record<string, unknown>)['from'], (entry?.details as Record<string, unknown>)['to']], ['moy-onlain', 'moy-smart']);
      });
    });

    describe('refusals', () => {
      async function expectNothingCharged(msisdn: string, balance: number, entries: number) {
        assert.equal((await number(msisdn)).balance, balance);
        assert.equal((await ledger(msisdn)).length, entries);
      }

      it('refuses with insufficient_funds when the balance is below the switch fee, and charges nothing', async () => {
        const zero = await sandbox.api.signIn(DEMO.zeroBalance);
        const entries = (await ledger(DEMO.zeroBalance)).length;
        const response = await change('moy-smart', key(), '/v1/numbers/79160000000/tariff-changes', zero.token);
        const problem = await expectProblem(response, 402, 'insufficient_funds');
        assert.deepEqual(problem['shortfall'], { amount: 5000, currency: 'RUB' });
        assert.deepEqual(problem['required'], { amount: 5000, currency: 'RUB' });
        assert.match(problem.detail ?? '', /пополните счёт минимум на 50,00/);
        await expectNothingCharged(DEMO.zeroBalance, 0, entries);
        const en = await change('moy-smart', key(), '/v1/numbers/79160000000/tariff-changes', zero.token, { 'accept-language': 'en' });
        assert.match(((await en.json()) as { detail: string }).detail, /top up at least RUB\s50\.00/);
        const refused = await sandbox.store.transaction((tx) => tx.select('audit_log', { action: 'tariff.change_refused', msisdn: DEMO.zeroBalance }));
        assert.equal(refused.length, 2);
      });

      it('lets a number with zero balance take a tariff without a switch fee', async () => {
        const zero = await sandbox.api.signIn(DEMO.zeroBalance);
        const response = await change('dlya-plansheta', key(), '/v1/numbers/79160000000/tariff-changes', zero.token);
        assert.equal(response.status, 201);
      });

      it('refuses with tariff_unavailable a tariff of another region, an archived one and an unknown one', async () => {
        const entries = (await ledger(DEMO.primary)).length;
        for (const [tariffId, reason] of [['moy-smart-penza', 'region'], ['its-easy-penza', 'region'], ['mayak', 'archived'], ['no-such-tariff', 'unknown']] as const) {
          const { problem } = await sandbox.api.problem(CHANGES, { body: { tariffId }, token, headers: { 'idempotency-key': key() } }, 403, 'tariff_unavailable');
          assert.equal(problem['reason'], reason, tariffId);
          assert.ok(problem.detail, 'a localized explanation');
        }
        await expectNothingCharged(DEMO.primary, 35000, entries);
      });

      it('refuses with tariff_already_active the tariff the number is on', async () => {
        const { problem } = await sandbox.api.problem(CHANGES, { body: { tariffId: 'moy-onlain' }, token, headers: { 'idempotency-key': key() } }, 409, 'tariff_already_active');
        assert.match(problem.detail ?? '', /уже на тарифе «Мой онлайн»/);
      });

      it('refuses with number_blocked a blocked number, which may still look at the catalog', async () => {
        const blocked = await sandbox.api.signIn(DEMO.blocked);
        const entries = (await ledger(DEMO.blocked)).length;
        await sandbox.api.ok('/v1/tariffs?msisdn=79165550000', { token: blocked.token }, 200, TariffListSchema);
        const response = await change('moy-onlain', key(), '/v1/numbers/79165550000/tariff-changes', blocked.token);
        const problem = await expectProblem(response, 403, 'number_blocked');
        assert.ok(typeof problem['until'] === 'string');
        await expectNothingCharged(DEMO.blocked, 8000, entries);
      });

      it('frees the key of a refused request: the same request is judged again', async () => {
        const zero = await sandbox.api.signIn(DEMO.zeroBalance);
        const path = '/v1/numbers/79160000000/tariff-changes';
        assert.equal((await change('moy-smart', 'retry', path, zero.token)).status, 402);
        await sandbox.store.transaction((tx) => tx.update('numbers', { msisdn: DEMO.zeroBalance }, { balance: 10000 }));
        assert.equal((await change('moy-smart', 'retry', path, zero.token)).status, 201);
      });
    });

    describe('a large catalog for performance work', () => {
      it('seeds 1,000 tariffs for a Moscow number with { tariffs: 1000 }, and keeps them across a reset', async () => {
        const large = createApp({ store: sandbox.store, seed: { tariffs: 1000 } });
        const largeApi = new Api(large);
        await largeApi.reset();
        const session = await largeApi.signIn(DEMO.primary);
        const list = await largeApi.ok(`/v1/tariffs?msisdn=${PRIMARY}`, { token: session.token }, 200, TariffListSchema);
        assert.equal(list.tariffs.length, 1000);
        assert.equal(new Set(list.tariffs.map((tariff) => tariff.id)).size, 1000);
        assert.ok(list.tariffs.some((tariff) => tariff.name === 'Мой онлайн' && tariff.current));
      });
    });
  });
}
