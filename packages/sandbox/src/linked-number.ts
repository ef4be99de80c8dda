import type { AccountNumber } from '@kabinet/client/contract';
import { activeBlock } from './number-access.js';
import type { LinkRow, StoreTx } from './store/store.js';

/** A link as the account lists it: pending until its date, then active or blocked. */
export async function linkedNumber(tx: StoreTx, link: LinkRow, now: Date): Promise<AccountNumber> {
  const pending = link.activatesAt.getTime() > now.getTime();
  const blocked = !pending && (await activeBlock(tx, link.msisdn, now)) !== null;
  return {
    msisdn: link.msisdn as AccountNumber['msisdn'],
    role: 'linked',
    status: pending ? 'pending' : blocked ? 'blocked' : 'active',
    label: link.label,
    activatesAt: pending ? link.activatesAt.toISOString() : null,
  };
}
