/**
 * Russian mobile numbers (MSISDN) in E.164: parsing from every common way
 * people type them, and formatting for display.
 *
 * @example
 * parsePhone('8 (916) 123-45-67'); // '+79161234567'
 * formatPhone('+79161234567');     // '+7 916 123-45-67'
 */

/** An E.164 Russian mobile number, such as `+79161234567`. */
export type Msisdn = `+7${string}`;

/** E.164 pattern of a Russian mobile number: +7, then 9, then nine digits. */
export const MSISDN_PATTERN = /^\+79\d{9}$/;

const SEPARATORS = /[\s\-().\u00a0]/g;

/**
 * Normalizes a Russian mobile number typed in any common way: `+7 916 123-45-67`,
 * `8 (916) 123-45-67`, `9161234567`, `7-916-123-45-67`, `+7(916)1234567`.
 * Returns the E.164 form, or `null` when the text is not a Russian mobile number.
 */
export function parsePhone(text: string): Msisdn | null {
  const compact = text.trim().replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const digits = compact.replace('+', '');
  let national: string;
  if (compact.startsWith('+')) {
    if (!digits.startsWith('7') || digits.length !== 11) return null;
    national = digits.slice(1);
  } else if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) {
    national = digits.slice(1);
  } else if (digits.length === 10) {
    national = digits;
  } else {
    return null;
  }
  const msisdn = `+7${national}` as const;
  return MSISDN_PATTERN.test(msisdn) ? msisdn : null;
}

/** True when `value` is already an E.164 Russian mobile number. */
export function isMsisdn(value: string): value is Msisdn {
  return MSISDN_PATTERN.test(value);
}

/**
 * Formats an E.164 Russian number for people: `+7 916 123-45-67`.
 * Text that is not a Russian mobile number is returned unchanged.
 */
export function formatPhone(msisdn: string): string {
  const parsed = parsePhone(msisdn);
  if (!parsed) return msisdn;
  const d = parsed.slice(2);
  return `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`;
}

/** The number as it appears in an API path: E.164 digits without `+`. */
export function msisdnPath(msisdn: Msisdn): string {
  return msisdn.slice(1);
}

/** The inverse of {@link msisdnPath}: `79161234567` → `+79161234567`, or `null`. */
export function msisdnFromPath(segment: string): Msisdn | null {
  const candidate = `+${segment}`;
  return isMsisdn(candidate) ? (candidate as Msisdn) : null;
}
