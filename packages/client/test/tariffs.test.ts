import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RefusedError, ValidationError, createClient, createIdempotencyKey, type ClientOptions, type Msisdn, type ResourceState, type TariffList } from '../src/index.js';
import { inProcessSandboxPerTest, recording, signIn } from './sandbox.js';

const PRIMARY: Msisdn = '+79161234567';
const ZERO: Msisdn = '+79160000000';

const sandbox = inProcessSandboxPerTest();

async function signedIn(phone: Msisdn = PRIMARY, options: Partial<ClientOptions> = {}) {
  const log = recording(sandbox.fetch);
  const kabinet = createClient({ baseUrl: sandbox.baseUrl, auth: { type: 'otp' }, fetch: log.fetch, locale: 'ru', ...options });
  await signIn(sandbox, kabinet, phone);
  return { kabinet, log };
}

const settled = <T>(resource: { subscribe(listener: (state: ResourceState<T>) => void): () => void }) =>
  new Promise<T>((resolve, reject) => {
    // The first call may come before `subscribe` returns: unsubscribe a tick later.
    const stop = resource.subscribe((state) => {
      if (state.status === 'ready' && !state.refreshing) {
        queueMicrotask(() => stop());
        resolve(state.data as T);
      } else if (state.status === 'error') reject(state.error);
    });
  });

describe('client.tariffs', () => {
  it('lists the catalog in the client’s language and follows a locale change', async () => {
    const { kabinet } = await signedIn();
    const ru = await kabinet.tariffs.list(PRIMARY);
    assert.equal(ru.tariffs.find((tariff) => tariff.current)?.name, 'Мой онлайн');
    kabinet.setLocale('en');
    const en = await kabinet.tariffs.list(PRIMARY);
    assert.equal(en.tariffs.find((tariff) => tariff.current)?.name, 'Moy Onlain');
    const current = await kabinet.tariffs.current(PRIMARY);
    assert.equal(current.tariff.id, 'moy-onlain');
  });

  it('changes tariff, and the balance and catalog in the store reload once each', async () => {
    const { kabinet, log } = await signedIn();
    const balance = kabinet.store.balance(PRIMARY);
    const tariffs = kabinet.store.tariffs(PRIMARY);
    const seen: { balance: number[]; current: string[] } = { balance: [], current: [] };
    const stops = [
      balance.subscribe((state) => state.status === 'ready' && seen.balance.push(state.data!.balance.amount)),
      tariffs.subscribe((state: ResourceState<TariffList>) => state.status === 'ready' && seen.current.push(state.data!.tariffs.find((tariff) => tariff.current)!.id)),
    ];
    await settled(balance);
    await settled(tariffs);
    const change = await kabinet.tariffs.change(PRIMARY, 'moy-smart', { idempotencyKey: createIdempotencyKey() });
    assert.equal(change.status, 'applied');
    assert.equal(change.to.name, 'Мой смарт');
    assert.deepEqual(change.balance, { amount: 30000, currency: 'RUB' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(seen.balance.at(-1), 30000);
    assert.deepEqual(seen.current.at(-1), 'moy-smart');
    assert.equal(log.count('GET', '/v1/numbers/79161234567/balance'), 2, 'the first load and one reload');
    assert.equal(log.count('GET', '/v1/tariffs'), 2);
    stops.forEach((stop) => stop());
  });

  it('sends the same Idempotency-Key on retry, so the fee is charged once', async () => {
    const { kabinet, log } = await signedIn();
    const key = createIdempotencyKey();
    const first = await kabinet.tariffs.change(PRIMARY, 'moy-razgovor', { idempotencyKey: key });
    const again = await kabinet.tariffs.change(PRIMARY, 'moy-razgovor', { idempotencyKey: key });
    assert.deepEqual(again, first);
    assert.equal(log.count('POST', '/v1/numbers/79161234567/tariff-changes'), 2);
    assert.equal((await kabinet.balance(PRIMARY)).balance.amount, 25000);
  });

  it('refuses with RefusedError insufficient_funds at zero balance, telling the shortfall', async () => {
    const { kabinet } = await signedIn(ZERO);
    await assert.rejects(kabinet.tariffs.change(ZERO, 'moy-smart'), (error: unknown) => {
      assert.ok(error instanceof RefusedError);
      assert.equal(error.code, 'insufficient_funds');
      assert.equal(error.status, 402);
      assert.deepEqual(error.problem?.['shortfall'], { amount: 5000, currency: 'RUB' });
      return true;
    });
    assert.equal((await kabinet.balance(ZERO)).balance.amount, 0);
  });

  it('refuses tariff_unavailable, tariff_already_active and number_blocked as RefusedError', async () => {
    const { kabinet } = await signedIn();
    for (const [tariffId, code] of [['moy-smart-penza', 'tariff_unavailable'], ['moy-onlain', 'tariff_already_active']] as const) {
      await assert.rejects(kabinet.tariffs.change(PRIMARY, tariffId), (error: unknown) => error instanceof RefusedError && error.code === code);
    }
    const blocked = await signedIn('+79165550000');
    await assert.rejects(blocked.kabinet.tariffs.change('+79165550000', 'moy-onlain'), (error: unknown) => error instanceof RefusedError && error.code === 'number_blocked');
    await assert.rejects(kabinet.tariffs.change(PRIMARY, ''), ValidationError);
  });
});
