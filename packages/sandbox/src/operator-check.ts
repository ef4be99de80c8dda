/**
 * What the operator's systems say about a number before a card is charged
 * (DESIGN.md fixed points, by the number's last three digits). Any other
 * valid Russian mobile number is this operator's subscriber.
 */
import { sandboxNow, type Clock } from './clock.js';
import { ProblemError } from './problem.js';
import type { Store } from './store/store.js';

/** How long a slow (`…105`) payment stays `processing`. */
export const SLOW_SETTLEMENT_MS = 3000;

/** Seconds a caller should wait when the operator's system is down (`…104`). */
export const OPERATOR_RETRY_AFTER_S = 30;

/** `settles-later` for the slow test numbers; refusals are thrown as problems. */
export type OperatorAnswer = 'ok' | 'settles-later';

/**
 * Refuses a payment to `msisdn` the operator would not take: `…102` not its
 * subscriber, `…103` barred from payments, `…104` its system unavailable.
 */
export function checkPayee(msisdn: string): OperatorAnswer {
  const tail = msisdn.slice(-3);
  if (tail === '102') {
    throw new ProblemError(422, 'not_a_subscriber', 'This number is not served by this operator', {
      errors: [{ pointer: '/msisdn', code: 'not_a_subscriber', detail: 'This number is not served by this operator' }],
    });
  }
  if (tail === '103') throw new ProblemError(403, 'payments_barred', 'Payments to this number are barred');
  if (tail === '104') {
    throw new ProblemError(503, 'service_unavailable', 'The operator system is unavailable; nothing was charged', { retryAfter: OPERATOR_RETRY_AFTER_S });
  }
  return tail === '105' ? 'settles-later' : 'ok';
}

/**
 * Makes sure the subscriber `msisdn` exists in the sandbox: a number it has
 * not seen yet (any valid number is a subscriber) is opened with a zero
 * balance and an account of its own, so money paid to it lands on a balance
 * and its owner can sign in. Runs in its own transaction before the payment.
 */
export async function ensureSubscriber(store: Store, clock: Clock, msisdn: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await store.transaction(async (tx) => {
        const [number] = await tx.select('numbers', { msisdn });
        if (number) return;
        const now = await sandboxNow(tx, clock);
        const ownerName = 'Subscriber';
        await tx.insert('accounts', { id: `acc_${msisdn.slice(1)}`, ownerName, primaryMsisdn: msisdn, createdAt: now });
        await tx.insert('numbers', {
          msisdn,
          ownerName,
          region: 'moscow',
          tariffId: 'moy-onlain',
          balance: 0,
          currency: 'RUB',
          passwordHash: null,
          passwordSetAt: null,
          createdAt: now,
        });
        await tx.insert('bonus', { msisdn, points: 0, updatedAt: now });
      });
      return;
    } catch (error) {
      // Two first payments to the same new number raced; the other one opened it.
      if (attempt > 0) throw error;
    }
  }
}
