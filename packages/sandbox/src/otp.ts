/**
 * One-time SMS codes (DOMAIN.md "Signing in"): sending them under the resend,
 * hourly and captcha limits, and checking them under the 3-strikes lock. The
 * same rules serve sign-in and proving control of a number being linked.
 */
import type { OtpChallenge } from '@kabinet/client/contract';
import { audit } from './audit.js';
import { ProblemError } from './problem.js';
import { SMS_SENDER, sendSms } from './sms.js';
import type { OtpChallengeRow, StoreTx } from './store/store.js';
import { randomDigits, randomId, sha256 } from './token.js';

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

/** Who asks, for the audit trail: anonymous for sign-in, the account for linking. */
export interface OtpActor {
  actor: 'anonymous' | 'subscriber' | 'partner';
  accountId?: string | null;
  partnerKey?: string | null;
  partnerKeyHash?: string | null;
  origin: string | null;
}

/**
 * Sends a new code to `msisdn` (which must be a subscriber, locked by the
 * caller) unless a limit refuses it. Returns the challenge and the log line
 * to write after commit, or the refusal (already audited).
 */
export async function sendOtp(
  tx: StoreTx,
  request: OtpActor & { msisdn: string; now: Date; captchaToken: string | undefined; text: (code: string) => string; purpose: string },
): Promise<{ challenge: OtpChallenge; smsLine: string } | ProblemError> {
  const { msisdn, now } = request;
  const who = { actor: request.actor, accountId: request.accountId ?? null, partnerKey: request.partnerKey ?? null, partnerKeyHash: request.partnerKeyHash ?? null, msisdn, origin: request.origin };
  const refuse = async (problem: ProblemError) => {
    await audit(tx, now, { ...who, action: 'otp.refused', details: { code: problem.code, purpose: request.purpose } });
    return problem;
  };
  // The window's codes only (the resend pause is shorter than the window), through the (msisdn, created_at) index.
  const windowStart = new Date(now.getTime() - OTP_RULES.windowMs);
  const sent = (await tx.select('otp_challenges', { msisdn }, { atLeast: { createdAt: windowStart } })).sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  );
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
  if (captchaNeeded && request.captchaToken === undefined) {
    // 400, not 428: nothing about the request's preconditions, just a field it must now carry.
    return refuse(new ProblemError(400, 'captcha_required', 'Solve the captcha and send its token as captchaToken'));
  }
  if (captchaNeeded && request.captchaToken !== OTP_RULES.captchaTestToken) {
    return refuse(new ProblemError(400, 'captcha_invalid', 'The captcha token was not accepted'));
  }
  // A new code replaces every earlier one and so lifts a 3-strikes lock.
  for (const challenge of sent) {
    if (challenge.supersededAt === null) await tx.update('otp_challenges', { id: challenge.id }, { supersededAt: now });
  }
  const code = randomDigits(OTP_RULES.codeLength);
  const row: OtpChallengeRow = {
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
  await tx.insert('otp_challenges', row);
  const smsLine = await sendSms(tx, { to: msisdn, text: request.text(code), code, at: now });
  await audit(tx, now, { ...who, action: 'otp.sent', details: { challengeId: row.id, captcha: captchaNeeded, purpose: request.purpose } });
  const challenge: OtpChallenge = {
    challengeId: row.id,
    sentTo: msisdn,
    sender: SMS_SENDER,
    expiresAt: row.expiresAt.toISOString(),
    resendAfter: new Date(now.getTime() + OTP_RULES.resendAfterMs).toISOString(),
    codeLength: OTP_RULES.codeLength,
  };
  return { challenge, smsLine };
}

/**
 * Checks `code` against a challenge: wrong codes count down and the third
 * locks it; a used, replaced or expired code is refused. On success the
 * challenge is spent and returned. Refusals are audited.
 */
export async function verifyOtp(
  tx: StoreTx,
  request: OtpActor & { challengeId: string; code: string; now: Date; purpose: string },
): Promise<OtpChallengeRow | ProblemError> {
  const { now } = request;
  const [challenge] = await tx.select('otp_challenges', { id: request.challengeId }, { forUpdate: true });
  if (!challenge) return new ProblemError(401, 'otp_expired', 'No such code request; ask for a new code');
  const record = (action: string, details: Record<string, string | number> = {}) =>
    audit(tx, now, {
      action,
      // Whoever proves the code: the person signing in, or the session (subscriber or partner) linking a number.
      actor: request.actor === 'anonymous' ? 'subscriber' : request.actor,
      accountId: request.accountId ?? null,
      partnerKey: request.partnerKey ?? null,
      partnerKeyHash: request.partnerKeyHash ?? null,
      msisdn: challenge.msisdn,
      origin: request.origin,
      details: { challengeId: challenge.id, purpose: request.purpose, ...details },
    });
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
  if ((await sha256(request.code)) !== challenge.codeHash) {
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
  await tx.update('otp_challenges', { id: challenge.id }, { verifiedAt: now });
  return { ...challenge, verifiedAt: now };
}
