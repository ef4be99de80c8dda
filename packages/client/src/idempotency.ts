/**
 * Idempotency keys: every money-moving request carries one, generated once
 * per user intent and reused on every retry of that intent, so a payment is
 * made exactly once whatever is clicked or retried. Requests that carry the
 * header are the only non-GET requests the client retries by itself.
 */

/** The header the API reads the key from. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * A fresh idempotency key (a random UUID). Create it when the person confirms
 * the action, keep it with that intent, and send the same key on retries.
 *
 * @example
 * const key = createIdempotencyKey();
 * await topUp(details, { idempotencyKey: key }); // retry later with the same key
 */
export function createIdempotencyKey(): string {
  return crypto.randomUUID();
}
