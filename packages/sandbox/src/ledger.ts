import type { StoreTx } from './store/store.js';
import { randomId } from './token.js';

/** One money movement on a number. */
export interface Movement {
  msisdn: string;
  /** Signed kopecks: positive in, negative out. */
  amount: number;
  /** `services`: one-off charges such as a tariff's switch fee. */
  category: 'payment' | 'transfer' | 'services';
  reference: string;
  description: string;
  at: Date;
}

/**
 * Moves money on a number: a ledger entry and the balance change, in the
 * caller's transaction, so the balance is always the sum of the ledger. The
 * caller has locked the number row (`forUpdate`) before reading its balance.
 */
export async function recordMovement(tx: StoreTx, movement: Movement): Promise<number> {
  const [number] = await tx.select('numbers', { msisdn: movement.msisdn }, { forUpdate: true });
  if (!number) throw new Error(`No number ${movement.msisdn} to move money on`);
  const balance = number.balance + movement.amount;
  await tx.insert('ledger', {
    id: randomId('led'),
    msisdn: movement.msisdn,
    amount: movement.amount,
    currency: number.currency,
    category: movement.category,
    reference: movement.reference,
    description: movement.description,
    at: movement.at,
  });
  await tx.update('numbers', { msisdn: movement.msisdn }, { balance });
  return balance;
}
