/**
 * How widgets use Intl: one formatter per locale and options, made once.
 * Making a formatter costs far more than using it (the first one of a locale
 * also loads its ICU data), and lists render many rows.
 */
import type { Locale } from '@kabinet/client';

/** The Intl locale of a widget locale. */
export function intlLocale(locale: Locale): string {
  return locale === 'ru' ? 'ru-RU' : 'en-US';
}

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules | Intl.Collator;

const made = new Map<string, Formatter>();

function once<T extends Formatter>(key: string, make: () => T): T {
  let found = made.get(key) as T | undefined;
  if (!found) made.set(key, (found = make()));
  return found;
}

/** Plain numbers with at most `digits` decimals: "1 234,5" / "1,234.5". */
export function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  return once(`number ${locale} ${digits}`, () => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }));
}

/** Dates and times with these `options` (the same options give the same formatter). */
export function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return once(`date ${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(intlLocale(locale), options));
}

/** The plural rules of a locale. */
export function pluralRules(locale: Locale): Intl.PluralRules {
  return once(`plural ${locale}`, () => new Intl.PluralRules(locale));
}

/** Names in the reader's alphabetical order. */
export function collator(locale: Locale): Intl.Collator {
  return once(`collator ${locale}`, () => new Intl.Collator(intlLocale(locale)));
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' };

/**
 * A day of the year as people say it: "1 декабря" / "December 1".
 *
 * @example
 * formatDate('2030-01-21T10:00:00Z', 'ru'); // '21 января'
 */
export function formatDate(iso: string, locale: Locale): string {
  return dateTimeFormat(locale, DAY).format(new Date(iso));
}

/** The operator bills in Moscow time (UTC+3 all year): its months turn at Moscow midnight. */
const BILLING_DAY: Intl.DateTimeFormatOptions = { ...DAY, timeZone: 'Europe/Moscow' };

/**
 * A billing date (package renewal, monthly fee, a scheduled tariff switch) as
 * the day it is in Moscow, wherever the reader is: the 1st, not "30 November"
 * for a reader west of Moscow.
 *
 * @example
 * formatBillingDate('2030-01-31T21:00:00Z', 'ru'); // '1 февраля'
 */
export function formatBillingDate(iso: string, locale: Locale): string {
  return dateTimeFormat(locale, BILLING_DAY).format(new Date(iso));
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const DAY_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', ...TIME };

/**
 * When data was loaded, as a widget's "as of" line says it: the time today,
 * else the day and the time.
 *
 * @example
 * formatAsOf(Date.now(), 'ru'); // '14:05'
 * formatAsOf('2030-12-01T11:05:00Z', 'en'); // 'December 1 at 02:05 PM' (in the reader's time zone)
 */
export function formatAsOf(time: string | number, locale: Locale): string {
  const date = new Date(time);
  const today = new Date().toDateString() === date.toDateString();
  return dateTimeFormat(locale, today ? TIME : DAY_TIME).format(date);
}
