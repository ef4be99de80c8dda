/**
 * "Sandbox SMS": shows the latest SMS the sandbox sent to a number, so a
 * designer can sign in with the demo number and read the code. Story chrome
 * only, not part of @kabinet/widgets.
 */
import { LitElement, css, html } from 'lit';
import { formatPhone } from '@kabinet/client';
import type { SandboxSms } from './kabinet-world.js';
import { BASE_URL } from './kabinet-world.js';

export class KbSandboxSms extends LitElement {
  static override properties = {
    to: { type: String },
    fetch: { attribute: false },
    latest: { state: true },
  };

  declare to: string;
  declare fetch: ((request: Request) => Promise<Response>) | undefined;
  declare protected latest: SandboxSms | null;
  #timer: ReturnType<typeof setInterval> | undefined;

  static override styles = css`
    :host {
      display: block;
      margin-top: 16px;
      max-width: 720px;
      font: 13px/1.4 system-ui, sans-serif;
      color: #1b1c1f;
    }
    .panel {
      border: 1px dashed #8a8f98;
      border-radius: 8px;
      padding: 8px 12px;
      background: #fffbea;
    }
    h2 {
      margin: 0 0 4px;
      font-size: 12px;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: #5b5f67;
    }
    p {
      margin: 0;
      white-space: pre-wrap;
    }
    code {
      font-size: 15px;
      font-weight: 700;
    }
  `;

  constructor() {
    super();
    this.to = '+79161234567';
    this.latest = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#poll();
    this.#timer = setInterval(() => void this.#poll(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  async #poll(): Promise<void> {
    if (!this.fetch) return;
    try {
      const response = await this.fetch(new Request(`${BASE_URL}/sandbox/sms?to=${encodeURIComponent(this.to)}`));
      const list = response.ok ? ((await response.json()) as SandboxSms[]) : [];
      const next = list[0] ?? null;
      if (next?.sentAt !== this.latest?.sentAt || next?.text !== this.latest?.text) this.latest = next;
    } catch {
      /* the panel is a convenience; the story goes on without it */
    }
  }

  override render() {
    const sms = this.latest;
    return html`<section class="panel" aria-label="Sandbox SMS">
      <h2>Sandbox SMS to ${formatPhone(this.to)}</h2>
      ${sms
        ? html`<p>From ${sms.from} at ${new Date(sms.sentAt).toLocaleTimeString()}${sms.code ? html` — code <code>${sms.code}</code>` : ''}</p>
            <p>${sms.text}</p>`
        : html`<p>No SMS yet. Demo number: +7 916 123-45-67.</p>`}
    </section>`;
  }
}

if (!customElements.get('kb-sandbox-sms')) customElements.define('kb-sandbox-sms', KbSandboxSms);

declare global {
  interface HTMLElementTagNameMap {
    'kb-sandbox-sms': KbSandboxSms;
  }
}
