/**
 * @kabinet/react: React components for the Kabinet widgets, made with
 * `@lit/react`. Props are the elements' properties; events are `onKb*` props
 * typed with their `detail`. Using a component registers the elements (it
 * imports @kabinet/widgets); importing this module also brings in the JSX
 * types of `<kb-*>` tags.
 *
 * @example
 * import { KbProvider, KbLogin, KbBalanceCard, KbTopUpForm } from '@kabinet/react';
 *
 * <KbProvider apiBase="https://api.operator.example" locale="ru">
 *   <KbLogin />
 *   <KbBalanceCard />
 *   <KbTopUpForm onKbTopUp={(event) => console.info(event.detail.topUp.status)} />
 * </KbProvider>
 */
export { KbProvider } from './kb-provider.js';
export { KbLogin } from './kb-login.js';
export { KbBalanceCard } from './kb-balance-card.js';
export { KbTariffPicker } from './kb-tariff-picker.js';
export { KbNumberSwitcher } from './kb-number-switcher.js';
export { KbTopUpForm } from './kb-top-up-form.js';
export { elementEvents, eventProps, type EventProps, type EventPropName, type KabinetTag } from './events.js';
export type { KabinetElementProps, KabinetEventAttributes } from './jsx.js';
