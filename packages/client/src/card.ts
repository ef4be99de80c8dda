/**
 * Bank cards as people type them: the brand by prefix (Mir 2200–2204, Visa,
 * Mastercard, UnionPay), the Luhn check and the grouping of digits. One
 * module for the widget (brand mark, spacing) and the sandbox (validation),
 * small enough not to need a dependency.
 *
 * @example
 * cardBrand('2200 0000');            // 'mir'
 * formatCardNumber('4242424242424242'); // '4242 4242 4242 4242'
 * isValidCardNumber('4242 4242 4242 4242'); // true
 */

/** Card schemes the operator accepts. */
export type CardBrand = 'mir' | 'visa' | 'mastercard' | 'unionpay';

export const CARD_BRANDS: readonly CardBrand[] = ['mir', 'visa', 'mastercard', 'unionpay'];

interface BrandRule {
  brand: CardBrand;
  /** Inclusive ranges of the leading digits, compared at the ranges' own length. */
  ranges: readonly (readonly [number, number])[];
  lengths: readonly number[];
}

// Mir before UnionPay and Mastercard: its 2200–2204 must win over any wider range.
const RULES: readonly BrandRule[] = [
  { brand: 'mir', ranges: [[2200, 2204]], lengths: [16, 17, 18, 19] },
  { brand: 'visa', ranges: [[4, 4]], lengths: [13, 16, 19] },
  { brand: 'mastercard', ranges: [[51, 55], [2221, 2720]], lengths: [16] },
  { brand: 'unionpay', ranges: [[62, 62], [81, 81]], lengths: [16, 17, 18, 19] },
];

/** The digits of what was typed, dropping spaces and dashes. */
export function cardDigits(text: string): string {
  return text.replace(/\D/g, '');
}

function ruleOf(digits: string): BrandRule | undefined {
  return RULES.find((rule) =>
    rule.ranges.some(([low, high]) => {
      const width = String(low).length;
      if (digits.length < width) return false;
      const head = Number(digits.slice(0, width));
      return head >= low && head <= high;
    }),
  );
}

/** The brand of a (possibly partial) card number, or `null` while unknown. */
export function cardBrand(text: string): CardBrand | null {
  return ruleOf(cardDigits(text))?.brand ?? null;
}

/** The Luhn checksum holds. */
export function luhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A complete number of an accepted brand, of a length that brand issues, passing Luhn. */
export function isValidCardNumber(text: string): boolean {
  const digits = cardDigits(text);
  const rule = ruleOf(digits);
  return rule !== undefined && rule.lengths.includes(digits.length) && luhn(digits);
}

/** Longest number the brand issues (19 while the brand is unknown): where typing stops. */
export function maxCardLength(text: string): number {
  const rule = ruleOf(cardDigits(text));
  return rule ? Math.max(...rule.lengths) : 19;
}

/** Groups of four, as printed on the card: `2200 0000 0000 0004`. */
export function formatCardNumber(text: string): string {
  const digits = cardDigits(text).slice(0, maxCardLength(text));
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * `MM/YY` as typed (`4/27`, `04 / 2027`, `0427`) → month and four-digit year,
 * or `null` when it is not a date.
 */
export function parseExpiry(text: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return null;
  const month = Number(match[1]);
  const yearText = match[2] ?? '';
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

/** The card still works during its expiry month. */
export function isExpired(month: number, year: number, now: Date): boolean {
  return year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}
