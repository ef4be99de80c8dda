/**
 * A resource: one piece of server data (the account, a number's balance) that
 * any number of widgets watch. However many ask, one request is in flight;
 * everyone watching hears about every state change.
 */
import { KabinetError } from './errors.js';

/** What a widget renders from. A new object on every change. */
export interface ResourceState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Kept while refreshing and after a failed refresh (then stale). */
  data: T | undefined;
  error: KabinetError | undefined;
  /** `Date.now()` of the last good data. */
  updatedAt: number | undefined;
  /** A reload is under way while data is shown. */
  refreshing: boolean;
}

/**
 * Server data shared by every widget that watches it.
 *
 * @example
 * const balance = client.store.balance('+79161234567');
 * const stop = balance.subscribe((state) => {
 *   if (state.status === 'ready') render(state.data);
 * });
 * // later
 * stop();
 */
export interface Resource<T> {
  /** Cache key, e.g. `'me'`, `'balance:+79161234567'`. */
  readonly key: string;
  readonly state: ResourceState<T>;
  /**
   * Calls `listener` now with the current state and on every change. The
   * first subscriber loads the data when it is idle or stale; the last one
   * leaving aborts a load still in flight. Returns the unsubscribe function.
   */
  subscribe(listener: (state: ResourceState<T>) => void): () => void;
  /** Resolves with the data, loading it unless it is fresh; callers share one request. */
  load(options?: { force?: boolean }): Promise<T>;
  /** Same as `load({ force: true })`. */
  refresh(): Promise<T>;
}

/** Fetches a resource's data; must honour the signal. */
export type Loader<T> = (signal: AbortSignal) => Promise<T>;

const IDLE = Object.freeze({
  status: 'idle',
  data: undefined,
  error: undefined,
  updatedAt: undefined,
  refreshing: false,
} as const);

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
}

/** The store's implementation of {@link Resource}. */
export class CachedResource<T> implements Resource<T> {
  readonly key: string;
  #state: ResourceState<T> = IDLE;
  #stale = true;
  /** Invalidated while a request was in flight: its answer may predate the change. */
  #reloadWhenDone = false;
  #flight: Flight<T> | undefined;
  readonly #listeners = new Set<(state: ResourceState<T>) => void>();
  readonly #loader: Loader<T>;

  constructor(key: string, loader: Loader<T>) {
    this.key = key;
    this.#loader = loader;
  }

  get state(): ResourceState<T> {
    return this.#state;
  }

  get watched(): boolean {
    return this.#listeners.size > 0;
  }

  subscribe(listener: (state: ResourceState<T>) => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1 && this.#stale && !this.#flight) {
      // The load's 'loading' notice reaches the new listener too, so no separate first call.
      this.#loadQuietly();
    } else {
      listener(this.#state);
    }
    return () => {
      if (!this.#listeners.delete(listener)) return;
      if (this.#listeners.size === 0) this.abort();
    };
  }

  load(options: { force?: boolean } = {}): Promise<T> {
    if (this.#flight) return this.#flight.promise;
    if (!options.force && !this.#stale && this.#state.status === 'ready') {
      return Promise.resolve(this.#state.data as T);
    }
    return this.#start();
  }

  refresh(): Promise<T> {
    return this.load({ force: true });
  }

  /** Marks the data stale and reloads it if someone is watching. */
  invalidate(): void {
    this.#stale = true;
    if (!this.watched) return;
    if (this.#flight) this.#reloadWhenDone = true;
    else this.#loadQuietly();
  }

  /** Aborts a load in flight; the data stays as it was, marked stale. */
  abort(): void {
    const flight = this.#flight;
    if (!flight) return;
    this.#flight = undefined;
    this.#reloadWhenDone = false;
    this.#stale = true;
    flight.controller.abort();
    this.#set({ ...this.#state, status: this.#state.data === undefined && this.#state.status === 'loading' ? 'idle' : this.#state.status, refreshing: false });
  }

  /** Forgets everything (sign-out, session expiry); watchers stay subscribed. */
  reset(): void {
    const flight = this.#flight;
    this.#flight = undefined;
    this.#reloadWhenDone = false;
    this.#stale = true;
    flight?.controller.abort();
    this.#set(IDLE);
  }

  #loadQuietly(): void {
    // Watchers learn about failures from the state; nobody awaits this promise.
    this.load().catch(() => undefined);
  }

  #start(): Promise<T> {
    const controller = new AbortController();
    const flight: Flight<T> = { controller, promise: undefined as unknown as Promise<T> };
    flight.promise = this.#run(flight);
    this.#flight = flight;
    const hasData = this.#state.data !== undefined;
    this.#set({ ...this.#state, status: hasData ? this.#state.status : 'loading', refreshing: hasData });
    return flight.promise;
  }

  async #run(flight: Flight<T>): Promise<T> {
    // Let `#start` register the flight before the loader can settle.
    await Promise.resolve();
    try {
      const data = await this.#loader(flight.controller.signal);
      if (this.#flight === flight) {
        this.#flight = undefined;
        this.#stale = this.#reloadWhenDone;
        this.#set({ status: 'ready', data, error: undefined, updatedAt: Date.now(), refreshing: false });
        this.#afterFlight();
      }
      return data;
    } catch (cause) {
      if (this.#flight === flight) {
        this.#flight = undefined;
        const error = cause instanceof KabinetError ? cause : new KabinetError(cause instanceof Error ? cause.message : String(cause), { code: 'client_error', status: 0, cause });
        this.#set({ ...this.#state, status: 'error', error, refreshing: false });
        this.#afterFlight();
      }
      throw cause;
    }
  }

  #afterFlight(): void {
    if (!this.#reloadWhenDone) return;
    this.#reloadWhenDone = false;
    this.#stale = true;
    if (this.watched) this.#loadQuietly();
  }

  #set(state: ResourceState<T>): void {
    this.#state = Object.freeze(state);
    for (const listener of [...this.#listeners]) listener(this.#state);
  }
}
