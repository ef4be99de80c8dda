import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  AuthError,
  KabinetError,
  RateLimitedError,
  RefusedError,
  ValidationError,
  formatPhone,
  parsePhone,
  type AccountNumber,
  type Me,
  type Msisdn,
  type OtpChallenge,
} from '@kabinet/client';
import { KabinetController } from '../shared/kabinet-controller.js';
import { ResourceController } from '../shared/resource-controller.js';
import { explain } from '../shared/problem.js';
import { emit } from '../shared/events.js';
import { switcherMessages, type Messages } from './messages.js';
import { formatDate } from '../shared/intl.js';
import { alertIcon, checkIcon, chevronIcon, lockIcon, plusIcon } from '../shared/icons.js';
import styles from './kb-number-switcher.styles.js';

type Mode = 'list' | 'add' | 'added' | 'remove' | 'rename';
type Proof = 'password' | 'code';

/** Refusals about the number itself: explained under the number field. */
const NUMBER_CODES = new Set(['owner_mismatch', 'region_mismatch', 'number_management_required', 'tariff_not_linkable', 'number_blocked', 'already_linked', 'not_found']);
/** Refusals about the password or code: explained under that field. */
const PROOF_CODES = new Set(['password_invalid', 'otp_invalid', 'otp_expired', 'otp_locked', 'rate_limited']);

/**
 * @summary The account's numbers: the active one (formatted, with its label)
 * on a button that opens a list of the others with their state; choosing one
 * switches every widget in the provider. Adds a number (its password or a code
 * by SMS, each refusal explained at its field, then the pending state with its
 * date), renames a linked number (its label, up to 32 characters; empty removes
 * it) and removes one after confirmation. In the open list, the highlighted
 * linked number's "Rename" and "Remove" buttons follow the list (Tab), or F2
 * and Delete act on it directly.
 *
 * The switch goes through the provider's client (`client.store.activeMsisdn`,
 * the one source of truth), so the enclosing `<kb-provider>` fires
 * `kb-number-change` with the new number.
 *
 * @example
 * <kb-provider api-base="https://api.example.ru">
 *   <kb-number-switcher></kb-number-switcher>
 *   <kb-balance-card></kb-balance-card>
 * </kb-provider>
 *
 * @fires kb-error - The numbers could not be loaded; `detail.code`, `detail.message`.
 *
 * @csspart base - The box.
 * @csspart button - Every button.
 * @csspart button-primary - The main button of a step (Add, Done, Remove, Save), also `button`.
 * @csspart trigger - The button with the active number that opens the list.
 * @csspart listbox - The list of numbers.
 * @csspart option - One number in the list.
 * @csspart badge - A number's state (active, pending until, blocked).
 * @csspart form - The add-a-number and rename forms.
 * @csspart input - The form's fields.
 * @csspart label - The fields' labels.
 * @csspart error - Error, refusal and stale-data messages.
 * @csspart skeleton - Loading placeholders.
 *
 * @cssprop --kb-color-accent - The active number's check mark, primary buttons.
 * @cssprop --kb-color-success - Active badges.
 * @cssprop --kb-color-warning - Pending badges, stale data.
 * @cssprop --kb-color-danger - Blocked badges, errors.
 */
export default class KbNumberSwitcher extends LitElement {
  static override styles = styles;

  static override properties = {
    open: { type: Boolean, reflect: true },
    mode: { state: true },
    highlighted: { state: true },
    proof: { state: true },
    challenge: { state: true },
    busy: { state: true },
    errors: { state: true },
    added: { state: true },
    removeTarget: { state: true },
    renameTarget: { state: true },
    announcement: { state: true },
  };

  /** The list of numbers is open. */
  declare open: boolean;
  declare protected mode: Mode;
  declare protected highlighted: number;
  declare protected proof: Proof;
  declare protected challenge: OtpChallenge | undefined;
  declare protected busy: boolean;
  /** Messages by field: `phone`, `proof`, `label`, `form`. */
  declare protected errors: Partial<Record<'phone' | 'proof' | 'label' | 'form', string>>;
  declare protected added: AccountNumber | undefined;
  declare protected removeTarget: Msisdn | undefined;
  /** The linked number being renamed, as it was when renaming began (the field starts from its label). */
  declare protected renameTarget: AccountNumber | undefined;
  declare protected announcement: string;

  readonly #kabinet = new KabinetController(this, switcherMessages);
  readonly #me = new ResourceController<Me>(this);
  #reportedError: unknown;
  #focusAfterRender: string | undefined;

  constructor() {
    super();
    this.open = false;
    this.mode = 'list';
    this.highlighted = 0;
    this.proof = 'password';
    this.challenge = undefined;
    this.busy = false;
    this.errors = {};
    this.added = undefined;
    this.removeTarget = undefined;
    this.renameTarget = undefined;
    this.announcement = '';
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const client = this.#kabinet.client;
    const signedIn = client?.session.status === 'signed-in';
    this.#me.bind(client && signedIn ? client.store.me() : undefined);
    // After sign-in or expiry the store was cleared: watchers see `idle` and ask again.
    if (signedIn && this.#me.state?.status === 'idle') this.#me.load();
    const state = this.#me.state;
    if (state?.status === 'error' && state.error !== this.#reportedError) {
      this.#reportedError = state.error;
      const { code, message } = explain(state.error, this.#kabinet.messages);
      if (code !== 'session_expired') emit(this, 'kb-error', { code, message, error: state.error });
      if (state.data) this.announcement = this.#kabinet.messages.switcher.stale;
    }
    if (!signedIn) {
      this.open = false;
      if (this.mode !== 'list') this.mode = 'list';
    }
  }

  protected override updated(): void {
    const id = this.#focusAfterRender;
    if (id === undefined) return;
    this.#focusAfterRender = undefined;
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  /** The numbers of the account, the active one first in its place. */
  get #numbers(): AccountNumber[] {
    return this.#me.state?.data?.numbers ?? [];
  }

  override render() {
    const t = this.#kabinet.messages;
    const client = this.#kabinet.client;
    const state = this.#me.state;
    let content: TemplateResult;
    if (!client) content = this.#renderMessage(t.noProvider);
    else if (client.session.status !== 'signed-in') content = this.#renderMessage(t.switcher.signedOut);
    else if (state?.data) content = this.#renderReady(state.data, state.status === 'error', t);
    else if (state?.status === 'error' && state.error) content = this.#renderError(state.error, t);
    else content = this.#renderSkeleton(t);
    return html`
      <section part="base" class="base" aria-labelledby="title">
        <h2 class="visually-hidden" id="title">${t.switcher.title}</h2>
        ${content}
      </section>
      <div role="status" class="visually-hidden">${this.announcement}</div>
    `;
  }

  // ---- states --------------------------------------------------------------

  #renderMessage(text: string) {
    return html`<p class="muted">${text}</p>`;
  }

  #renderError(error: unknown, t: Messages) {
    const { message } = explain(error, t);
    return html`
      <p part="error" class="note danger">${alertIcon()}<span>${t.switcher.error} ${message}</span></p>
      <div class="actions"><button part="button" type="button" @click=${() => this.#me.refresh()}>${t.tryAgain}</button></div>
    `;
  }

  #renderSkeleton(t: Messages) {
    return html`
      <div class="trigger skeleton-trigger" aria-hidden="true">
        <span class="who"><span part="skeleton" class="skeleton w-number">&nbsp;</span><span part="skeleton" class="skeleton muted w-label">&nbsp;</span></span>
      </div>
      <p class="visually-hidden">${t.loading}</p>
      ${this.#renderAdd(t, false)}
    `;
  }

  /** The "Add a number" row; while loading it holds its place, disabled. */
  #renderAdd(t: Messages, ready: boolean) {
    return html`<div class="actions">
      <button part="button" class="link" id="add" type="button" aria-disabled=${ready ? 'false' : 'true'} @click=${() => ready && this.#startAdding()}>
        ${plusIcon()}${t.switcher.add}
      </button>
    </div>`;
  }

  #renderReady(me: Me, stale: boolean, t: Messages) {
    const active = this.#kabinet.activeMsisdn ?? (me.primary as Msisdn);
    const current = me.numbers.find((number) => number.msisdn === active);
    const phone = formatPhone(active);
    return html`
      <div class="switch" @focusout=${this.#onFocusOut}>
        <button
          part="button trigger"
          class="trigger"
          id="trigger"
          type="button"
          aria-haspopup="listbox"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="list"
          aria-label=${t.switcher.button(phone)}
          @click=${() => this.#toggle()}
          @keydown=${this.#onTriggerKey}
        >
          <span class="who">
            <span class="number">${phone}</span>
            <span class="muted">${current ? this.#labelOf(current, t) : ''}</span>
          </span>
          ${chevronIcon(this.open)}
        </button>
        ${this.open ? this.#renderList(me, active, t) : nothing}
      </div>
      ${stale ? html`<p part="error" class="note warning">${alertIcon()}<span>${t.switcher.stale}</span></p>` : nothing}
      ${this.mode === 'list' ? this.#renderAdd(t, true) : nothing}
      ${this.mode === 'add' ? this.#renderForm(t) : nothing}
      ${this.mode === 'added' && this.added ? this.#renderAdded(this.added, t) : nothing}
      ${this.mode === 'remove' && this.removeTarget ? this.#renderRemove(this.removeTarget, t) : nothing}
      ${this.mode === 'rename' && this.renameTarget ? this.#renderRename(this.renameTarget, t) : nothing}
    `;
  }

  #labelOf(number: AccountNumber, t: Messages): string {
    return number.label ?? (number.role === 'primary' ? t.switcher.primary : t.switcher.linked);
  }

  #renderList(me: Me, active: Msisdn, t: Messages) {
    const locale = this.#kabinet.locale;
    const highlighted = me.numbers[this.highlighted];
    return html`
      <div class="popup">
        <ul
          part="listbox"
          class="listbox"
          id="list"
          role="listbox"
          tabindex="0"
          aria-label=${t.switcher.listLabel}
          aria-activedescendant=${highlighted ? optionId(highlighted.msisdn) : nothing}
          @keydown=${this.#onListKey}
        >
          ${me.numbers.map((number, index) => {
            const selected = number.msisdn === active;
            const disabled = number.status !== 'active';
            return html`<li
              part="option"
              class="option ${index === this.highlighted ? 'highlighted' : ''}"
              id=${optionId(number.msisdn)}
              role="option"
              aria-selected=${selected ? 'true' : 'false'}
              aria-disabled=${disabled ? 'true' : 'false'}
              @click=${() => this.#choose(index)}
              @pointermove=${() => (this.highlighted = index)}
            >
              <span class="mark">${selected ? checkIcon() : nothing}</span>
              <span class="who">
                <span class="number">${formatPhone(number.msisdn)}</span>
                <span class="muted">${this.#labelOf(number, t)}</span>
              </span>
              ${this.#renderBadge(number, t, locale)}
            </li>`;
          })}
        </ul>
        ${highlighted && highlighted.role === 'linked'
          ? html`<div class="popup-actions">
              <button part="button" class="link" type="button" @click=${() => this.#askRename(highlighted)}>
                ${t.switcher.rename(formatPhone(highlighted.msisdn))}
              </button>
              <button part="button" class="link" type="button" @click=${() => this.#askRemove(highlighted.msisdn)}>
                ${t.switcher.remove(formatPhone(highlighted.msisdn))}
              </button>
            </div>`
          : nothing}
      </div>
    `;
  }

  #renderBadge(number: AccountNumber, t: Messages, locale: 'ru' | 'en') {
    if (number.status === 'pending' && number.activatesAt) {
      return html`<span part="badge" class="badge pending">${t.switcher.pendingUntil(formatDate(number.activatesAt, locale))}</span>`;
    }
    if (number.status === 'blocked') return html`<span part="badge" class="badge blocked">${lockIcon()}${t.switcher.blocked}</span>`;
    return html`<span part="badge" class="badge active">${t.switcher.active}</span>`;
  }

  #renderForm(t: Messages) {
    const s = t.switcher;
    const errors = this.errors;
    const field = (name: 'phone' | 'proof' | 'label') =>
      html`<p part="error" class="error" id="${name}-error" aria-live="polite">${errors[name] ?? ''}</p>`;
    return html`
      <form part="form" class="form" novalidate aria-labelledby="add-title" @submit=${this.#onSubmit}>
        <h3 class="title" id="add-title">${s.addTitle}</h3>
        <p class="muted">${s.addIntro}</p>
        <div class="field">
          <label part="label" for="phone">${s.phoneLabel}</label>
          <input
            part="input"
            id="phone"
            name="phone"
            type="tel"
            inputmode="tel"
            autocomplete="off"
            aria-invalid=${errors.phone ? 'true' : 'false'}
            aria-describedby="phone-error"
            @input=${() => this.#clearError('phone')}
            @blur=${this.#formatPhoneField}
          />
          ${field('phone')}
        </div>
        <fieldset class="proof">
          <legend part="label">${s.proofLabel}</legend>
          <label class="choice"><input type="radio" name="proof" value="password" .checked=${this.proof === 'password'} @change=${() => this.#setProof('password')} />${s.byPassword}</label>
          <label class="choice"><input type="radio" name="proof" value="code" .checked=${this.proof === 'code'} @change=${() => this.#setProof('code')} />${s.byCode}</label>
        </fieldset>
        ${this.proof === 'password'
          ? html`<div class="field">
              <label part="label" for="secret">${s.passwordLabel}</label>
              <input part="input" id="secret" name="password" type="password" autocomplete="off" aria-invalid=${errors.proof ? 'true' : 'false'} aria-describedby="proof-error" @input=${() => this.#clearError('proof')} />
              ${field('proof')}
            </div>`
          : html`<div class="field">
              <div class="actions">
                <button part="button" type="button" id="get-code" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => this.#sendCode()}>${s.getCode}</button>
              </div>
              ${this.challenge ? html`<p class="muted">${s.codeSent(formatPhone(this.challenge.sentTo))}</p>` : nothing}
              <label part="label" for="secret">${s.codeLabel}</label>
              <input part="input" id="secret" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" aria-invalid=${errors.proof ? 'true' : 'false'} aria-describedby="proof-error" @input=${() => this.#clearError('proof')} />
              ${field('proof')}
            </div>`}
        <div class="field">
          <label part="label" for="label">${s.labelLabel}</label>
          <input part="input" id="label" name="label" type="text" maxlength="32" autocomplete="off" aria-invalid=${errors.label ? 'true' : 'false'} aria-describedby="label-hint label-error" @input=${() => this.#clearError('label')} />
          <p class="muted" id="label-hint">${s.labelHint}</p>
          ${field('label')}
        </div>
        ${errors.form ? html`<p part="error" class="note danger" role="alert">${alertIcon()}<span>${errors.form}</span></p>` : nothing}
        <div class="actions">
          <button part="button button-primary" class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? s.submitting : s.submit}</button>
          <button part="button" type="button" @click=${() => this.#backToList('add')}>${s.cancel}</button>
        </div>
      </form>
    `;
  }

  #renderAdded(link: AccountNumber, t: Messages) {
    const date = link.activatesAt ? formatDate(link.activatesAt, this.#kabinet.locale) : '';
    return html`
      <div class="done" role="group" aria-labelledby="added-title">
        <h3 class="title" id="added-title" tabindex="-1">${t.switcher.pendingTitle}</h3>
        <p>${t.switcher.pendingText(formatPhone(link.msisdn), date)}</p>
        <div class="actions">
          <button part="button button-primary" class="primary" type="button" @click=${() => this.#backToList('trigger')}>${t.switcher.done}</button>
        </div>
      </div>
    `;
  }

  #renderRemove(msisdn: Msisdn, t: Messages) {
    const s = t.switcher;
    return html`
      <div class="confirm" role="group" aria-labelledby="remove-text">
        <p id="remove-text">${s.removeConfirm(formatPhone(msisdn))}</p>
        ${this.errors.form ? html`<p part="error" class="note danger" role="alert">${alertIcon()}<span>${this.errors.form}</span></p>` : nothing}
        <div class="actions">
          <button part="button button-primary" class="primary danger" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => this.#remove(msisdn)}>
            ${this.busy ? s.removing : s.removeYes}
          </button>
          <button part="button" type="button" id="remove-cancel" @click=${() => this.#backToList('trigger')}>${s.cancel}</button>
        </div>
      </div>
    `;
  }

  #renderRename(number: AccountNumber, t: Messages) {
    const s = t.switcher;
    const error = this.errors.label;
    return html`
      <form part="form" class="form" novalidate aria-labelledby="rename-title" @submit=${this.#onRename}>
        <h3 class="title" id="rename-title">${s.renameTitle(formatPhone(number.msisdn))}</h3>
        <div class="field">
          <label part="label" for="rename-label">${s.renameLabel}</label>
          <input
            part="input"
            id="rename-label"
            name="label"
            type="text"
            autocomplete="off"
            .value=${number.label ?? ''}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="rename-hint rename-error"
            @input=${() => this.#clearError('label')}
          />
          <p class="muted" id="rename-hint">${s.renameHint}</p>
          <p part="error" class="error" id="rename-error" aria-live="polite">${error ?? ''}</p>
        </div>
        ${this.errors.form ? html`<p part="error" class="note danger" role="alert">${alertIcon()}<span>${this.errors.form}</span></p>` : nothing}
        <div class="actions">
          <button part="button button-primary" class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? s.renameSaving : s.renameSave}</button>
          <button part="button" type="button" id="rename-cancel" @click=${() => this.#backToList('trigger')}>${s.cancel}</button>
        </div>
      </form>
    `;
  }

  // ---- the list ------------------------------------------------------------

  #toggle(open = !this.open): void {
    this.open = open;
    if (open) {
      const active = this.#kabinet.activeMsisdn;
      this.highlighted = Math.max(0, this.#numbers.findIndex((number) => number.msisdn === active));
      this.#focusAfterRender = 'list';
    }
  }

  #close(focusTrigger: boolean): void {
    this.open = false;
    if (focusTrigger) this.#focusAfterRender = 'trigger';
  }

  readonly #onTriggerKey = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.#toggle(true);
      if (event.key === 'ArrowUp') this.highlighted = this.#numbers.length - 1;
    }
  };

  readonly #onListKey = (event: KeyboardEvent): void => {
    const count = this.#numbers.length;
    const move = (index: number) => {
      event.preventDefault();
      this.highlighted = (index + count) % count;
      this.renderRoot.querySelector(`#${optionId(this.#numbers[this.highlighted]!.msisdn)}`)?.scrollIntoView?.({ block: 'nearest' });
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(this.highlighted + 1);
      case 'ArrowUp':
        return move(this.highlighted - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(count - 1);
      case 'Enter':
      case ' ':
        event.preventDefault();
        return this.#choose(this.highlighted);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return this.#close(true);
      case 'F2': {
        const number = this.#numbers[this.highlighted];
        if (number?.role === 'linked') {
          event.preventDefault();
          this.#askRename(number);
        }
        return;
      }
      case 'Delete': {
        const number = this.#numbers[this.highlighted];
        if (number?.role === 'linked') {
          event.preventDefault();
          this.#askRemove(number.msisdn);
        }
        return;
      }
      default:
        return;
    }
  };

  /** Closes the list when focus leaves the button, the list and its actions. */
  readonly #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    const container = event.currentTarget as HTMLElement;
    if (this.open && next !== null && !container.contains(next)) this.open = false;
  };

  #choose(index: number): void {
    const number = this.#numbers[index];
    const client = this.#kabinet.client;
    if (!number || !client) return;
    this.highlighted = index;
    const t = this.#kabinet.messages.switcher;
    if (number.status !== 'active') {
      // Pending and blocked numbers stay in the list with their state, but cannot be shown.
      this.announcement = number.status === 'pending' && number.activatesAt ? t.pendingNotSelectable(formatDate(number.activatesAt, this.#kabinet.locale)) : t.blocked;
      return;
    }
    this.#close(true);
    if (number.msisdn === this.#kabinet.activeMsisdn) return;
    client.store.setActiveMsisdn(number.msisdn as Msisdn);
    this.announcement = t.switched(formatPhone(number.msisdn));
  }

  // ---- adding --------------------------------------------------------------

  #startAdding(): void {
    this.open = false;
    this.mode = 'add';
    this.proof = 'password';
    this.challenge = undefined;
    this.errors = {};
    this.#focusAfterRender = 'phone';
  }

  #backToList(focus: 'add' | 'trigger'): void {
    this.mode = 'list';
    this.errors = {};
    this.busy = false;
    this.removeTarget = undefined;
    this.renameTarget = undefined;
    this.#focusAfterRender = focus;
  }

  #setProof(proof: Proof): void {
    this.proof = proof;
    this.#clearError('proof');
  }

  #clearError(name: 'phone' | 'proof' | 'label'): void {
    if (this.errors[name] || this.errors.form) this.errors = { ...this.errors, [name]: undefined, form: undefined };
  }

  #field(name: string): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${name}`);
  }

  readonly #formatPhoneField = (): void => {
    const input = this.#field('phone');
    const msisdn = input ? parsePhone(input.value) : null;
    if (input && msisdn) input.value = formatPhone(msisdn);
  };

  /** Sends a code to the number being added; when the API asks for a captcha, the provider's hook solves it and the code is asked again. */
  async #sendCode(captchaToken?: string): Promise<void> {
    const client = this.#kabinet.client;
    const phone = this.#field('phone')?.value.trim() ?? '';
    if (!client || this.busy) return;
    if (!phone) return this.#showErrors({ phone: this.#kabinet.messages.switcher.phoneRequired }, 'phone');
    this.busy = true;
    try {
      this.challenge = await client.links.requestCode(phone, captchaToken ? { captchaToken } : {});
      this.errors = {};
      this.announcement = this.#kabinet.messages.switcher.codeSent(formatPhone(this.challenge.sentTo));
      this.#focusAfterRender = 'secret';
    } catch (error) {
      const hook = this.#kabinet.captcha;
      if (!(error instanceof RefusedError && error.code === 'captcha_required' && hook && !captchaToken)) return this.#explainRefusal(error);
      // The person gave up on the captcha: an empty token.
      const token = await hook({ phone: parsePhone(phone) ?? phone }).catch(() => '');
      if (!token) return this.#showErrors({ proof: this.#kabinet.messages.problem.captcha_invalid }, 'get-code');
      this.busy = false;
      await this.#sendCode(token);
    } finally {
      this.busy = false;
    }
  }

  readonly #onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const client = this.#kabinet.client;
    if (!client || this.busy) return;
    const t = this.#kabinet.messages.switcher;
    const phone = this.#field('phone')?.value.trim() ?? '';
    const secret = this.#field('secret')?.value.trim() ?? '';
    const label = this.#field('label')?.value.trim() ?? '';
    if (!phone) return this.#showErrors({ phone: t.phoneRequired }, 'phone');
    if (!secret || (this.proof === 'code' && !this.challenge)) return this.#showErrors({ proof: t.proofRequired }, 'secret');
    const proof = this.proof === 'password' ? { password: secret } : { challengeId: this.challenge!.challengeId, code: secret };
    this.busy = true;
    try {
      this.added = await client.links.add({ phone, ...proof, ...(label ? { label } : {}) });
      this.mode = 'added';
      this.errors = {};
      this.announcement = t.pendingTitle;
      this.#focusAfterRender = 'added-title';
    } catch (error) {
      this.#explainRefusal(error);
    } finally {
      this.busy = false;
    }
  };

  #showErrors(errors: KbSwitcherErrors, focus?: string): void {
    this.errors = errors;
    if (focus) this.#focusAfterRender = focus;
  }

  /** Puts each refusal next to the field it is about. */
  #explainRefusal(error: unknown): void {
    const t = this.#kabinet.messages;
    const code = error instanceof KabinetError ? error.code : 'unknown';
    if (error instanceof ValidationError) {
      const phone = error.fieldError('/phone');
      const label = error.fieldError('/label');
      if (phone || label) {
        const catalog = t.problem as Record<string, string>;
        return this.#showErrors(
          {
            ...(phone ? { phone: phone.code === 'invalid_phone' ? t.phoneInvalid : (catalog[phone.code] ?? t.problem.validation_failed) } : {}),
            ...(label ? { label: t.switcher.labelHint } : {}),
          },
          phone ? 'phone' : 'label',
        );
      }
    }
    if (code === 'number_management_required') {
      const where = (error as KabinetError).problem?.['msisdn'];
      const msisdn = typeof where === 'string' ? parsePhone(where) : null;
      return this.#showErrors({ phone: msisdn ? t.switcher.managementOn(formatPhone(msisdn)) : t.problem.number_management_required }, 'phone');
    }
    if (NUMBER_CODES.has(code)) return this.#showErrors({ phone: explain(error, t).message }, 'phone');
    if (PROOF_CODES.has(code)) {
      const attemptsLeft = error instanceof AuthError ? error.attemptsLeft : undefined;
      const message =
        code === 'otp_invalid' && attemptsLeft !== undefined
          ? t.switcher.attemptsLeft(attemptsLeft)
          : error instanceof RateLimitedError && error.retryAfter
            ? t.switcher.rateLimited(Math.ceil(error.retryAfter / 60))
            : explain(error, t).message;
      return this.#showErrors({ proof: message }, 'secret');
    }
    this.#showErrors({ form: explain(error, t).message });
  }

  // ---- renaming ------------------------------------------------------------

  #askRename(number: AccountNumber): void {
    this.open = false;
    this.mode = 'rename';
    this.renameTarget = number;
    this.errors = {};
    this.#focusAfterRender = 'rename-label';
  }

  /** Saves the label; the API's refusal goes under the field, which keeps what was typed. */
  readonly #onRename = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const client = this.#kabinet.client;
    const target = this.renameTarget;
    if (!client || !target || this.busy) return;
    const typed = this.#field('rename-label')?.value ?? '';
    this.busy = true;
    try {
      // The API trims and checks the label; blank removes it.
      const link = await client.links.rename(target.msisdn as Msisdn, typed.trim() ? typed : null);
      const t = this.#kabinet.messages.switcher;
      const phone = formatPhone(link.msisdn);
      this.announcement = link.label ? t.renamed(phone, link.label) : t.labelRemoved(phone);
      this.#backToList('trigger');
    } catch (error) {
      this.busy = false;
      this.#explainLabelRefusal(error);
    }
  };

  #explainLabelRefusal(error: unknown): void {
    const t = this.#kabinet.messages;
    const field = error instanceof ValidationError ? error.fieldError('/label') : undefined;
    if (!field) return this.#showErrors({ form: explain(error, t).message });
    const label = field.code === 'max_length' ? t.switcher.labelTooLong : field.code === 'regex' ? t.switcher.labelInvalid : t.problem.validation_failed;
    this.#showErrors({ label }, 'rename-label');
  }

  // ---- removing ------------------------------------------------------------

  #askRemove(msisdn: string): void {
    this.open = false;
    this.mode = 'remove';
    this.removeTarget = msisdn as Msisdn;
    this.errors = {};
    this.#focusAfterRender = 'remove-cancel';
  }

  async #remove(msisdn: Msisdn): Promise<void> {
    const client = this.#kabinet.client;
    if (!client || this.busy) return;
    this.busy = true;
    try {
      await client.links.remove(msisdn);
      this.announcement = this.#kabinet.messages.switcher.removed(formatPhone(msisdn));
      this.#backToList('trigger');
    } catch (error) {
      this.busy = false;
      this.errors = { form: explain(error, this.#kabinet.messages).message };
    }
  }
}

type KbSwitcherErrors = Partial<Record<'phone' | 'proof' | 'label' | 'form', string>>;

/** A stable id for a number's option (for aria-activedescendant). */
function optionId(msisdn: string): string {
  return `option-${msisdn.slice(1)}`;
}
