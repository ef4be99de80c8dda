/** Random bearer tokens and ids, and hashes to store instead of secrets. Web Crypto only, so it runs in browsers. */

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes, base64url: a session token. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A random id with a readable prefix, such as `otp_…`. */
export function randomId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '')}`;
}

/** A uniformly random string of `length` decimal digits (an SMS code). */
export function randomDigits(length: number): string {
  const digits: string[] = [];
  const bytes = new Uint8Array(1);
  while (digits.length < length) {
    crypto.getRandomValues(bytes);
    const byte = bytes[0] ?? 255;
    // 250..255 would make 0..5 slightly likelier: draw again.
    if (byte < 250) digits.push(String(byte % 10));
  }
  return digits.join('');
}

/** SHA-256 of `text`, hex. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
