import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStore } from '../src/store.js';
import { KabinetError } from '../src/errors.js';
import type { Balance, Me } from '../src/schemas.js';
import type { Msisdn } from '../src/phone.js';
import type { ResourceState } from '../src/resource.js';

/** Loaders the store is given: they count calls and resolve when told to. */
function loaders() {
  const calls: Array<{ msisdn: Msisdn; signal: AbortSignal; resolve: (b: Balance) => void; reject: (e: unknown) => void }> = [];
  const balanceOf = (msisdn: Msisdn, amount: number): Balance => ({
    msisdn,
    status: 'active',
    balance: { amount, currency: 'RUB' },
    tariff: { id: 't', name: 'T' },
    buckets: [],
    block: null,
    asOf: new Date().toISOString(),
  });
  return {
    calls,
    balanceOf,
    store: createStore({
      me: async () => ({ accountId: 'a', ownerName: 'O', primary: '+79161234567', numbers: [] }) as Me,
      balance: (msisdn, signal) =>
        new Promise<Balance>((resolve, reject) => {
          calls.push({ msisdn, signal, resolve, reject });
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
      tariffs: () => Promise.reject(new Error('not used here')),
      topUps: () => Promise.reject(new Error('not used here')),
    }),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const A: Msisdn = '+79161234567';
const B: Msisdn = '+79167654321';

describe('store', () => {
  it('sends one request however many subscribe, and tells each of them every change', async () => {
    const { store, calls, balanceOf } = loaders();
    const seen: Array<Array<ResourceState<Balance>['status']>> = [[], [], []];
    const stops = seen.map((log) => store.balance(A).subscribe((state) => log.push(state.status)));
    await tick();
    assert.equal(calls.length, 1);
    calls[0]!.resolve(balanceOf(A, 35000));
    await tick();
    assert.deepEqual(seen[0], ['loading', 'ready']);
    assert.deepEqual(seen[1], ['loading', 'ready']);
    assert.deepEqual(seen[2], ['loading', 'ready']);
    assert.equal(store.balance(A).state.data?.balance.amount, 35000);
    stops.forEach((stop) => stop());
  });

  it('returns the same resource for the same key', () => {
    const { store } = loaders();
    assert.equal(store.balance(A), store.balance(A));
    assert.equal(store.balance(A).key, 'balance:+79161234567');
    assert.equal(store.me().key, 'me');
  });

  it('shares one request among load() callers and serves fresh data from the cache', async () => {
    const { store, calls, balanceOf } = loaders();
    const first = store.balance(A).load();
    const second = store.balance(A).load();
    await tick();
    assert.equal(calls.length, 1);
    calls[0]!.resolve(balanceOf(A, 100));
    assert.equal(await first, await second);
    await store.balance(A).load();
    assert.equal(calls.length, 1);
    const forced = store.balance(A).refresh();
    await tick();
    assert.equal(calls.length, 2);
    calls[1]!.resolve(balanceOf(A, 200));
    assert.equal((await forced).balance.amount, 200);
  });

  it('aborts the load in flight when the last subscriber leaves', async () => {
    const { store, calls } = loaders();
    const stop1 = store.balance(A).subscribe(() => {});
    const stop2 = store.balance(A).subscribe(() => {});
    await tick();
    stop1();
    assert.equal(calls[0]!.signal.aborted, false);
    stop2();
    assert.equal(calls[0]!.signal.aborted, true);
    assert.equal(store.balance(A).state.status, 'idle');
  });

  it('keeps the data while refreshing and after a failed refresh', async () => {
    const { store, calls, balanceOf } = loaders();
    const states: Array<ResourceState<Balance>> = [];
    const stop = store.balance(A).subscribe((state) => states.push(state));
    await tick();
    calls[0]!.resolve(balanceOf(A, 100));
    await tick();
    store.invalidate();
    await tick();
    assert.equal(calls.length, 2);
    assert.equal(store.balance(A).state.refreshing, true);
    assert.equal(store.balance(A).state.data?.balance.amount, 100);
    calls[1]!.reject(new KabinetError('down', { code: 'http_500', status: 500 }));
    await tick();
    const last = states.at(-1)!;
    assert.equal(last.status, 'error');
    assert.equal(last.error?.code, 'http_500');
    assert.equal(last.data?.balance.amount, 100);
    assert.equal(last.refreshing, false);
    stop();
  });

  it('reloads on invalidate only what someone watches, and reloads the rest on next use', async () => {
    const { store, calls, balanceOf } = loaders();
    const stop = store.balance(A).subscribe(() => {});
    void store.balance(B).load();
    await tick();
    calls[0]!.resolve(balanceOf(A, 1));
    calls[1]!.resolve(balanceOf(B, 2));
    await tick();
    store.invalidate((key) => key.startsWith('balance:'));
    await tick();
    assert.deepEqual(calls.map((call) => call.msisdn), [A, B, A]);
    const reload = store.balance(B).load();
    await tick();
    assert.deepEqual(calls.map((call) => call.msisdn), [A, B, A, B]);
    calls[3]!.resolve(balanceOf(B, 3));
    assert.equal((await reload).balance.amount, 3);
    stop();
  });

  it('reloads again when invalidated while a load was in flight', async () => {
    const { store, calls, balanceOf } = loaders();
    const stop = store.balance(A).subscribe(() => {});
    await tick();
    store.invalidate();
    calls[0]!.resolve(balanceOf(A, 1));
    await tick();
    await tick();
    assert.equal(calls.length, 2);
    stop();
  });

  it('switches the active number, tells listeners and aborts unwatched loads of the old number', async () => {
    const { store, calls } = loaders();
    const heard: Array<Msisdn | null> = [];
    store.onActiveMsisdnChange((msisdn) => heard.push(msisdn));
    assert.equal(store.activeMsisdn, null);
    store.setActiveMsisdn(A);
    void store.balance(A).load().catch(() => {});
    await tick();
    store.setActiveMsisdn(B);
    assert.deepEqual(heard, [A, B]);
    assert.equal(store.activeMsisdn, B);
    assert.equal(calls[0]!.signal.aborted, true);
  });

  it('forgets all data on clear, leaving subscribers subscribed to an idle resource', async () => {
    const { store, calls, balanceOf } = loaders();
    const states: Array<ResourceState<Balance>> = [];
    const stop = store.balance(A).subscribe((state) => states.push(state));
    await tick();
    calls[0]!.resolve(balanceOf(A, 1));
    await tick();
    store.clear();
    assert.equal(states.at(-1)!.status, 'idle');
    assert.equal(states.at(-1)!.data, undefined);
    stop();
  });
});
