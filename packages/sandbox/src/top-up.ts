/**
 * The life of a top-up after it is created: the DTO the API answers with,
 * the daily limit, and settlement (the money reaching the number), each in
 * the caller's transaction.
 */
import type { TopUp, TopUpFailureCode } from '@kabinet/client/contract';
import { TOP_UP_LIMITS } from '@kabinet/client/contract';
import { audit } from './audit.js';
import { recordMovement } from './ledger.js';
import type { Logger } from './logger.js';
import type { Json, StoreTx, TopUpRow } from './store/store.js';

/** Statuses whose money is not known yet: they count against the daily limit and are never shown as failed. */
export const PENDING_STATUSES = ['processing', 'requires_action'] as const;

/** Moscow time is UTC+3 all year; the daily limit resets at Moscow midnight. */
const MOSCOW_OFFSET_MS = 3 * 3_600_000;
const DAY_MS = 86_400_000;

function moscowDayStart(now: Date): number {
  const moscow = now.getTime() + MOSCOW_OFFSET_MS;
  return moscow - (moscow % DAY_MS) - MOSCOW_OFFSET_MS;
}

/**
 * Whether `amount` more today would pass the number's daily limit. Pending
 * top-ups count: otherwise several 3-D Secure payments could be opened at
 * once and each approved. The caller holds the number's row lock.
 */
export async function exceedsDailyLimit(tx: StoreTx, msisdn: string, amount: number, now: Date): Promise<boolean> {
  const used = await tx.sum('top_ups', 'amount', { msisdn }, { atLeast: { createdAt: new Date(moscowDayStart(now)) }, except: { status: 'failed' } });
  return used + amount > TOP_UP_LIMITS.dailyAmount;
}

/** The API's view of a top-up: no balance, no owner, nothing of the card but brand and last four. */
export function topUpBody(row: TopUpRow): TopUp {
  const source = row.source as { type: 'card' | 'bonus' | 'number'; brand?: 'mir' | 'visa' | 'mastercard' | 'unionpay'; last4?: string; msisdn?: string; points?: number };
  return {
    id: row.id,
    msisdn: row.msisdn,
    amount: { amount: row.amount, currency: 'RUB' },
    fee: { amount: row.fee, currency: 'RUB' },
    source: {
      type: source.type,
      ...(source.brand ? { brand: source.brand } : {}),
      ...(source.last4 ? { last4: source.last4 } : {}),
      ...(source.msisdn ? { msisdn: source.msisdn } : {}),
      ...(source.points !== undefined ? { points: source.points } : {}),
    },
    status: row.status as TopUp['status'],
    nextAction: row.nextAction as TopUp['nextAction'],
    failureCode: row.failureCode as TopUpFailureCode | null,
    reference: row.reference,
    createdAt: row.createdAt.toISOString(),
    settledAt: row.settledAt?.toISOString() ?? null,
  };
}

/** Audit and log fields of a top-up: amounts and the card's last four digits, never more. */
export function topUpTrace(row: TopUpRow): Json {
  return { topUpId: row.id, reference: row.reference, amount: row.amount, status: row.status, failureCode: row.failureCode, source: row.source };
}

/** Who made a top-up, for the audit log: the subscriber, the partner whose session it was, or an anonymous page (its publishable key). */
export function topUpActor(row: TopUpRow): { actor: 'subscriber' | 'partner' | 'anonymous'; accountId: string | null; partnerKey: string | null; partnerKeyHash: string | null } {
  if (!row.owner.startsWith('account:')) return { actor: 'anonymous', accountId: null, partnerKey: row.owner.slice('key:'.length), partnerKeyHash: null };
  return row.partnerKey
    ? { actor: 'partner', accountId: row.accountId, partnerKey: row.partnerKey, partnerKeyHash: row.partnerKeyHash }
    : { actor: 'subscriber', accountId: row.accountId, partnerKey: null, partnerKeyHash: null };
}

/** Credits a card payment to the number and marks it succeeded. */
export async function succeed(tx: StoreTx, row: TopUpRow, now: Date, log: Logger): Promise<TopUpRow> {
  await recordMovement(tx, { msisdn: row.msisdn, amount: row.amount, category: 'payment', reference: row.id, description: 'Top-up by card', at: now });
  const settled: TopUpRow = { ...row, status: 'succeeded', nextAction: null, settledAt: now, settlesAt: null };
  await tx.update('top_ups', { id: row.id }, { status: 'succeeded', nextAction: null, settledAt: now, settlesAt: null });
  await audit(tx, now, { action: 'top_up.succeeded', msisdn: row.msisdn, ...topUpActor(row), details: topUpTrace(settled) });
  log.info(`top-up ${row.reference} succeeded: ${row.amount} kopecks`);
  return settled;
}

/** Marks a pending top-up failed; nothing was charged. */
export async function fail(tx: StoreTx, row: TopUpRow, code: TopUpFailureCode, now: Date, log: Logger): Promise<TopUpRow> {
  const failed: TopUpRow = { ...row, status: 'failed', failureCode: code, nextAction: null, settledAt: now, settlesAt: null };
  await tx.update('top_ups', { id: row.id }, { status: 'failed', failureCode: code, nextAction: null, settledAt: now, settlesAt: null });
  await audit(tx, now, { action: 'top_up.failed', msisdn: row.msisdn, ...topUpActor(row), details: topUpTrace(failed) });
  log.info(`top-up ${row.reference} failed: ${code}`);
  return failed;
}

/** Settles a slow payment whose time has come (read paths call this; the caller locked the row). */
export async function settleIfDue(tx: StoreTx, row: TopUpRow, now: Date, log: Logger): Promise<TopUpRow> {
  if (row.status !== 'processing' || row.settlesAt === null || row.settlesAt.getTime() > now.getTime()) return row;
  return succeed(tx, row, now, log);
}
