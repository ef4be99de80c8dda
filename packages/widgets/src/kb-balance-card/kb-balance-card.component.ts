import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleProps } from '../shared/style-props.js';
import {
  RefusedError,
  formatMoney,
  formatPhone,
  isNonPositive,
  parsePhone,
  type Balance,
  type Bucket,
  type Locale,
  type Me,
  type Msisdn,
  type ResourceState,
} from '@kabinet/client';
import { KabinetController } from '../shared/kabinet-controller.js';
import { ResourceController } from '../shared/resource-controller.js';
import { explain } from '../shared/problem.js';
import { emit } from '../shared/events.js';
import { balanceMessages, type Messages } from './messages.js';
import { alertIcon, lockIcon, refreshIcon } from '../shared/icons.js';
import { formatAsOf, formatBillingDate, formatDate, numberFormat } from '../shared/intl.js';
import styles from './kb-balance-card.styles.js';

/** Rows the loading skeleton reserves: a number usually has minutes, SMS and data. */
const SKELETON_METERS = 3;

/**
 * @summary A number's balance, tariff and package remainders, with its block
 * status; follows the provider's active number.
 *
 * @example
 * <kb-provider api-base="https://api.example.ru">
 *   <kb-balance-card>
 *     <a slot="actions" href="/top-up">Top up</a>
 *   </kb-balance-card>
 * </kb-provider>
 *
 * @slot actions - Host buttons or links in the footer (for example "Top up").
 *
 * @fires kb-error - The balance could not be loaded; `detail.code`, `detail.message`.
 *
 * @csspart base - The card.
 * @csspart header - The number, its label and the status badge.
 * @csspart title - The formatted number.
 * @csspart body - Balance, tariff and packages.
 * @csspart amount - The balance amount.
 * @csspart footer - "As of" time, refresh button and the actions slot.
 * @csspart button - Refresh and "Try again".
 * @csspart error - Error, refusal and stale-data messages.
 * @csspart skeleton - Loading placeholders.
 *
 * @cssprop --kb-color-warning - Zero or negative balance, stale data.
 * @cssprop --kb-color-accent - Meter fill.
 * @cssprop --kb-color-border - Meter track.
 */
export default class KbBalanceCard extends LitElement {
  static override styles = styles;

  static override properties = {
    msisdn: { type: String, reflect: true },
    announcement: { state: true },
  };

  /** Show this number instead of the provider's active number (any common format). */
  declare msisdn: string | undefined;
  declare protected announcement: string;

  readonly #kabinet = new KabinetController(this, balanceMessages);
  readonly #balance = new ResourceController<Balance>(this);
  readonly #me = new ResourceController<Me>(this);
  #lastState: ResourceState<Balance> | undefined;

  constructor() {
    super();
    this.announcement = '';
  }

  /** The number this card shows, or `null` while unknown. */
  get shownMsisdn(): Msisdn | null {
    return (this.msisdn ? parsePhone(this.msisdn) : null) ?? this.#kabinet.activeMsisdn;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const client = this.#kabinet.client;
    const signedIn = client?.session.status === 'signed-in';
    const msisdn = this.shownMsisdn;
    this.#me.bind(client && signedIn ? client.store.me() : undefined);
    this.#balance.bind(client && signedIn && msisdn ? client.store.balance(msisdn) : undefined);
    // After sign-in or expiry the store was cleared: watchers see `idle` and ask again.
    if (signedIn && this.#balance.state?.status === 'idle') this.#balance.load();
    if (signedIn && this.#me.state?.status === 'idle') this.#me.load();
    this.#noticeTransition(this.#balance.state);
  }

  /** Announces results (updated, failed) once, when the state changes to them. */
  #noticeTransition(state: ResourceState<Balance> | undefined): void {
    const previous = this.#lastState;
    this.#lastState = state;
    if (!state || state === previous || !previous) return;
    const t = this.#kabinet.messages;
    if (state.status === 'ready' && previous.refreshing) this.announcement = t.balance.updated;
    if (state.status === 'error' && previous.status !== 'error' && state.error) {
      const { code, message } = explain(state.error, t);
      this.announcement = state.data ? t.balance.stale : message;
      if (!(state.error instanceof RefusedError) && code !== 'session_expired') {
        emit(this, 'kb-error', { code, message, error: state.error });
      }
    }
  }

  override render() {
    const t = this.#kabinet.messages;
    const client = this.#kabinet.client;
    const session = client?.session;
    const state = this.#balance.state;
    let content: TemplateResult;
    if (!client) content = this.#renderMessage(t.noProvider);
    else if (session?.status === 'expired') content = this.#renderMessage(t.balance.sessionExpired);
    else if (session?.status !== 'signed-in') content = this.#renderMessage(t.balance.signedOut);
    else if (state?.data) content = this.#renderBalance(state.data, state);
    else if (state?.status === 'error' && state.error) content = this.#renderError(state.error);
    else content = this.#renderSkeleton();
    return html`${content}<div role="status" class="visually-hidden">${this.announcement}</div>`;
  }

  // ---- states --------------------------------------------------------------

  #renderMessage(text: string, extra: TemplateResult | typeof nothing = nothing) {
    const t = this.#kabinet.messages;
    return html`
      <article part="base" class="base" aria-labelledby="title">
        <header part="header" class="header">
          <div class="who">
            <h2 part="title" class="title" id="title">${this.#titleText()}</h2>
            <p class="muted label">${this.shownMsisdn ? t.balance.title : ''}</p>
          </div>
        </header>
        <div part="body" class="body message">
          <p>${text}</p>
          ${extra}
        </div>
        <footer part="footer" class="footer"><slot name="actions"></slot></footer>
      </article>
    `;
  }

  #renderError(error: unknown) {
    const t = this.#kabinet.messages;
    const { message } = explain(error, t);
    const refused = error instanceof RefusedError;
    return html`
      <article part="base" class="base" aria-labelledby="title">
        ${this.#renderHeader(null)}
        <div part="body" class="body message">
          <p part="error" class="note ${refused ? 'warning' : 'danger'}">
            ${alertIcon()}<span>${refused ? message : html`${t.balance.error} ${message}`}</span>
          </p>
          ${refused
            ? nothing
            : html`<button part="button" type="button" @click=${() => this.#balance.refresh()}>${t.tryAgain}</button>`}
        </div>
        <footer part="footer" class="footer"><slot name="actions"></slot></footer>
      </article>
    `;
  }

  #renderSkeleton() {
    const t = this.#kabinet.messages;
    const bar = (width: string) =>
      html`<span part="skeleton" class="skeleton" style=${styleProps({ width })}>&nbsp;</span>`;
    return html`
      <article part="base" class="base" aria-labelledby="title" aria-busy="true">
        <header part="header" class="header">
          <div class="who">
            <h2 part="title" class="title" id="title">
              ${this.shownMsisdn ? formatPhone(this.shownMsisdn) : html`<span class="visually-hidden">${t.balance.title}</span>${bar('11em')}`}
            </h2>
            <p class="muted label">${bar('7em')}</p>
          </div>
        </header>
        <div part="body" class="body" aria-hidden="true">
          <p class="amount">${bar('6em')}</p>
          <p class="tariff">${bar('12em')}</p>
          <ul class="meters">
            ${Array.from(
              { length: SKELETON_METERS },
              () => html`<li class="meter">
                <span>${bar('5em')}</span><span>${bar('6em')}</span>
                <span class="track"></span>
                <span class="renews">${bar('8em')}</span>
              </li>`,
            )}
          </ul>
        </div>
        <p class="visually-hidden">${t.loading}</p>
        <footer part="footer" class="footer">
          <p class="muted as-of">${bar('6em')}</p>
          <button part="button" type="button" aria-disabled="true" aria-label=${t.refresh}>${refreshIcon()}</button>
          <slot name="actions"></slot>
        </footer>
      </article>
    `;
  }

  #renderBalance(balance: Balance, state: ResourceState<Balance>) {
    const t = this.#kabinet.messages;
    const locale = this.#kabinet.locale;
    const low = isNonPositive(balance.balance);
    const stale = state.status === 'error';
    // Stale, the refresh button shows "Try again", which then names it (label in name, WCAG 2.5.3).
    return html`
      <article part="base" class="base" aria-labelledby="title" aria-busy=${state.refreshing ? 'true' : 'false'}>
        ${this.#renderHeader(balance)}
        <div part="body" class="body">
          <p class="visually-hidden">${t.balance.title}</p>
          <p part="amount" class="amount ${low ? 'low' : ''}">${formatMoney(balance.balance, locale)}</p>
          ${low ? html`<p class="note warning">${alertIcon()}<span>${t.balance.lowBalance}</span></p>` : nothing}
          ${balance.block ? this.#renderBlock(balance.block, t, locale) : nothing}
          <p class="tariff"><span class="muted">${t.balance.tariff}:</span> <span class="name">${balance.tariff.name}</span></p>
          ${balance.buckets.length
            ? html`<ul class="meters" aria-label=${t.balance.packages}>
                ${balance.buckets.map((bucket) => this.#renderBucket(bucket, t, locale))}
              </ul>`
            : nothing}
          ${stale
            ? html`<p part="error" class="note warning">${alertIcon()}<span>${t.balance.stale}</span></p>`
            : nothing}
        </div>
        <footer part="footer" class="footer">
          <p class="muted as-of">${t.balance.asOf(formatAsOf(balance.asOf, locale))}</p>
          <button
            part="button"
            type="button"
            aria-label=${stale ? nothing : state.refreshing ? t.balance.refreshing : t.refresh}
            aria-disabled=${state.refreshing ? 'true' : 'false'}
            @click=${() => !state.refreshing && this.#balance.refresh()}
          >
            ${refreshIcon(state.refreshing)}${stale ? html`<span>${t.tryAgain}</span>` : nothing}
          </button>
          <slot name="actions"></slot>
        </footer>
      </article>
    `;
  }

  #titleText(): string {
    const msisdn = this.shownMsisdn;
    return msisdn ? formatPhone(msisdn) : this.#kabinet.messages.balance.title;
  }

  #renderHeader(balance: Balance | null) {
    const t = this.#kabinet.messages;
    const msisdn = balance?.msisdn ?? this.shownMsisdn;
    const account = this.#me.state?.data?.numbers.find((number) => number.msisdn === msisdn);
    const label = account?.label ?? (account ? (account.role === 'primary' ? t.balance.primary : t.balance.linked) : '');
    return html`
      <header part="header" class="header">
        <div class="who">
          <h2 part="title" class="title" id="title">${msisdn ? formatPhone(msisdn) : t.balance.title}</h2>
          <p class="muted label">${label}</p>
        </div>
        ${balance?.status === 'blocked' ? html`<span class="badge">${lockIcon()}${t.balance.blocked}</span>` : nothing}
      </header>
    `;
  }

  #renderBlock(block: NonNullable<Balance['block']>, t: Messages, locale: Locale) {
    const until = block.until
      ? t.balance.blockedUntil(formatDate(block.until, locale))
      : t.balance.blockedOpenEnded;
    const who = block.kind === 'voluntary' ? t.balance.blockedVoluntary : t.balance.blockedOperator;
    return html`<p class="note danger">${lockIcon()}<span>${until} ${who}</span></p>`;
  }

  #renderBucket(bucket: Bucket, t: Messages, locale: Locale) {
    const name = t.kind[bucket.kind];
    const renews = html`<span class="renews">${t.balance.renews(formatBillingDate(bucket.renewsAt, locale))}</span>`;
    if (bucket.total === null) {
      return html`<li class="meter">
        <span class="kind">${name}</span><span class="value">${t.balance.unlimited}</span>
        <span class="track" aria-hidden="true"><span class="fill" style=${styleProps({ width: '100%' })}></span></span>
        ${renews}
      </li>`;
    }
    const left = Math.max(0, bucket.total - bucket.used);
    const { unit, scale, digits } = displayUnit(bucket);
    const number = numberFormat(locale, digits);
    const leftText = number.format(left / scale);
    const totalText = number.format(bucket.total / scale);
    const unitText = t.balance.unit[unit];
    const percent = bucket.total > 0 ? (left / bucket.total) * 100 : 0;
    const id = `meter-${bucket.kind}`;
    return html`<li class="meter">
      <span class="kind" id=${id}>${name}</span>
      <span class="value" aria-hidden="true">${t.balance.remaining(leftText, totalText, unitText)}</span>
      <div
        class="track"
        role="meter"
        aria-labelledby=${id}
        aria-valuemin="0"
        aria-valuemax=${bucket.total}
        aria-valuenow=${left}
        aria-valuetext=${t.balance.remainingLong(leftText, totalText, unitText)}
      >
        <span class="fill" style=${styleProps({ width: `${percent}%` })}></span>
      </div>
      ${renews}
    </li>`;
  }
}

/** Data in GB (one decimal) once it reaches a gigabyte; minutes and SMS as they are. */
function displayUnit(bucket: Bucket): { unit: 'min' | 'sms' | 'GB' | 'MB'; scale: number; digits: number } {
  if (bucket.unit !== 'MB') return { unit: bucket.unit, scale: 1, digits: 0 };
  if ((bucket.total ?? 0) >= 1024) return { unit: 'GB', scale: 1024, digits: 1 };
  return { unit: 'MB', scale: 1, digits: 0 };
}
