/**
 * Money as integer minor units with an ISO 4217 currency. Never floats.
 *
 * @example
 * formatMoney({ amount: 35000, currency: 'RUB' }, 'ru'); // '350,00 ₽'
 * formatMoney({ amount: 35000, currency: 'RUB' }, 'en'); // 'RUB 350.00'
 */

/** Currencies the operator bills in. */
export type Currency = 'RUB';

/** An amount of money in minor units (kopecks for RUB). */
export interface Money {
  /** Integer minor units: 35000 is 350.00 RUB. */
  amount: number;
  currency: Currency;
}

/** Locales Kabinet speaks. */
export type Locale = 'ru' | 'en';

const MINOR_UNITS: Record<Currency, number> = { RUB: 2 };

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, currency: Currency, whole: boolean): Intl.NumberFormat {
  const key = `${locale}:${currency}:${whole}`;
  let format = formatters.get(key);
  if (!format) {
    const digits = whole ? 0 : MINOR_UNITS[currency];
    format = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
      style: 'currency',
      currency,
      currencyDisplay: locale === 'ru' ? 'narrowSymbol' : 'code',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, format);
  }
  return format;
}

/** Builds a {@link Money} value, checking that the amount is an integer. */
export function money(amount: number, currency: Currency = 'RUB'): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money amount must be an integer number of minor units, got ${amount}`);
  }
  return { amount, currency };
}

/**
 * Formats money for the locale: `350,00 ₽` in ru, `RUB 350.00` in en.
 * With `{ whole: true }`, round amounts drop the minor units (`100 ₽`).
 */
export function formatMoney(value: Money, locale: Locale, options: { whole?: boolean } = {}): string {
  const scale = 10 ** MINOR_UNITS[value.currency];
  const whole = options.whole === true && value.amount % scale === 0;
  return formatter(locale, value.currency, whole).format(value.amount / scale);
}

/** True when the amount is zero or below: the number cannot pay for anything. */
export function isNonPositive(value: Money): boolean {
  return value.amount <= 0;
}
