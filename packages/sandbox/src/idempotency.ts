/**
 * Exactly-once money: a money-moving request carries an `Idempotency-Key`.
 * The first request with a key claims it (in its own short transaction), the
 * work commits together with the stored answer, and every later request with
 * the key gets that answer back. Keys are per caller and kept 24 hours.
 */
import type { AppContext } from './app-env.js';
import { sandboxNow, type Clock } from './clock.js';
import { ProblemError } from './problem.js';
import type { Json, Store, StoreTx } from './store/store.js';
import { sha256 } from './token.js';

/** How long an answer is replayed (DESIGN.md: 24 h). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * A claim still `in_flight` after this long belongs to a request that died
 * before committing: its work rolled back with it, so the key may be taken again.
 */
export const ABANDONED_AFTER_MS = 60_000;

const MAX_KEY_LENGTH = 255;

/** Who used a key and which key: the pair is the primary key of `idempotency_keys`. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
}

/** What a request with a completed key answers again. */
export interface StoredAnswer {
  status: number;
  body: Json;
}

/** The request's `Idempotency-Key`, or 400 `idempotency_key_required`. */
export function idempotencyKey(c: AppContext): string {
  const key = c.req.header('idempotency-key')?.trim();
  if (!key) throw new ProblemError(400, 'idempotency_key_required', 'Send an Idempotency-Key header: one per payment, reused when retrying it');
  if (key.length > MAX_KEY_LENGTH) throw new ProblemError(400, 'idempotency_key_required', `The Idempotency-Key must not exceed ${MAX_KEY_LENGTH} characters`);
  return key;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((name) => [name, canonical((value as Record<string, unknown>)[name])]));
  }
  return value;
}

/** A fingerprint of what was asked: the same key with another body is refused. */
export function requestFingerprint(method: string, path: string, body: unknown): Promise<string> {
  return sha256(JSON.stringify(canonical({ method, path, body })));
}

/**
 * Claims `key` for this request: `null` when the work may go ahead, the stored
 * answer when the key completed before. Refuses with 422 when the key came
 * with another body and 409 while its first request is still running.
 */
export async function claimKey(store: Store, clock: Clock, claim: IdempotencyClaim, fingerprint: string): Promise<StoredAnswer | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.transaction(async (tx) => {
        const now = await sandboxNow(tx, clock);
        const [row] = await tx.select('idempotency_keys', { scope: claim.scope, key: claim.key }, { forUpdate: true });
        const age = row ? now.getTime() - row.createdAt.getTime() : 0;
        const live = row !== undefined && age < IDEMPOTENCY_TTL_MS && !(row.status === 'in_flight' && age >= ABANDONED_AFTER_MS);
        if (row && live) {
          if (row.requestHash !== fingerprint) {
            throw new ProblemError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another request; use a new key for a new payment');
          }
          if (row.status === 'in_flight') {
            throw new ProblemError(409, 'idempotency_key_in_flight', 'The first request with this Idempotency-Key is still being processed; retry shortly', { retryAfter: 1 });
          }
          return { status: row.responseStatus ?? 200, body: row.responseBody };
        }
        if (row) await tx.delete('idempotency_keys', { scope: claim.scope, key: claim.key });
        await tx.insert('idempotency_keys', {
          scope: claim.scope,
          key: claim.key,
          requestHash: fingerprint,
          status: 'in_flight',
          responseStatus: null,
          responseBody: null,
          createdAt: now,
        });
        return null;
      });
    } catch (error) {
      // Two first requests raced to insert the key; the loser looks again and sees the winner's claim.
      if (error instanceof ProblemError || attempt > 0) throw error;
    }
  }
}

/** Stores the answer, in the transaction that did the work: both commit or neither. */
export async function completeKey(tx: StoreTx, claim: IdempotencyClaim, answer: StoredAnswer): Promise<void> {
  await tx.update('idempotency_keys', { scope: claim.scope, key: claim.key }, { status: 'completed', responseStatus: answer.status, responseBody: answer.body });
}

/** Gives the key back after a refusal: nothing was done, so the same request may be tried again. */
export async function releaseKey(store: Store, claim: IdempotencyClaim): Promise<void> {
  await store.transaction((tx) => tx.delete('idempotency_keys', { scope: claim.scope, key: claim.key, status: 'in_flight' }));
}
