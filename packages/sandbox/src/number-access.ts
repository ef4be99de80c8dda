import { msisdnFromPath } from '@kabinet/client/contract';
import { ProblemError, validationProblem } from './problem.js';
import type { BlockRow, SessionRow, StoreTx } from './store/store.js';

/** The `{msisdn}` path segment (E.164 digits without `+`) as E.164, or 422 pointing at it. */
export function pathMsisdn(segment: string | undefined): string {
  const msisdn = msisdnFromPath(segment ?? '');
  if (!msisdn) {
    throw validationProblem([{ pointer: '/msisdn', code: 'invalid_phone', detail: 'Expected E.164 digits without "+", such as 79161234567' }]);
  }
  return msisdn;
}

/** The block in force on a number at `now`, if any. */
export async function activeBlock(tx: StoreTx, msisdn: string, now: Date): Promise<BlockRow | null> {
  const blocks = await tx.select('blocks', { msisdn, liftedAt: null });
  return (
    blocks.find(
      (block) => block.startsAt.getTime() <= now.getTime() && (block.until === null || block.until.getTime() > now.getTime()),
    ) ?? null
  );
}

/**
 * Checks that the session's account may act on `msisdn`: its primary number
 * or an active link. Another account's number is 404, as if it did not exist;
 * a pending link is 403 with the date it becomes active.
 */
export async function assertNumberAccess(tx: StoreTx, session: SessionRow, msisdn: string, now: Date): Promise<void> {
  const [account] = await tx.select('accounts', { id: session.accountId });
  if (account?.primaryMsisdn === msisdn) return;
  const [link] = await tx.select('links', { accountId: session.accountId, msisdn });
  if (!link) throw new ProblemError(404, 'not_found', 'No such number in this account');
  if (link.activatesAt.getTime() > now.getTime()) {
    const activatesAt = link.activatesAt.toISOString();
    throw new ProblemError(403, 'forbidden', `The link to this number is pending until ${activatesAt}`, { activatesAt });
  }
}
