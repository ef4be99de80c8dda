import {
  BONUS_POINT_VALUE,
  CardTokenRequestSchema,
  TOP_UP_LIMITS,
  TopUpRequestSchema,
  cardBrand,
  cardDigits,
  isExpired,
  isValidCardNumber,
  parsePhone,
  topUpFee,
  type CardToken,
  type FieldError,
  type TopUpFailureCode,
} from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { audit, sessionActor } from '../audit.js';
import { sandboxNow } from '../clock.js';
import { claimKey, completeKey, idempotencyKey, releaseKey, requestFingerprint, type IdempotencyClaim } from '../idempotency.js';
import { readJson } from '../json-body.js';
import { recordMovement } from '../ledger.js';
import { assertNumberAccess } from '../number-access.js';
import { checkPayee, ensureSubscriber, SLOW_SETTLEMENT_MS } from '../operator-check.js';
import { ProblemError, validationProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';
import { authenticate, type Principal } from '../session.js';
import type { Json, TopUpRow } from '../store/store.js';
import { randomId, randomToken } from '../token.js';
import { exceedsDailyLimit, fail, settleIfDue, succeed, topUpActor, topUpBody, topUpTrace } from '../top-up.js';

/** A card token is good for this long, and once. */
export const CARD_TOKEN_TTL_MS = 15 * 60_000;

/** What the sandbox's test cards do (DESIGN.md); any other valid card succeeds. */
const TEST_CARDS: Record<string, 'declined' | 'three_d_secure'> = {
  '4000000000000002': 'declined',
  '4000000000003220': 'three_d_secure',
};

type Payer = Exclude<Principal, { kind: 'secret' }>;

/** A signed-in subscriber or, for anonymous top-ups, a publishable key used from one of its origins. */
async function payer(c: AppContext): Promise<Payer> {
  const principal = await authenticate(c);
  if (principal === null || principal.kind === 'secret') {
    throw new ProblemError(401, 'unauthenticated', 'Use a session token, or a publishable key for an anonymous top-up');
  }
  // `authenticate` has checked the publishable key's origin and the session's scope.
  return principal;
}

const ownerOf = (principal: Payer) => (principal.kind === 'session' ? `account:${principal.session.accountId}` : `key:${principal.key.key}`);

/**
 * Fixed texts for the card fields: the validator's messages quote the input,
 * and any field of this body may carry a card number pasted in the wrong place.
 */
const CARD_FIELD_DETAILS = new Map([
  ['/number', 'Not a card number'],
  ['/expMonth', 'Expected the month as a number from 1 to 12'],
  ['/expYear', 'Expected the year as a four-digit number'],
  ['/cvc', 'Expected 3 or 4 digits'],
]);

/**
 * The card request, or 422 with errors that hold no input: card fields keep
 * their pointer and code with a fixed detail; anything else (a body that is
 * no object, an unknown field, whose name could be a card number) is reported
 * at the body (pointer `''`) as `unknown_field` or `invalid_type`, with a fixed detail.
 */
async function readCard(c: AppContext) {
  try {
    return await readJson(c, CardTokenRequestSchema);
  } catch (error) {
    if (!(error instanceof ProblemError) || error.code !== 'validation_failed') throw error;
    const errors: FieldError[] = [];
    for (const field of error.extensions.errors ?? []) {
      const detail = CARD_FIELD_DETAILS.get(field.pointer);
      const safe: FieldError =
        detail !== undefined
          ? { pointer: field.pointer, code: field.code, detail: field.code === 'required' ? 'This field is required' : detail }
          : field.code === 'unknown_field'
            ? { pointer: '', code: 'unknown_field', detail: 'Unknown field: send only number, expMonth, expYear and cvc' }
            : { pointer: '', code: 'invalid_type', detail: 'Expected an object with number, expMonth, expYear and cvc' };
      if (!errors.some((seen) => seen.pointer === safe.pointer && seen.code === safe.code)) errors.push(safe);
    }
    throw validationProblem(errors);
  }
}

async function createCardToken(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const principal = await payer(c);
  const body = await readCard(c);
  const digits = cardDigits(body.number);
  const brand = cardBrand(digits);
  const errors: FieldError[] = [];
  if (!isValidCardNumber(digits) || brand === null) errors.push({ pointer: '/number', code: 'invalid_card_number', detail: 'Not a valid card number of Mir, Visa, Mastercard or UnionPay' });
  const token = await store.transaction(async (tx): Promise<CardToken> => {
    const now = await sandboxNow(tx, clock);
    if (isExpired(body.expMonth, body.expYear, now)) errors.push({ pointer: '/expYear', code: 'card_expired', detail: 'The card has expired' });
    if (errors.length > 0 || brand === null) throw validationProblem(errors);
    const id = `tok_${randomToken()}`;
    const expiresAt = new Date(now.getTime() + CARD_TOKEN_TTL_MS);
    const last4 = digits.slice(-4);
    await tx.insert('card_tokens', {
      id,
      brand,
      last4,
      expMonth: body.expMonth,
      expYear: body.expYear,
      behaviour: TEST_CARDS[digits] ?? 'succeeds',
      createdAt: now,
      usedAt: null,
      expiresAt,
    });
    // The token itself is a bearer secret for one payment: the audit row names the card by brand and last four only.
    await audit(tx, now, {
      action: 'card_token.created',
      ...(principal.kind === 'session' ? sessionActor(principal.session) : { actor: 'anonymous' as const, accountId: null, partnerKey: principal.key.key }),
      origin: c.req.header('origin') ?? null,
      details: { brand, last4 },
    });
    return { id, brand, last4, expiresAt: expiresAt.toISOString() };
  });
  return c.json(token, 201);
}

/** A short reference people can read out to support: `KB-7F3K9Q2A`. */
function reference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `KB-${Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')}`;
}

const field = (pointer: string, code: string, detail: string) => validationProblem([{ pointer, code, detail }]);

async function createTopUp(c: AppContext): Promise<Response> {
  const { store, clock, embedded } = c.get('deps');
  const principal = await payer(c);
  const key = idempotencyKey(c);
  const body = await readJson(c, TopUpRequestSchema);
  const claim: IdempotencyClaim = { scope: ownerOf(principal), key };
  const replay = await claimKey(store, clock, claim, await requestFingerprint('POST', '/v1/top-ups', body));
  if (replay) return c.json(replay.body, replay.status as 201, { 'idempotent-replayed': 'true' });
  try {
    const row = await executeTopUp(c, principal, claim, body, embedded);
    return c.json(topUpBody(row), 201);
  } catch (error) {
    // Whatever failed rolled back: nothing moved, so the same request may come again.
    await releaseKey(store, claim);
    throw error;
  }
}

type TopUpInput = Awaited<ReturnType<typeof readJson<typeof TopUpRequestSchema>>>;

async function executeTopUp(c: AppContext, principal: Payer, claim: IdempotencyClaim, body: TopUpInput, embedded: boolean): Promise<TopUpRow> {
  const { store, clock, log } = c.get('deps');
  const msisdn = parsePhone(body.msisdn);
  if (!msisdn) throw field('/msisdn', 'invalid_phone', 'Not a Russian mobile number');
  const amount = body.amount.amount;
  if (amount < TOP_UP_LIMITS.minAmount) throw field('/amount/amount', 'below_minimum', `At least ${TOP_UP_LIMITS.minAmount} kopecks`);
  if (amount > TOP_UP_LIMITS.maxAmount) throw field('/amount/amount', 'above_maximum', `At most ${TOP_UP_LIMITS.maxAmount} kopecks per payment`);
  const source = body.source;
  if (source.type !== 'card' && principal.kind !== 'session') {
    throw new ProblemError(401, 'unauthenticated', 'Sign in to pay with bonus points or from another number');
  }
  if (source.type === 'bonus' && amount % BONUS_POINT_VALUE !== 0) throw field('/amount/amount', 'whole_points', 'Bonus points pay whole rubles');
  if (source.type === 'number' && source.msisdn === msisdn) throw field('/source/msisdn', 'same_number', 'Choose another number to move money from');
  const answer = checkPayee(msisdn);
  await ensureSubscriber(store, clock, msisdn);
  const fee = topUpFee(body.amount, source.type).amount;
  const origin = c.req.header('origin') ?? null;

  return store.transaction(async (tx) => {
    const now = await sandboxNow(tx, clock);
    const session = principal.kind === 'session' ? principal.session : null;
    let summary: Json;
    let behaviour = 'succeeds';
    if (source.type === 'card') {
      const [token] = await tx.select('card_tokens', { id: source.token }, { forUpdate: true });
      if (!token) throw field('/source/token', 'token_invalid', 'Unknown card token; tokenize the card again');
      if (token.usedAt !== null) throw field('/source/token', 'token_used', 'This card token was already used; tokenize the card again');
      if (token.expiresAt.getTime() <= now.getTime()) throw field('/source/token', 'token_expired', 'The card token has expired; tokenize the card again');
      await tx.update('card_tokens', { id: token.id }, { usedAt: now });
      summary = { type: 'card', brand: token.brand, last4: token.last4 };
      behaviour = token.behaviour;
    } else if (source.type === 'bonus') {
      summary = { type: 'bonus', points: amount / BONUS_POINT_VALUE, msisdn: session?.msisdn ?? null };
    } else {
      if (session) await assertNumberAccess(tx, session, source.msisdn, now);
      summary = { type: 'number', msisdn: source.msisdn };
    }
    // Lock every number the money touches, in one order, so concurrent payments queue instead of deadlocking.
    const touched = [msisdn, ...(source.type === 'number' ? [source.msisdn] : [])].sort();
    for (const number of touched) await tx.select('numbers', { msisdn: number }, { forUpdate: true });

    const row: TopUpRow = {
      id: randomId('top'),
      msisdn,
      amount,
      fee,
      currency: 'RUB',
      source: summary,
      status: 'processing',
      nextAction: null,
      failureCode: null,
      accountId: session?.accountId ?? null,
      createdAt: now,
      settledAt: null,
      reference: reference(),
      owner: claim.scope,
      partnerKey: session?.partnerKey ?? null,
      partnerKeyHash: session?.partnerKeyHash ?? null,
      settlesAt: null,
    };
    let failure: TopUpFailureCode | null = null;
    if (await exceedsDailyLimit(tx, msisdn, amount, now)) failure = 'limit_exceeded';
    else if (behaviour === 'declined') failure = 'card_declined';
    else if (source.type === 'bonus') {
      const [bonus] = await tx.select('bonus', { msisdn: session?.msisdn ?? '' }, { forUpdate: true });
      const points = amount / BONUS_POINT_VALUE;
      if (!bonus || bonus.points < points) failure = 'insufficient_points';
      else await tx.update('bonus', { msisdn: bonus.msisdn }, { points: bonus.points - points, updatedAt: now });
    } else if (source.type === 'number') {
      const [from] = await tx.select('numbers', { msisdn: source.msisdn });
      if (!from || from.balance - amount - fee < 0) failure = 'insufficient_funds';
    }

    let result: TopUpRow;
    if (failure) {
      await tx.insert('top_ups', row);
      result = await fail(tx, row, failure, now, log);
    } else if (behaviour === 'three_d_secure') {
      const url = embedded ? null : `${new URL(c.req.url).origin}/sandbox/3ds/${row.id}`;
      result = { ...row, status: 'requires_action', nextAction: { type: 'three_d_secure', url } };
      await tx.insert('top_ups', result);
    } else if (source.type === 'card' && answer === 'settles-later') {
      result = { ...row, settlesAt: new Date(now.getTime() + SLOW_SETTLEMENT_MS) };
      await tx.insert('top_ups', result);
    } else {
      await tx.insert('top_ups', row);
      if (source.type === 'number') {
        await recordMovement(tx, { msisdn: source.msisdn, amount: -(amount + fee), category: 'transfer', reference: row.id, description: `Top-up of ${msisdn}`, at: now });
        const moved = { ...row, status: 'succeeded', settledAt: now };
        await recordMovement(tx, { msisdn, amount, category: 'payment', reference: row.id, description: `Top-up from ${source.msisdn}`, at: now });
        await tx.update('top_ups', { id: row.id }, { status: 'succeeded', settledAt: now });
        await audit(tx, now, { action: 'top_up.succeeded', msisdn, origin, ...topUpActor(moved), details: topUpTrace(moved) });
        result = moved;
      } else if (source.type === 'bonus') {
        const paid = { ...row, status: 'succeeded', settledAt: now };
        await recordMovement(tx, { msisdn, amount, category: 'payment', reference: row.id, description: 'Top-up from bonus points', at: now });
        await tx.update('top_ups', { id: row.id }, { status: 'succeeded', settledAt: now });
        await audit(tx, now, { action: 'top_up.succeeded', msisdn, origin, ...topUpActor(paid), details: topUpTrace(paid) });
        result = paid;
      } else {
        result = await succeed(tx, row, now, log);
      }
    }
    if (result.status === 'processing' || result.status === 'requires_action') {
      await audit(tx, now, { action: 'top_up.created', msisdn, origin, ...topUpActor(result), details: topUpTrace(result) });
    }
    await completeKey(tx, claim, { status: 201, body: topUpBody(result) });
    return result;
  });
}

async function getTopUp(c: AppContext): Promise<Response> {
  const { store, clock, log } = c.get('deps');
  const principal = await payer(c);
  const id = c.req.param('id') ?? '';
  const row = await store.transaction(async (tx) => {
    const [found] = await tx.select('top_ups', { id }, { forUpdate: true });
    // Another payer's top-up is as unknown as a missing one.
    if (!found || found.owner !== ownerOf(principal)) throw new ProblemError(404, 'not_found', 'No such top-up');
    return settleIfDue(tx, found, await sandboxNow(tx, clock), log);
  });
  return c.json(topUpBody(row));
}

/** How many recent top-ups the account sees (to repeat one). */
const RECENT_TOP_UPS = 10;

async function listTopUps(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const principal = await payer(c);
  if (principal.kind !== 'session') throw new ProblemError(401, 'unauthenticated', 'Sign in to see your top-ups');
  const rows = await store.transaction((tx) =>
    tx.select('top_ups', { owner: ownerOf(principal) }, { newest: { column: 'createdAt', limit: RECENT_TOP_UPS } }),
  );
  return c.json(rows.map(topUpBody));
}

/** `POST /v1/card-tokens`, `POST /v1/top-ups`, `GET /v1/top-ups`, `GET /v1/top-ups/{id}`. */
export function topUpRoutes(routes: RouteTable): void {
  routes.on('POST', '/v1/card-tokens', createCardToken);
  routes.on('POST', '/v1/top-ups', createTopUp);
  routes.on('GET', '/v1/top-ups', listTopUps);
  routes.on('GET', '/v1/top-ups/:id', getTopUp);
}
