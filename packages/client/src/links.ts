/**
 * Linked numbers: the calls of `client.links`. Each change reloads the
 * account (`me`) for every widget watching it.
 */
import type { Http } from './http.js';
import { msisdnPath, type Msisdn } from './phone.js';
import { AccountNumberSchema, OtpChallengeSchema, type AccountNumber, type LinkRequest, type OtpChallenge } from './schemas.js';
import type { KabinetStore } from './store.js';

/**
 * Adding, renaming and removing the numbers linked to the signed-in account.
 *
 * @example
 * // With the added number's password:
 * const link = await client.links.add({ phone: '8 916 111-00-01', password: 'secret', label: 'Work' });
 * link.status; // 'pending' until link.activatesAt (2 business days)
 *
 * // Or with a code sent to it:
 * const { challengeId } = await client.links.requestCode('8 916 111-00-01');
 * await client.links.add({ phone: '8 916 111-00-01', challengeId, code: '123456' });
 */
export interface KabinetLinks {
  /**
   * Sends a code by SMS to the number being added, under the sign-in code
   * limits (never retried: each attempt sends an SMS). Fails like
   * `auth.requestCode`, or with `RefusedError` `already_linked`.
   */
  requestCode(phone: string, options?: { captchaToken?: string; signal?: AbortSignal }): Promise<OtpChallenge>;
  /**
   * Links a number (pending for 2 business days). Refusals are `RefusedError`
   * with `owner_mismatch`, `region_mismatch`, `number_management_required`
   * (`problem.msisdn` says on which number), `tariff_not_linkable`,
   * `number_blocked`, `already_linked`; a wrong proof is `AuthError`
   * (`password_invalid`, `otp_invalid` with `attemptsLeft`) or `RefusedError`
   * `otp_locked`; a bad field is `ValidationError` (`/phone`, `/label`).
   */
  add(request: LinkRequest, options?: { signal?: AbortSignal }): Promise<AccountNumber>;
  /** Changes a linked number's label; `null` or `''` removes it. */
  rename(msisdn: Msisdn, label: string | null, options?: { signal?: AbortSignal }): Promise<AccountNumber>;
  /** Removes a linked number; when it was the active number, the signed-in number becomes active. */
  remove(msisdn: Msisdn, options?: { signal?: AbortSignal }): Promise<void>;
}

export function createLinks(http: Http, store: KabinetStore, signedInMsisdn: () => Msisdn | null): KabinetLinks {
  const accountChanged = () => store.invalidate((key) => key === 'me');
  return {
    requestCode(phone, options = {}) {
      const json = options.captchaToken === undefined ? { phone } : { phone, captchaToken: options.captchaToken };
      return http.request('POST', 'v1/links/otp', OtpChallengeSchema, { json, signal: options.signal });
    },
    async add(request, options = {}) {
      const link = await http.request('POST', 'v1/links', AccountNumberSchema, { json: request, signal: options.signal });
      accountChanged();
      return link;
    },
    async rename(msisdn, label, options = {}) {
      const link = await http.request('PATCH', `v1/links/${msisdnPath(msisdn)}`, AccountNumberSchema, { json: { label }, signal: options.signal });
      accountChanged();
      return link;
    },
    async remove(msisdn, options = {}) {
      await http.request('DELETE', `v1/links/${msisdnPath(msisdn)}`, null, { signal: options.signal });
      if (store.activeMsisdn === msisdn) store.setActiveMsisdn(signedInMsisdn());
      accountChanged();
    },
  };
}
