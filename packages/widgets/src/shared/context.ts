/**
 * What `<kb-provider>` gives every widget inside it, through @lit/context.
 */
import { createContext } from '@lit/context';
import type { KabinetClient, Locale } from '@kabinet/client';

/**
 * Asks the host page for a captcha token when the API says `captcha_required`.
 * Resolves with the token the API should receive; rejects when the person
 * gives up.
 *
 * @example
 * provider.captcha = async ({ phone }) => myCaptcha.execute({ action: 'otp' });
 */
export type CaptchaHook = (request: { phone: string }) => Promise<string>;

/** The provided value. A new object each time something in it changes. */
export interface KabinetContext {
  client: KabinetClient;
  locale: Locale;
  captcha: CaptchaHook | null;
}

export const kabinetContext = createContext<KabinetContext | undefined>(Symbol.for('kabinet.context'));
