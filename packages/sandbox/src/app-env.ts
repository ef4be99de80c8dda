import type { Scope } from '@kabinet/client/contract';
import type { Context } from 'hono';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { SeedOptions } from './seed.js';
import type { Store } from './store/store.js';

/** What every handler needs, fixed when the app is created. */
export interface Deps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Origins that may call the API from a browser (CORS). */
  allowedOrigins: readonly string[];
  /** Host named in the WebOTP line of each SMS: configured, never the request's (see `AppOptions.webOtpHost`). */
  webOtpHost: string;
  /** What `POST /sandbox/reset` seeds (the catalog size). */
  seed: SeedOptions;
  /** Inside a page, without a loadable URL (see `AppOptions.embedded`). */
  embedded: boolean;
}

/** Hono environment of the sandbox app. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    /** The scope the matched operation needs from a session token (set by the route table, checked by `authenticate`). */
    scope: Scope | undefined;
  };
}

export type AppContext = Context<AppEnv>;
