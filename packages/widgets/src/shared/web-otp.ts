/**
 * WebOTP: where the browser supports it, the SMS code fills itself once the
 * SMS (ending with `@host #code`) arrives. Aborted when the code step ends.
 */

interface OtpCredential extends Credential {
  code: string;
}

/** True when this browser offers WebOTP. */
export function webOtpAvailable(): boolean {
  return typeof window !== 'undefined' && 'OTPCredential' in window && !!navigator.credentials;
}

/**
 * Waits for the SMS code; resolves `null` when unavailable, aborted or refused.
 *
 * @example
 * const controller = new AbortController();
 * const code = await receiveSmsCode(controller.signal);
 */
export async function receiveSmsCode(signal: AbortSignal): Promise<string | null> {
  if (!webOtpAvailable()) return null;
  try {
    const credential = (await navigator.credentials.get({
      otp: { transport: ['sms'] },
      signal,
    } as CredentialRequestOptions)) as OtpCredential | null;
    return credential?.code ?? null;
  } catch {
    return null;
  }
}
