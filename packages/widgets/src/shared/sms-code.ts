/**
 * Finds the one-time code in whatever the person pasted: the bare code, the
 * code with spaces, or the whole SMS text (including WebOTP's `@host #code`).
 */

/**
 * @example
 * findSmsCode('Kabinet code: 123456. Do not share it.\n\n@kabinet.test #123456', 6); // '123456'
 * findSmsCode('12 34 56', 6); // '123456'
 */
export function findSmsCode(text: string, length: number): string | null {
  const webOtp = /#(\d{4,8})\s*$/m.exec(text.trim());
  if (webOtp?.[1] && webOtp[1].length === length) return webOtp[1];
  const compact = text.replace(/[\s-]/g, '');
  if (/^\d+$/.test(compact) && compact.length === length) return compact;
  const standalone = new RegExp(`(?:^|\\D)(\\d{${length}})(?!\\d)`).exec(text);
  return standalone?.[1] ?? null;
}
