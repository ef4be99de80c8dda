import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  AuthError,
  RateLimitedError,
  RefusedError,
  ValidationError,
  formatPhone,
  parsePhone,
  type Msisdn,
  type OtpChallenge,
} from '@kabinet/client';
import { KabinetController } from '../shared/kabinet-controller.js';
import { loginMessages } from './messages.js';
import { CountdownController, formatCountdown } from '../shared/countdown-controller.js';
import { explain } from '../shared/problem.js';
import { emit } from '../shared/events.js';
import { findSmsCode } from '../shared/sms-code.js';
import { receiveSmsCode } from '../shared/web-otp.js';
import { alertIcon, lockIcon, signOutIcon } from '../shared/icons.js';
import styles from './kb-login.styles.js';

type Busy = 'sending' | 'verifying' | 'signing-out' | 'captcha' | null;
type Focus = 'phone' | 'code' | 'sign-out' | 'new-code' | null;
/** Why the code step cannot take codes any more. */
type Dead = 'locked' | 'expired' | null;

/** Longest resend wait we trust from a clock that is not ours. */
const MAX_RESEND_WAIT_S = 300;

/**
 * @summary Sign-in by phone number and SMS code (captcha when asked, resend
 * timer, three-strikes lock), and the signed-in state with "Sign out".
 *
 * @example
 * <kb-provider api-base="https://api.example.ru">
 *   <kb-login></kb-login>
 * </kb-provider>
 *
 * @fires kb-login - Signed in; `detail.msisdn` is the number.
 * @fires kb-logout - Signed out; `detail.msisdn` is the number that was signed in.
 * @fires kb-error - A failure the widget could not explain as a business rule; `detail.code`, `detail.message`.
 *
 * @csspart base - The card.
 * @csspart title - The heading.
 * @csspart label - Field labels.
 * @csspart input - The phone and code fields.
 * @csspart error - Error and validation messages.
 * @csspart button - Every button.
 * @csspart button-primary - The main button of each step.
 *
 * @cssprop --kb-color-accent - Primary buttons; the text of other buttons.
 * @cssprop --kb-color-danger - Error messages.
 */
export default class KbLogin extends LitElement {
  static override styles = styles;

  static override properties = {
    phoneText: { state: true },
    phoneError: { state: true },
    code: { state: true },
    codeError: { state: true },
    message: { state: true },
    announcement: { state: true },
    challenge: { state: true },
    busy: { state: true },
    dead: { state: true },
  };

  declare protected phoneText: string;
  declare protected phoneError: string;
  declare protected code: string;
  declare protected codeError: string;
  /** A form-level message (rate limit, captcha, network): visible and announced. */
  declare protected message: string;
  /** Results announced to screen readers only (the visible text says it too). */
  declare protected announcement: string;
  declare protected challenge: OtpChallenge | null;
  declare protected busy: Busy;
  declare protected dead: Dead;

  readonly #kabinet = new KabinetController(this, loginMessages);
  readonly #resend = new CountdownController(this);
  /** A rate limit's wait: the buttons that ask for a code stay disabled while it runs. */
  readonly #retry = new CountdownController(this);
  #focus: Focus = null;
  #webOtp: AbortController | undefined;
  #wasSignedIn = false;

  constructor() {
    super();
    this.phoneText = '';
    this.phoneError = '';
    this.code = '';
    this.codeError = '';
    this.message = '';
    this.announcement = '';
    this.challenge = null;
    this.busy = null;
    this.dead = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWebOtp();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const session = this.#kabinet.session;
    const signedIn = session?.status === 'signed-in';
    if (this.#wasSignedIn && !signedIn && session?.status === 'expired') {
      const expired = this.#kabinet.messages.login.sessionExpired;
      this.message = expired;
      // The message's live region is rendered anew with the phone step: the status region, which stays, says it.
      this.announcement = expired;
      // Sign out, which may hold focus, goes away: focus moves on to the field that signs in again.
      if (this.shadowRoot?.activeElement) this.#focus = 'phone';
      if (session.msisdn && !this.phoneText) this.phoneText = formatPhone(session.msisdn);
    }
    if (signedIn && this.challenge) this.#leaveCodeStep();
    this.#wasSignedIn = signedIn;
  }

  protected override updated(): void {
    const focus = this.#focus;
    if (!focus) return;
    this.#focus = null;
    this.renderRoot.querySelector<HTMLElement>(`[data-focus="${focus}"]`)?.focus();
  }

  override render() {
    const t = this.#kabinet.messages.login;
    const session = this.#kabinet.session;
    let body;
    if (!this.#kabinet.client) body = html`<p class="muted">${this.#kabinet.messages.noProvider}</p>`;
    else if (session?.status === 'signed-in') body = this.#renderSignedIn(session.msisdn);
    else if (this.challenge) body = this.#renderCodeStep(this.challenge);
    else body = this.#renderPhoneStep();
    return html`
      <section part="base" class="base" aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
        <h2 part="title" class="title" id="title">${session?.status === 'signed-in' ? t.signedInNumber : t.title}</h2>
        ${body}
        <div role="status" class="visually-hidden">${this.announcement}</div>
      </section>
    `;
  }

  #renderMessage() {
    return html`<p part="error" class="error" id="message" aria-live="polite">${this.message}</p>`;
  }

  /** The rate limit counting down; announced once when it began, not every second. */
  #renderRetry() {
    return this.#retry.running
      ? html`<p class="muted countdown">${this.#kabinet.messages.login.rateLimited(formatCountdown(this.#retry.remaining))}</p>`
      : nothing;
  }

  #renderPhoneStep() {
    const t = this.#kabinet.messages.login;
    const retrying = this.#retry.running;
    return html`
      <form novalidate @submit=${this.#onPhoneSubmit}>
        <div class="row">
          <div class="field">
            <label part="label" for="phone">${t.phoneLabel}</label>
            <input
              part="input"
              id="phone"
              data-focus="phone"
              name="phone"
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              spellcheck="false"
              .value=${live(this.phoneText)}
              aria-invalid=${this.phoneError ? 'true' : 'false'}
              aria-describedby="phone-hint phone-error message"
              @input=${(event: InputEvent) => (this.phoneText = (event.target as HTMLInputElement).value)}
              @blur=${this.#onPhoneBlur}
            />
          </div>
          <button
            part="button button-primary"
            class="primary"
            type="submit"
            aria-disabled=${this.busy || retrying ? 'true' : 'false'}
          >
            ${this.busy === 'sending' ? t.sending : t.getCode}
          </button>
        </div>
        <p class="muted" id="phone-hint">${t.phoneHint}</p>
        <p part="error" class="error" id="phone-error" aria-live="polite">${this.phoneError}</p>
        ${this.#renderMessage()}
        ${this.#renderRetry()}
        ${this.busy === 'captcha' ? html`<p class="notice">${t.captchaChecking}</p>` : nothing}
      </form>
    `;
  }

  #renderCodeStep(challenge: OtpChallenge) {
    const t = this.#kabinet.messages.login;
    const sent = html`<p class="sent">
      ${t.sentTo(formatPhone(challenge.sentTo), challenge.sender)}
    </p>`;
    const changeNumber = html`<button part="button" class="link" type="button" @click=${this.#changeNumber}>
      ${t.changeNumber}
    </button>`;
    if (this.dead) {
      return html`
        ${sent}
        <p part="error" class="error notice" id="code-error" aria-live="polite">
          ${this.dead === 'locked' ? lockIcon() : alertIcon()}
          <span>${this.dead === 'locked' ? t.locked : this.#kabinet.messages.problem.otp_expired}</span>
        </p>
        ${this.#renderMessage()}
        <div class="actions">
          <button
            part="button button-primary"
            class="primary"
            type="button"
            data-focus="new-code"
            aria-disabled=${this.busy || this.#retry.running ? 'true' : 'false'}
            @click=${() => this.#requestCode()}
          >
            ${this.busy === 'sending' ? t.sending : t.getNewCode}
          </button>
          ${changeNumber}
        </div>
        ${this.#renderRetry()}
      `;
    }
    return html`
      <form novalidate @submit=${this.#onCodeSubmit}>
        ${sent}
        <div class="row">
          <div class="field">
            <label part="label" for="code">${t.codeLabel}</label>
            <input
              part="input"
              id="code"
              data-focus="code"
              name="code"
              type="text"
              inputmode="numeric"
              autocomplete="one-time-code"
              spellcheck="false"
              .value=${live(this.code)}
              aria-invalid=${this.codeError ? 'true' : 'false'}
              aria-describedby="code-error message"
              @input=${this.#onCodeInput}
              @paste=${this.#onCodePaste}
            />
          </div>
          <button part="button button-primary" class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${this.busy === 'verifying' ? t.checking : t.signIn}
          </button>
        </div>
        <p part="error" class="error" id="code-error" aria-live="polite">${this.codeError}</p>
        ${this.#renderMessage()}
        <div class="actions">
          ${this.#resend.running
            ? html`<p class="muted countdown">${t.resendIn(formatCountdown(this.#resend.remaining))}</p>`
            : html`<button
                part="button"
                type="button"
                aria-disabled=${this.busy || this.#retry.running ? 'true' : 'false'}
                @click=${() => this.#requestCode()}
              >
                ${t.resend}
              </button>`}
          ${changeNumber}
        </div>
        ${this.#renderRetry()}
      </form>
    `;
  }

  #renderSignedIn(msisdn: Msisdn | null) {
    const t = this.#kabinet.messages.login;
    return html`
      <div class="signed-in">
        <p class="who">
          <span class="number">${msisdn ? formatPhone(msisdn) : ''}</span>
        </p>
        <button
          part="button"
          type="button"
          data-focus="sign-out"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${this.#signOut}
        >
          ${signOutIcon()} ${t.signOut}
        </button>
      </div>
      ${this.#renderMessage()}
    `;
  }

  // ---- phone step ----------------------------------------------------------

  #onPhoneBlur = () => {
    if (!this.phoneText.trim()) return;
    const msisdn = parsePhone(this.phoneText);
    if (msisdn) {
      this.phoneText = formatPhone(msisdn);
      this.phoneError = '';
    } else {
      this.phoneError = this.#kabinet.messages.phoneInvalid;
    }
  };

  #onPhoneSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.#requestCode();
  };

  async #requestCode(captchaToken?: string): Promise<void> {
    const client = this.#kabinet.client;
    if (!client || (this.busy && this.busy !== 'captcha') || this.#retry.running) return;
    const t = this.#kabinet.messages.login;
    const msisdn = parsePhone(this.phoneText);
    if (!msisdn) {
      this.phoneError = this.#kabinet.messages.phoneInvalid;
      this.#focus = 'phone';
      return;
    }
    this.phoneText = formatPhone(msisdn);
    this.phoneError = '';
    this.message = '';
    this.busy = 'sending';
    try {
      const challenge = await client.auth.requestCode(msisdn, captchaToken ? { captchaToken } : {});
      this.busy = null;
      this.#enterCodeStep(challenge);
    } catch (error) {
      this.busy = null;
      if (error instanceof RefusedError && error.code === 'captcha_required' && !captchaToken) {
        await this.#solveCaptcha(msisdn);
      } else if (error instanceof RateLimitedError) {
        const wait = error.retryAfter ?? 60;
        this.#retry.start(wait);
        // Shown by the countdown; said once.
        this.announcement = t.rateLimited(formatCountdown(wait));
      } else if (error instanceof ValidationError) {
        this.phoneError = this.#kabinet.messages.phoneInvalid;
        this.#focus = this.challenge ? null : 'phone';
      } else {
        this.#fail(error);
      }
    }
  }

  async #solveCaptcha(msisdn: Msisdn): Promise<void> {
    const t = this.#kabinet.messages.login;
    const hook = this.#kabinet.captcha;
    if (!hook) {
      this.message = t.captchaUnavailable;
      return;
    }
    this.busy = 'captcha';
    let token: string;
    try {
      token = await hook({ phone: msisdn });
    } catch {
      this.busy = null;
      this.message = t.captchaCancelled;
      return;
    }
    await this.#requestCode(token);
  }

  #enterCodeStep(challenge: OtpChallenge): void {
    const t = this.#kabinet.messages.login;
    this.challenge = challenge;
    this.code = '';
    this.codeError = '';
    this.dead = null;
    this.message = '';
    const wait = (Date.parse(challenge.resendAfter) - Date.now()) / 1000;
    this.#resend.start(Math.min(MAX_RESEND_WAIT_S, Math.max(0, wait)));
    this.announcement = t.sentTo(formatPhone(challenge.sentTo), challenge.sender);
    this.#focus = 'code';
    this.#startWebOtp();
  }

  #leaveCodeStep(): void {
    this.#stopWebOtp();
    this.#resend.stop();
    this.challenge = null;
    this.code = '';
    this.codeError = '';
    this.dead = null;
  }

  #changeNumber = () => {
    this.#leaveCodeStep();
    this.message = '';
    this.announcement = '';
    this.#focus = 'phone';
  };

  // ---- code step -----------------------------------------------------------

  #onCodeInput = (event: InputEvent) => {
    const value = (event.target as HTMLInputElement).value;
    const length = this.challenge?.codeLength ?? 6;
    // Autofill or drop of the whole SMS text: keep only the code.
    this.code = value.length > length ? (findSmsCode(value, length) ?? value) : value;
    if (this.codeError) this.codeError = '';
  };

  #onCodePaste = (event: ClipboardEvent) => {
    const text = event.clipboardData?.getData('text') ?? '';
    const found = findSmsCode(text, this.challenge?.codeLength ?? 6);
    if (!found) return;
    event.preventDefault();
    this.code = found;
    void this.#verify();
  };

  #onCodeSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.#verify();
  };

  async #verify(): Promise<void> {
    const client = this.#kabinet.client;
    const challenge = this.challenge;
    if (!client || !challenge || this.busy) return;
    const t = this.#kabinet.messages.login;
    const code = findSmsCode(this.code, challenge.codeLength);
    if (!code) {
      this.codeError = t.codeInvalid(challenge.codeLength);
      this.#focus = 'code';
      return;
    }
    this.code = code;
    this.codeError = '';
    this.message = '';
    this.busy = 'verifying';
    try {
      const session = await client.auth.verifyCode(challenge.challengeId, code);
      this.busy = null;
      this.#leaveCodeStep();
      this.announcement = t.signedIn;
      this.#focus = 'sign-out';
      emit(this, 'kb-login', { msisdn: session.msisdn as Msisdn });
    } catch (error) {
      this.busy = null;
      if (error instanceof RefusedError && error.code === 'otp_locked') {
        this.#stopWebOtp();
        this.dead = 'locked';
        this.#focus = 'new-code';
      } else if (error instanceof AuthError && error.code === 'otp_expired') {
        this.#stopWebOtp();
        this.dead = 'expired';
        this.#focus = 'new-code';
      } else if (error instanceof AuthError) {
        this.codeError =
          error.attemptsLeft !== undefined ? t.attemptsLeft(error.attemptsLeft) : this.#kabinet.messages.problem.otp_invalid;
        this.#focus = 'code';
      } else if (error instanceof RateLimitedError) {
        const wait = error.retryAfter ?? 60;
        this.message = t.rateLimited(formatCountdown(wait));
      } else {
        this.#fail(error);
      }
    }
  }

  #startWebOtp(): void {
    this.#stopWebOtp();
    const controller = new AbortController();
    this.#webOtp = controller;
    void receiveSmsCode(controller.signal).then((code) => {
      if (!code || controller.signal.aborted || !this.challenge) return;
      this.code = code;
      void this.#verify();
    });
  }

  #stopWebOtp(): void {
    this.#webOtp?.abort();
    this.#webOtp = undefined;
  }

  // ---- signed in -----------------------------------------------------------

  #signOut = async () => {
    const client = this.#kabinet.client;
    if (!client || this.busy) return;
    const msisdn = client.session.msisdn;
    this.busy = 'signing-out';
    this.message = '';
    try {
      await client.auth.signOut();
    } catch {
      // The client forgets the token whatever the server said; the person is signed out here.
    }
    this.busy = null;
    this.phoneText = msisdn ? formatPhone(msisdn) : this.phoneText;
    this.announcement = this.#kabinet.messages.login.signedOut;
    this.#focus = 'phone';
    emit(this, 'kb-logout', { msisdn });
    this.requestUpdate();
  };

  #fail(error: unknown): void {
    const { code, message } = explain(error, this.#kabinet.messages);
    this.message = message;
    emit(this, 'kb-error', { code, message, error });
  }
}
