import {
  LinkRequestSchema,
  LinkUpdateSchema,
  OtpRequestSchema,
  formatPhone,
  parsePhone,
  type AccountNumber,
  type OtpChallenge,
} from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { audit, sessionActor } from '../audit.js';
import { addBusinessDays } from '../business-days.js';
import { readJson } from '../json-body.js';
import { LINK_PENDING_BUSINESS_DAYS, assertLinkable } from '../link-rules.js';
import { linkedNumber } from '../linked-number.js';
import { pathMsisdn } from '../number-access.js';
import { OTP_RULES, sendOtp, verifyOtp } from '../otp.js';
import { ProblemError, validationProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';
import { requireSession } from '../session.js';
import type { AccountRow, NumberRow, SessionRow, StoreTx } from '../store/store.js';
import { sha256 } from '../token.js';

/** Wrong passwords for one number, within OTP_RULES.windowMs, before further tries wait. */
const MAX_PASSWORD_FAILURES = 5;

function phoneOf(phone: string): string {
  const msisdn = parsePhone(phone);
  if (!msisdn) throw validationProblem([{ pointer: '/phone', code: 'invalid_phone', detail: 'Not a Russian mobile number' }]);
  return msisdn;
}

function notSubscriber(): ProblemError {
  return validationProblem([{ pointer: '/phone', code: 'not_a_subscriber', detail: 'This number is not served by this operator' }]);
}

/** The session's account and its primary number's row. */
async function accountOf(tx: StoreTx, session: SessionRow): Promise<{ account: AccountRow; primary: NumberRow }> {
  const [account] = await tx.select('accounts', { id: session.accountId });
  if (!account) throw new Error(`Session ${session.id} has no account`);
  const [primary] = await tx.select('numbers', { msisdn: account.primaryMsisdn });
  if (!primary) throw new Error(`Account ${account.id} has no primary number`);
  return { account, primary };
}

async function alreadyLinked(tx: StoreTx, account: AccountRow, msisdn: string): Promise<boolean> {
  if (account.primaryMsisdn === msisdn) return true;
  return (await tx.select('links', { accountId: account.id, msisdn })).length > 0;
}

const alreadyLinkedProblem = () => new ProblemError(409, 'already_linked', 'This number is already in the account');

/** `POST /v1/links/otp`: a code to the number being added, under the sign-in code limits. */
async function requestLinkCode(c: AppContext): Promise<Response> {
  const { store, log, webOtpHost } = c.get('deps');
  const { session, now } = await requireSession(c);
  const body = await readJson(c, OtpRequestSchema);
  const msisdn = phoneOf(body.phone);
  const origin = c.req.header('origin') ?? null;
  const outcome = await store.transaction(async (tx): Promise<{ challenge: OtpChallenge; smsLine: string } | ProblemError> => {
    const [number] = await tx.select('numbers', { msisdn }, { forUpdate: true });
    if (!number) return notSubscriber();
    const { account } = await accountOf(tx, session);
    if (await alreadyLinked(tx, account, msisdn)) return alreadyLinkedProblem();
    return sendOtp(tx, {
      msisdn,
      now,
      captchaToken: body.captchaToken,
      // The owner of the added number learns who asks, so a stranger's request does not pass unnoticed.
      text: (code) => `Kabinet: code ${code} links this number to the account of ${formatPhone(account.primaryMsisdn)}. Do not tell it to anyone else.\n\n@${webOtpHost} #${code}`,
      purpose: 'link',
      ...sessionActor(session),
      origin,
    });
  });
  if (outcome instanceof ProblemError) throw outcome;
  log.info(outcome.smsLine);
  return c.json(outcome.challenge, 202);
}

/** Checks the proof of control: the password (rate-limited) or the SMS code. */
async function checkProof(
  tx: StoreTx,
  body: { password?: string | undefined; challengeId?: string | undefined; code?: string | undefined },
  number: NumberRow,
  who: { session: SessionRow; origin: string | null; now: Date },
): Promise<ProblemError | null> {
  const { now } = who;
  if (body.password !== undefined) {
    const windowStart = new Date(now.getTime() - OTP_RULES.windowMs);
    const failures = (
      await tx.select('audit_log', { msisdn: number.msisdn, action: 'link.password_failed' }, { atLeast: { at: windowStart } })
    ).filter((row) => now.getTime() - row.at.getTime() < OTP_RULES.windowMs);
    if (failures.length >= MAX_PASSWORD_FAILURES) {
      const oldest = Math.min(...failures.map((row) => row.at.getTime()));
      const retryAfter = Math.max(1, Math.ceil((oldest + OTP_RULES.windowMs - now.getTime()) / 1000));
      return new ProblemError(429, 'rate_limited', `Too many wrong passwords for this number; try again later or use a code`, { retryAfter });
    }
    if (number.passwordHash !== null && (await sha256(body.password)) === number.passwordHash) return null;
    await audit(tx, now, { action: 'link.password_failed', ...sessionActor(who.session), msisdn: number.msisdn, origin: who.origin });
    return new ProblemError(401, 'password_invalid', number.passwordHash === null ? 'This number has no password; link it with a code by SMS' : 'Wrong password for this number');
  }
  const challenge = await verifyOtp(tx, { challengeId: body.challengeId ?? '', code: body.code ?? '', now, purpose: 'link', ...sessionActor(who.session), origin: who.origin });
  if (challenge instanceof ProblemError) return challenge;
  if (challenge.msisdn !== number.msisdn) return new ProblemError(401, 'otp_expired', 'This code was sent to another number; ask for a code for this one');
  return null;
}

/** `POST /v1/links`: proof of control, then every rule; the link is pending for 2 business days. */
async function addLink(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const body = await readJson(c, LinkRequestSchema);
  const withCode = body.challengeId !== undefined || body.code !== undefined;
  if (body.password === undefined && !withCode) {
    throw validationProblem([{ pointer: '/password', code: 'required', detail: 'Send the number’s password, or challengeId and code from the SMS' }]);
  }
  if (body.password !== undefined && withCode) {
    throw validationProblem([{ pointer: '/password', code: 'one_of', detail: 'Send either password, or challengeId and code' }]);
  }
  if (withCode && (body.challengeId === undefined || body.code === undefined)) {
    const pointer = body.code === undefined ? '/code' : '/challengeId';
    throw validationProblem([{ pointer, code: 'required', detail: 'A code needs its challengeId, and a challengeId its code' }]);
  }
  const msisdn = phoneOf(body.phone);
  const origin = c.req.header('origin') ?? null;
  const outcome = await store.transaction(async (tx): Promise<AccountNumber | ProblemError> => {
    const [number] = await tx.select('numbers', { msisdn }, { forUpdate: true });
    if (!number) return notSubscriber();
    const { account, primary } = await accountOf(tx, session);
    const refuse = async (problem: ProblemError) => {
      await audit(tx, now, { action: 'link.refused', ...sessionActor(session), msisdn, origin, details: { code: problem.code } });
      return problem;
    };
    if (await alreadyLinked(tx, account, msisdn)) return refuse(alreadyLinkedProblem());
    const proofProblem = await checkProof(tx, body, number, { session, origin, now });
    if (proofProblem) return refuse(proofProblem);
    try {
      await assertLinkable(tx, primary, number, now);
    } catch (problem) {
      if (problem instanceof ProblemError) return refuse(problem);
      throw problem;
    }
    const link = { accountId: account.id, msisdn, label: body.label || null, activatesAt: addBusinessDays(now, LINK_PENDING_BUSINESS_DAYS), createdAt: now };
    await tx.insert('links', link);
    // DOMAIN.md: linking resets the added number's own password.
    const passwordReset = number.passwordHash !== null;
    await tx.update('numbers', { msisdn }, { passwordHash: null, passwordSetAt: null });
    await audit(tx, now, {
      action: 'link.created',
      ...sessionActor(session),
      msisdn,
      origin,
      details: { proof: body.password === undefined ? 'otp' : 'password', activatesAt: link.activatesAt.toISOString(), passwordReset },
    });
    return linkedNumber(tx, link, now);
  });
  if (outcome instanceof ProblemError) throw outcome;
  return c.json(outcome, 201);
}

/** The session account's link to the path's number: 404 for any other number, 409 for the primary. */
async function ownLink(tx: StoreTx, session: SessionRow, msisdn: string) {
  const { account } = await accountOf(tx, session);
  if (account.primaryMsisdn === msisdn) {
    throw new ProblemError(409, 'primary_number', 'The primary number is the account itself: it cannot be unlinked or relabelled');
  }
  const [link] = await tx.select('links', { accountId: account.id, msisdn }, { forUpdate: true });
  if (!link) throw new ProblemError(404, 'not_found', 'No such number in this account');
  return { account, link };
}

/** `PATCH /v1/links/{msisdn}`: the owner renames a linked number (pending ones too). */
async function updateLink(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const msisdn = pathMsisdn(c.req.param('msisdn'));
  const body = await readJson(c, LinkUpdateSchema);
  const origin = c.req.header('origin') ?? null;
  const result = await store.transaction(async (tx): Promise<AccountNumber> => {
    const { account, link } = await ownLink(tx, session, msisdn);
    const label = body.label || null;
    await tx.update('links', { accountId: account.id, msisdn }, { label });
    await audit(tx, now, { action: 'link.relabelled', ...sessionActor(session), msisdn, origin, details: { from: link.label, to: label } });
    return linkedNumber(tx, { ...link, label }, now);
  });
  return c.json(result, 200);
}

/** `DELETE /v1/links/{msisdn}`: removes a linked (or still pending) number; never the primary. */
async function removeLink(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const msisdn = pathMsisdn(c.req.param('msisdn'));
  const origin = c.req.header('origin') ?? null;
  await store.transaction(async (tx) => {
    const { account, link } = await ownLink(tx, session, msisdn);
    await tx.delete('links', { accountId: account.id, msisdn });
    await audit(tx, now, {
      action: 'link.removed',
      ...sessionActor(session),
      msisdn,
      origin,
      details: { wasPending: link.activatesAt.getTime() > now.getTime() },
    });
  });
  return c.body(null, 204);
}

/** `POST /v1/links/otp`, `POST /v1/links`, `PATCH /v1/links/{msisdn}`, `DELETE /v1/links/{msisdn}`. */
export function linkRoutes(routes: RouteTable): void {
  routes.on('POST', '/v1/links/otp', requestLinkCode);
  routes.on('POST', '/v1/links', addLink);
  routes.on('PATCH', '/v1/links/:msisdn', updateLink);
  routes.on('DELETE', '/v1/links/:msisdn', removeLink);
}
