/**
 * JSX types for using the Kabinet elements directly in React 19 TSX
 * (`<kb-balance-card>`), without the wrappers. React 19 sets a prop as a
 * property when the element has one (`apiBase`), else as an attribute
 * (`api-base`), and turns `onkb-top-up` into a `kb-top-up` listener.
 * Importing `@kabinet/react` brings these types in; a project using only
 * `@kabinet/widgets` with React adds `import type {} from '@kabinet/react/jsx'`.
 *
 * @example
 * <kb-provider api-base="https://api.operator.example" onkb-login={(event) => setMsisdn(event.detail.msisdn)}>
 *   <kb-balance-card msisdn="+79161234567"></kb-balance-card>
 * </kb-provider>
 */
import type { WebComponentProps } from '@lit/react';
import type {
  KabinetEvent,
  KbBalanceCard,
  KbLogin,
  KbNumberSwitcher,
  KbProvider,
  KbTariffPicker,
  KbTopUpForm,
} from '@kabinet/widgets';
import type { KabinetTag, elementEvents } from './events.js';

/** `onkb-top-up`-style listeners for the events `T` dispatches. */
export type KabinetEventAttributes<T extends KabinetTag> = {
  [N in (typeof elementEvents)[T][number] as `on${N}`]?: (event: KabinetEvent<N>) => void;
};

/** The props of `<T>` in JSX: HTML attributes, the element's properties, its events. */
export type KabinetElementProps<E extends HTMLElement, T extends KabinetTag> = WebComponentProps<E> & KabinetEventAttributes<T>;

/** The attributes of elements that take a number to show. */
interface MsisdnAttribute {
  msisdn?: string;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in a namespace
  namespace JSX {
    interface IntrinsicElements {
      'kb-provider': KabinetElementProps<KbProvider, 'kb-provider'> & {
        'api-base'?: string;
        'publishable-key'?: string;
        'session-token'?: string;
      };
      'kb-login': KabinetElementProps<KbLogin, 'kb-login'>;
      'kb-balance-card': KabinetElementProps<KbBalanceCard, 'kb-balance-card'> & MsisdnAttribute;
      'kb-tariff-picker': KabinetElementProps<KbTariffPicker, 'kb-tariff-picker'> & MsisdnAttribute;
      'kb-number-switcher': KabinetElementProps<KbNumberSwitcher, 'kb-number-switcher'>;
      'kb-top-up-form': KabinetElementProps<KbTopUpForm, 'kb-top-up-form'> & MsisdnAttribute;
    }
  }
}
