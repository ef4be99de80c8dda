/**
 * Signing in by SMS code and signing out: the calls of `client.auth`.
 */
import type { Http } from './http.js';
import { OtpChallengeSchema, SessionSchema, type OtpChallenge, type Session } from './schemas.js';
import type { SessionKeeper } from './session.js';

/**
 * Sign-in by one-time SMS code (from short number 3339) and sign-out.
 *
 * @example
 * const challenge = await client.auth.requestCode('8 916 123-45-67');
 * const session = await client.auth.verifyCode(challenge.challengeId, '123456');
 * client.session.status; // 'signed-in'
 * await client.auth.signOut();
 */
export interface KabinetAuth {
  /**
   * Sends a code by SMS to `phone` (typed any common way; the server
   * normalizes and validates it). Never retried automatically: each attempt
   * sends an SMS. Fails with `ValidationError` (`/phone`), `RateLimitedError`
   * (`retryAfter`), or `RefusedError` (`captcha_required`, `captcha_invalid`).
   */
  requestCode(phone: string, options?: { captchaToken?: string; signal?: AbortSignal }): Promise<OtpChallenge>;
  /**
   * Checks the code; on success the client keeps the token in memory and the
   * session becomes `signed-in`. A wrong code fails with `AuthError`
   * (`attemptsLeft`); the third in a row with `RefusedError` `otp_locked`.
   */
  verifyCode(challengeId: string, code: string, options?: { signal?: AbortSignal }): Promise<Session>;
  /** Ends the session on the server and forgets the token, even when the server call fails. */
  signOut(): Promise<void>;
}

/** Hooks the client runs around sign-in and sign-out (store and active number). */
export interface AuthEvents {
  signedIn(session: Session): void;
  signedOut(): void;
}

export function createAuth(http: Http, session: SessionKeeper, events: AuthEvents): KabinetAuth {
  return {
    requestCode(phone, options = {}) {
      const json = options.captchaToken === undefined ? { phone } : { phone, captchaToken: options.captchaToken };
      return http.request('POST', 'v1/auth/otp', OtpChallengeSchema, { json, signal: options.signal });
    },
    async verifyCode(challengeId, code, options = {}) {
      const result = await http.request('POST', 'v1/auth/otp/verify', SessionSchema, {
        json: { challengeId, code },
        signal: options.signal,
      });
      session.signIn(result);
      events.signedIn(result);
      return result;
    },
    async signOut() {
      try {
        if (session.signedIn) await http.request('POST', 'v1/auth/logout', null);
      } catch {
        // The person asked to leave: forgetting the token locally is what matters.
      } finally {
        session.signOut();
        events.signedOut();
      }
    },
  };
}
