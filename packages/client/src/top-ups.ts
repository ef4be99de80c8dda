/**
 * Paying: card tokens, top-ups with exactly-once keys, and waiting for a
 * pending payment (3-D Secure, a slow operator) to settle. The calls of
 * `client.topUps`.
 */
import { createIdempotencyKey, IDEMPOTENCY_HEADER } from './idempotency.js';
import type { Http } from './http.js';
import type { Money } from './money.js';
import { cardDigits } from './card.js';
import { NetworkError, RefusedError, ResponseValidationError, ServerError } from './errors.js';
import { ChallengeAnswerSchema, CardTokenSchema, TopUpSchema, type CardToken, type TopUp } from './schemas.js';
import type { KabinetStore } from './store.js';
import * as v from 'valibot';

/** Card details as typed; they go to `POST /v1/card-tokens` only and are never kept. */
export interface CardDetails {
  number: string;
  expMonth: number;
  /** Four digits. */
  expYear: number;
  cvc: string;
}

/** What a top-up is paid with. */
export type TopUpPayment =
  | { type: 'card'; card: CardDetails }
  | { type: 'bonus' }
  | { type: 'number'; msisdn: string };

/** One top-up as the person asked for it. */
export interface TopUpOrder {
  /** The number to top up, in any common spelling. */
  msisdn: string;
  amount: Money;
  source: TopUpPayment;
}

/**
 * One person's intent to pay: its idempotency key (and card token) stay the
 * same on every retry of it, so however often it is sent the payment is made
 * once. Start a new intent for the next payment.
 */
export interface TopUpIntent {
  readonly idempotencyKey: string;
  /**
   * Whether the last `submit` ended without a definite answer: no connection,
   * a timeout, a 5xx, an answer that could not be read, or the first request
   * with this key still being processed. The payment may have been made, so
   * the next try must submit this intent again, never a new one; after a
   * definite answer (a payment, a refusal) it is `false`.
   */
  readonly unresolved: boolean;
  /**
   * Sends the payment (tokenizing the card the first time). Network failures
   * and 5xx answers may be retried by calling again: the server answers a
   * repeat with the first result.
   */
  submit(order: TopUpOrder, options?: { signal?: AbortSignal }): Promise<TopUp>;
}

/**
 * Whether `error` leaves a payment's outcome unknown (see
 * {@link TopUpIntent.unresolved}): the request may have reached the operator
 * and been carried out, or is still being carried out.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof ServerError || error instanceof ResponseValidationError) return true;
  return error instanceof RefusedError && error.code === 'idempotency_key_in_flight';
}

/**
 * @example
 * const intent = client.topUps.intent();
 * let topUp = await intent.submit({ msisdn: '+79161234567', amount: money(10000), source: { type: 'card', card } });
 * if (topUp.status === 'requires_action') {
 *   showChallenge(topUp.nextAction);
 *   topUp = await client.topUps.settled(topUp.id);
 * }
 */
export interface KabinetTopUps {
  /** A new payment intent with a fresh idempotency key. */
  intent(): TopUpIntent;
  /** `GET /v1/top-ups/{id}`: the payment as it is now. */
  get(id: string, options?: { signal?: AbortSignal }): Promise<TopUp>;
  /** The account's recent top-ups, newest first (signed in only). */
  recent(options?: { signal?: AbortSignal }): Promise<TopUp[]>;
  /**
   * Resolves once the top-up is `succeeded` or `failed`, polling
   * `GET /v1/top-ups/{id}` (the source of truth); `nudge()` polls now (a
   * 3-D Secure page said it is done). Abort with the signal.
   */
  settled(id: string, options?: { signal?: AbortSignal; intervalMs?: number; nudge?: (poll: () => void) => void }): Promise<TopUp>;
  /** Test mode: answers a 3-D Secure challenge through `POST /sandbox/3ds/{id}` (the sandbox inside a page has no challenge page). */
  answerTestChallenge(id: string, outcome: 'approve' | 'decline'): Promise<TopUp>;
}

const DEFAULT_POLL_MS = 1000;

const isPending = (topUp: TopUp) => topUp.status === 'processing' || topUp.status === 'requires_action';

/** Builds `client.topUps`; a succeeded top-up refreshes every balance on the page and the recent top-ups. */
export function createTopUps(http: Http, store: KabinetStore): KabinetTopUps {
  const refreshBalances = (topUp: TopUp): TopUp => {
    if (topUp.status === 'succeeded') store.invalidate((key) => key.startsWith('balance:') || key === 'top-ups');
    return topUp;
  };

  function tokenize(card: CardDetails, signal: AbortSignal | undefined): Promise<CardToken> {
    return http.request('POST', 'v1/card-tokens', CardTokenSchema, { json: { ...card, number: cardDigits(card.number) }, signal });
  }

  function get(id: string, options: { signal?: AbortSignal } = {}): Promise<TopUp> {
    return http.request('GET', `v1/top-ups/${encodeURIComponent(id)}`, TopUpSchema, options).then(refreshBalances);
  }

  return {
    intent() {
      const idempotencyKey = createIdempotencyKey();
      // The token is single use: the retries of this intent must send the very same one.
      let token: { card: string; id: string } | undefined;
      let unresolved = false;
      return {
        idempotencyKey,
        get unresolved() {
          return unresolved;
        },
        async submit(order, options = {}) {
          let source: unknown = order.source;
          if (order.source.type === 'card') {
            const card = order.source.card;
            const fingerprint = `${cardDigits(card.number)}|${card.expMonth}|${card.expYear}`;
            if (!token || token.card !== fingerprint) token = { card: fingerprint, id: (await tokenize(card, options.signal)).id };
            source = { type: 'card', token: token.id };
          }
          try {
            const topUp = await http.request('POST', 'v1/top-ups', TopUpSchema, {
              json: { msisdn: order.msisdn, amount: order.amount, source },
              headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
              signal: options.signal,
            });
            unresolved = false;
            return refreshBalances(topUp);
          } catch (error) {
            unresolved = outcomeUnknown(error);
            throw error;
          }
        },
      };
    },
    get,
    recent(options = {}) {
      return http.request('GET', 'v1/top-ups', v.array(TopUpSchema), options);
    },
    async settled(id, options = {}) {
      const interval = options.intervalMs ?? DEFAULT_POLL_MS;
      let wake: (() => void) | undefined;
      options.nudge?.(() => wake?.());
      for (;;) {
        const topUp = await get(id, { ...(options.signal ? { signal: options.signal } : {}) });
        if (!isPending(topUp)) return topUp;
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(done, interval);
          const onAbort = () => {
            clearTimeout(timer);
            reject(options.signal?.reason);
          };
          function done() {
            options.signal?.removeEventListener('abort', onAbort);
            wake = undefined;
            resolve();
          }
          wake = () => {
            clearTimeout(timer);
            done();
          };
          if (options.signal?.aborted) onAbort();
          options.signal?.addEventListener('abort', onAbort, { once: true });
        });
      }
    },
    async answerTestChallenge(id, outcome) {
      const answer = v.parse(ChallengeAnswerSchema, { outcome });
      return refreshBalances(await http.request('POST', `sandbox/3ds/${encodeURIComponent(id)}`, TopUpSchema, { json: answer }));
    },
  };
}
