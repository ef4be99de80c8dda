import { OtpRequestSchema, OtpVerifySchema, parsePhone, type OtpChallenge, type Session } from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { audit } from '../audit.js';
import { sandboxNow } from '../clock.js';
import { readJson } from '../json-body.js';
import { ProblemError, validationProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';
import { IDLE_TIMEOUT_MS, requireSession } from '../session.js';
import { SMS_SENDER, sendSms } from '../sms.js';
import { randomDigits, randomId, randomToken, sha256 } from '../token.js';

/** Sign-in rules (DOMAIN.md "Signing in"); the sandbox's numbers. */
export const OTP_RULES = {
  codeLength: 6,
  ttlMs: 5 * 60_000,
  resendAfterMs: 60_000,
  windowMs: 60 * 60_000,
  maxSendsPerWindow: 5,
  /** Sends in the window after which a captcha must come with the request. */
  freeSendsPerWindow: 3,
  maxAttempts: 3,
  captchaTestToken: 'test-pass',
} as const;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

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
  const host = webOtpHost ?? new URL(c.req.url).hostname;
  let smsLine: string | undefined;
  const outcome = await store.transaction(async (tx): Promise<OtpChallenge | ProblemError> => {
    const now = await sandboxNow(tx, clock);
    // Locking the number serializes concurrent sends for it, so the limits hold under races.
    const [number] = await tx.select('numbers', { msisdn }, { forUpdate: true });
    if (!number) {
      // A field error, not a silent 202: the operator's numbering is public and
      // top-up already tells whose subscriber a number is, so hiding it protects
      // nothing, while a person waiting for an SMS that never comes is stuck.
      return validationProblem([{ pointer: '/phone', code: 'not_a_subscriber', detail: 'This number is not served by this operator' }]);
    }
    const refuse = async (problem: ProblemError) => {
      await audit(tx, now, { action: 'otp.refused', actor: 'anonymous', msisdn, origin, details: { code: problem.code } });
      return problem;
    };
    const sent = (await tx.select('otp_challenges', { msisdn })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const latest = sent.at(-1);
    if (latest && now.getTime() - latest.createdAt.getTime() < OTP_RULES.resendAfterMs) {
      const retryAfter = seconds(latest.createdAt.getTime() + OTP_RULES.resendAfterMs - now.getTime());
      return refuse(new ProblemError(429, 'rate_limited', `A new code can be requested in ${retryAfter} s`, { retryAfter }));
    }
    const inWindow = sent.filter((challenge) => now.getTime() - challenge.createdAt.getTime() < OTP_RULES.windowMs);
    const oldest = inWindow[0];
    if (oldest && inWindow.length >= OTP_RULES.maxSendsPerWindow) {
      const retryAfter = seconds(oldest.createdAt.getTime() + OTP_RULES.windowMs - now.getTime());
      return refuse(new ProblemError(429, 'rate_limited', `At most ${OTP_RULES.maxSendsPerWindow} codes per hour`, { retryAfter }));
    }
    const captchaNeeded = inWindow.length >= OTP_RULES.freeSendsPerWindow;
    if (captchaNeeded && body.captchaToken === undefined) {
      // 400, not 428: nothing about the request's preconditions, just a field it must now carry.
      return refuse(new ProblemError(400, 'captcha_required', 'Solve the captcha and send its token as captchaToken'));
    }
    if (captchaNeeded && body.captchaToken !== OTP_RULES.captchaTestToken) {
      return refuse(new ProblemError(400, 'captcha_invalid', 'The captcha token was not accepted'));
    }
    // A new code replaces every earlier one and so lifts a 3-strikes lock.
    for (const challenge of sent) {
      if (challenge.supersededAt === null) await tx.update('otp_challenges', { id: challenge.id }, { supersededAt: now });
    }
    const code = randomDigits(OTP_RULES.codeLength);
    const challenge = {
      id: randomId('otp'),
      msisdn,
      codeHash: await sha256(code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + OTP_RULES.ttlMs),
      attempts: 0,
      lockedAt: null,
      supersededAt: null,
      verifiedAt: null,
    };
    await tx.insert('otp_challenges', challenge);
    smsLine = await sendSms(tx, { to: msisdn, text: otpText(code, host), code, at: now });
    await audit(tx, now, { action: 'otp.sent', actor: 'anonymous', msisdn, origin, details: { challengeId: challenge.id, captcha: captchaNeeded } });
    return {
      challengeId: challenge.id,
      sentTo: msisdn,
      sender: SMS_SENDER,
      expiresAt: challenge.expiresAt.toISOString(),
      resendAfter: new Date(now.getTime() + OTP_RULES.resendAfterMs).toISOString(),
      codeLength: OTP_RULES.codeLength,
    };
  });
  if (outcome instanceof ProblemError) throw outcome;
  if (smsLine !== undefined) log.info(smsLine);
  return c.json(outcome, 202);
}

async function verifyOtp(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const body = await readJson(c, OtpVerifySchema);
  const origin = c.req.header('origin') ?? null;
  const codeHash = await sha256(body.code);
  const token = randomToken();
  const tokenHash = await sha256(token);
  const outcome = await store.transaction(async (tx): Promise<Session | ProblemError> => {
    const now = await sandboxNow(tx, clock);
    const [challenge] = await tx.select('otp_challenges', { id: body.challengeId }, { forUpdate: true });
    if (!challenge) return new ProblemError(401, 'otp_expired', 'No such code request; ask for a new code');
    const { msisdn } = challenge;
    const record = (action: string, details: Record<string, string | number> = {}) =>
      audit(tx, now, { action, actor: 'subscriber', msisdn, origin, details: { challengeId: challenge.id, ...details } });
    if (challenge.lockedAt !== null) {
      return new ProblemError(423, 'otp_locked', 'Three wrong codes: request a new code to try again');
    }
    if (challenge.supersededAt !== null || challenge.verifiedAt !== null) {
      return new ProblemError(401, 'otp_expired', 'This code is no longer valid; use the latest code or ask for a new one');
    }
    if (challenge.expiresAt.getTime() <= now.getTime()) {
      await record('otp.expired');
      return new ProblemError(401, 'otp_expired', 'The code has expired; ask for a new one');
    }
    if (codeHash !== challenge.codeHash) {
      const attempts = challenge.attempts + 1;
      if (attempts >= OTP_RULES.maxAttempts) {
        await tx.update('otp_challenges', { id: challenge.id }, { attempts, lockedAt: now });
        await record('otp.locked', { attempts });
        return new ProblemError(423, 'otp_locked', 'Three wrong codes: request a new code to try again');
      }
      await tx.update('otp_challenges', { id: challenge.id }, { attempts });
      await record('otp.failed', { attempts });
      const attemptsLeft = OTP_RULES.maxAttempts - attempts;
      return new ProblemError(401, 'otp_invalid', `Wrong code; ${attemptsLeft} attempt(s) left`, { attemptsLeft });
    }
    const [account] = await tx.select('accounts', { primaryMsisdn: msisdn });
    if (!account) throw new Error(`Number ${msisdn} has no account`);
    await tx.update('otp_challenges', { id: challenge.id }, { verifiedAt: now });
    const expiresAt = new Date(now.getTime() + IDLE_TIMEOUT_MS);
    const sessionId = randomId('ses');
    await tx.insert('sessions', {
      id: sessionId,
      tokenHash,
      accountId: account.id,
      msisdn,
      scopes: ['*'],
      partnerKey: null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      endedAt: null,
      endReason: null,
    });
    await audit(tx, now, { action: 'session.started', actor: 'subscriber', accountId: account.id, msisdn, origin, details: { challengeId: challenge.id, sessionId, method: 'otp' } });
    return { token, expiresAt: expiresAt.toISOString(), idleTimeout: IDLE_TIMEOUT_MS / 1000, msisdn: msisdn as Session['msisdn'] };
  });
  if (outcome instanceof ProblemError) throw outcome;
  return c.json(outcome, 200);
}

async function logout(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const origin = c.req.header('origin') ?? null;
  await store.transaction(async (tx) => {
    await tx.update('sessions', { id: session.id }, { endedAt: now, endReason: 'logout' });
    await audit(tx, now, {
      action: 'session.ended',
      actor: session.partnerKey ? 'partner' : 'subscriber',
      accountId: session.accountId,
      msisdn: session.msisdn,
      origin,
      partnerKey: session.partnerKey,
      details: { sessionId: session.id, reason: 'logout' },
    });
  });
  return c.body(null, 204);
}

/** `POST /v1/auth/otp`, `POST /v1/auth/otp/verify`, `POST /v1/auth/logout`. */
export function authRoutes(routes: RouteTable): void {
  routes.on('POST', '/v1/auth/otp', requestOtp);
  routes.on('POST', '/v1/auth/otp/verify', verifyOtp);
  routes.on('POST', '/v1/auth/logout', logout);
}
