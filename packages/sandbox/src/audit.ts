import type { Json, SessionRow, StoreTx } from './store/store.js';
import { randomId } from './token.js';

/** What an audit entry records; the time comes from the sandbox clock. */
export interface AuditRecord {
  action: string;
  actor: 'subscriber' | 'partner' | 'anonymous' | 'sandbox';
  accountId?: string | null;
  msisdn?: string | null;
  origin?: string | null;
  /** The partner's masked secret key (or an anonymous page's publishable key), for display. */
  partnerKey?: string | null;
  /** The partner's identity: the SHA-256 of its whole secret key. */
  partnerKeyHash?: string | null;
  details?: Json;
}

/** Who acts through `session`: its subscriber, or the partner that minted it (named by its key, masked and hashed). */
export function sessionActor(session: SessionRow): { actor: 'subscriber' | 'partner'; accountId: string; partnerKey: string | null; partnerKeyHash: string | null } {
  return { actor: session.partnerKey ? 'partner' : 'subscriber', accountId: session.accountId, partnerKey: session.partnerKey, partnerKeyHash: session.partnerKeyHash };
}

/**
 * Records an action in the audit log. Every auth event and every change goes
 * through here, in the same transaction as the change it records.
 */
export async function audit(tx: StoreTx, at: Date, entry: AuditRecord): Promise<void> {
  await tx.insert('audit_log', {
    id: randomId('aud'),
    at,
    accountId: entry.accountId ?? null,
    msisdn: entry.msisdn ?? null,
    actor: entry.actor,
    action: entry.action,
    origin: entry.origin ?? null,
    partnerKey: entry.partnerKey ?? null,
    partnerKeyHash: entry.partnerKeyHash ?? null,
    details: entry.details ?? {},
  });
}
