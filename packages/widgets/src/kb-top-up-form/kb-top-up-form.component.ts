import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  BONUS_POINT_VALUE,
  KabinetError,
  TOP_UP_LIMITS,
  cardBrand,
  formatCardNumber,
  formatMoney,
  formatPhone,
  isExpired,
  isValidCardNumber,
  parseExpiry,
  parsePhone,
  topUpFee,
  type Me,
  type Money,
  type Msisdn,
  type SessionState,
  type TopUp,
  type TopUpIntent,
  type TopUpPayment,
} from '@kabinet/client';
import { KabinetController } from '../shared/kabinet-controller.js';
import { topUpMessages } from './messages.js';
import { ResourceController } from '../shared/resource-controller.js';
import { explain } from '../shared/problem.js';
import { emit } from '../shared/events.js';
import styles from './kb-top-up-form.styles.js';

type Source = TopUpPayment['type'];
type Field = 'msisdn' | 'amount' | 'card' | 'expiry' | 'cvc';

/** Amount chips, rubles (WIDGETS.md). */
const PRESETS = [100, 300, 500, 1000];

/** Where a payment whose outcome is unknown is remembered across a reload: its id only, never card data. */
export const PENDING_STORAGE_KEY = 'kb-top-up:pending';

const rub = (rubles: number): Money => ({ amount: Math.round(rubles * 100), currency: 'RUB' });

/**
 * @summary Top up any number by card (or, signed in, by bonus points or from
 * another own number): limits and fee shown before paying, 3-D Secure in a
 * dialog, one payment however often "Pay" is clicked, and a receipt.
 *
 * @example
 * <kb-provider api-base="https://api.example.ru" publishable-key="pk_test_demo">
 *   <kb-top-up-form></kb-top-up-form>
 * </kb-provider>
 *
 * @fires kb-top-up - A payment settled or is pending; `detail.topUp` (status, amount, reference).
 * @fires kb-error - A failure the widget could not explain; `detail.code`, `detail.message`.
 *
 * @csspart base - The card.
 * @csspart title - The heading.
 * @csspart label - Field labels.
 * @csspart input - Every field.
 * @csspart error - Error messages.
 * @csspart button - Every button.
 * @csspart button-primary - "Pay" and "Another payment".
 * @csspart amount - The total and the receipt's amount.
 * @csspart dialog - The 3-D Secure dialog.
 *
 * @cssprop --kb-color-accent - Primary button, chosen amount chip.
 * @cssprop --kb-color-danger - Error messages.
 */
export default class KbTopUpForm extends LitElement {
  static override styles = styles;

  static override properties = {
    msisdn: { type: String },
    heading: { type: String },
    phoneText: { state: true },
    amountText: { state: true },
    source: { state: true },
    fromMsisdn: { state: true },
    cardText: { state: true },
    expiryText: { state: true },
    cvc: { state: true },
    errors: { state: true },
    message: { state: true },
    busy: { state: true },
    topUp: { state: true },
    newBalance: { state: true },
  };

  /** The number to top up; defaults to the active number when signed in. */
  declare msisdn: string;
  /**
   * The form's title, instead of "Top up" ("Пополнить"). Give each form its own
   * when a page has more than one: the title also names the form's region.
   */
  declare heading: string | undefined;
  declare protected phoneText: string;
  declare protected amountText: string;
  declare protected source: Source;
  declare protected fromMsisdn: string;
  declare protected cardText: string;
  declare protected expiryText: string;
  declare protected cvc: string;
  declare protected errors: Partial<Record<Field, string>>;
  declare protected message: string;
  declare protected busy: boolean;
  /** The payment being shown: pending, in 3-D Secure, or settled (the receipt). */
  declare protected topUp: TopUp | null;
  declare protected newBalance: Money | null;

  readonly #kabinet = new KabinetController(this, topUpMessages);
  /** The account's numbers (the "another of my numbers" source), signed in only. */
  readonly #me = new ResourceController<Me>(this);
  /** The account's recent top-ups: the numbers to choose from and the one to repeat. */
  readonly #recent = new ResourceController<TopUp[]>(this);
  /** Set synchronously on submit: a double click cannot start a second payment. */
  #submitting = false;
  #intent: TopUpIntent | null = null;
  #waiting: AbortController | null = null;
  #nudge: (() => void) | undefined;
  #prefilled: string | null = null;
  /** The session a stored pending payment was last looked up for: once per session, not on every render. */
  #resumedFor: SessionState | null = null;

  constructor() {
    super();
    this.msisdn = '';
    this.phoneText = '';
    this.amountText = '100';
    this.source = 'card';
    this.fromMsisdn = '';
    this.cardText = '';
    this.expiryText = '';
    this.cvc = '';
    this.errors = {};
    this.message = '';
    this.busy = false;
    this.topUp = null;
    this.newBalance = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#onMessage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.#onMessage);
    this.#waiting?.abort();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const client = this.#kabinet.client;
    const signedIn = client?.session.status === 'signed-in';
    const target = this.msisdn || (signedIn ? this.#kabinet.activeMsisdn : null) || '';
    // Follow the active number until the person types their own.
    if (target && target !== this.#prefilled && (this.phoneText === '' || this.phoneText === formatPhone(this.#prefilled ?? ''))) {
      this.phoneText = formatPhone(target);
    }
    this.#prefilled = target || this.#prefilled;
    if (!signedIn && this.source !== 'card') this.source = 'card';
    this.#me.bind(signedIn ? client?.store.me() : undefined);
    this.#recent.bind(signedIn ? client?.store.topUps() : undefined);
    if (client && !this.topUp && !this.#waiting && this.#canPay() && this.#resumedFor !== client.session) this.#resumePending();
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    const open = this.topUp?.status === 'requires_action';
    if (dialog && open && !dialog.open) dialog.showModal();
    if (dialog && !open && dialog.open) dialog.close();
  }

  override render() {
    const t = this.#kabinet.messages.topUp;
    const client = this.#kabinet.client;
    const settled = this.topUp?.status === 'succeeded';
    let body;
    if (!client) body = html`<p class="muted">${this.#kabinet.messages.noProvider}</p>`;
    else if (settled && this.topUp) body = this.#renderReceipt(this.topUp);
    else if (this.topUp && this.topUp.status === 'processing') body = this.#renderPending(this.topUp);
    else body = this.#renderForm();
    return html`
      <section part="base" class="base" aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
        <h2 part="title" class="title" id="title">${settled ? t.succeededTitle : this.heading || t.title}</h2>
        ${body} ${this.#renderChallenge()}
      </section>
    `;
  }

  // ---- rendering ------------------------------------------------------------

  #renderForm() {
    const t = this.#kabinet.messages.topUp;
    const locale = this.#kabinet.locale;
    const signedIn = this.#kabinet.client?.session.status === 'signed-in';
    const amount = this.#amount();
    const fee = amount ? topUpFee(amount, this.source) : null;
    const money = (value: number) => formatMoney({ amount: value, currency: 'RUB' }, locale, { whole: true });
    const error = (field: Field) => html`<p part="error" class="error" id="${field}-error">${this.errors[field] ?? ''}</p>`;
    const invalid = (field: Field) => (this.errors[field] ? 'true' : 'false');
    const mustSignIn = !this.#canPay();
    return html`
      <form novalidate @submit=${this.#onSubmit}>
        ${mustSignIn ? html`<p class="notice" id="sign-in-notice">${t.signInToPay}</p>` : nothing}
        ${signedIn ? this.#renderRecent() : nothing}
        <div class="field">
          <label part="label" for="msisdn">${t.numberLabel}</label>
          <input part="input" id="msisdn" name="msisdn" type="tel" inputmode="tel" autocomplete="tel" spellcheck="false"
            .value=${live(this.phoneText)} aria-invalid=${invalid('msisdn')} aria-describedby="msisdn-hint msisdn-error"
            @input=${(event: InputEvent) => (this.phoneText = (event.target as HTMLInputElement).value)} />
          <p class="muted" id="msisdn-hint">${t.numberHint}</p>
          ${error('msisdn')}
        </div>
        <fieldset>
          <legend part="label">${t.presets}</legend>
          <div class="chips">
            ${PRESETS.map(
              (rubles) => html`<button part="button" type="button" aria-pressed=${this.amountText === String(rubles) ? 'true' : 'false'}
                @click=${() => (this.amountText = String(rubles))}>${money(rubles * 100)}</button>`,
            )}
          </div>
        </fieldset>
        <div class="field">
          <label part="label" for="amount">${t.amountLabel}</label>
          <input part="input" id="amount" name="amount" type="text" inputmode="decimal" autocomplete="transaction-amount"
            .value=${live(this.amountText)} aria-invalid=${invalid('amount')} aria-describedby="amount-hint amount-error"
            @input=${(event: InputEvent) => (this.amountText = (event.target as HTMLInputElement).value)} />
          <p class="muted" id="amount-hint">
            ${t.limits(money(TOP_UP_LIMITS.minAmount), money(TOP_UP_LIMITS.maxAmount), money(TOP_UP_LIMITS.dailyAmount))}
          </p>
          ${error('amount')}
        </div>
        ${signedIn ? this.#renderSources() : nothing}
        ${this.source === 'card' ? this.#renderCard() : nothing}
        ${this.source === 'number' ? this.#renderFromNumber() : nothing}
        ${this.source === 'bonus' ? html`<p class="muted">${t.bonusRate}</p>` : nothing}
        <dl class="summary">
          <dt>${t.amount}</dt><dd>${amount ? formatMoney(amount, locale) : '—'}</dd>
          <dt>${t.fee}</dt><dd>${fee ? formatMoney(fee, locale) : '—'}</dd>
          <dt class="total">${t.total}</dt><dd class="total" part="amount">${amount && fee ? formatMoney({ amount: amount.amount + fee.amount, currency: 'RUB' }, locale) : '—'}</dd>
        </dl>
        <button part="button button-primary" class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}
          aria-describedby=${mustSignIn ? 'sign-in-notice' : nothing}>
          ${this.busy ? t.paying : t.pay(amount && fee ? formatMoney({ amount: amount.amount + fee.amount, currency: 'RUB' }, locale, { whole: true }) : '')}
        </button>
        <p part="error" class="error" role="alert">${this.message}</p>
      </form>
    `;
  }

  #renderSources() {
    const t = this.#kabinet.messages.topUp;
    const options: [Source, string][] = [['card', t.sourceCard], ['bonus', t.sourceBonus], ['number', t.sourceNumber]];
    return html`
      <fieldset>
        <legend part="label">${t.sourceLabel}</legend>
        <div class="sources">
          ${options.map(
            ([value, label]) => html`<label><input type="radio" name="source" .value=${value} .checked=${live(this.source === value)}
              @change=${() => (this.source = value)} />${label}</label>`,
          )}
        </div>
      </fieldset>
    `;
  }

  /** Recent numbers as one-click choices, and the last payment repeated in one step. */
  #renderRecent() {
    const t = this.#kabinet.messages.topUp;
    const locale = this.#kabinet.locale;
    const paid = (this.#recent.state?.data ?? []).filter((topUp) => topUp.status === 'succeeded');
    const [last] = paid;
    if (!last) return nothing;
    const numbers = [...new Set(paid.map((topUp) => topUp.msisdn))];
    const typed = parsePhone(this.phoneText);
    return html`
      <button part="button" class="repeat" type="button" @click=${() => this.#repeat(last)}>
        ${t.repeat(formatMoney(last.amount, locale, { whole: true }), formatPhone(last.msisdn))}
      </button>
      <fieldset>
        <legend part="label">${t.recent}</legend>
        <div class="chips">
          ${numbers.map(
            (msisdn) => html`<button part="button" type="button" aria-pressed=${typed === msisdn ? 'true' : 'false'}
              @click=${() => (this.phoneText = formatPhone(msisdn))}>${formatPhone(msisdn)}</button>`,
          )}
        </div>
      </fieldset>
    `;
  }

  #renderFromNumber() {
    const t = this.#kabinet.messages.topUp;
    const me = this.#me.state?.data;
    const target = parsePhone(this.phoneText);
    const numbers = (me?.numbers ?? []).filter((number) => number.status === 'active' && number.msisdn !== target);
    if (!this.fromMsisdn && numbers[0]) this.fromMsisdn = numbers[0].msisdn;
    return html`
      <div class="field">
        <label part="label" for="from">${t.fromNumberLabel}</label>
        <select part="input" id="from" @change=${(event: Event) => (this.fromMsisdn = (event.target as HTMLSelectElement).value)}>
          ${numbers.map((number) => html`<option .value=${number.msisdn} ?selected=${number.msisdn === this.fromMsisdn}>${formatPhone(number.msisdn)}${number.label ? ` · ${number.label}` : ''}</option>`)}
        </select>
      </div>
    `;
  }

  #renderCard() {
    const t = this.#kabinet.messages.topUp;
    const brand = cardBrand(this.cardText);
    const invalid = (field: Field) => (this.errors[field] ? 'true' : 'false');
    const error = (field: Field) => html`<p part="error" class="error" id="${field}-error">${this.errors[field] ?? ''}</p>`;
    return html`
      <div class="field">
        <div class="label-row">
          <label part="label" for="card">${t.cardNumberLabel}</label>
          <span class="brand" id="card-brand">${brand ? t.brand[brand] : ''}</span>
        </div>
        <input part="input" id="card" name="cardnumber" type="text" inputmode="numeric" autocomplete="cc-number" spellcheck="false"
          .value=${live(this.cardText)} aria-invalid=${invalid('card')} aria-describedby="card-brand card-error"
          @input=${(event: InputEvent) => (this.cardText = formatCardNumber((event.target as HTMLInputElement).value))} />
        ${error('card')}
      </div>
      <div class="card-row">
        <div class="field">
          <label part="label" for="expiry">${t.expiryLabel}</label>
          <input part="input" id="expiry" name="exp-date" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder=${t.expiryHint}
            .value=${live(this.expiryText)} aria-invalid=${invalid('expiry')} aria-describedby="expiry-error"
            @input=${(event: InputEvent) => (this.expiryText = (event.target as HTMLInputElement).value)} />
          ${error('expiry')}
        </div>
        <div class="field">
          <label part="label" for="cvc">${t.cvcLabel}</label>
          <input part="input" id="cvc" name="cvc" type="password" inputmode="numeric" autocomplete="cc-csc" maxlength="4"
            .value=${live(this.cvc)} aria-invalid=${invalid('cvc')} aria-describedby="cvc-error"
            @input=${(event: InputEvent) => (this.cvc = (event.target as HTMLInputElement).value)} />
          ${error('cvc')}
        </div>
      </div>
    `;
  }

  #renderPending(topUp: TopUp) {
    const t = this.#kabinet.messages.topUp;
    return html`
      <div role="status" class="notice">
        <p><strong>${t.pendingTitle}</strong></p>
        <p>${t.pendingText}</p>
        <p>${t.reference}: <span class="reference">${topUp.reference}</span></p>
      </div>
    `;
  }

  #renderReceipt(topUp: TopUp) {
    const t = this.#kabinet.messages.topUp;
    const locale = this.#kabinet.locale;
    return html`
      <div role="status">
        <dl class="summary">
          <dt>${t.receiptNumber}</dt><dd>${formatPhone(topUp.msisdn)}</dd>
          <dt>${t.amount}</dt><dd part="amount">${formatMoney(topUp.amount, locale)}</dd>
          <dt>${t.fee}</dt><dd>${formatMoney(topUp.fee, locale)}</dd>
          ${this.newBalance ? html`<dt>${t.newBalance}</dt><dd class="new-balance">${formatMoney(this.newBalance, locale)}</dd>` : nothing}
          <dt>${t.reference}</dt><dd class="reference">${topUp.reference}</dd>
        </dl>
      </div>
      <button part="button button-primary" class="primary" type="button" @click=${this.#another}>${t.another}</button>
    `;
  }

  #renderChallenge() {
    const t = this.#kabinet.messages.topUp;
    const topUp = this.topUp?.status === 'requires_action' ? this.topUp : null;
    const url = topUp?.nextAction?.url ?? null;
    return html`
      <dialog part="dialog" aria-labelledby="challenge-title" aria-describedby="challenge-text" @cancel=${(event: Event) => event.preventDefault()}>
        <h3 id="challenge-title">${t.challengeTitle}</h3>
        <p id="challenge-text">${t.challengeText}</p>
        ${topUp && url
          ? html`<iframe title=${t.challengeFrame} src=${url}></iframe>`
          : topUp
            ? html`<div class="actions">
                <button part="button button-primary" class="primary" type="button" @click=${() => this.#answer(topUp, 'approve')}>${t.approve}</button>
                <button part="button" type="button" @click=${() => this.#answer(topUp, 'decline')}>${t.decline}</button>
              </div>`
            : nothing}
      </dialog>
    `;
  }

  // ---- intents ----------------------------------------------------------------

  #amount(): Money | null {
    const value = Number(this.amountText.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(value) && value > 0 ? rub(value) : null;
  }

  #validate(): { msisdn: Msisdn; amount: Money; source: TopUpPayment } | null {
    const t = this.#kabinet.messages.topUp;
    const locale = this.#kabinet.locale;
    const errors: Partial<Record<Field, string>> = {};
    const msisdn = parsePhone(this.phoneText);
    if (!msisdn) errors.msisdn = t.numberInvalid;
    const amount = this.#amount();
    const money = (value: number) => formatMoney({ amount: value, currency: 'RUB' }, locale, { whole: true });
    if (!amount || amount.amount < TOP_UP_LIMITS.minAmount || amount.amount > TOP_UP_LIMITS.maxAmount) {
      errors.amount = t.amountInvalid(money(TOP_UP_LIMITS.minAmount), money(TOP_UP_LIMITS.maxAmount));
    } else if (this.source === 'bonus' && amount.amount % BONUS_POINT_VALUE !== 0) errors.amount = t.bonusWhole;
    let source: TopUpPayment = { type: 'bonus' };
    if (this.source === 'card') {
      const expiry = parseExpiry(this.expiryText);
      if (!isValidCardNumber(this.cardText)) errors.card = t.cardInvalid;
      if (!expiry || isExpired(expiry.month, expiry.year, new Date())) errors.expiry = t.expiryInvalid;
      if (!/^\d{3,4}$/.test(this.cvc)) errors.cvc = t.cvcInvalid;
      if (expiry) source = { type: 'card', card: { number: this.cardText, expMonth: expiry.month, expYear: expiry.year, cvc: this.cvc } };
    } else if (this.source === 'number') source = { type: 'number', msisdn: this.fromMsisdn };
    this.errors = errors;
    if (Object.keys(errors).length > 0 || !msisdn || !amount) {
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return null;
    }
    return { msisdn, amount, source };
  }

  /** Whether paying can work now: signed in, or anonymous through a publishable key. */
  #canPay(): boolean {
    const client = this.#kabinet.client;
    return client?.session.status === 'signed-in' || client?.authMode === 'publishable';
  }

  #onSubmit = (event: Event) => {
    event.preventDefault();
    void this.#pay();
  };

  /** Fills the form with a past payment; bonus and own-number payments go at once, a card (never stored) must be typed. */
  #repeat(topUp: TopUp): void {
    this.phoneText = formatPhone(topUp.msisdn);
    this.amountText = String(topUp.amount.amount / 100);
    this.source = topUp.source.type;
    if (topUp.source.type === 'number' && topUp.source.msisdn) this.fromMsisdn = topUp.source.msisdn;
    this.errors = {};
    this.message = '';
    if (topUp.source.type !== 'card') {
      void this.#pay();
      return;
    }
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#card')?.focus());
  }

  async #pay(): Promise<void> {
    const client = this.#kabinet.client;
    if (!client || this.#submitting) return;
    if (!this.#canPay()) {
      // Nothing is sent: what was typed stays for after sign-in.
      this.message = this.#kabinet.messages.topUp.signInToPay;
      return;
    }
    const order = this.#validate();
    if (!order) return;
    this.#submitting = true;
    this.busy = true;
    this.message = '';
    // The same intent (and key) is sent again while the last attempt's outcome is unknown: paid at most once.
    const intent = (this.#intent ??= client.topUps.intent());
    try {
      const topUp = await intent.submit(order);
      this.#intent = null;
      await this.#follow(topUp);
    } catch (error) {
      if (!intent.unresolved) this.#intent = null;
      this.#explain(error);
    } finally {
      this.#submitting = false;
      this.busy = false;
    }
  }

  /** Shows the payment and, while it is pending, waits for its outcome. */
  async #follow(topUp: TopUp): Promise<void> {
    const client = this.#kabinet.client;
    if (!client) return;
    this.topUp = topUp;
    if (topUp.status === 'processing' || topUp.status === 'requires_action') {
      sessionStorage.setItem(PENDING_STORAGE_KEY, topUp.id);
      emit(this, 'kb-top-up', { topUp });
      this.#waiting?.abort();
      const waiting = (this.#waiting = new AbortController());
      try {
        topUp = await client.topUps.settled(topUp.id, { signal: waiting.signal, nudge: (poll) => (this.#nudge = poll) });
      } catch (error) {
        if (waiting.signal.aborted) return;
        // The outcome is still unknown: keep showing it as pending, never as failed.
        this.#explain(error);
        return;
      } finally {
        if (this.#waiting === waiting) this.#waiting = null;
      }
    }
    sessionStorage.removeItem(PENDING_STORAGE_KEY);
    await this.#settle(topUp);
  }

  async #settle(topUp: TopUp): Promise<void> {
    const client = this.#kabinet.client;
    const t = this.#kabinet.messages.topUp;
    emit(this, 'kb-top-up', { topUp });
    if (topUp.status === 'failed') {
      this.topUp = null;
      this.cvc = '';
      this.message = t.failed[topUp.failureCode ?? ''] ?? this.#kabinet.messages.problem.unknown;
      return;
    }
    this.cardText = '';
    this.expiryText = '';
    this.cvc = '';
    this.newBalance = null;
    this.topUp = topUp;
    if (client?.session.status === 'signed-in') {
      const balance = await client.store.balance(topUp.msisdn as Msisdn).load().catch(() => undefined);
      this.newBalance = balance?.balance ?? null;
    }
  }

  #resumePending(): void {
    const id = sessionStorage.getItem(PENDING_STORAGE_KEY);
    const client = this.#kabinet.client;
    if (!id || !client) return;
    this.#resumedFor = client.session;
    this.#waiting = new AbortController();
    const signal = this.#waiting.signal;
    client.topUps
      .get(id, { signal })
      .then((topUp) => {
        this.#waiting = null;
        return this.#follow(topUp);
      })
      .catch((error: unknown) => {
        this.#waiting = null;
        // Not ours (another payer) or gone: forget it. Otherwise (signed out by the reload, offline) look again with the next session.
        if (!signal.aborted && error instanceof KabinetError && error.status === 404) sessionStorage.removeItem(PENDING_STORAGE_KEY);
      });
  }

  async #answer(topUp: TopUp, outcome: 'approve' | 'decline'): Promise<void> {
    await this.#kabinet.client?.topUps.answerTestChallenge(topUp.id, outcome).catch((error: unknown) => this.#explain(error));
    this.#nudge?.();
  }

  /** The challenge page says it is done: check the API now (the message itself is not trusted). */
  #onMessage = (event: MessageEvent) => {
    const url = this.topUp?.nextAction?.url;
    if (!url || event.origin !== new URL(url).origin) return;
    const data = event.data as { type?: unknown; id?: unknown } | null;
    if (data?.type === 'kabinet:3ds' && data.id === this.topUp?.id) this.#nudge?.();
  };

  #another = () => {
    this.topUp = null;
    this.newBalance = null;
    this.message = '';
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#amount')?.focus());
  };

  #explain(error: unknown): void {
    const catalog = this.#kabinet.messages;
    const { code, message } = explain(error, catalog);
    this.message = code === 'unauthenticated' ? catalog.topUp.signInToPay : message;
    const pointer = error instanceof KabinetError ? error.problem?.errors?.[0]?.pointer : undefined;
    if (pointer === '/msisdn') this.errors = { ...this.errors, msisdn: message };
    this.cvc = '';
    if (code === 'unknown' || code === 'internal_error') emit(this, 'kb-error', { code, message, error });
  }
}
