import { Hono } from 'hono';
import type { AppEnv, Deps } from './app-env.js';
import { requestClock, systemClock, type Clock } from './clock.js';
import { cors } from './cors.js';
import { ConnectionDropped, faultInjection } from './faults.js';
import { quietLogger, type Logger } from './logger.js';
import { ProblemError, problemResponse } from './problem.js';
import { RouteTable } from './route-table.js';
import { accountRoutes } from './routes/account.js';
import { authRoutes } from './routes/auth.js';
import { linkRoutes } from './routes/links.js';
import { metaRoutes } from './routes/meta.js';
import { partnerRoutes } from './routes/partner.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { tariffRoutes } from './routes/tariffs.js';
import { threeDSecureRoutes } from './routes/three-d-secure.js';
import { topUpRoutes } from './routes/top-ups.js';
import { secretKeyGuard } from './secret-key-guard.js';
import { DEMO_ORIGINS, type SeedOptions } from './seed.js';
import type { Store } from './store/store.js';

/** Browser origins allowed by default: the examples and Storybook. */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = [...DEMO_ORIGINS, 'http://127.0.0.1:6006', 'http://localhost:6006'];

export interface AppOptions {
  store: Store;
  /** Real time under the sandbox clock's offset; the system clock by default. */
  clock?: Clock;
  log?: Logger;
  /** Origins allowed to call from a browser; {@link DEFAULT_ALLOWED_ORIGINS} by default. */
  allowedOrigins?: readonly string[];
  /**
   * Host in the WebOTP line of SMS codes (`@host #code`): the host of the page
   * the browser may hand the code to. By default the hostname of the first of
   * `allowedOrigins` (`127.0.0.1` for the defaults), `localhost` when there is
   * none. Never taken from the request: whoever asks for a code would choose it.
   */
  webOtpHost?: string;
  /** What a reset seeds; give the same to `seedIfEmpty`. `{ tariffs: 1000 }` makes a large catalog. */
  seed?: SeedOptions;
  /** Randomness for fault injection; tests make it deterministic. */
  random?: () => number;
  /**
   * The app runs inside a page (the browser sandbox) and has no URL anyone can
   * load: 3-D Secure challenges then carry no page and are answered through
   * `POST /sandbox/3ds/{id}`.
   */
  embedded?: boolean;
}

/** The WebOTP host when none is configured: the first allowed origin's hostname, else `localhost`. */
function defaultWebOtpHost(allowedOrigins: readonly string[]): string {
  const [first] = allowedOrigins;
  try {
    return (first !== undefined && new URL(first).hostname) || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** The sandbox app: a Hono app with a `fetch(request)` that runs in Node and in browsers. */
export type SandboxApp = Hono<AppEnv>;

/**
 * Creates the sandbox API over a store. The store must already hold data
 * (see `seed`/`seedIfEmpty`).
 *
 * @example
 * const store = new MemoryStore();
 * await seedIfEmpty(store, systemClock);
 * const app = createApp({ store });
 * const res = await app.request('/healthz');
 */
export function createApp(options: AppOptions): SandboxApp {
  const allowedOrigins = options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS;
  const deps: Deps = {
    store: options.store,
    clock: options.clock ?? systemClock,
    log: options.log ?? quietLogger,
    allowedOrigins,
    webOtpHost: options.webOtpHost ?? defaultWebOtpHost(allowedOrigins),
    seed: options.seed ?? {},
    embedded: options.embedded ?? false,
  };
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', { ...deps, clock: requestClock(deps.clock) });
    await next();
  });
  // Before CORS: a leaked secret key is flagged whichever origin it leaked to.
  app.use('*', secretKeyGuard());
  app.use('*', cors());
  app.use('/v1/*', faultInjection(options.random));

  const routes = new RouteTable(app);
  metaRoutes(routes);
  authRoutes(routes);
  accountRoutes(routes);
  tariffRoutes(routes);
  linkRoutes(routes);
  partnerRoutes(routes);
  sandboxRoutes(routes);
  topUpRoutes(routes);
  threeDSecureRoutes(routes);
  routes.closeMethods();

  app.notFound((c) => problemResponse(new ProblemError(404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(error);
    if (error instanceof ConnectionDropped) throw error;
    // Clients get a bare problem; the details (and stack) stay in the server log.
    deps.log.error(`Unhandled error on ${c.req.method} ${c.req.path}`, error);
    return problemResponse(new ProblemError(500, 'internal_error', 'Something went wrong on our side'));
  });
  return app;
}
