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
type Field = 'msisdn' | 'amount' | 'from' | 'card' | 'expiry' | 'cvc';

/** The field each pointer of `POST /v1/card-tokens` and `POST /v1/top-ups` names. */
const FIELD_AT: Record<string, Field> = {
  '/msisdn': 'msisdn',
  '/amount/amount': 'amount',
  '/source/msisdn': 'from',
  '/source/token': 'card',
  '/number': 'card',
  '/expMonth': 'expiry',
  '/expYear': 'expiry',
  '/cvc': 'cvc',
};

/** The card itself was refused: its CVC is asked again (a new card token is made from it). */
const CARD_FAILURES = ['card_declined', 'authentication_failed'];

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
    challengeHidden: { state: true },
    announcement: { state: true },
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
  /** The person closed the 3-D Secure dialog: the payment stays pending, shown with a way back to the bank's page. */
  declare protected challengeHidden: boolean;
  /** The last result, in the one live region that is always there (a new region already holding text is often not read). */
  declare protected announcement: string;

  readonly #kabinet = new KabinetController(this, topUpMessages);
  /** The account's numbers (the "another of my numbers" source), signed in only. */
  readonly #me = new ResourceController<Me>(this);
  /** The account's recent top-ups: the numbers to choose from and the one to repeat. */
  readonly #recent = new ResourceController<TopUp[]>(this);
  /** Set synchronously on submit: a double click cannot start a second payment. */
  #submitting = false;
  /** The person has paid from this form: its results may take focus (a pending payment found after a reload does not). */
  #engaged = false;
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
    this.challengeHidden = false;
    this.announcement = '';
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
    const open = this.topUp?.status === 'requires_action' && !this.challengeHidden;
    if (dialog && open && !dialog.open) dialog.showModal();
    if (dialog && !open && dialog.open) dialog.close();
  }

  override render() {
    const t = this.#kabinet.messages.topUp;
    const client = this.#kabinet.client;
    const topUp = this.topUp;
    const settled = topUp?.status === 'succeeded';
    let body;
    if (!client) body = html`<p class="muted">${this.#kabinet.messages.noProvider}</p>`;
    else if (settled) body = this.#renderReceipt(topUp);
    else if (topUp?.status === 'processing' || (topUp?.status === 'requires_action' && this.challengeHidden)) body = this.#renderPending(topUp);
    else body = this.#renderForm();
    return html`
      <section part="base" class="base" aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
        <h2 part="title" class="title" id="title" tabindex="-1">${settled ? t.succeededTitle : this.heading || t.title}</h2>
        ${body}
        <p part="error" class="error" role="alert">${this.message}</p>
        <div role="status" class="visually-hidden">${this.announcement}</div>
        ${this.#renderChallenge()}
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
    const money = this.#money;
    const error = this.#error;
    const invalid = this.#invalid;
    const total = amount && fee ? { amount: amount.amount + fee.amount, currency: 'RUB' as const } : null;
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
          <dt class="total">${t.total}</dt><dd class="total" part="amount">${total ? formatMoney(total, locale) : '—'}</dd>
        </dl>
        <button part="button button-primary" class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}
          aria-describedby=${mustSignIn ? 'sign-in-notice' : nothing}>
          ${this.busy ? t.paying : t.pay(total ? money(total.amount) : '')}
        </button>
      </form>
    `;
  }

  /** Whole rubles, for the limits and the button: `15 000 ₽`. */
  #money = (kopecks: number) => formatMoney({ amount: kopecks, currency: 'RUB' }, this.#kabinet.locale, { whole: true });
  #invalid = (field: Field) => (this.errors[field] ? 'true' : 'false');
  #error = (field: Field) => html`<p part="error" class="error" id="${field}-error">${this.errors[field] ?? ''}</p>`;

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
    const { numbers, from } = this.#from();
    return html`
      <div class="field">
        <label part="label" for="from">${t.fromNumberLabel}</label>
        <select part="input" id="from" aria-invalid=${this.#invalid('from')} aria-describedby="from-error"
          @change=${(event: Event) => (this.fromMsisdn = (event.target as HTMLSelectElement).value)}>
          ${numbers.map((number) => html`<option .value=${number.msisdn} .selected=${number.msisdn === from}>${formatPhone(number.msisdn)}${number.label ? ` · ${number.label}` : ''}</option>`)}
        </select>
        ${this.#error('from')}
      </div>
    `;
  }

  #renderCard() {
    const t = this.#kabinet.messages.topUp;
    const brand = cardBrand(this.cardText);
    const invalid = this.#invalid;
    const error = this.#error;
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

  /** A payment whose outcome is not known yet; in 3-D Secure, the way back to the bank's page. */
  #renderPending(topUp: TopUp) {
    const t = this.#kabinet.messages.topUp;
    const challenge = topUp.status === 'requires_action';
    return html`
      <div class="notice" id="pending" tabindex="-1">
        <p><strong>${t.pendingTitle}</strong></p>
        <p>${t.pendingText}</p>
        <p>${t.reference}: <span class="reference">${topUp.reference}</span></p>
      </div>
      ${challenge || this.message
        ? html`<div class="actions">
            ${challenge ? html`<button part="button button-primary" class="primary" type="button" @click=${() => (this.challengeHidden = false)}>${t.challengeTitle}</button>` : nothing}
            ${this.#renderCheck()}
          </div>`
        : nothing}
    `;
  }

  /** "Refresh" once a status check failed (or the bank's answer could not be sent): looks at the payment again. */
  #renderCheck() {
    return this.message ? html`<button part="button" type="button" @click=${this.#check}>${this.#kabinet.messages.refresh}</button>` : nothing;
  }

  #renderReceipt(topUp: TopUp) {
    const t = this.#kabinet.messages.topUp;
    const locale = this.#kabinet.locale;
    return html`
      <dl class="summary">
        <dt>${t.receiptNumber}</dt><dd>${formatPhone(topUp.msisdn)}</dd>
        <dt>${t.amount}</dt><dd part="amount">${formatMoney(topUp.amount, locale)}</dd>
        <dt>${t.fee}</dt><dd>${formatMoney(topUp.fee, locale)}</dd>
        ${this.newBalance ? html`<dt>${t.newBalance}</dt><dd class="new-balance">${formatMoney(this.newBalance, locale)}</dd>` : nothing}
        <dt>${t.reference}</dt><dd class="reference">${topUp.reference}</dd>
      </dl>
      <button part="button button-primary" class="primary" type="button" @click=${this.#another}>${t.another}</button>
    `;
  }

  #renderChallenge() {
    const t = this.#kabinet.messages.topUp;
    const topUp = this.topUp?.status === 'requires_action' ? this.topUp : null;
    const url = topUp?.nextAction?.url;
    // Closing (Escape, "Close") leaves the payment pending, never abandoned: the bank's page can be opened again.
    return html`
      <dialog part="dialog" aria-labelledby="challenge-title" aria-describedby="challenge-text" @close=${this.#dismiss}>
        <h3 id="challenge-title">${t.challengeTitle}</h3>
        <p id="challenge-text">${t.challengeText}</p>
        ${url ? html`<iframe title=${t.challengeFrame} src=${url}></iframe>` : nothing}
        <p part="error" class="error" role="alert">${this.message}</p>
        <div class="actions">
          ${topUp && !url
            ? html`<button part="button button-primary" class="primary" type="button" @click=${() => this.#answer(topUp, 'approve')}>${t.approve}</button>
                <button part="button" type="button" @click=${() => this.#answer(topUp, 'decline')}>${t.decline}</button>`
            : nothing}
          ${this.#renderCheck()}
          <button part="button" type="button" @click=${this.#dismiss}>${t.close}</button>
        </div>
      </dialog>
    `;
  }

  // ---- intents ----------------------------------------------------------------

  #amount(): Money | null {
    const value = Number(this.amountText.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(value) && value > 0 ? rub(value) : null;
  }

  /** The own numbers money can come from (active, not the one topped up), and the one taken: the chosen while offered, else the first; '' when none is. */
  #from(): { numbers: Me['numbers']; from: string } {
    const target = parsePhone(this.phoneText);
    const numbers = (this.#me.state?.data?.numbers ?? []).filter((number) => number.status === 'active' && number.msisdn !== target);
    return { numbers, from: numbers.some((number) => number.msisdn === this.fromMsisdn) ? this.fromMsisdn : (numbers[0]?.msisdn ?? '') };
  }

  /** What each field says when it is refused; `reason` is the API's field code. */
  #fieldTexts(reason = ''): Record<Field, string> {
    const t = this.#kabinet.messages.topUp;
    const money = this.#money;
    return {
      msisdn: t.numberInvalid,
      amount: reason === 'whole_points' ? t.bonusWhole : t.amountInvalid(money(TOP_UP_LIMITS.minAmount), money(TOP_UP_LIMITS.maxAmount)),
      from: t.fromInvalid,
      card: reason.startsWith('token_') ? t.cardAgain : t.cardInvalid,
      expiry: t.expiryInvalid,
      cvc: t.cvcInvalid,
    };
  }

  #validate(): { msisdn: Msisdn; amount: Money; source: TopUpPayment } | null {
    const text = this.#fieldTexts();
    const errors: Partial<Record<Field, string>> = {};
    const msisdn = parsePhone(this.phoneText);
    if (!msisdn) errors.msisdn = text.msisdn;
    const amount = this.#amount();
    if (!amount || amount.amount < TOP_UP_LIMITS.minAmount || amount.amount > TOP_UP_LIMITS.maxAmount) errors.amount = text.amount;
    else if (this.source === 'bonus' && amount.amount % BONUS_POINT_VALUE !== 0) errors.amount = this.#kabinet.messages.topUp.bonusWhole;
    let source: TopUpPayment = { type: 'bonus' };
    if (this.source === 'card') {
      const expiry = parseExpiry(this.expiryText);
      if (!isValidCardNumber(this.cardText)) errors.card = text.card;
      if (!expiry || isExpired(expiry.month, expiry.year, new Date())) errors.expiry = text.expiry;
      if (!/^\d{3,4}$/.test(this.cvc)) errors.cvc = text.cvc;
      if (expiry) source = { type: 'card', card: { number: this.cardText, expMonth: expiry.month, expYear: expiry.year, cvc: this.cvc } };
    } else if (this.source === 'number') {
      const { from } = this.#from();
      if (!from) errors.from = text.from;
      source = { type: 'number', msisdn: from };
    }
    this.errors = errors;
    if (Object.keys(errors).length > 0 || !msisdn || !amount) {
      this.#focus('[aria-invalid="true"]');
      return null;
    }
    return { msisdn, amount, source };
  }

  /** Moves focus to `selector` once rendered, unless the person has moved on elsewhere on the page. */
  #focus(selector: string): void {
    void this.updateComplete.then(() => {
      const active = (this.getRootNode() as Document | ShadowRoot).activeElement;
      if (active === this || (this.#engaged && (!active || active === document.body))) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
    });
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
    const { type, msisdn } = topUp.source;
    this.phoneText = formatPhone(topUp.msisdn);
    this.amountText = String(topUp.amount.amount / 100);
    this.source = type;
    if (type === 'number' && msisdn) this.fromMsisdn = msisdn;
    this.errors = {};
    this.message = '';
    // A card is typed again; an own number no longer offered is chosen again, never silently another.
    if (type === 'card' || (type === 'number' && this.#from().from !== msisdn)) this.#focus(type === 'card' ? '#card' : '#from');
    else void this.#pay();
  }

  async #pay(): Promise<void> {
    const client = this.#kabinet.client;
    if (!client || this.#submitting) return;
    this.#engaged = true;
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
    this.announcement = '';
    this.challengeHidden = false;
    // The same intent (and key) is sent again while the last attempt's outcome is unknown: paid at most once.
    const intent = (this.#intent ??= client.topUps.intent());
    try {
      const topUp = await intent.submit(order);
      this.#intent = null;
      // Sent: waiting for the outcome is not busy (an aria-busy region may hold back its announcements).
      this.busy = false;
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
    this.topUp = topUp;
    if (topUp.status !== 'processing' && topUp.status !== 'requires_action') return this.#settle(topUp);
    sessionStorage.setItem(PENDING_STORAGE_KEY, topUp.id);
    emit(this, 'kb-top-up', { topUp });
    // 3-D Secure takes focus into its dialog; a slow payment is shown (and said) in place of the form.
    if (topUp.status === 'processing') this.#showPending();
    await this.#watch(topUp);
  }

  /** Polls the pending payment until it settles; a failed check is shown, with "Refresh" to look again. */
  async #watch(topUp: TopUp): Promise<void> {
    const client = this.#kabinet.client;
    if (!client) return;
    this.#waiting?.abort();
    const waiting = (this.#waiting = new AbortController());
    this.message = '';
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
    await this.#settle(topUp);
  }

  /** Looks at the payment now: wakes the waiting checks, or starts them again after one failed. */
  #check = () => {
    if (this.#waiting) this.#nudge?.();
    else if (this.topUp) void this.#watch(this.topUp);
  };

  #showPending(): void {
    this.announcement = this.#kabinet.messages.topUp.pendingTitle;
    this.#focus('#pending');
  }

  /** Closes the 3-D Secure dialog without abandoning the payment: it stays pending and is still checked. */
  #dismiss = () => {
    if (this.topUp?.status !== 'requires_action' || this.challengeHidden) return;
    this.challengeHidden = true;
    this.#showPending();
  };

  async #settle(topUp: TopUp): Promise<void> {
    const client = this.#kabinet.client;
    const t = this.#kabinet.messages.topUp;
    sessionStorage.removeItem(PENDING_STORAGE_KEY);
    emit(this, 'kb-top-up', { topUp });
    if (topUp.status === 'failed') {
      this.topUp = null;
      // Only a refused card needs its CVC again; a limit or a short balance does not.
      if (CARD_FAILURES.includes(topUp.failureCode ?? '')) this.cvc = '';
      this.message = t.failed[topUp.failureCode ?? ''] ?? this.#kabinet.messages.problem.unknown;
      this.#focus('[type="submit"]');
      return;
    }
    this.cardText = '';
    this.expiryText = '';
    this.cvc = '';
    this.newBalance = null;
    this.topUp = topUp;
    this.announcement = t.succeededTitle;
    this.#focus('#title');
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
    await this.#kabinet.client?.topUps.answerTestChallenge(topUp.id, outcome).then(this.#check, (error: unknown) => this.#explain(error));
  }

  /** The challenge page says it is done: check the API now (the message itself is not trusted). */
  #onMessage = (event: MessageEvent) => {
    const url = this.topUp?.nextAction?.url;
    if (!url || event.origin !== new URL(url).origin) return;
    const data = event.data as { type?: unknown; id?: unknown } | null;
    if (data?.type === 'kabinet:3ds' && data.id === this.topUp?.id) this.#check();
  };

  #another = () => {
    this.topUp = null;
    this.newBalance = null;
    this.message = '';
    this.announcement = '';
    this.#focus('#amount');
  };

  #explain(error: unknown): void {
    const catalog = this.#kabinet.messages;
    const { code, message } = explain(error, catalog);
    this.message = code === 'unauthenticated' ? catalog.topUp.signInToPay : message;
    // Each refused field says why beside it: the API's own explanation of a code (not_a_subscriber), else the field's.
    const explained: Partial<Record<string, string>> = catalog.problem;
    const errors: Partial<Record<Field, string>> = {};
    for (const { pointer, code: reason } of (error instanceof KabinetError && error.problem?.errors) || []) {
      const field = FIELD_AT[pointer];
      if (field) errors[field] ??= explained[reason] ?? this.#fieldTexts(reason)[field];
    }
    if (code === 'payments_barred') errors.msisdn = message;
    if (Object.keys(errors).length > 0) {
      this.errors = { ...this.errors, ...errors };
      this.#focus('[aria-invalid="true"]');
    }
    // Only the card's own refusals need its CVC again (a new card token); a phone or limit refusal keeps it.
    if (errors.card || errors.expiry || errors.cvc) this.cvc = '';
    if (code === 'unknown' || code === 'internal_error') emit(this, 'kb-error', { code, message, error });
  }
}
