import type { Locale } from '@kabinet/client';

/** The Intl locale of a widget locale. */
export function intlLocale(locale: Locale): string {
  return locale === 'ru' ? 'ru-RU' : 'en-US';
}

/**
 * A day of the year as people say it: "1 декабря" / "December 1".
 *
 * @example
 * formatDate('2030-01-21T10:00:00Z', 'ru'); // '21 января'
 */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long' }).format(new Date(iso));
}

/** The operator bills in Moscow time (UTC+3 all year): its months turn at Moscow midnight. */
const BILLING_TIME_ZONE = 'Europe/Moscow';

/**
 * A billing date (package renewal, monthly fee, a scheduled tariff switch) as
 * the day it is in Moscow, wherever the reader is: the 1st, not "30 November"
 * for a reader west of Moscow.
 *
 * @example
 * formatBillingDate('2030-01-31T21:00:00Z', 'ru'); // '1 февраля'
 */
export function formatBillingDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', timeZone: BILLING_TIME_ZONE }).format(new Date(iso));
}
