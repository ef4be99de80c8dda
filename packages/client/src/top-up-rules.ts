/**
 * The numbers of DOMAIN.md "Top-up and money" that both sides must agree
 * on: the sandbox enforces them, the widget shows them before anyone pays.
 *
 * @example
 * TOP_UP_LIMITS.minAmount; // 1000 (10 ₽ in kopecks)
 * topUpFee({ amount: 10000, currency: 'RUB' }, 'card'); // { amount: 0, currency: 'RUB' }
 */
import type { Money } from './money.js';

/** Kopecks. */
export const TOP_UP_LIMITS = {
  /** Smallest payment: 10 ₽. */
  minAmount: 1000,
  /** Largest payment: 15 000 ₽. */
  maxAmount: 1_500_000,
  /** Per number per Moscow calendar day, counting payments not yet settled: 30 000 ₽. */
  dailyAmount: 3_000_000,
} as const;

/** Kopecks one bonus point is worth when spent on a top-up (1 point = 1 ₽). */
export const BONUS_POINT_VALUE = 100;

/** Where the money of a top-up comes from. */
export type TopUpSourceType = 'card' | 'bonus' | 'number';

/** The fee the payer pays on top of the amount. The operator carries card costs, so it is zero today; the API reports it on every top-up. */
export function topUpFee(amount: Money, _source: TopUpSourceType): Money {
  return { amount: 0, currency: amount.currency };
}
