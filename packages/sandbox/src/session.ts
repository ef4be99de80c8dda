import type { AppContext } from './app-env.js';
import { audit } from './audit.js';
import { sandboxNow } from './clock.js';
import { ProblemError } from './problem.js';
import type { ApiKeyRow, SessionRow } from './store/store.js';
import { sha256 } from './token.js';

/** A session ends after this long without a request (DOMAIN.md: 20 minutes). */
export const IDLE_TIMEOUT_MS = 20 * 60_000;

/** Who is calling, from the `Authorization: Bearer` header. */
export type Principal =
  | { kind: 'session'; session: SessionRow; now: Date }
  | { kind: 'publishable'; key: ApiKeyRow }
  | { kind: 'secret'; key: ApiKeyRow };

/** A secret key with its middle hidden, fit for the audit log. */
export function maskKey(key: string): string {
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}

const unauthenticated = (detail: string) => new ProblemError(401, 'unauthenticated', detail);

/**
 * Resolves the caller; `null` without an `Authorization` header. A valid
 * session slides its idle timeout. Refusals that must leave a trace (an
 * expired session, a secret key sent from a browser) are audited before the
 * problem is thrown, so the audit row is committed.
 */
export async function authenticate(c: AppContext): Promise<Principal | null> {
  const header = c.req.header('authorization');
  if (header === undefined) return null;
  const token = /^Bearer +(\S+)$/i.exec(header)?.[1];
  if (!token) throw unauthenticated('Send Authorization: Bearer <token>');
  const { store, clock } = c.get('deps');
  const origin = c.req.header('origin') ?? null;
  const tokenHash = await sha256(token);
  const outcome = await store.transaction(async (tx): Promise<Principal | ProblemError> => {
    const now = await sandboxNow(tx, clock);
    if (token.startsWith('sk_') || token.startsWith('pk_')) {
      const [key] = await tx.select('api_keys', { key: token });
      const kind = token.startsWith('sk_') ? 'secret' : 'publishable';
      if (!key || key.kind !== kind || key.revokedAt !== null) return unauthenticated('Unknown API key');
      if (kind === 'publishable') return { kind, key };
      // Secret keys are for servers; one arriving with a browser's Origin has leaked.
      if (origin !== null) {
        await audit(tx, now, {
          action: 'secret_key.refused',
          actor: 'partner',
          origin,
          partnerKey: maskKey(token),
          details: { reason: 'secret key sent with an Origin header' },
        });
        return new ProblemError(403, 'forbidden', 'Secret keys must not be used from a browser');
      }
      return { kind, key };
    }
    const [session] = await tx.select('sessions', { tokenHash }, { forUpdate: true });
    if (!session) return unauthenticated('Unknown session token');
    if (session.endedAt !== null) {
      return session.endReason === 'expired'
        ? new ProblemError(401, 'session_expired', 'The session ended after 20 minutes without activity; sign in again')
        : unauthenticated('The session has ended; sign in again');
    }
    if (session.expiresAt.getTime() <= now.getTime()) {
      await tx.update('sessions', { id: session.id }, { endedAt: now, endReason: 'expired' });
      await audit(tx, now, {
        action: 'session.expired',
        actor: session.partnerKey ? 'partner' : 'subscriber',
        accountId: session.accountId,
        msisdn: session.msisdn,
        origin,
        partnerKey: session.partnerKey,
        details: { idleSince: session.lastSeenAt.toISOString() },
      });
      return new ProblemError(401, 'session_expired', 'The session ended after 20 minutes without activity; sign in again');
    }
    const expiresAt = new Date(now.getTime() + IDLE_TIMEOUT_MS);
    await tx.update('sessions', { id: session.id }, { lastSeenAt: now, expiresAt });
    return { kind: 'session', session: { ...session, lastSeenAt: now, expiresAt }, now };
  });
  if (outcome instanceof ProblemError) throw outcome;
  return outcome;
}

/** The caller's session, or 401: account data needs a signed-in subscriber (or a partner session). */
export async function requireSession(c: AppContext): Promise<{ session: SessionRow; now: Date }> {
  const principal = await authenticate(c);
  if (principal === null) throw unauthenticated('Sign in first: this needs a session token');
  if (principal.kind !== 'session') throw unauthenticated('This needs a session token, not an API key');
  return { session: principal.session, now: principal.now };
}
