import { PartnerSessionRequestSchema, parsePhone, type PartnerSession, type PartnerSessionInfo } from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { audit } from '../audit.js';
import { sandboxNow } from '../clock.js';
import { readJson } from '../json-body.js';
import { ProblemError, validationProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';
import { IDLE_TIMEOUT_MS, PARTNER_SESSION_TTL_MS, authenticate, openSession, partnerRef, sessionDeadline } from '../session.js';
import type { ApiKeyRow, SessionRow } from '../store/store.js';

type Msisdn = PartnerSession['msisdn'];

/** The partner's secret key: 401 without one, 403 for any other credential (a session or a publishable key cannot mint). */
async function secretKey(c: AppContext): Promise<ApiKeyRow> {
  const principal = await authenticate(c);
  if (principal === null) throw new ProblemError(401, 'unauthenticated', 'Send the partner secret key: Authorization: Bearer sk_…');
  if (principal.kind !== 'secret') throw new ProblemError(403, 'forbidden', 'Partner sessions are minted with the secret key, from the partner’s server');
  return principal.key;
}

function info(session: SessionRow): PartnerSessionInfo {
  return {
    id: session.id,
    msisdn: session.msisdn as Msisdn,
    scopes: session.scopes as PartnerSessionInfo['scopes'],
    expiresAt: sessionDeadline(session).toISOString(),
    idleTimeout: IDLE_TIMEOUT_MS / 1000,
  };
}

/**
 * `POST /v1/partner/sessions`: a session token for the account of `msisdn`,
 * holding only `scopes`, ending 15 minutes from now (or after 20 idle ones).
 */
async function mint(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const key = await secretKey(c);
  const body = await readJson(c, PartnerSessionRequestSchema);
  const msisdn = parsePhone(body.msisdn);
  if (!msisdn) throw validationProblem([{ pointer: '/msisdn', code: 'invalid_phone', detail: 'Not a Russian mobile number' }]);
  const partner = await partnerRef(key.key);
  const scopes = [...new Set(body.scopes)];
  const minted = await store.transaction(async (tx): Promise<PartnerSession | ProblemError> => {
    const now = await sandboxNow(tx, clock);
    // The number names the account: the one whose primary number it is (its owner is the person signed in at the partner).
    const [account] = await tx.select('accounts', { primaryMsisdn: msisdn });
    if (!account) return validationProblem([{ pointer: '/msisdn', code: 'not_a_subscriber', detail: 'No account of this operator has this number' }]);
    const endsAt = new Date(now.getTime() + PARTNER_SESSION_TTL_MS);
    const { session, token } = await openSession(tx, now, { accountId: account.id, msisdn, scopes, ...partner, endsAt });
    await audit(tx, now, {
      action: 'session.started',
      actor: 'partner',
      accountId: account.id,
      msisdn,
      ...partner,
      details: { sessionId: session.id, method: 'partner', partner: key.partnerName, scopes, endsAt: endsAt.toISOString() },
    });
    return { ...info(session), token };
  });
  if (minted instanceof ProblemError) throw minted;
  return c.json(minted, 201);
}

/**
 * `POST /v1/partner/sessions/{id}/refresh`: another 15 minutes from now for a
 * live session this partner minted; the token stays the same. Anything else
 * (another partner's, ended, expired, unknown) is 404: mint a new one. The
 * partner is its whole key (by hash), never the masked form, which any key
 * with the same last four characters shares.
 */
async function refresh(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const key = await secretKey(c);
  const partner = await partnerRef(key.key);
  const id = c.req.param('id') ?? '';
  const refreshed = await store.transaction(async (tx): Promise<PartnerSessionInfo | ProblemError> => {
    const now = await sandboxNow(tx, clock);
    const [session] = await tx.select('sessions', { id }, { forUpdate: true });
    if (!session || session.partnerKeyHash !== partner.partnerKeyHash) return new ProblemError(404, 'not_found', 'No such partner session');
    if (session.endedAt !== null || sessionDeadline(session).getTime() <= now.getTime()) {
      return new ProblemError(404, 'not_found', 'This partner session has ended; mint a new one');
    }
    const patch = { endsAt: new Date(now.getTime() + PARTNER_SESSION_TTL_MS), expiresAt: new Date(now.getTime() + IDLE_TIMEOUT_MS), lastSeenAt: now };
    await tx.update('sessions', { id }, patch);
    await audit(tx, now, {
      action: 'session.refreshed',
      actor: 'partner',
      accountId: session.accountId,
      msisdn: session.msisdn,
      ...partner,
      details: { sessionId: id, endsAt: patch.endsAt.toISOString() },
    });
    return info({ ...session, ...patch });
  });
  if (refreshed instanceof ProblemError) throw refreshed;
  return c.json(refreshed);
}

/** `POST /v1/partner/sessions`, `POST /v1/partner/sessions/{id}/refresh`. */
export function partnerRoutes(routes: RouteTable): void {
  routes.on('POST', '/v1/partner/sessions', mint);
  routes.on('POST', '/v1/partner/sessions/:id/refresh', refresh);
}
