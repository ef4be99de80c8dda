/**
 * @kabinet/widgets: Lit web components for the Kabinet self-care account.
 * Importing this module registers every element (safely, if loaded twice).
 *
 * @example
 * import '@kabinet/widgets';
 * // <kb-provider api-base="https://api.example.ru"><kb-login></kb-login><kb-balance-card></kb-balance-card></kb-provider>
 */
export { KbProvider, type Theme } from './kb-provider/kb-provider.js';
export { KbLogin } from './kb-login/kb-login.js';
export { KbBalanceCard } from './kb-balance-card/kb-balance-card.js';
export { KbTariffPicker } from './kb-tariff-picker/kb-tariff-picker.js';
export { KbTopUpForm } from './kb-top-up-form/kb-top-up-form.js';
export { KbNumberSwitcher } from './kb-number-switcher/kb-number-switcher.js';
export { define, VERSION } from './shared/define.js';
export { kabinetContext, type KabinetContext, type CaptchaHook } from './shared/context.js';
export { KabinetController } from './shared/kabinet-controller.js';
export { ResourceController } from './shared/resource-controller.js';
export { type CommonMessages, type ExplainedCode } from './shared/messages.js';
export { messages, type SharedMessages } from './host-messages.js';
export { TOKEN_NAMES } from './shared/tokens.styles.js';
export {
  emit,
  type KabinetEventDetails,
  type KabinetEventName,
  type KabinetEvent,
  type KbLoginDetail,
  type KbLogoutDetail,
  type KbSessionExpiredDetail,
  type KbNumberChangeDetail,
  type KbErrorDetail,
  type KbTariffChangeDetail,
  type KbTopUpDetail,
} from './shared/events.js';
