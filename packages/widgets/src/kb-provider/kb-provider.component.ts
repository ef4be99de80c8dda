import { LitElement, html, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { createClient, parsePhone, type KabinetClient, type Locale } from '@kabinet/client';
import { kabinetContext, type CaptchaHook, type KabinetContext } from '../shared/context.js';
import { localeOf } from '../shared/kabinet-controller.js';
import { emit } from '../shared/events.js';
import styles from './kb-provider.styles.js';

export type Theme = 'light' | 'dark' | 'auto';

/**
 * @summary Holds the client, session, active number, locale and theme, and
 * provides them to every Kabinet widget inside it.
 *
 * @example
 * <kb-provider api-base="https://api.example.ru" locale="ru" theme="auto">
 *   <kb-login></kb-login>
 *   <kb-balance-card></kb-balance-card>
 * </kb-provider>
 *
 * @slot - The widgets (and any other content).
 *
 * @fires kb-session-expired - The session ended (20 minutes without activity); `detail.msisdn` is the number that was signed in.
 * @fires kb-number-change - The active number changed (sign-in, the `msisdn` attribute, a number switcher); `detail.msisdn`.
 *
 * @cssprop --kb-font-family - Font of every widget (default: the system UI font).
 * @cssprop --kb-font-size - Base font size.
 * @cssprop --kb-color-accent - Primary buttons, links, meters.
 * @cssprop --kb-color-on-accent - Text on the accent color.
 * @cssprop --kb-color-surface - Card background.
 * @cssprop --kb-color-surface-raised - Skeletons, badges, hovered controls.
 * @cssprop --kb-color-text - Main text.
 * @cssprop --kb-color-text-muted - Secondary text.
 * @cssprop --kb-color-border - Borders and meter tracks.
 * @cssprop --kb-color-danger - Errors.
 * @cssprop --kb-color-success - Success messages.
 * @cssprop --kb-color-warning - Zero balance, stale data.
 * @cssprop --kb-radius - Corner radius of cards.
 * @cssprop --kb-space - The spacing unit.
 * @cssprop --kb-shadow - Card shadow.
 * @cssprop --kb-focus-ring - Focus indicator (a box-shadow).
 */
export default class KbProvider extends LitElement {
  static override styles = styles;

  static override properties = {
    apiBase: { type: String, attribute: 'api-base', reflect: true },
    publishableKey: { type: String, attribute: 'publishable-key' },
    sessionToken: { type: String, attribute: 'session-token' },
    locale: { type: String, reflect: true },
    msisdn: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    client: { attribute: false },
    captcha: { attribute: false },
  };

  /** Base URL of the Kabinet API (ignored when `client` is set). */
  declare apiBase: string | undefined;
  /** A publishable key `pk_…` for anonymous use such as top-up of any number. */
  declare publishableKey: string | undefined;
  /** A session token minted by the partner's backend: the widgets are signed in with it. */
  declare sessionToken: string | undefined;
  /** `ru` or `en`; else the nearest `lang` attribute, else `ru`. */
  declare locale: Locale | undefined;
  /** The active number (E.164 or any common format) every widget shows. */
  declare msisdn: string | undefined;
  /** Color theme: `light`, `dark`, or `auto` (follows the system). */
  declare theme: Theme;
  /** A ready client (for example wired to the in-browser sandbox); wins over `api-base`. */
  declare client: KabinetClient | undefined;
  /** Asked for a captcha token when the API says `captcha_required`. */
  declare captcha: CaptchaHook | undefined;

  #created: KabinetClient | undefined;
  #createdFrom = '';
  #unsubscribe: (() => void) | undefined;
  #watched: KabinetClient | undefined;
  #lastSession: KabinetClient['session'] | undefined;

  readonly #provider = new ContextProvider(this, { context: kabinetContext, initialValue: undefined });

  constructor() {
    super();
    this.theme = 'light';
  }

  /** The client the widgets use: `client`, else the one made from the attributes. */
  get activeClient(): KabinetClient | undefined {
    return this.client ?? this.#created;
  }

  /** The locale in effect. */
  get resolvedLocale(): Locale {
    return this.locale === 'en' || this.locale === 'ru' ? this.locale : localeOf(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch(this.activeClient);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.client) this.#createFromAttributes();
    const client = this.activeClient;
    const locale = this.resolvedLocale;
    client?.setLocale(locale);
    if (changed.has('msisdn') || changed.has('client') || changed.has('apiBase')) {
      const msisdn = this.msisdn ? parsePhone(this.msisdn) : null;
      if (client && msisdn) client.store.setActiveMsisdn(msisdn);
    }
    this.#watch(client);
    const current = this.#provider.value;
    if (!client) {
      if (current) this.#provider.setValue(undefined);
      return;
    }
    const captcha = this.captcha ?? null;
    if (!current || current.client !== client || current.locale !== locale || current.captcha !== captcha) {
      const value: KabinetContext = { client, locale, captcha };
      this.#provider.setValue(value);
    }
  }

  override render() {
    return html`<slot></slot>`;
  }

  #createFromAttributes(): void {
    const key = JSON.stringify([this.apiBase, this.sessionToken, this.publishableKey]);
    if (key === this.#createdFrom) return;
    this.#createdFrom = key;
    this.#created = undefined;
    if (!this.apiBase) return;
    const auth = this.sessionToken
      ? ({ type: 'session', token: this.sessionToken } as const)
      : this.publishableKey
        ? ({ type: 'publishable', key: this.publishableKey } as const)
        : ({ type: 'otp' } as const);
    this.#created = createClient({ baseUrl: this.apiBase, auth, locale: this.resolvedLocale });
  }

  #watch(client: KabinetClient | undefined): void {
    if (client === this.#watched && (client === undefined || this.#unsubscribe)) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#watched = client;
    if (!client || !this.isConnected) return;
    this.#lastSession = client.session;
    const stopNumbers = client.store.onActiveMsisdnChange((msisdn) => {
      if (msisdn) emit(this, 'kb-number-change', { msisdn });
    });
    const stopSession = client.onSessionChange(() => {
      const previous = this.#lastSession;
      const session = client.session;
      this.#lastSession = session;
      if (session.status === 'expired' && previous?.status !== 'expired') {
        emit(this, 'kb-session-expired', { msisdn: session.msisdn ?? previous?.msisdn ?? null });
      }
    });
    this.#unsubscribe = () => {
      stopNumbers();
      stopSession();
    };
  }
}
