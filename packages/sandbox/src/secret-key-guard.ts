import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
import { audit } from './audit.js';
import { sandboxNow } from './clock.js';
import { ProblemError } from './problem.js';
import { partnerRef } from './session.js';

/**
 * Refuses a secret key that arrives with an `Origin` header (403 `forbidden`):
 * only a browser sends one, so the key has leaked into a page. The refusal is
 * audited and the key is flagged as exposed (`api_keys.exposed_at`, once) so
 * the partner learns to rotate it. It runs before CORS, so a leak from any
 * origin, allowed or not, leaves the same trace. The flagged key still works
 * from servers: cutting the partner off is the operator's decision, not the
 * sandbox's.
 */
export function secretKeyGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const token = /^Bearer +(sk_\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (origin === undefined || token === undefined) return next();
    const { store, clock } = c.get('deps');
    const partner = await partnerRef(token);
    await store.transaction(async (tx) => {
      const now = await sandboxNow(tx, clock);
      const [key] = await tx.select('api_keys', { key: token, kind: 'secret' }, { forUpdate: true });
      const firstLeak = key !== undefined && key.exposedAt === null;
      if (firstLeak) {
        await tx.update('api_keys', { key: token }, { exposedAt: now });
        await audit(tx, now, { action: 'api_key.flagged', actor: 'partner', origin, ...partner, details: { reason: 'exposed', partner: key.partnerName } });
      }
      await audit(tx, now, {
        action: 'secret_key.refused',
        actor: 'partner',
        origin,
        ...partner,
        details: { reason: 'secret key sent with an Origin header', known: key !== undefined, flagged: key !== undefined },
      });
    });
    throw new ProblemError(403, 'forbidden', 'Secret keys must not be used from a browser; this key is now flagged as exposed: rotate it');
  };
}
