/**
 * The client's cache of server data, shared by every widget on the page, and
 * the active number they all show.
 */
import type { Msisdn } from './phone.js';
import { CachedResource, type Loader, type Resource } from './resource.js';
import type { Balance, Me, TariffList, TopUp } from './schemas.js';

/**
 * Shared server data and the active number.
 *
 * @example
 * const { store } = client;
 * const stop = store.balance(store.activeMsisdn!).subscribe(render);
 * await topUp();
 * store.invalidate((key) => key.startsWith('balance:')); // every balance card refreshes
 */
export interface KabinetStore {
  /** The signed-in account (`GET /v1/me`). */
  me(): Resource<Me>;
  /** A number's balance, tariff and packages. */
  balance(msisdn: Msisdn): Resource<Balance>;
  /** The tariffs a number may switch to, its current one marked (in the client's locale). */
  tariffs(msisdn: Msisdn): Resource<TariffList>;
  /** The signed-in account's recent top-ups, newest first (`GET /v1/top-ups`). */
  topUps(): Resource<TopUp[]>;
  /** The number widgets show; defaults to the signed-in number. */
  readonly activeMsisdn: Msisdn | null;
  setActiveMsisdn(msisdn: Msisdn | null): void;
  /** Calls `listener` on every change of the active number; returns the unsubscribe function. */
  onActiveMsisdnChange(listener: (msisdn: Msisdn | null) => void): () => void;
  /** Marks matching resources (all without `match`) stale and reloads those someone watches. */
  invalidate(match?: (key: string) => boolean): void;
  /** Drops all cached data (sign-out); watchers stay subscribed and see `idle`. */
  clear(): void;
}

/** What the store loads data with: the client's own calls. */
export interface StoreLoaders {
  me(signal: AbortSignal): Promise<Me>;
  balance(msisdn: Msisdn, signal: AbortSignal): Promise<Balance>;
  tariffs(msisdn: Msisdn, signal: AbortSignal): Promise<TariffList>;
  topUps(signal: AbortSignal): Promise<TopUp[]>;
}

/** Creates the store a client exposes as `client.store`. */
export function createStore(loaders: StoreLoaders): KabinetStore {
  const resources = new Map<string, CachedResource<unknown>>();
  const activeListeners = new Set<(msisdn: Msisdn | null) => void>();
  let active: Msisdn | null = null;

  function resource<T>(key: string, loader: Loader<T>): Resource<T> {
    let found = resources.get(key);
    if (!found) {
      found = new CachedResource<T>(key, loader) as CachedResource<unknown>;
      resources.set(key, found);
    }
    return found as Resource<T>;
  }

  return {
    me: () => resource('me', loaders.me),
    balance: (msisdn) => resource(`balance:${msisdn}`, (signal) => loaders.balance(msisdn, signal)),
    tariffs: (msisdn) => resource(`tariffs:${msisdn}`, (signal) => loaders.tariffs(msisdn, signal)),
    topUps: () => resource('top-ups', loaders.topUps),
    get activeMsisdn() {
      return active;
    },
    setActiveMsisdn(msisdn) {
      if (msisdn === active) return;
      const previous = active;
      active = msisdn;
      for (const listener of [...activeListeners]) listener(msisdn);
      // Widgets have switched by now; loads of the old number nobody watches any more are waste.
      if (previous) {
        for (const [key, entry] of resources) {
          if (key.endsWith(`:${previous}`) && !entry.watched) entry.abort();
        }
      }
    },
    onActiveMsisdnChange(listener) {
      activeListeners.add(listener);
      return () => activeListeners.delete(listener);
    },
    invalidate(match) {
      for (const [key, entry] of resources) if (!match || match(key)) entry.invalidate();
    },
    clear() {
      for (const entry of resources.values()) entry.reset();
    },
  };
}
