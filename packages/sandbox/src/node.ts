/**
 * @kabinet/sandbox/node: the sandbox as a Node server, on embedded PGlite (in
 * memory or in a data folder) or on PostgreSQL. Node-only.
 *
 * @example
 * import { startServer } from '@kabinet/sandbox/node';
 * const server = await startServer({ port: 0, memory: true, quiet: true });
 * await fetch(`${server.url}/healthz`);
 * await server.close();
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type AppOptions, type SandboxApp } from './app.js';
import { systemClock } from './clock.js';
import { consoleLogger, quietLogger } from './logger.js';
import { seedIfEmpty } from './seed.js';
import { PgDriver } from './store/pg-driver.js';
import { PgliteDriver } from './store/pglite-driver.js';
import { SqlStore } from './store/sql-store.js';
import type { Store } from './store/store.js';

export { PgDriver } from './store/pg-driver.js';
export { PgliteDriver } from './store/pglite-driver.js';

/** Where the data lives; the first of these that is set wins. */
export interface OpenStoreOptions {
  /** A PostgreSQL connection string: use that server. */
  databaseUrl?: string;
  /** Embedded PGlite without a folder: the data is gone when the process ends. */
  memory?: boolean;
  /** Embedded PGlite in this folder (created if missing): the data survives restarts. */
  dataDir?: string;
}

/**
 * Opens a SQL store with its schema migrated (but not seeded). Without
 * options: PGlite in memory.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  if (options.databaseUrl) return SqlStore.open(PgDriver.connect(options.databaseUrl));
  if (options.memory || !options.dataDir) return SqlStore.open(await PgliteDriver.open());
  await mkdir(options.dataDir, { recursive: true });
  return SqlStore.open(await PgliteDriver.open({ dataDir: options.dataDir }));
}

export interface StartServerOptions extends OpenStoreOptions, Omit<AppOptions, 'store'> {
  /** 8787 by default; 0 picks a free port. */
  port?: number;
  /** 127.0.0.1 by default. */
  host?: string;
  /** Use this store instead of opening one (it is seeded when empty, and closed with the server). */
  store?: Store;
  /** No SMS lines in the log (errors are still logged). */
  quiet?: boolean;
}

export interface SandboxServer {
  /** Base URL, such as `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  host: string;
  app: SandboxApp;
  store: Store;
  /** Stops listening, drops open connections and closes the store. */
  close(): Promise<void>;
}

/** Opens (and seeds when empty) a store and serves the sandbox over HTTP. */
export async function startServer(options: StartServerOptions = {}): Promise<SandboxServer> {
  const store = options.store ?? (await openStore(options));
  const clock = options.clock ?? systemClock;
  await seedIfEmpty(store, clock, options.seed);
  const app = createApp({ ...options, store, clock, log: options.log ?? (options.quiet ? quietLogger : consoleLogger) });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ServerType>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () => resolve(listening));
    listening.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    app,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await store.close();
    },
  };
}
