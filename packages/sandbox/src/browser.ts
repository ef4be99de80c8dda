/**
 * @kabinet/sandbox/browser: the whole sandbox inside a page (Storybook, widget
 * tests), on a memory store, reached through a `fetch` function instead of
 * the network.
 *
 * @example
 * const sandbox = await createBrowserSandbox();
 * const client = createClient({ baseUrl: 'http://sandbox.test', auth: { type: 'otp' }, fetch: sandbox.fetch });
 */
import { createApp, type AppOptions, type SandboxApp } from './app.js';
import { systemClock } from './clock.js';
import { seedIfEmpty } from './seed.js';
import { MemoryStore } from './store/memory-store.js';

export interface BrowserSandbox {
  app: SandboxApp;
  store: MemoryStore;
  /** A `fetch` served by the app; give it to the client. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Restores the seeded data, the clock and the faults. */
  reset(): Promise<void>;
}

/** A seeded sandbox on a {@link MemoryStore}. */
export async function createBrowserSandbox(options: Omit<AppOptions, 'store'> = {}): Promise<BrowserSandbox> {
  const store = new MemoryStore();
  await seedIfEmpty(store, options.clock ?? systemClock, options.seed);
  const app = createApp({ embedded: true, ...options, store });
  return {
    app,
    store,
    // `async` matters: a synchronous throw inside the app must become a rejected promise, as with fetch.
    fetch: async (input, init) => app.fetch(new Request(input, init)),
    async reset() {
      const response = await app.fetch(new Request('http://sandbox.local/sandbox/reset', { method: 'POST' }));
      if (response.status !== 204) throw new Error(`Sandbox reset failed: ${response.status}`);
    },
  };
}
