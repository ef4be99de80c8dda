/**
 * The public events of the widgets: bubbling, composed CustomEvents with a
 * typed `detail`, declared in HTMLElementEventMap for `addEventListener`.
 */
import type { Money, Msisdn, TariffRef, TopUp } from '@kabinet/client';

export interface KbLoginDetail {
  msisdn: Msisdn;
}
export interface KbLogoutDetail {
  msisdn: Msisdn | null;
}
export interface KbSessionExpiredDetail {
  msisdn: Msisdn | null;
}
export interface KbNumberChangeDetail {
  msisdn: Msisdn;
}
/** A top-up settled (succeeded or failed) or is pending; `detail.topUp` carries no card data beyond brand and last four. */
export interface KbTopUpDetail {
  topUp: TopUp;
}
/** The number's tariff changed (`status: 'applied'`) or a switch was scheduled for `effectiveAt`. */
export interface KbTariffChangeDetail {
  msisdn: Msisdn;
  from: TariffRef;
  to: TariffRef;
  status: 'applied' | 'scheduled';
  effectiveAt: string;
  /** The switch fee taken from the balance. */
  charged: Money;
}
export interface KbErrorDetail {
  /** The API problem code, or a transport failure's: `network_error`, `timeout`, `invalid_response`, `unknown`. */
  code: string;
  /** The localized message the widget shows. */
  message: string;
  /** What failed: usually a `KabinetError` from the client. */
  error: unknown;
}

/** Event name → detail type, for every event the widgets dispatch. */
export interface KabinetEventDetails {
  'kb-login': KbLoginDetail;
  'kb-logout': KbLogoutDetail;
  'kb-session-expired': KbSessionExpiredDetail;
  'kb-number-change': KbNumberChangeDetail;
  'kb-error': KbErrorDetail;
  'kb-tariff-change': KbTariffChangeDetail;
  'kb-top-up': KbTopUpDetail;
}

export type KabinetEventName = keyof KabinetEventDetails;
export type KabinetEvent<N extends KabinetEventName> = CustomEvent<KabinetEventDetails[N]>;

/**
 * Dispatches a Kabinet event from `target`: it bubbles and crosses shadow roots.
 *
 * @example
 * emit(this, 'kb-login', { msisdn: '+79161234567' });
 */
export function emit<N extends KabinetEventName>(target: EventTarget, name: N, detail: KabinetEventDetails[N]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: false }));
}

declare global {
  interface HTMLElementEventMap {
    'kb-login': KabinetEvent<'kb-login'>;
    'kb-logout': KabinetEvent<'kb-logout'>;
    'kb-session-expired': KabinetEvent<'kb-session-expired'>;
    'kb-number-change': KabinetEvent<'kb-number-change'>;
    'kb-error': KabinetEvent<'kb-error'>;
    'kb-tariff-change': KabinetEvent<'kb-tariff-change'>;
    'kb-top-up': KabinetEvent<'kb-top-up'>;
  }
}
