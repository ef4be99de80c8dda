import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
import { ProblemError } from './problem.js';

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const EXPOSE_HEADERS = 'Retry-After';

/**
 * CORS for the configured origins only. A request from any other origin gets
 * no CORS headers (the browser blocks the read), and one that could change
 * something (any method but GET/HEAD) is refused outright with 403
 * `origin_not_allowed`, since the browser would send it before checking.
 */
export function cors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    const allowed = c.get('deps').allowedOrigins.includes(origin) || origin === new URL(c.req.url).origin;
    const preflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (!allowed) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      throw new ProblemError(403, 'origin_not_allowed', `Origin ${origin} may not call this API`);
    }
    if (preflight) {
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': ALLOW_METHODS,
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    await next();
    // Set after the handler so problem responses carry the headers too.
    c.res.headers.set('access-control-allow-origin', origin);
    c.res.headers.set('access-control-expose-headers', EXPOSE_HEADERS);
    c.res.headers.append('vary', 'Origin');
  };
}
