/**
 * The conditions for linking a number to an account (DOMAIN.md "Linked
 * numbers"), each refused with its own problem code.
 */
import { activeBlock } from './number-access.js';
import { ProblemError } from './problem.js';
import type { NumberRow, StoreTx } from './store/store.js';

/** The free service that must be on for a number to be managed from another's account. */
export const NUMBER_MANAGEMENT = 'number-management';

/** How long a new link stays pending: it becomes active this many business days later. */
export const LINK_PENDING_BUSINESS_DAYS = 2;

/**
 * Refuses linking `added` to the account whose primary number is `primary`,
 * in the order a person can fix things: whose and where the number is, the
 * service on each number, the tariff, a block.
 */
export async function assertLinkable(tx: StoreTx, primary: NumberRow, added: NumberRow, now: Date): Promise<void> {
  if (added.ownerName !== primary.ownerName) {
    throw new ProblemError(403, 'owner_mismatch', 'The number belongs to another owner; only numbers of the same owner can be linked');
  }
  if (added.region !== primary.region) {
    throw new ProblemError(403, 'region_mismatch', `The number is served in another region (${added.region}); only numbers of the same region can be linked`);
  }
  for (const number of [primary, added]) {
    const [service] = await tx.select('number_services', { msisdn: number.msisdn, serviceId: NUMBER_MANAGEMENT });
    if (!service) {
      throw new ProblemError(403, 'number_management_required', `Switch on "Number management" (*111*828*1#) on ${number.msisdn}`, { msisdn: number.msisdn });
    }
  }
  const [tariff] = await tx.select('tariffs', { id: added.tariffId });
  if (tariff && !tariff.linkable) {
    throw new ProblemError(403, 'tariff_not_linkable', `Numbers on the tariff "${tariff.name}" cannot be linked`, { tariffId: tariff.id, tariffName: tariff.name });
  }
  const block = await activeBlock(tx, added.msisdn, now);
  if (block) {
    throw new ProblemError(403, 'number_blocked', 'A blocked number cannot be linked', { until: block.until?.toISOString() ?? null });
  }
}
