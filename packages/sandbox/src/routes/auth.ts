import { OtpRequestSchema, OtpVerifySchema, parsePhone, type Session } from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { audit } from '../audit.js';
import { sandboxNow } from '../clock.js';
import { readJson } from '../json-body.js';
import { ProblemError, validationProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';
import { ALL_SCOPES, IDLE_TIMEOUT_MS, endSession, openSession, requireSession } from '../session.js';
import { sendOtp, verifyOtp } from '../otp.js';

function otpText(code: string, host: string): string {
  // The last line is the WebOTP format, so browsers can offer the code from the SMS.
  return `Kabinet code: ${code}. Do not tell it to anyone.\n\n@${host} #${code}`;
}

async function requestOtp(c: AppContext): Promise<Response> {
  const { store, clock, log, webOtpHost } = c.get('deps');
  const body = await readJson(c, OtpRequestSchema);
  const msisdn = parsePhone(body.phone);
  if (!msisdn) {
    throw validationProblem([{ pointer: '/phone', code: 'invalid_phone', detail: 'Not a Russian mobile number' }]);
  }
  const origin = c.req.header('origin') ?? null;
  const outcome = await store.transaction(async (tx) => {
    const now = await sandboxNow(tx, clock);
    // Locking the number serializes concurrent sends for it, so the limits hold under races.
    const [number] = await tx.select('numbers', { msisdn }, { forUpdate: true });
    if (!number) {
      // A field error, not a silent 202: the operator's numbering is public and
      // top-up already tells whose subscriber a number is, so hiding it protects
      // nothing, while a person waiting for an SMS that never comes is stuck.
      return validationProblem([{ pointer: '/phone', code: 'not_a_subscriber', detail: 'This number is not served by this operator' }]);
    }
    return sendOtp(tx, {
      msisdn,
      now,
      captchaToken: body.captchaToken,
      text: (code) => otpText(code, webOtpHost),
      purpose: 'sign-in',
      actor: 'anonymous',
      origin,
    });
  });
  if (outcome instanceof ProblemError) throw outcome;
  log.info(outcome.smsLine);
  return c.json(outcome.challenge, 202);
}

async function verifyOtpRoute(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const body = await readJson(c, OtpVerifySchema);
  const origin = c.req.header('origin') ?? null;
  const outcome = await store.transaction(async (tx): Promise<Session | ProblemError> => {
    const now = await sandboxNow(tx, clock);
    const challenge = await verifyOtp(tx, { challengeId: body.challengeId, code: body.code, now, purpose: 'sign-in', actor: 'subscriber', origin });
    if (challenge instanceof ProblemError) return challenge;
    const { msisdn } = challenge;
    const [account] = await tx.select('accounts', { primaryMsisdn: msisdn });
    if (!account) throw new Error(`Number ${msisdn} has no account`);
    const { session, token } = await openSession(tx, now, { accountId: account.id, msisdn, scopes: ALL_SCOPES, partnerKey: null, partnerKeyHash: null, endsAt: null });
    await audit(tx, now, { action: 'session.started', actor: 'subscriber', accountId: account.id, msisdn, origin, details: { challengeId: challenge.id, sessionId: session.id, method: 'otp' } });
    return { token, expiresAt: session.expiresAt.toISOString(), idleTimeout: IDLE_TIMEOUT_MS / 1000, msisdn: msisdn as Session['msisdn'] };
  });
  if (outcome instanceof ProblemError) throw outcome;
  return c.json(outcome, 200);
}

async function logout(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const origin = c.req.header('origin') ?? null;
  await store.transaction(async (tx) => {
    await endSession(tx, now, session, { reason: 'logout', action: 'session.ended', origin, details: { sessionId: session.id, reason: 'logout' } });
  });
  return c.body(null, 204);
}

/** `POST /v1/auth/otp`, `POST /v1/auth/otp/verify`, `POST /v1/auth/logout`. */
export function authRoutes(routes: RouteTable): void {
  routes.on('POST', '/v1/auth/otp', requestOtp);
  routes.on('POST', '/v1/auth/otp/verify', verifyOtpRoute);
  routes.on('POST', '/v1/auth/logout', logout);
}
