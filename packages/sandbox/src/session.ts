import type { Scope } from '@kabinet/client/contract';
import type { AppContext } from './app-env.js';
import { audit, sessionActor } from './audit.js';
import { sandboxNow } from './clock.js';
import { ProblemError } from './problem.js';
import type { ApiKeyRow, Json, SessionRow, StoreTx } from './store/store.js';
import { randomId, randomToken, sha256 } from './token.js';

/** A session ends after this long without a request (DOMAIN.md: 20 minutes). */
export const IDLE_TIMEOUT_MS = 20 * 60_000;

/** A partner-minted session ends this long after minting or its last refresh, however busy (issue 7). */
export const PARTNER_SESSION_TTL_MS = 15 * 60_000;

/** The scopes of a session signed in by SMS code: the subscriber may do everything. */
export const ALL_SCOPES = ['*'] as const;

/** Whether the session may use an operation needing `scope`. */
export function hasScope(session: SessionRow, scope: Scope): boolean {
  const scopes = Array.isArray(session.scopes) ? session.scopes : [];
  return scopes.includes('*') || scopes.includes(scope);
}

/** The moment the session ends unless used: the idle deadline, or the partner's absolute end when sooner. */
export function sessionDeadline(session: SessionRow): Date {
  return session.endsAt !== null && session.endsAt.getTime() < session.expiresAt.getTime() ? session.endsAt : session.expiresAt;
}

/** What {@link openSession} records. */
export interface NewSession {
  accountId: string;
  msisdn: string;
  scopes: readonly string[];
  /** The minting partner's masked secret key, for display; `null` for an SMS sign-in. */
  partnerKey: string | null;
  /** The minting partner's identity (see {@link PartnerRef}); `null` for an SMS sign-in. */
  partnerKeyHash: string | null;
  /** Absolute end (partner sessions); `null` for none. */
  endsAt: Date | null;
}

/**
 * Starts a session in `tx` and returns its bearer token, which exists only in
 * this answer: the table keeps its hash. The caller audits the sign-in.
 */
export async function openSession(tx: StoreTx, now: Date, init: NewSession): Promise<{ session: SessionRow; token: string }> {
  const token = randomToken();
  const session: SessionRow = {
    id: randomId('ses'),
    tokenHash: await sha256(token),
    accountId: init.accountId,
    msisdn: init.msisdn,
    scopes: [...init.scopes],
    partnerKey: init.partnerKey,
    partnerKeyHash: init.partnerKeyHash,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + IDLE_TIMEOUT_MS),
    endsAt: init.endsAt,
    endedAt: null,
    endReason: null,
  };
  await tx.insert('sessions', session);
  return { session, token };
}

/** How a session ends: the reason its row keeps and the audit action that records it. */
export type SessionEnd = { reason: 'logout'; action: 'session.ended' } | { reason: 'expired'; action: 'session.expired' };

/** Ends `session` in `tx` and audits it, as its subscriber or its partner. */
export async function endSession(tx: StoreTx, now: Date, session: SessionRow, end: SessionEnd & { origin: string | null; details: Json }): Promise<void> {
  await tx.update('sessions', { id: session.id }, { endedAt: now, endReason: end.reason });
  await audit(tx, now, {
    action: end.action,
    ...sessionActor(session),
    msisdn: session.msisdn,
    origin: end.origin,
    details: end.details,
  });
}

/** Who is calling, from the `Authorization: Bearer` header. */
export type Principal =
  | { kind: 'session'; session: SessionRow; now: Date }
  | { kind: 'publishable'; key: ApiKeyRow }
  | { kind: 'secret'; key: ApiKeyRow };

/**
 * A secret key with its middle hidden, for people to read (audit, logs). Not
 * an identity: every key starts `sk_test_`, so any two ending alike share it.
 */
export function maskKey(key: string): string {
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}

/** How rows name a partner: its masked key for display, and the SHA-256 of its whole key, which is its identity. */
export interface PartnerRef {
  partnerKey: string;
  partnerKeyHash: string;
}

/**
 * The {@link PartnerRef} of a secret key. Compare partners by `partnerKeyHash`
 * only; neither field gives the key back.
 *
 * @example
 * const { partnerKey, partnerKeyHash } = await partnerRef('sk_test_demo'); // 'sk_test_…demo', '5d48f102…'
 */
export async function partnerRef(key: string): Promise<PartnerRef> {
  return { partnerKey: maskKey(key), partnerKeyHash: await sha256(key) };
}

/** How stale `lastSeenAt` may get before a call writes it again (the idle timeout is 20 minutes; this is its precision). */
const SLIDE_GRANULARITY_MS = 1000;

const unauthenticated = (detail: string) => new ProblemError(401, 'unauthenticated', detail);

/**
 * Resolves the caller; `null` without an `Authorization` header. A valid
 * session slides its idle timeout and must hold the scope the route's
 * operation needs (403 `scope_missing`); a publishable key must come from one
 * of its origins (or from a server, without `Origin`). Refusals that must
 * leave a trace (an expired session) are audited before the problem is
 * thrown, so the audit row is committed.
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
      // A secret key with an Origin never gets here: `secretKeyGuard` refused and flagged it first.
      if (kind === 'secret') return { kind, key };
      // A publishable key is public by design; what limits it is the pages allowed to use it.
      const allowed = Array.isArray(key.allowedOrigins) ? key.allowedOrigins : [];
      if (origin !== null && !allowed.includes(origin)) return new ProblemError(403, 'origin_not_allowed', `The publishable key may not be used from ${origin}`);
      return { kind, key };
    }
    const [session] = await tx.select('sessions', { tokenHash });
    if (!session) return unauthenticated('Unknown session token');
    if (session.endedAt !== null) {
      return session.endReason === 'expired' ? new ProblemError(401, 'session_expired', expiredDetail(session)) : unauthenticated('The session has ended; sign in again');
    }
    if (sessionDeadline(session).getTime() <= now.getTime()) {
      await endSession(tx, now, session, {
        reason: 'expired',
        action: 'session.expired',
        origin,
        details: { idleSince: session.lastSeenAt.toISOString(), ...(session.endsAt ? { endsAt: session.endsAt.toISOString() } : {}) },
      });
      return new ProblemError(401, 'session_expired', expiredDetail(session));
    }
    // Slide the idle timeout, writing at most once a second per session: a page's burst of calls costs one write, not one each.
    if (now.getTime() - session.lastSeenAt.getTime() < SLIDE_GRANULARITY_MS) return { kind: 'session', session, now };
    const expiresAt = new Date(now.getTime() + IDLE_TIMEOUT_MS);
    await tx.update('sessions', { id: session.id }, { lastSeenAt: now, expiresAt });
    return { kind: 'session', session: { ...session, lastSeenAt: now, expiresAt }, now };
  });
  if (outcome instanceof ProblemError) throw outcome;
  // After the session is known to be live, so an expired token still reads as expired rather than short of a scope.
  const scope = c.get('scope');
  if (outcome.kind === 'session' && scope !== undefined && !hasScope(outcome.session, scope)) {
    throw new ProblemError(403, 'scope_missing', `This session token was not given the scope "${scope}"`, { scope });
  }
  return outcome;
}

function expiredDetail(session: SessionRow): string {
  return session.endsAt !== null
    ? 'The partner session has ended (15 minutes after it was issued or refreshed, or 20 without activity); the partner site issues a new one'
    : 'The session ended after 20 minutes without activity; sign in again';
}

/** The caller's session, or 401: account data needs a signed-in subscriber (or a partner session). */
export async function requireSession(c: AppContext): Promise<{ session: SessionRow; now: Date }> {
  const principal = await authenticate(c);
  if (principal === null) throw unauthenticated('Sign in first: this needs a session token');
  if (principal.kind !== 'session') throw unauthenticated('This needs a session token, not an API key');
  return { session: principal.session, now: principal.now };
}
